/** The V8 code cache of every CommonJS module a run loads (scripts/compile-cache.js). */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const HOOK = path.resolve(__dirname, '../../scripts/compile-cache.js');

/** A module that uses everything Node.js hands a CommonJS module, a dynamic import() included. */
const FIXTURE = {
  'main.js': `
    const helper = require('./helper');
    const esm = require('./load-esm');
    const thisIsExports = this === exports && exports === module.exports;
    module.exports = async () => ({
      sum: helper.add(2, 3),
      file: require('path').basename(__filename),
      dir: __dirname === require('path').dirname(__filename),
      resolved: require('path').basename(require.resolve('./helper')),
      cached: require.cache[require.resolve('./helper')] !== undefined,
      thisIsExports,
      esm: await esm.answer(),
    });`,
  'helper.js': 'exports.add = (a, b) => a + b;',
  // Imports dynamically: left to Node.js's own compile (a vm script would need an experimental loader).
  'load-esm.js': "exports.answer = async () => (await import('./esm.mjs')).answer;",
  'esm.mjs': 'export const answer = 42;',
};

const EXPECTED = { sum: 5, file: 'main.js', dir: true, resolved: 'helper.js', cached: true, thisIsExports: true, esm: 42 };

function run(
  fixture: string,
  cacheDir: string,
  env: NodeJS.ProcessEnv = {},
  flags: readonly string[] = [],
): { stats: { mode: string; hits: number; misses: number; rejected: number; skipped: number }; result: unknown } {
  const script = `
    const stats = require(${JSON.stringify(HOOK)}).enableCompileCache({ cacheDir: ${JSON.stringify(cacheDir)} });
    require(${JSON.stringify(path.join(fixture, 'main.js'))})().then((result) => console.log(JSON.stringify({ stats, result })));`;
  const r = spawnSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8', env: { ...process.env, ...env } });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as ReturnType<typeof run>;
}

describe('enableCompileCache', () => {
  let dir: string;
  let fixture: string;
  let cacheDir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compile-cache-'));
    fixture = path.join(dir, 'fixture');
    cacheDir = path.join(dir, 'cache');
    fs.mkdirSync(fixture);
    for (const [name, text] of Object.entries(FIXTURE)) {
      fs.writeFileSync(path.join(fixture, name), text);
    }
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the first run compiles and stores; the next one loads the compiled code; modules behave the same', () => {
    const first = run(fixture, cacheDir);
    expect(first.result).toEqual(EXPECTED);
    const second = run(fixture, cacheDir);
    expect(second.result).toEqual(EXPECTED);
    expect(fs.readdirSync(cacheDir).length).toBeGreaterThan(0);
    if (first.stats.mode === 'own') {
      // Node.js 20: this module's cache (Node.js 22 brings its own, which counts nothing here).
      expect(first.stats).toEqual({ mode: 'own', hits: 0, misses: 2, rejected: 0, skipped: 1 });
      expect(second.stats).toEqual({ mode: 'own', hits: 2, misses: 0, rejected: 0, skipped: 1 });
    } else {
      expect(first.stats.mode).toBe('node');
    }
  });

  test('a damaged entry is rejected by V8, the module compiled as usual and the entry rewritten', () => {
    const first = run(fixture, cacheDir);
    if (first.stats.mode !== 'own') {
      return;
    }
    const entries = fs.readdirSync(cacheDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(entries).toHaveLength(2);
    for (const e of entries) {
      fs.writeFileSync(path.join(e.parentPath, e.name), Buffer.from('not V8 code cache data'));
    }
    const damaged = run(fixture, cacheDir);
    expect(damaged).toEqual({ stats: { mode: 'own', hits: 0, misses: 0, rejected: 2, skipped: 1 }, result: EXPECTED });
    expect(run(fixture, cacheDir).stats).toEqual({ mode: 'own', hits: 2, misses: 0, rejected: 0, skipped: 1 });
  });

  test('a changed module is compiled anew, never run from the old entry', () => {
    run(fixture, cacheDir);
    fs.writeFileSync(path.join(fixture, 'helper.js'), 'exports.add = (a, b) => a * b;');
    const changed = run(fixture, cacheDir);
    expect(changed.result).toEqual({ ...EXPECTED, sum: 6 });
    if (changed.stats.mode === 'own') {
      expect(changed.stats).toEqual({ mode: 'own', hits: 1, misses: 1, rejected: 0, skipped: 1 });
    }
  });

  test('a process started with other V8 flags keeps entries of its own: neither rejects the other', () => {
    const first = run(fixture, cacheDir);
    if (first.stats.mode !== 'own') {
      return;
    }
    const flagged = run(fixture, cacheDir, {}, ['--max-semi-space-size=32']);
    expect(flagged).toEqual({ stats: { mode: 'own', hits: 0, misses: 2, rejected: 0, skipped: 1 }, result: EXPECTED });
    expect(run(fixture, cacheDir, {}, ['--max-semi-space-size=32']).stats).toEqual({
      mode: 'own',
      hits: 2,
      misses: 0,
      rejected: 0,
      skipped: 1,
    });
    expect(run(fixture, cacheDir).stats).toEqual({ mode: 'own', hits: 2, misses: 0, rejected: 0, skipped: 1 });
  });

  test("NODE_DISABLE_COMPILE_CACHE=1 (Node.js's own switch) turns it off", () => {
    const off = run(fixture, cacheDir, { NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(off).toEqual({ stats: { mode: 'off', hits: 0, misses: 0, rejected: 0, skipped: 0 }, result: EXPECTED });
    expect(fs.existsSync(cacheDir)).toBe(false);
  });
});
