/**
 * One offline run of the shipped stacks for a whole `npm test`, shared by every suite that reads it.
 *
 * It is a real `npm run synth` (a child process, as a user runs it), started by the first suite that
 * asks, into the folder jest's globalSetup made (test/helpers/global-setup.ts); a suite that asks while
 * it runs, in the other worker, waits for it. Each suite used to run its own: six runs became one.
 * The output folder is shared: suites only read it.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Plan } from '../../constructs/core/plan';

/** Set by globalSetup to the folder of the shared run; every worker inherits it. */
export const SHARED_RUN_ENV = 'ALIYUN_KUBESPHERE_TEST_SHARED_RUN';
/** For `beforeAll`: one run on a busy 2-core machine, plus the wait for it in the other worker. */
export const SHIPPED_RUN_TIMEOUT_MS = 240_000;

const ROOT = path.resolve(__dirname, '../..');
const RESULT = 'run.json';
const LOCK = 'started';
const POLL_MS = 200;

/** What the run printed and wrote. */
export interface ShippedRun {
  /** The output folder (`--out`): read it, never write to it. */
  readonly outDir: string;
  /** The exit code of `npm run synth`. */
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

let mine: Promise<ShippedRun> | undefined;

/** The shared run of the shipped stacks (whatever its exit code). */
export function shippedRun(): Promise<ShippedRun> {
  mine ??= obtain(sharedFolder());
  return mine;
}

/** The output folder of the shared run; fails with the run's stderr when it did not succeed. */
export async function shippedOutput(): Promise<string> {
  const run = await shippedRun();
  if (run.status !== 0) {
    throw new Error(`npm run synth of the shipped stacks exited ${run.status}:\n${run.stderr}`);
  }
  return run.outDir;
}

/** `plan.json` of the shared run. */
export async function shippedPlan(): Promise<Plan> {
  return JSON.parse(fs.readFileSync(path.join(await shippedOutput(), 'plan.json'), 'utf8')) as Plan;
}

function sharedFolder(): string {
  const fromSetup = process.env[SHARED_RUN_ENV];
  if (fromSetup !== undefined && fs.existsSync(fromSetup)) {
    return fromSetup;
  }
  // Without globalSetup (another jest config): a folder for this process alone.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipped-run-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function obtain(dir: string): Promise<ShippedRun> {
  const result = path.join(dir, RESULT);
  try {
    // Atomic: exactly one process gets to make the folder, and runs the synth.
    fs.mkdirSync(path.join(dir, LOCK));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return waitFor(result);
  }
  const outDir = path.join(dir, 'dist');
  const run = spawnSync(process.execPath, ['scripts/run-ts.js', 'infra/synth.ts', '--out', outDir], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, PULUMI_CONFIG_PASSPHRASE: '' },
  });
  const shipped: ShippedRun = { outDir, status: run.status, stdout: run.stdout, stderr: run.error ? String(run.error) : run.stderr };
  // Written whole, then renamed: a waiting process never reads half a file.
  fs.writeFileSync(`${result}.tmp`, JSON.stringify(shipped));
  fs.renameSync(`${result}.tmp`, result);
  return shipped;
}

async function waitFor(result: string): Promise<ShippedRun> {
  const deadline = Date.now() + SHIPPED_RUN_TIMEOUT_MS;
  while (!fs.existsSync(result)) {
    if (Date.now() > deadline) {
      throw new Error(`the shared offline run did not finish within ${SHIPPED_RUN_TIMEOUT_MS} ms (${path.dirname(result)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return JSON.parse(fs.readFileSync(result, 'utf8')) as ShippedRun;
}
