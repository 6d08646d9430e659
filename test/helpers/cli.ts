/**
 * Calls an entry point's `main(argv, io)` in this process, as its command would run it, and returns
 * what a child process would have given: exit code, standard output, standard error. The child
 * process itself is tested once per command (its wiring); the rest of a command's tests call this.
 */
import { CliIo } from '../../infra/cli-io';

export interface CliRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CallOptions {
  /** The environment the command sees. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** The current folder while it runs (restored after). @default the current one */
  readonly cwd?: string;
}

export async function callMain(
  main: (argv: readonly string[], io: CliIo) => number | Promise<number>,
  argv: readonly string[],
  options: CallOptions = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env: options.env ?? process.env,
  };
  const before = process.cwd();
  if (options.cwd !== undefined) process.chdir(options.cwd);
  try {
    const status = await main(argv, io);
    return { status, stdout, stderr };
  } finally {
    process.chdir(before);
  }
}
