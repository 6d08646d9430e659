/**
 * `npm run diff`: exit codes and streams. Once in a child process, as `npm run diff` runs it (the
 * command's wiring); the other cases call its main in this process.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { diffOfflineOutputs } from '../../../../constructs/offline/diff';
import { main } from '../../../../infra/diff';
import { callMain } from '../../../helpers/cli';

const REPO = path.resolve(__dirname, '../../../..');
const FIXTURES = path.relative(REPO, path.join(__dirname, 'fixtures'));
const BASE = path.join(FIXTURES, 'base');
const HEAD = path.join(FIXTURES, 'head');

function runChild(...args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/run-ts.js', 'infra/diff.ts', ...args], { cwd: REPO, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function run(...args: string[]) {
  return callMain(main, args, { cwd: REPO });
}

describe('npm run diff', () => {
  test('prints the Markdown and exits 0 when there are changes (a child process, as npm run diff runs it)', () => {
    const r = runChild(BASE, HEAD);
    expect(r).toEqual({ status: 0, stdout: diffOfflineOutputs(path.join(REPO, BASE), path.join(REPO, HEAD)), stderr: '' });
    expect(r.stdout).toContain('  - `instanceType`: `ecs.g7.xlarge` → `ecs.g7.2xlarge`');
  });

  test('exits 0 with the no-changes line when the folders match', async () => {
    expect(await run(BASE, BASE)).toEqual({ status: 0, stdout: '## Offline plan diff\n\nNo changes.\n', stderr: '' });
  });

  test.each<[string, string[], RegExp]>([
    ['no arguments', [], /expected 2 folders, got 0/],
    ['one argument', [BASE], /expected 2 folders, got 1/],
    ['three arguments', [BASE, HEAD, HEAD], /expected 2 folders, got 3/],
    ['an unknown option', ['--json', BASE, HEAD], /unknown option --json/],
  ])('usage error (%s) exits 2 with the usage on stderr', async (_name, args, message) => {
    const r = await run(...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('usage: npm run diff -- BASE_DIR HEAD_DIR');
  });

  test('--help prints the usage and exits 0', async () => {
    expect(await run('--help')).toMatchObject({ status: 0, stderr: '' });
  });

  describe('unreadable input exits 2 naming the folder or file', () => {
    let tmp: string;
    beforeAll(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'offline-diff-'));
    });
    afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

    test('missing folder', async () => {
      const missing = path.join(tmp, 'missing');
      const r = await run(BASE, missing);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`diff: ${missing}: is not a directory (expected an offline-run output folder such as dist/)\n`);
    });

    test('folder without plan.json', async () => {
      const empty = path.join(tmp, 'empty');
      fs.mkdirSync(empty);
      const r = await run(empty, HEAD);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(
        `diff: ${path.join(empty, 'plan.json')}: not found (is this an offline-run output folder? see npm run synth)\n`,
      );
    });

    test('malformed plan.json lists every problem with file and key', async () => {
      const bad = path.join(tmp, 'bad-plan');
      fs.mkdirSync(bad);
      const plan = {
        stacks: {
          prod: {
            resources: [
              { type: '', name: 'a' },
              { type: 't', name: 'b', protect: 'yes' },
              { type: 't', name: 'c' },
              { type: 't', name: 'c' },
            ],
          },
        },
      };
      fs.writeFileSync(path.join(bad, 'plan.json'), JSON.stringify(plan));
      const r = await run(bad, HEAD);
      const file = path.join(bad, 'plan.json');
      expect(r.status).toBe(2);
      expect(r.stderr.split('\n')).toEqual([
        `diff: Invalid plan file ${file} (3 problems):`,
        `  - ${file}: stacks.prod.resources[0].type: "" must be a Pulumi type token`,
        `  - ${file}: stacks.prod.resources[1].protect: "yes" must be a boolean`,
        `  - ${file}: stacks.prod.resources[3]: "t::c" duplicates resources[2]: (type, name) must be unique`,
        '',
      ]);
    });

    test('invalid YAML names the manifest file', async () => {
      const bad = path.join(tmp, 'bad-yaml');
      fs.mkdirSync(path.join(bad, 'k8s', 'prod'), { recursive: true });
      fs.copyFileSync(path.join(REPO, BASE, 'plan.json'), path.join(bad, 'plan.json'));
      fs.writeFileSync(path.join(bad, 'k8s', 'prod', 'app.yaml'), 'kind: [unclosed\n');
      const r = await run(BASE, bad);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`diff: ${path.join(bad, 'k8s', 'prod', 'app.yaml')}: not valid YAML`);
    });
  });
});
