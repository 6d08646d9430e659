/**
 * `npm run diff -- BASE_DIR HEAD_DIR`: prints the Markdown difference between two offline-run
 * outputs. Exit 0 whether or not anything changed (CI posts the comment either way); exit 2 on a
 * usage error or an unreadable folder, so a broken pipeline is never mistaken for "no changes".
 */
import { diffOfflineOutputs, OfflineInputError } from '../constructs/offline/diff';
import { ValidationError } from '../constructs/lib/validation';

const USAGE =
  'usage: npm run diff -- BASE_DIR HEAD_DIR\n  Compares two offline-run output folders (see `npm run synth`) and prints Markdown.';
const EXIT_USAGE = 2;

function main(args: readonly string[]): number {
  if (args.includes('-h') || args.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const unknown = args.filter((a) => a.startsWith('-'));
  if (unknown.length > 0 || args.length !== 2) {
    const problem = unknown.length > 0 ? `unknown option ${unknown[0]}` : `expected 2 folders, got ${args.length}`;
    process.stderr.write(`diff: ${problem}\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  try {
    process.stdout.write(diffOfflineOutputs(args[0], args[1]));
    return 0;
  } catch (e) {
    if (e instanceof OfflineInputError || e instanceof ValidationError) {
      process.stderr.write(`diff: ${e.message}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}

process.exitCode = main(process.argv.slice(2));
