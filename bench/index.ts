/**
 * `npm run bench [-- --runs N] [--sizes 10,100,1000]`: the offline run's cost, measured on whole
 * processes as a user starts them, side by side in one run so a reviewer can compare machines:
 *
 * - the floor: a Node.js process that only `require`s the six SDKs;
 * - `npm run synth` (npm's own process included), and its ratio to the floor;
 * - the Kubernetes-only path: `cdk8s.yaml`'s `app:` command, and its ratio to the synth;
 * - the prod stack with a catalogue of N minimal services (`--stack prod`), the cost per added
 *   service, and the peak memory.
 *
 * CPU time (user + system, summed over the command's Node.js processes) is the number to compare:
 * on a shared machine wall time mostly measures the neighbours. Each figure is the median of the
 * runs, after one warm-up run that fills the transpile and code caches. Speed is measured here,
 * never asserted in tests.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { parse } from 'yaml';
import { writeCatalogueProject } from './catalogue';

const ROOT = path.resolve(__dirname, '..');
const USAGE_HOOK = path.join(__dirname, 'usage.js');
/** The SDKs every run loads; requiring just them is the floor. */
const SDKS = ['@pulumi/pulumi', '@pulumi/alicloud', '@pulumi/kubernetes', '@pulumi/command', 'cdk8s', 'cdk8s-plus-27'];
const DEFAULT_SIZES = [10, 100, 1000];

interface Usage {
  /** Start to exit of the command, as its parent sees it. */
  readonly wallMs: number;
  /** User + system CPU time of every Node.js process of the command. */
  readonly cpuMs: number;
  /** The largest peak resident set among those processes. */
  readonly maxRssMiB: number;
}

interface Options {
  readonly runs: number;
  readonly sizes: readonly number[];
}

function parseOptions(argv: readonly string[]): Options {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const runs = Number(value('--runs') ?? 3);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`--runs must be a positive integer, got '${value('--runs')}'`);
  }
  const sizes = (value('--sizes') ?? DEFAULT_SIZES.join(','))
    .split(',')
    .filter((s) => s !== '')
    .map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new Error(`--sizes must be positive integers separated by commas, got '${value('--sizes')}'`);
  }
  return { runs, sizes };
}

