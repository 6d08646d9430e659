/**
 * `npm run diff -- BASE_DIR HEAD_DIR`: prints the Markdown difference between two offline-run
 * outputs. Exit 0 whether or not anything changed (CI posts the comment either way); exit 2 on a
 * usage error or an unreadable folder, so a broken pipeline is never mistaken for "no changes".
 */
import { diffOfflineOutputs, OfflineInputError } from '../constructs/offline';
import { ValidationError } from '../constructs/core';
import { CliIo, PROCESS_IO, isEntryPoint } from './cli-io';

const USAGE =
  'usage: npm run diff -- BASE_DIR HEAD_DIR\n  Compares two offline-run output folders (see `npm run synth`) and prints Markdown.';
const EXIT_USAGE = 2;

/** The command; returns the exit code. */
export function main(args: readonly string[], io: CliIo = PROCESS_IO): number {
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const unknown = args.filter((a) => a.startsWith('-'));
  if (unknown.length > 0 || args.length !== 2) {
    const problem = unknown.length > 0 ? `unknown option ${unknown[0]}` : `expected 2 folders, got ${args.length}`;
    io.stderr(`diff: ${problem}\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  try {
    io.stdout(diffOfflineOutputs(args[0], args[1]));
    return 0;
  } catch (e) {
    if (e instanceof OfflineInputError || e instanceof ValidationError) {
      io.stderr(`diff: ${e.message}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}

if (isEntryPoint(module)) {
  process.exitCode = main(process.argv.slice(2));
}
