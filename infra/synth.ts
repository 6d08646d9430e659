/**
 * `npm run synth [-- --out DIR] [--project-dir DIR] [--stack NAME]`: the offline run. No cloud
 * account, no Pulumi CLI, no network: every stack's program runs under Pulumi's mocks.
 */
import * as path from 'path';
import { SECRET_PLACEHOLDER } from '../constructs/core';
import { summarizePlan } from '../constructs/offline';
import { PolicyViolationError } from '../constructs/policy';
import { OfflineConfigError, runOffline } from '../stacks/offline';
import { CliIo, PROCESS_IO, line, runAsCommand } from './cli-io';

const USAGE = [
  'usage: npm run synth -- [--out DIR] [--project-dir DIR] [--stack NAME]',
  '  --out DIR          output folder (default dist); replaced as a whole, so it must be new, empty',
  '                     or a previous output (it holds .offline-output), never the project or current folder',
  '  --project-dir DIR  folder with Pulumi.yaml and the Pulumi.<stack>.yaml files (default .)',
  '  --stack NAME       run one stack (and the shared stack it reads)',
  '  --help             print this',
].join('\n');

function parseArgs(argv: readonly string[]): { outDir: string; projectDir: string; stack?: string } | 'help' {
  if (argv.includes('--help') || argv.includes('-h')) {
    return 'help';
  }
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (!['--out', '--project-dir', '--stack'].includes(flag) || value === undefined || value.startsWith('--')) {
      throw new Error(`${flag === undefined ? 'missing argument' : `bad argument '${flag}'`}\n${USAGE}`);
    }
    flags[flag] = value;
  }
  const projectDir = path.resolve(flags['--project-dir'] ?? '.');
  return { projectDir, outDir: path.resolve(flags['--out'] ?? 'dist'), stack: flags['--stack'] };
}

/** The offline run as the command runs it; returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = PROCESS_IO): Promise<number> {
  const log = (...args: unknown[]) => io.stdout(line(...args));
  const error = (...args: unknown[]) => io.stderr(line(...args));
  let args;
  try {
    args = parseArgs(argv);
  } catch (err) {
    error((err as Error).message);
    return 2;
  }
  if (args === 'help') {
    log(USAGE);
    return 0;
  }
  try {
    const result = await runOffline(args);
    log(summarizePlan(result.plan));
    for (const [stack, warnings] of Object.entries(result.warnings)) {
      for (const warning of warnings) {
        log(`\nwarning (${stack}): ${warning}`);
      }
    }
    const advisory = result.policy?.violations ?? [];
    if (result.policy !== undefined) {
      log(
        `\npolicy ${result.policy.pack}: ${result.policy.evaluated} evaluations, 0 mandatory and ${advisory.length} advisory violations (policy.json)`,
      );
    }
    for (const v of advisory) {
      log(`  advisory (${v.stack}): ${v.type} '${v.name}' ${v.rule}: ${v.message}`);
    }
    for (const [stack, names] of Object.entries(result.missingSecrets)) {
      log(
        `\n${stack}: set before 'pulumi up' (shown as ${SECRET_PLACEHOLDER} here): ${names.map((n) => `platform:secrets.${n}`).join(', ')}`,
      );
    }
    for (const [stack, keys] of Object.entries(result.missingSettings)) {
      log(
        `\n${stack}: set before 'pulumi up' (a config error there, a stand-in here: null for a digest, [not set] for a host key; the shared stack's host key is needed before a cluster installs): ${keys.join(', ')}`,
      );
    }
    log(`\nwrote ${result.files.length} files to ${path.relative(process.cwd(), args.outDir) || '.'}`);
    return 0;
  } catch (err) {
    if (err instanceof OfflineConfigError || err instanceof PolicyViolationError) {
      error(err.message);
      error('\nNothing was written.');
      return 1;
    }
    error(err instanceof Error ? (err.stack ?? err.message) : err);
    return 1;
  }
}

runAsCommand(module, main);
