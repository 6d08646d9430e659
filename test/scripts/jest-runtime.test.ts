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
/** A TypeScript module whose types the transform removes: its stack positions hold only through the source map. */
const TYPED = [
  'interface Unused {',
  '  a: string;',
  '  b: number;',
  '}',
  'export type Alias = Unused;',
  "export const where = (): string => new Error('typed').stack ?? '';",
];
const TYPED_AT = `typed.ts:${TYPED.length}:${TYPED[TYPED.length - 1].indexOf('new Error') + 1}`;
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
test('a transformed module reports its own lines, through its source map', () => {
  expect(require('./typed').where()).toContain(path.join(__dirname, '${TYPED_AT}'));
});
test('a module that may load an ES module at run time gets the loader jest gives it', async () => {
  await expect(require('./dynamic').load()).rejects.toThrow('A dynamic import callback was invoked without --experimental-vm-modules');
});`;
const FIXTURE: Record<string, string> = {
  'shared.js': SHARED.join('\n').replace('path.basename', "require('path').basename"),
  // May import() at run time: jest compiles it, with its own loader for import() (which, without
  // --experimental-vm-modules, says so; a vm script without a loader would fail with another message).
  'typed.ts': TYPED.join('\n'),
  'dynamic.js': "exports.load = () => import('./nowhere.mjs');",
  'a-first.test.js': TEST_FILE,
  'b-second.test.js': TEST_FILE,
  // A storage this file enables, left where the next file can find it (a core module is the worker's own).
  'c-storage.test.js': `
const asyncHooks = require('async_hooks');
test('enables a storage', () => {
  const storage = new asyncHooks.AsyncLocalStorage();
  storage.run({ file: 'c' }, () => expect(storage.getStore()).toEqual({ file: 'c' }));
  asyncHooks.storageOfAnEarlierFile = storage;
});`,
  'd-storage.test.js': `
test("an earlier file's storage no longer takes part in each new promise", async () => {
  const earlier = require('async_hooks').storageOfAnEarlierFile;
  let calls = 0;
  // Node.js calls this on every enabled storage for each new async resource, a promise included.
  earlier._propagate = () => calls++;
  await new Promise((resolve) => setTimeout(resolve, 1));
  await Promise.all([1, 2, 3].map(async (n) => n));
  expect(calls).toBe(0);
});`,
  // Run with --allow-natives-syntax (below), to ask V8 how it compiled a function.
  'e-turbofan.test.js': `
// V8's OptimizationStatus bits (src/runtime/runtime-test.cc): kIsFunction, kTurboFanned.
const IS_FUNCTION = 1;
const TURBOFANNED = 64;
test('V8 compiles nothing with TurboFan, even when asked to', () => {
  const add = (a, b) => a + b;
  new Function('f', '%PrepareFunctionForOptimization(f)')(add);
  add(1, 2);
  add(3, 4);
  new Function('f', '%OptimizeFunctionOnNextCall(f)')(add);
  add(5, 6);
  const status = new Function('f', 'return %GetOptimizationStatus(f)')(add);
  expect([status & IS_FUNCTION, status & TURBOFANNED]).toEqual([IS_FUNCTION, 0]);
});`,
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
      // The project's own TypeScript transform (inline source maps).
      transform: { '\\.ts$': path.join(ROOT, 'scripts/jest-transform.js') },
      moduleFileExtensions: ['js', 'ts'],
      cacheDirectory: path.join(dir, '.cache'),
    };
    fs.writeFileSync(path.join(dir, 'jest.config.json'), JSON.stringify(config));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  interface JestRun {
    /** Per fixture test file, in run order: the runtime's counts. */
    readonly stats: FileStats[];
    /** Per fixture test file: 'passed', or jest's failure message. */
    readonly results: Record<string, string>;
  }

  function runJest(name: string, args: string[]): JestRun {
    const statsFile = path.join(dir, `${name}.jsonl`);
    const resultsFile = path.join(dir, `${name}.json`);
    const r = spawnSync(
      process.execPath,
      [
        '--allow-natives-syntax',
        JEST,
        '-c',
        path.join(dir, 'jest.config.json'),
        '--runInBand',
        '--json',
        `--outputFile=${resultsFile}`,
        ...args,
      ],
      { cwd: dir, encoding: 'utf8', env: { ...process.env, [STATS_ENV]: statsFile } },
    );
    if (!fs.existsSync(resultsFile)) {
      throw new Error(`jest wrote no results (exit ${r.status}):\n${r.stderr}`);
    }
    const json = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as {
      testResults: Array<{ name: string; status: string; message: string }>;
    };
    const results = Object.fromEntries(json.testResults.map((t) => [path.basename(t.name), t.status === 'passed' ? 'passed' : t.message]));
    const stats = fs
      .readFileSync(statsFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as FileStats);
    return { stats, results };
  }

  let plain: JestRun;
  beforeAll(() => {
    plain = runJest('plain', []);
  });

  test('a later test file runs the scripts the first one compiled; each module still runs afresh in each file, at its own lines', () => {
    expect(plain.results).toMatchObject({ 'a-first.test.js': 'passed', 'b-second.test.js': 'passed' });
    const [first, second] = plain.stats;
    expect(plain.stats.map((s) => path.basename(s.testPath))).toEqual([
      'a-first.test.js',
      'b-second.test.js',
      'c-storage.test.js',
      'd-storage.test.js',
      'e-turbofan.test.js',
    ]);
    // The second compiles only itself; dynamic.js (and any of jest's own modules that may import()) stay jest's.
    expect(first.compiled).toBeGreaterThan(2);
    expect(first.reused).toBe(0);
    expect(first.jest).toBeGreaterThan(0);
    expect(second).toEqual({ testPath: second.testPath, compiled: 1, reused: first.compiled - 1, jest: first.jest });
  });

  test("a finished test file's AsyncLocalStorage is switched off: it costs the next files nothing per promise", () => {
    expect(plain.results).toMatchObject({ 'c-storage.test.js': 'passed', 'd-storage.test.js': 'passed' });
  });

  test('the worker runs without TurboFan', () => {
    expect(plain.results).toMatchObject({ 'e-turbofan.test.js': 'passed' });
  });

  test('a run that collects coverage keeps jest’s own compile (shared scripts would add up V8’s counters)', () => {
    const run = runJest('coverage', ['--coverage', '--coverageProvider=v8', `--coverageDirectory=${path.join(dir, 'coverage')}`]);
    expect(Object.values(run.results)).toEqual(['passed', 'passed', 'passed', 'passed', 'passed']);
    expect(run.stats.map((s) => [path.basename(s.testPath), s.compiled, s.reused, s.jest])).toEqual([
      ['a-first.test.js', 0, 0, 0],
      ['b-second.test.js', 0, 0, 0],
      ['c-storage.test.js', 0, 0, 0],
      ['d-storage.test.js', 0, 0, 0],
      ['e-turbofan.test.js', 0, 0, 0],
    ]);
  });
});
