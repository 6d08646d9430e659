/** `node scripts/run-ts.js <file>`: the short-lived commands run without V8's optimizing compiler. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const RUN_TS = path.resolve(__dirname, '../../scripts/run-ts.js');

// V8's own view of a hot function asked to be optimized (%GetOptimizationStatus bit 64: TurboFan code).
const PROBE = `
function add(a, b) { return a + b; }
%PrepareFunctionForOptimization(add);
add(1, 2);
%OptimizeFunctionOnNextCall(add);
add(3, 4);
console.log((%GetOptimizationStatus(add) & 64) !== 0 ? 'turbofan' : 'not optimized');
`;

describe('run-ts', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-ts-'));
  const probe = path.join(dir, 'probe.js');
  fs.writeFileSync(probe, PROBE);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const run = (...nodeFlags: string[]) =>
    spawnSync(process.execPath, ['--allow-natives-syntax', ...nodeFlags, RUN_TS, probe], { encoding: 'utf8' }).stdout.trim();

  test('turns TurboFan off for the command it runs', () => {
    expect(run()).toBe('not optimized');
  });

  test('node --turbofan keeps it on', () => {
    expect(run('--turbofan')).toBe('turbofan');
  });
});
