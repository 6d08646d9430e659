/**
 * `npm run bench [-- --runs N]`: measures the offline run, the main job on a fresh machine.
 *
 * Reports wall time (min and median over N runs in one process, after a warm-up), the resources
 * registered, and memory (heap after the runs, peak resident set). Speed is measured here, never
 * asserted in tests: numbers vary between machines.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { runOffline } from '../stacks/offline';

const ROOT = path.resolve(__dirname, '..');
const MIB = 1024 * 1024;

function argRuns(): number {
  const i = process.argv.indexOf('--runs');
  const runs = i >= 0 ? Number(process.argv[i + 1]) : 3;
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`--runs must be a positive integer, got '${process.argv[i + 1]}'`);
  }
  return runs;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  const runs = argRuns();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const times: number[] = [];
  let resources = 0;
  let files = 0;
  // The first run pays for loading the SDKs (about half a second for @pulumi/pulumi alone).
  const coldStart = performance.now();
  await runOffline({ projectDir: ROOT, outDir: path.join(work, 'warm') });
  const cold = performance.now() - coldStart;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = await runOffline({ projectDir: ROOT, outDir: path.join(work, `run-${i}`) });
    times.push(performance.now() - start);
    resources = Object.values(result.plan.stacks).reduce((n, s) => n + s.resources.length, 0);
    files = result.files.length;
  }
  const memory = process.memoryUsage();
  const rows: Array<[string, string]> = [
    ['offline run, first (includes SDK load)', `${cold.toFixed(0)} ms`],
    [`offline run, min of ${runs}`, `${Math.min(...times).toFixed(0)} ms`],
    [`offline run, median of ${runs}`, `${median(times).toFixed(0)} ms`],
    ['resources registered per run', String(resources)],
    ['time per resource (median)', `${(median(times) / resources).toFixed(1)} ms`],
    ['files written per run', String(files)],
    ['heap used after the runs', `${(memory.heapUsed / MIB).toFixed(0)} MiB`],
    ['peak resident set', `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`node ${process.version}, ${os.cpus().length} cores\n`);
  for (const [k, v] of rows) {
    console.log(`${k.padEnd(width)}  ${v}`);
  }
  fs.rmSync(work, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
