/**
 * `npm run --silent pr-comment -- summarize --stack NAME [--outcome success|failure] --out SUMMARY.json PREVIEW.json`
 *   One stack's `pulumi preview --json` to the summary the comment shows (names, operations, keys; no
 *   values). Exits 1 when the preview failed (`--outcome failure`: `pulumi preview` exited non-zero; or
 *   it reported an error), after writing the summary, so the job fails and the comment still says why.
 *
 * `npm run --silent pr-comment -- post (--github | --gitlab) PARTS_DIR [--expect STACKS --missing REASON]`
 *   Merges the parts in PARTS_DIR (`offline-diff.md`, `preview-<stack>.json`, `pr.json`) into the pull
 *   request's one comment, posting it the first time and updating it afterwards. `--expect a,b,c` with
 *   `--missing` marks each expected stack without a summary as not run, for that reason.
 *   GitHub: GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL; the pull request is `pr.json`'s `number`
 *   and the commit HEAD_SHA (the triggering run's, from the event, never from an artifact).
 *   GitLab: GITLAB_COMMENT_TOKEN, CI_API_V4_URL, CI_PROJECT_ID, CI_MERGE_REQUEST_IID, CI_COMMIT_SHA.
 *
 * Exit 2 on a usage error or unreadable input.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  githubComments,
  gitlabComments,
  upsertComment,
  type NotRunPreview,
  parsePreviewDigest,
  parseStackPreviewSummary,
  summarizePreview,
} from '../constructs/ci';
import { ValidationError } from '../constructs/core';
import { CliIo, PROCESS_IO, isEntryPoint } from './cli-io';

const USAGE = [
  'usage: npm run --silent pr-comment -- summarize --stack NAME [--outcome success|failure] --out SUMMARY.json PREVIEW.json',
  '       npm run --silent pr-comment -- post (--github | --gitlab) PARTS_DIR [--expect STACKS --missing REASON]',
].join('\n');
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

class UsageError extends Error {}

/** `--name value` options and positional arguments; `flags` take no value. */
export function parseArgs(
  args: readonly string[],
  valued: readonly string[],
  flags: readonly string[],
): { options: Record<string, string | true>; positional: string[] } {
  const options: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) positional.push(a);
    else if (flags.includes(a)) options[a] = true;
    else if (valued.includes(a)) {
      if (i + 1 >= args.length) throw new UsageError(`${a} needs a value`);
      options[a] = args[++i];
    } else throw new UsageError(`unknown option ${a}`);
  }
  return { options, positional };
}

function requireEnv(env: NodeJS.ProcessEnv, names: readonly string[]): Record<string, string> {
  const missing = names.filter((n) => (env[n] ?? '') === '');
  if (missing.length > 0) throw new UsageError(`environment variables not set: ${missing.join(', ')}`);
  return Object.fromEntries(names.map((n) => [n, env[n] ?? '']));
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch (e) {
    throw new UsageError(`cannot read ${file} as JSON: ${(e as Error).message}`);
  }
}

function summarize(args: readonly string[], io: CliIo): number {
  const { options, positional } = parseArgs(args, ['--stack', '--out', '--outcome'], []);
  const stack = options['--stack'];
  const out = options['--out'];
  const outcome = options['--outcome'] ?? 'success';
  if (typeof stack !== 'string' || typeof out !== 'string' || positional.length !== 1)
    throw new UsageError('summarize needs --stack, --out and one preview file');
  if (outcome !== 'success' && outcome !== 'failure') throw new UsageError(`--outcome ${String(outcome)}: must be success or failure`);
  const summary = summarizePreview(stack, parsePreviewDigest(readJson(positional[0]), positional[0]), outcome === 'failure');
  fs.writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
  io.stdout(
    `${stack}: ${summary.changes.length} changes, ${summary.protectedChanges.length} protected, ${summary.failed ? 'failed' : 'ok'}\n`,
  );
  return summary.failed ? EXIT_FAILED : 0;
}

async function post(args: readonly string[], io: CliIo): Promise<number> {
  const { options, positional } = parseArgs(args, ['--expect', '--missing'], ['--github', '--gitlab']);
  if (positional.length !== 1 || (options['--github'] === true) === (options['--gitlab'] === true))
    throw new UsageError('post needs --github or --gitlab, and the parts folder');
  const dir = positional[0];
  // No folder: the jobs that make the parts did not run (a failed test job), so there is nothing to say.
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
  const previews = files
    .filter((f) => /^preview-[A-Za-z0-9_.-]+\.json$/.test(f))
    .map((f) => parseStackPreviewSummary(readJson(path.join(dir, f)), f));
  const offlineFile = path.join(dir, 'offline-diff.md');
  const offlineDiff = fs.existsSync(offlineFile) ? fs.readFileSync(offlineFile, 'utf8') : undefined;
  const expected = typeof options['--expect'] === 'string' ? options['--expect'].split(',').filter((s) => s !== '') : [];
  const reason =
    typeof options['--missing'] === 'string'
      ? options['--missing']
      : 'no summary: the job was skipped, is waiting for approval, or failed before the preview';
  const notRun: NotRunPreview[] = expected.filter((s) => !previews.some((p) => p.stack === s)).map((stack) => ({ stack, reason }));
  if (offlineDiff === undefined && previews.length === 0 && notRun.length === 0) {
    io.stdout('pr-comment: nothing to post\n');
    return 0;
  }
  let comments;
  let commit: string;
  if (options['--github'] === true) {
    const env = requireEnv(io.env, ['GITHUB_TOKEN', 'GITHUB_REPOSITORY', 'HEAD_SHA']);
    const pr = readJson(path.join(dir, 'pr.json')) as { number?: unknown };
    if (!Number.isInteger(pr.number)) throw new UsageError(`${path.join(dir, 'pr.json')}: "number" must be the pull request's number`);
    comments = githubComments(
      { token: env.GITHUB_TOKEN, repository: env.GITHUB_REPOSITORY, number: pr.number as number, apiUrl: io.env.GITHUB_API_URL },
      fetch,
    );
    commit = env.HEAD_SHA;
  } else {
    const env = requireEnv(io.env, ['GITLAB_COMMENT_TOKEN', 'CI_API_V4_URL', 'CI_PROJECT_ID', 'CI_MERGE_REQUEST_IID', 'CI_COMMIT_SHA']);
    comments = gitlabComments(
      {
        token: env.GITLAB_COMMENT_TOKEN,
        apiUrl: env.CI_API_V4_URL,
        projectId: env.CI_PROJECT_ID,
        mergeRequestIid: Number(env.CI_MERGE_REQUEST_IID),
      },
      fetch,
    );
    commit = env.CI_COMMIT_SHA;
  }
  const action = await upsertComment(comments, { commit, offlineDiff, previews, notRun });
  io.stdout(`pr-comment: ${action}\n`);
  return 0;
}

/** The command; returns the exit code. */
export async function main(args: readonly string[], io: CliIo = PROCESS_IO): Promise<number> {
  const [command, ...rest] = args;
  try {
    if (command === 'summarize') return summarize(rest, io);
    if (command === 'post') return await post(rest, io);
    if (command === '--help' || command === '-h') {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    throw new UsageError(command === undefined ? 'no command' : `unknown command ${command}`);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ValidationError) {
      io.stderr(`pr-comment: ${e.message}\n${USAGE}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}

if (isEntryPoint(module)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`pr-comment: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = EXIT_FAILED;
    },
  );
}
