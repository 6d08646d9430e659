/**
 * `examples/small-platform` works from a fresh clone with the commands of its own README: every
 * `npm run` there is a script of the package.json of the folder it runs in, the package comes from this
 * checkout as a packed copy (not a link), and the example pins the SDK versions this repository tests
 * with. Building and running the example itself is `test/package/pack.test.ts`.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLE = path.join(ROOT, 'examples', 'small-platform');

interface Manifest {
  readonly name: string;
  readonly scripts?: Record<string, string>;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
}

function manifest(dir: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
}

/** The commands of the README's sh block under `heading`, each with the folder it runs in. */
export function commandsUnder(readme: string, heading: string, start: string): Array<{ dir: string; command: string }> {
  const section = readme.split(/^## /m).find((s) => s.startsWith(`${heading}\n`));
  if (section === undefined) throw new Error(`no section "## ${heading}"`);
  const block = /```sh\n([\s\S]*?)```/.exec(section);
  if (block === null) throw new Error(`no sh block under "## ${heading}"`);
  let dir = start;
  const out: Array<{ dir: string; command: string }> = [];
  for (const raw of block[1].split('\n')) {
    for (const part of raw
      .replace(/#.*$/, '')
      .split('&&')
      .map((p) => p.trim())
      .filter((p) => p !== '')) {
      const cd = /^cd (\S+)$/.exec(part);
      if (cd) dir = path.resolve(dir, cd[1]);
      else out.push({ dir, command: part });
    }
  }
  return out;
}

describe('commandsUnder', () => {
  test('follows cd and splits chains, dropping comments', () => {
    const readme = '## A\n```sh\ngit clone x repo && cd repo\nnpm ci   # deps\ncd sub\nnpm run build\n```\n## B\n';
    expect(commandsUnder(readme, 'A', '/w')).toEqual([
      { dir: '/w', command: 'git clone x repo' },
      { dir: '/w/repo', command: 'npm ci' },
      { dir: '/w/repo/sub', command: 'npm run build' },
    ]);
  });
});

describe('examples/small-platform', () => {
  const readme = fs.readFileSync(path.join(EXAMPLE, 'README.md'), 'utf8');
  const example = manifest(EXAMPLE);
  const root = manifest(ROOT);

  test('its README walks from a clone to the offline run, with scripts that exist where they run', () => {
    // The clone lands in `aliyun-kubesphere`: that folder is this checkout.
    const steps = commandsUnder(readme, 'From a fresh clone', path.dirname(ROOT)).map((s) => ({
      dir: path.relative(path.dirname(ROOT), s.dir).replace(/^aliyun-kubesphere/, '.'),
      command: s.command,
    }));
    expect(steps.slice(1)).toEqual([
      { dir: '.', command: 'npm ci' },
      { dir: '.', command: 'npm run build:package' },
      { dir: './examples/small-platform', command: 'npm install' },
      { dir: './examples/small-platform', command: 'npm run build' },
      { dir: './examples/small-platform', command: 'npm run synth' },
    ]);
    const missing = steps.flatMap(({ dir, command }) => {
      const script = /^npm run (\S+)/.exec(command)?.[1];
      const scripts = manifest(path.join(ROOT, dir)).scripts ?? {};
      return script === undefined || script in scripts ? [] : [`${dir}: npm run ${script}`];
    });
    expect(missing).toEqual([]);
  });

  test('depends on this checkout, installed as a packed copy rather than a link', () => {
    expect(example.dependencies?.[root.name]).toBe('file:../..');
    expect(manifest(path.resolve(EXAMPLE, '../..')).name).toBe('aliyun-kubesphere');
    const npmrc = fs.readFileSync(path.join(EXAMPLE, '.npmrc'), 'utf8');
    expect(npmrc.split('\n').filter((l) => !l.startsWith('#') && l.trim() !== '')).toEqual(['install-links=true']);
  });

  test("pins the package's peer dependencies at the versions this repository tests with", () => {
    const peers = Object.keys(root.peerDependencies ?? {}).sort();
    expect(Object.fromEntries(peers.map((p) => [p, example.dependencies?.[p]]))).toEqual(
      Object.fromEntries(peers.map((p) => [p, root.devDependencies?.[p]])),
    );
  });
});
