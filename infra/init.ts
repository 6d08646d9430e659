/**
 * `npm run init [-- --stack NAME --flag value … --force --yes --project-dir DIR]`: writes a starting
 * `Pulumi.<stack>.yaml`, in the spirit of `kk create config`. On a terminal it asks each question
 * not given as a flag, with its default in brackets; otherwise (scripts, CI, `--yes`) it takes the
 * flags and the defaults. The file is checked with the project's parser before it is written, an
 * existing file is kept unless `--force`, and secrets are never written: it prints the commands.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as readline from 'readline/promises';
import { formatIssues } from '../constructs/core';
import { readProjectName, stackFile } from '../stacks/config';
import { InitError, generateStack, usage } from '../stacks/init/generate';
import { InitAnswers, STACK_FLAG, answerOne, answersFromFlags, initKind, questionsFor } from '../stacks/init/questions';
import { CliIo, PROCESS_IO, line, runAsCommand } from './cli-io';

const EXIT_USAGE = 2;
const SWITCHES = ['--force', '--yes'];

interface Args {
  readonly flags: Record<string, string>;
  readonly force: boolean;
  readonly yes: boolean;
  readonly projectDir: string;
}

function parseArgs(argv: readonly string[]): Args {
  const flags: Record<string, string> = {};
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (SWITCHES.includes(flag)) {
      switches.add(flag);
      continue;
    }
    const value = argv[i + 1];
    if (!flag.startsWith('--') || value === undefined || value.startsWith('--')) {
      throw new Error(`bad argument '${flag}'${value === undefined || value.startsWith('--') ? ': it needs a value' : ''}`);
    }
    flags[flag] = value;
    i++;
  }
  const projectDir = path.resolve(flags['--project-dir'] ?? '.');
  delete flags['--project-dir'];
  return { flags, force: switches.has('--force'), yes: switches.has('--yes'), projectDir };
}

/** Asks each question the flags left open, re-asking until the answer reads. */
async function ask(flags: Record<string, string>, io: CliIo): Promise<Record<string, string>> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  // Lines read through the iterator are buffered: text typed (or pasted) ahead is not lost between questions.
  const lines = rl[Symbol.asyncIterator]();
  const question = async (prompt: string): Promise<string> => {
    io.stdout(prompt);
    const next = await lines.next();
    if (next.done) {
      throw new Error('init: input ended before every question was answered');
    }
    return next.value;
  };
  try {
    const out = { ...flags };
    while (typeof initKind(out[STACK_FLAG]) !== 'string') {
      out[STACK_FLAG] = (await question('Stack (shared, prod, test): ')).trim();
    }
    const kind = initKind(out[STACK_FLAG]) as 'shared' | 'cluster';
    const sofar: Record<string, unknown> = { stack: out[STACK_FLAG] };
    for (const q of questionsFor(kind)) {
      if (out[q.flag] === undefined) {
        const fallback = q.fallback(sofar);
        for (;;) {
          const typed = (await question(`${q.prompt}${fallback === undefined ? '' : ` [${fallback}]`}: `)).trim();
          const result = answerOne(q, typed === '' ? fallback : typed);
          if ('error' in result) {
            io.stdout(line(`  ${typed === '' ? '(empty)' : typed} ${result.error}`));
            continue;
          }
          out[q.flag] = typed === '' ? fallback! : typed;
          break;
        }
      }
      const read = answerOne(q, out[q.flag] ?? q.fallback(sofar));
      sofar[q.name] = 'value' in read ? read.value : undefined;
    }
    return out;
  } finally {
    rl.close();
  }
}

/**
 * The command; returns the exit code. It asks on a terminal (`interactive`, default: standard input
 * is one) unless `--yes`.
 */
export async function main(argv: readonly string[], io: CliIo = PROCESS_IO, interactive = process.stdin.isTTY === true): Promise<number> {
  const log = (...args: unknown[]) => io.stdout(line(...args));
  const error = (...args: unknown[]) => io.stderr(line(...args));
  if (argv.includes('-h') || argv.includes('--help')) {
    log(usage());
    return 0;
  }
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (err) {
    error(`init: ${(err as Error).message}\n${usage()}`);
    return EXIT_USAGE;
  }
  if (!fs.existsSync(path.join(args.projectDir, 'Pulumi.yaml'))) {
    error(`init: ${args.projectDir} has no Pulumi.yaml; run it in the project folder or give --project-dir`);
    return EXIT_USAGE;
  }
  const project = readProjectName(args.projectDir);
  const exists = (stack: string | undefined) => stack !== undefined && fs.existsSync(stackFile(args.projectDir, stack)) && !args.force;
  const refuse = (stack: string) => {
    error(
      `init: ${path.relative(process.cwd(), stackFile(args.projectDir, stack)) || stackFile(args.projectDir, stack)} exists; kept as it is (--force to overwrite it)`,
    );
    return 1;
  };
  if (exists(args.flags[STACK_FLAG])) {
    return refuse(args.flags[STACK_FLAG]);
  }
  const flags = interactive && !args.yes ? await ask(args.flags, io) : args.flags;
  const { answers, issues } = answersFromFlags(flags);
  if (answers === undefined) {
    error(formatIssues('npm run init: invalid answers', issues));
    error('\nNothing was written.');
    return 1;
  }
  let generated;
  try {
    generated = generateStack(project, answers as InitAnswers);
  } catch (err) {
    if (err instanceof InitError) {
      error(`${err.message}\n\nNothing was written.`);
      return 1;
    }
    throw err;
  }
  const file = stackFile(args.projectDir, answers.stack);
  if (exists(answers.stack)) {
    return refuse(answers.stack);
  }
  // 'wx' refuses a file that appeared since the check; --force replaces it.
  fs.writeFileSync(file, generated.yaml, { flag: args.force ? 'w' : 'wx' });
  log(`wrote ${path.relative(process.cwd(), file) || file}`);
  if (generated.secretCommands.length > 0) {
    log(`\nSecrets this stack needs (never in the file); run, after 'pulumi stack select ${answers.stack}':`);
    generated.secretCommands.forEach((c) => log(`  ${c}`));
  }
  if (generated.missingSettings.length > 0) {
    log(`\nAlso set before 'pulumi up': ${generated.missingSettings.join(', ')}`);
  }
  log('\nThen check the whole project offline: npm run synth');
  return 0;
}

runAsCommand(module, main);
