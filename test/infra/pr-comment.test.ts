/**
 * `npm run pr-comment`: files, streams, exit codes. Once in a child process, as `npm run pr-comment`
 * runs it (the command's wiring); the other cases call its main in this process.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DIGEST } from '../constructs/ci/digest';
import { main } from '../../infra/pr-comment';
import { callMain } from '../helpers/cli';

const REPO = path.resolve(__dirname, '../..');
let tmp: string;

/** The environment without the CI's own variables, plus `env`. */
function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(GITHUB_|GITLAB_|CI_|HEAD_SHA)/.test(k)));
  return { ...clean, ...env };
}

function runChild(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['scripts/run-ts.js', 'infra/pr-comment.ts', ...args], {
    cwd: REPO,
    encoding: 'utf8',
    env: cleanEnv(env),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function run(args: string[], env: Record<string, string> = {}) {
  return callMain(main, args, { cwd: REPO, env: cleanEnv(env) });
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pr-comment-'));
  fs.writeFileSync(path.join(tmp, 'preview.json'), JSON.stringify(DIGEST));
  fs.writeFileSync(path.join(tmp, 'clean.json'), JSON.stringify({ changeSummary: { same: 4 } }));
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('summarize', () => {
  test('writes the summary and exits 1 when the preview reported errors (a child process, as npm run pr-comment runs it)', () => {
    const out = path.join(tmp, 'preview-shared.json');
    const r = runChild(['summarize', '--stack', 'shared', '--out', out, path.join(tmp, 'preview.json')]);
    expect(r).toEqual({ status: 1, stdout: 'shared: 4 changes, 2 protected, failed\n', stderr: '' });
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toMatchObject({ stack: 'shared', failed: true, counts: { replace: 1 } });
  });

  test('exits 1 for a clean digest when pulumi exited non-zero (--outcome failure)', async () => {
    const out = path.join(tmp, 'preview-test.json');
    expect(await run(['summarize', '--stack', 'test', '--outcome', 'failure', '--out', out, path.join(tmp, 'clean.json')])).toEqual({
      status: 1,
      stdout: 'test: 0 changes, 0 protected, failed\n',
      stderr: '',
    });
  });

  test.each<[string, string[], RegExp]>([
    ['a missing --out', ['summarize', '--stack', 's', 'p.json'], /summarize needs --stack, --out and one preview file/],
    [
      'an empty preview (pulumi failed before printing)',
      ['summarize', '--stack', 's', '--out', '/dev/null', '/dev/null'],
      /cannot read \/dev\/null as JSON/,
    ],
  ])('usage error (%s) exits 2 with the usage', async (_name, args, message) => {
    const r = await run(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('usage: npm run --silent pr-comment -- summarize');
  });
});

describe('post', () => {
  test('nothing to post (no parts folder: the jobs that make them did not run): exits 0 without calling anything', async () => {
    expect(await run(['post', '--github', path.join(tmp, 'no-such-folder')])).toEqual({
      status: 0,
      stdout: 'pr-comment: nothing to post\n',
      stderr: '',
    });
  });

  test('names the environment it lacks before any request', async () => {
    const parts = fs.mkdtempSync(path.join(tmp, 'parts-'));
    fs.writeFileSync(path.join(parts, 'offline-diff.md'), '## Offline plan diff\n\nNo changes.\n');
    const r = await run(['post', '--gitlab', parts], { CI_PROJECT_ID: '1' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/environment variables not set: GITLAB_COMMENT_TOKEN, CI_API_V4_URL, CI_MERGE_REQUEST_IID, CI_COMMIT_SHA/);
  });
});
