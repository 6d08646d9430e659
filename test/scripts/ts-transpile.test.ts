/** The cached transpiler behind `npm run synth`, cdk8s.yaml's app and `pulumi preview` (scripts/ts-transpile.js). */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// A plain CommonJS script, required as the scripts require it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { transpile, transpileCached } = require('../../scripts/ts-transpile') as {
  transpile: (source: string, fileName: string) => string;
  transpileCached: (source: string, fileName: string, options?: { cacheDir?: string }) => { code: string; hit: boolean };
};

const ROOT = path.resolve(__dirname, '../..');
const SOURCE = 'export const answer: number = 42;\nexport function twice(x: number): number {\n  return x * 2;\n}\n';
const FILE = '/project/constructs/answer.ts';

function cacheEntries(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

describe('transpileCached', () => {
  let cacheDir: string;
  beforeEach(() => {
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ts-cache-'));
  });
  afterEach(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

  test('a miss transpiles and stores one entry; the next call is a hit with the same code', () => {
    const first = transpileCached(SOURCE, FILE, { cacheDir });
    expect(first.hit).toBe(false);
    expect(first.code).toBe(transpile(SOURCE, FILE));
    expect(first.code).toContain('exports.answer = 42;');
    expect(cacheEntries(cacheDir)).toHaveLength(1);
    const second = transpileCached(SOURCE, FILE, { cacheDir });
    expect(second).toEqual({ code: first.code, hit: true });
  });

  test.each([
    ['the source changes', SOURCE.replace('42', '43'), FILE],
    ['the same source lives at another path (the inline source map names it)', SOURCE, '/project/constructs/other.ts'],
  ])('a miss when %s', (_what, source, fileName) => {
    transpileCached(SOURCE, FILE, { cacheDir });
    const changed = transpileCached(source, fileName, { cacheDir });
    expect(changed.hit).toBe(false);
    expect(changed.code).toBe(transpile(source, fileName));
    expect(cacheEntries(cacheDir)).toHaveLength(2);
  });

  test.each([
    ['truncated', (text: string) => text.slice(0, text.length - 10)],
    ['edited', (text: string) => text.replace('exports.answer = 42;', 'exports.answer = 0;')],
    ['emptied', () => ''],
    ['without its hash line', (text: string) => text.slice(text.indexOf('\n') + 1)],
  ])('a corrupt entry (%s) is ignored, never run, and rewritten', (_what, corrupt) => {
    transpileCached(SOURCE, FILE, { cacheDir });
    const [entry] = cacheEntries(cacheDir);
    fs.writeFileSync(entry, corrupt(fs.readFileSync(entry, 'utf8')));
    const again = transpileCached(SOURCE, FILE, { cacheDir });
    expect(again).toEqual({ code: transpile(SOURCE, FILE), hit: false });
    expect(transpileCached(SOURCE, FILE, { cacheDir }).hit).toBe(true);
  });

  test('a cache folder that cannot be written is no error: the code is still returned', () => {
    const notADir = path.join(cacheDir, 'a-file');
    fs.writeFileSync(notADir, '');
    expect(transpileCached(SOURCE, FILE, { cacheDir: notADir })).toEqual({ code: transpile(SOURCE, FILE), hit: false });
    expect(transpileCached(SOURCE, FILE, { cacheDir: notADir }).hit).toBe(false);
  });

  test('a hit does not load the TypeScript compiler', () => {
    // Warmed in this process, read in a fresh one, as `npm run synth` is (whose probe is shown to see a load below).
    const fresh = freshProcess();
    expect(fresh.stderr).toBe('');
    expect(fresh.warmed).toBe(false);
    expect(fresh.hit).toEqual({ hit: true, loaded: false });
  });
});

const TYPESCRIPT_MODULE = JSON.stringify(path.join('typescript', 'lib', 'typescript.js'));

interface FreshProcess {
  readonly stderr: string;
  /** Whether warming the cache here hit (it must not). */
  readonly warmed: boolean;
  /** The fresh process's read of that cache: whether it hit, whether TypeScript was loaded after it. */
  readonly hit: unknown;
  /** Then jest's transform there: a cache key, TypeScript loaded before and after transpiling. */
  readonly transform: unknown;
}

let fresh: FreshProcess | undefined;

/**
 * One fresh Node process for both checks that TypeScript is not loaded (loading it is most of such a
 * process's time): the cached transpiler reads a cache warmed here, then jest's transform computes a
 * key and transpiles, which must load it (so the probe sees a load).
 */
function freshProcess(): FreshProcess {
  if (fresh !== undefined) {
    return fresh;
  }
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ts-cache-'));
  try {
    const warmed = transpileCached(SOURCE, FILE, { cacheDir }).hit;
    const script = `
      const loaded = () => Object.keys(require.cache).some((m) => m.endsWith(${TYPESCRIPT_MODULE}));
      const { transpileCached } = require(${JSON.stringify(path.join(ROOT, 'scripts/ts-transpile.js'))});
      const r = transpileCached(${JSON.stringify(SOURCE)}, ${JSON.stringify(FILE)}, { cacheDir: ${JSON.stringify(cacheDir)} });
      const hit = { hit: r.hit, loaded: loaded() };
      const transform = require(${JSON.stringify(path.join(ROOT, 'scripts/jest-transform.js'))});
      const key = transform.getCacheKey(${JSON.stringify(SOURCE)}, ${JSON.stringify(FILE)}, {});
      const before = loaded();
      const code = transform.process(${JSON.stringify(SOURCE)}, ${JSON.stringify(FILE)}).code;
      console.log(JSON.stringify({ hit, transform: { key: /^[0-9a-f]{64}$/.test(key), before, after: loaded(), code: code.includes('exports.answer = 42;') } }));`;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    fresh = { stderr: run.stderr, warmed, ...(JSON.parse(run.stdout) as { hit: unknown; transform: unknown }) };
    return fresh;
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
}

describe("jest's transform (scripts/jest-transform.js)", () => {
  test('loads TypeScript only to transpile, not to compute a cache key: in jest and each worker, a warm cache never loads it', () => {
    const fresh = freshProcess();
    expect(fresh.stderr).toBe('');
    expect(fresh.transform).toEqual({ key: true, before: false, after: true, code: true });
  });
});
