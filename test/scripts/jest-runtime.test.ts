/** jest's module runtime that compiles each module once per worker (scripts/jest-runtime.js). */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const RUNTIME = path.join(ROOT, 'scripts/jest-runtime.js');
const JEST = path.join(ROOT, 'node_modules/jest/bin/jest.js');
/** The runtime's STATS_ENV (not imported: that would load jest-runtime into this test's registry). */
const STATS_ENV = 'ALIYUN_KUBESPHERE_JEST_SCRIPT_STATS';

/**
 * Two test files that load the same module: each must get it afresh, run in its own context, with
 * the file's own lines and columns in its stack traces (the first line included).
 */
const SHARED = [
  "exports.firstLine = () => new Error('first').stack;",
  'let loads = 0;',
  'loads += 1;',
  'exports.loads = () => loads;',
  'exports.globalOf = () => globalThis;',
  'exports.thisIsExports = this === module.exports;',
  'exports.injected = [path.basename(__filename), __dirname, typeof require.resolve, typeof jest];',
  "exports.lastLine = () => new Error('last').stack;",
];
/** `file:line:column` of the `new Error` on a line of SHARED (1-based). */
const at = (line: number): string => `shared.js:${line}:${SHARED[line - 1].indexOf('new Error') + 1}`;
const TEST_FILE = `
const path = require('path');
const shared = require('./shared');
test('the shared module runs afresh in this file', () => {
  expect(globalThis.seenBy).toBeUndefined();
  globalThis.seenBy = __filename;
  expect(shared.loads()).toBe(1);
  expect(shared.globalOf()).toBe(globalThis);
  expect(shared.thisIsExports).toBe(true);
  expect(shared.injected).toEqual(['shared.js', __dirname, 'function', 'object']);
  expect(shared.firstLine()).toContain(path.join(__dirname, '${at(1)}'));
  expect(shared.lastLine()).toContain(path.join(__dirname, '${at(SHARED.length)}'));
});
test('a module that may load an ES module at run time gets the loader jest gives it', async () => {
  await expect(require('./dynamic').load()).rejects.toThrow('A dynamic import callback was invoked without --experimental-vm-modules');
});`;
const FIXTURE: Record<string, string> = {
  'shared.js': SHARED.join('\n').replace('path.basename', "require('path').basename"),
  // May import() at run time: jest compiles it, with its own loader for import() (which, without
  // --experimental-vm-modules, says so; a vm script without a loader would fail with another message).
  'dynamic.js': "exports.load = () => import('./nowhere.mjs');",
  'a-first.test.js': TEST_FILE,
  'b-second.test.js': TEST_FILE,
  // By name, so the file that compiles runs first.
  'sequencer.js': `const Sequencer = require(${JSON.stringify(require.resolve('@jest/test-sequencer'))}).default;
module.exports = class extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => a.path.localeCompare(b.path));
  }
};`,
};

interface FileStats {
  readonly testPath: string;
  readonly compiled: number;
  readonly reused: number;
  readonly jest: number;
}

describe('jest-runtime', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jest-runtime-'));
    for (const [name, text] of Object.entries(FIXTURE)) {
      fs.writeFileSync(path.join(dir, name), text);
    }
    const config = {
      rootDir: dir,
      runtime: RUNTIME,
      testEnvironment: 'node',
      testSequencer: path.join(dir, 'sequencer.js'),
      transform: {},
      cacheDirectory: path.join(dir, '.cache'),
    };
    fs.writeFileSync(path.join(dir, 'jest.config.json'), JSON.stringify(config));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function runJest(name: string, args: string[]): { stats: FileStats[]; stderr: string; status: number | null } {
    const statsFile = path.join(dir, `${name}.jsonl`);
    const r = spawnSync(process.execPath, [JEST, '-c', path.join(dir, 'jest.config.json'), '--runInBand', ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, [STATS_ENV]: statsFile },
    });
    const stats = fs.existsSync(statsFile)
      ? fs
          .readFileSync(statsFile, 'utf8')
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as FileStats)
      : [];
    return { stats, stderr: r.stderr, status: r.status };
  }

  test('a later test file runs the scripts the first one compiled, and each module still runs afresh in each file', () => {
    const run = runJest('plain', []);
    expect(run.status === 0 ? 'passed' : run.stderr).toBe('passed');
    const [first, second] = run.stats;
    expect(path.basename(first.testPath)).toBe('a-first.test.js');
    expect(path.basename(second.testPath)).toBe('b-second.test.js');
    // The second compiles only itself; dynamic.js (and any of jest's own modules that may import()) stay jest's.
    expect(first.compiled).toBeGreaterThan(2);
    expect(first.reused).toBe(0);
    expect(first.jest).toBeGreaterThan(0);
    expect(second).toEqual({ testPath: second.testPath, compiled: 1, reused: first.compiled - 1, jest: first.jest });
  });

  test('a run that collects coverage keeps jest’s own compile (shared scripts would add up V8’s counters)', () => {
    const run = runJest('coverage', ['--coverage', '--coverageProvider=v8', `--coverageDirectory=${path.join(dir, 'coverage')}`]);
    expect(run.status === 0 ? 'passed' : run.stderr).toBe('passed');
    expect(run.stats.map((s) => [path.basename(s.testPath), s.compiled, s.reused, s.jest])).toEqual([
      ['a-first.test.js', 0, 0, 0],
      ['b-second.test.js', 0, 0, 0],
    ]);
  });
});
