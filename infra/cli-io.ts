/**
 * What an entry point reads and writes of its process, passed to its `main(argv, io)`: the real
 * streams and environment when run as a command, a test's when the test calls `main` in process
 * (no child process, no second load of the SDKs). Each entry point calls its `main` only when it is
 * the program node started.
 */
import * as path from 'path';
import { format } from 'util';

export interface CliIo {
  /** Writes to standard output. */
  readonly stdout: (text: string) => void;
  /** Writes to standard error. */
  readonly stderr: (text: string) => void;
  /** The environment variables the command reads. */
  readonly env: NodeJS.ProcessEnv;
}

/** The process's own streams and environment. */
export const PROCESS_IO: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
};

/** A line as `console.log` prints its arguments. */
export function line(...args: unknown[]): string {
  return `${format(...args)}\n`;
}

/**
 * True when `entry` is the file node was started with: `node file.js`, or `node scripts/run-ts.js
 * file.ts`, which sets `process.argv[1]` to the entry point before requiring it. False in a test.
 */
export function isEntryPoint(entry: NodeJS.Module): boolean {
  return require.main === entry || (process.argv[1] !== undefined && path.resolve(process.argv[1]) === entry.filename);
}

/**
 * When `entry` is the program started: runs `main` on the process's arguments and exits with the
 * code it returns (1, with the error printed, if it throws).
 */
export function runAsCommand(entry: NodeJS.Module, main: (argv: readonly string[]) => Promise<number>): void {
  if (!isEntryPoint(entry)) return;
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