/** Runs `command` once and reads what each of its Node.js processes used. */
function measureOnce(command: readonly string[], env: NodeJS.ProcessEnv = {}): Usage {
  const usageFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-usage-')), 'usage.jsonl');
  const nodeOptions = [process.env.NODE_OPTIONS, `--require ${JSON.stringify(USAGE_HOOK)}`].filter(Boolean).join(' ');
  const start = performance.now();
  const run = spawnSync(command[0], command.slice(1), {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...env, NODE_OPTIONS: nodeOptions, BENCH_USAGE_FILE: usageFile },
  });
  const wallMs = performance.now() - start;
  if (run.status !== 0) {
    throw new Error(`'${command.join(' ')}' failed (exit ${run.status}):\n${run.stderr || run.stdout}`);
  }
  const lines = fs
    .readFileSync(usageFile, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { cpuMs: number; maxRssKiB: number });
  fs.rmSync(path.dirname(usageFile), { recursive: true, force: true });
  return {
    wallMs,
    cpuMs: lines.reduce((sum, l) => sum + l.cpuMs, 0),
    maxRssMiB: Math.max(...lines.map((l) => l.maxRssKiB)) / 1024,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function medianUsage(usages: readonly Usage[]): Usage {
  return {
    wallMs: median(usages.map((u) => u.wallMs)),
    cpuMs: median(usages.map((u) => u.cpuMs)),
    maxRssMiB: median(usages.map((u) => u.maxRssMiB)),
  };
}

/** `npm run <script> -- <args>` through the npm that started the bench (or the one on PATH). */
function npmRun(script: string, ...args: string[]): string[] {
  const npm = process.env.npm_execpath;
  const prefix = npm && npm.endsWith('.js') ? [process.execPath, npm] : ['npm'];
  return [...prefix, 'run', '--silent', script, '--', ...args];
}

/** `cdk8s.yaml`'s `app:` command, split as a shell would split it (it holds no quotes). */
function cdk8sApp(): string[] {
  const app = (parse(fs.readFileSync(path.join(ROOT, 'cdk8s.yaml'), 'utf8')) as { app: string }).app;
  const words = app.split(/\s+/).filter((w) => w !== '');
  return words[0] === 'node' ? [process.execPath, ...words.slice(1)] : words;
}

const ms = (v: number) => `${v.toFixed(0)} ms`;
const mib = (v: number) => `${v.toFixed(0)} MiB`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;

function table(rows: ReadonlyArray<readonly string[]>): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const loadBefore = os.loadavg()[0];
  const floorCommand = [process.execPath, '-e', `for (const m of ${JSON.stringify(SDKS)}) require(m);`];
  const synthCommand = npmRun('synth', '--out', path.join(work, 'dist'));
  const k8sCommand = cdk8sApp();
  const k8sEnv = { CDK8S_OUTDIR: path.join(work, 'k8s') };

  // Warm-up: fills the transpile and code caches (a fresh clone pays this once).
  measureOnce(synthCommand);
  measureOnce(k8sCommand, k8sEnv);
  const floor: Usage[] = [];
  const synth: Usage[] = [];
  const k8s: Usage[] = [];
  // Interleaved, so that a busy neighbour weighs on all three alike.
  for (let i = 0; i < options.runs; i++) {
    floor.push(measureOnce(floorCommand));
    synth.push(measureOnce(synthCommand));
    k8s.push(measureOnce(k8sCommand, k8sEnv));
  }
  const [f, s, k] = [medianUsage(floor), medianUsage(synth), medianUsage(k8s)];

  const sizes: Array<{ n: number; usage: Usage }> = [];
  for (const n of options.sizes) {
    const project = path.join(work, `catalogue-${n}`);
    writeCatalogueProject(ROOT, project, n);
    const command = npmRun('synth', '--project-dir', project, '--stack', 'prod', '--out', path.join(project, 'dist'));
    measureOnce(command);
    sizes.push({ n, usage: medianUsage(Array.from({ length: options.runs }, () => measureOnce(command))) });
  }
  const loadAfter = os.loadavg()[0];
  fs.rmSync(work, { recursive: true, force: true });

  const cpus = os.cpus();
  console.log(
    `node ${process.version}, ${os.platform()} ${os.arch()}, ${cpus.length} x ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ` +
      `${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB; load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after; ` +
      `median of ${options.runs} runs after a warm-up\n`,
  );
  console.log(
    table([
      ['whole process', 'CPU', 'wall', 'peak RSS', 'CPU ratio', 'wall ratio'],
      ['floor: require the six SDKs', ms(f.cpuMs), ms(f.wallMs), mib(f.maxRssMiB), '1.00x', '1.00x'],
      ['npm run synth', ms(s.cpuMs), ms(s.wallMs), mib(s.maxRssMiB), ratio(s.cpuMs, f.cpuMs), ratio(s.wallMs, f.wallMs)],
      [
        `cdk8s app (${k8sCommand.slice(1).join(' ')}), vs synth`,
        ms(k.cpuMs),
        ms(k.wallMs),
        mib(k.maxRssMiB),
        ratio(k.cpuMs, s.cpuMs),
        ratio(k.wallMs, s.wallMs),
      ],
    ]),
  );
  if (sizes.length > 0) {
    const rows = [['prod, N minimal services', 'CPU', 'wall', 'peak RSS', 'CPU per added service', 'RSS per added service']];
    sizes.forEach(({ n, usage }, i) => {
      const prev = sizes[i - 1];
      const per = (a: number, b: number, unit: string) => (prev ? `${((a - b) / (n - prev.n)).toFixed(2)} ${unit}` : '');
      rows.push([
        `N = ${n}`,
        ms(usage.cpuMs),
        ms(usage.wallMs),
        mib(usage.maxRssMiB),
        per(usage.cpuMs, prev?.usage.cpuMs ?? 0, 'ms'),
        per(usage.maxRssMiB * 1024, (prev?.usage.maxRssMiB ?? 0) * 1024, 'KiB'),
      ]);
    });
    console.log(`\n${table(rows)}`);
  }
}

try {
  main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
