/**
 * The pull-request flow, done the Pulumi way, and its least privilege: one comment per pull request
 * (offline diff without npm's banner, `pulumi preview` summaries), previews with each stack's own
 * environment, prod's behind an approval, forks with the offline diff only, and the job that writes the
 * comment never running the pull request's code.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { resolveJob } from '../helpers/gitlab-jobs';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, unknown>;
const text = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly id?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, string>;
  readonly 'continue-on-error'?: boolean;
}
interface Job {
  readonly if?: string;
  readonly 'runs-on': string | string[];
  readonly environment?: string;
  readonly permissions?: unknown;
  readonly strategy?: { matrix: Record<string, unknown> };
  readonly env?: Record<string, string>;
  readonly steps: Step[];
}
interface Workflow {
  readonly on: Record<string, unknown>;
  readonly permissions: Record<string, string>;
  readonly env?: Record<string, string>;
  readonly jobs: Record<string, Job>;
}
const workflow = (name: string) => read(`.github/workflows/${name}`) as unknown as Workflow;
const WORKFLOW_FILES = fs.readdirSync(path.join(ROOT, '.github/workflows')).filter((f) => f.endsWith('.yml'));
const runs = (wf: Workflow) => Object.values(wf.jobs).flatMap((j) => j.steps.flatMap((s) => (s.run === undefined ? [] : [s.run])));
const NOT_A_FORK = 'github.event.pull_request.head.repo.full_name == github.repository';

describe('GitHub', () => {
  test('no workflow uses pull_request_target, and only pr-comment.yml may write to pull requests', () => {
    expect(WORKFLOW_FILES.filter((f) => 'pull_request_target' in workflow(f).on)).toEqual([]);
    const writers = WORKFLOW_FILES.filter((f) => {
      const wf = workflow(f);
      return (
        wf.permissions?.['pull-requests'] === 'write' ||
        Object.values(wf.jobs).some((j) => JSON.stringify(j.permissions ?? {}).includes('pull-requests'))
      );
    });
    expect(writers).toEqual(['pr-comment.yml']);
  });

  test('ci.yml runs the pull request with read-only contents, no secret, and the offline diff without npm’s banner', () => {
    const ci = workflow('ci.yml');
    expect(ci.permissions).toEqual({ contents: 'read' });
    expect(text('.github/workflows/ci.yml')).not.toMatch(/secrets\./);
    expect(runs(ci)).toContain('mkdir -p pr-comment && npm run --silent diff -- base dist > pr-comment/offline-diff.md');
    const upload = ci.jobs['offline-diff'].steps.find((s) => s.uses === 'actions/upload-artifact@v4');
    expect(upload?.with).toMatchObject({ name: 'pr-comment-offline', path: 'pr-comment/' });
    expect([ci.jobs.test['runs-on'], ci.jobs['offline-diff']['runs-on']]).toEqual(['ubuntu-latest', 'ubuntu-latest']);
  });

  describe('pulumi-preview.yml', () => {
    const wf = workflow('pulumi-preview.yml');
    const preview = wf.jobs.preview;

    test('every stack, in its own plan-<stack> environment (its passphrase, a read-only key; prod’s has reviewers), on the VPC runner, never for forks', () => {
      expect(wf.permissions).toEqual({ contents: 'read' });
      expect(preview.if).toBe(NOT_A_FORK);
      expect(preview.strategy?.matrix.stack).toEqual(['shared', 'test', 'prod']);
      expect(preview.environment).toBe('plan-${{ matrix.stack }}');
      expect(preview['runs-on']).toEqual(['self-hosted', 'aliyun-vpc']);
      expect(preview.env).toMatchObject({
        PULUMI_CONFIG_PASSPHRASE: '${{ secrets.PULUMI_CONFIG_PASSPHRASE }}',
        STACK: '${{ matrix.stack }}',
      });
    });

    test('the preview’s JSON is summarised even when the preview fails, and the job then fails', () => {
      const step = preview.steps.find((s) => s.id === 'preview');
      expect(step).toMatchObject({
        'continue-on-error': true,
        run: 'pulumi preview --json --non-interactive --policy-pack policy --stack "$STACK" > preview.json',
      });
      const summary = preview.steps[preview.steps.indexOf(step as Step) + 1];
      expect(summary).toMatchObject({ if: 'always()', env: { OUTCOME: '${{ steps.preview.outcome }}' } });
      expect(summary.run).toBe(
        'mkdir -p pr-comment && npm run --silent pr-comment -- summarize --stack "$STACK" --outcome "$OUTCOME" --out "pr-comment/preview-$STACK.json" preview.json',
      );
      expect(preview.steps[preview.steps.length - 1]).toMatchObject({
        if: 'always()',
        uses: 'actions/upload-artifact@v4',
        with: { name: 'pr-comment-preview-${{ matrix.stack }}' },
      });
    });

    test('the pull request’s number is recorded for every pull request, forks included, with no checkout', () => {
      const job = wf.jobs['pull-request'];
      expect(job.if).toBeUndefined();
      expect(job.steps.some((s) => s.uses?.startsWith('actions/checkout'))).toBe(false);
    });
  });

  describe('pr-comment.yml', () => {
    const wf = workflow('pr-comment.yml');
    const job = wf.jobs.comment;

    test('runs after ci and pulumi-preview, as a workflow_run: the default branch’s code, not the pull request’s', () => {
      expect(wf.on).toEqual({ workflow_run: { workflows: ['ci', 'pulumi-preview'], types: ['completed'] } });
      expect(wf.permissions).toEqual({ contents: 'read', actions: 'read', 'pull-requests': 'write' });
      const checkouts = job.steps.filter((s) => s.uses?.startsWith('actions/checkout'));
      expect(checkouts).toEqual([{ uses: 'actions/checkout@v4', with: { 'persist-credentials': false } }]);
    });

    test('reads the triggering run’s artifacts as data and posts with the run’s head commit, not one from an artifact', () => {
      const download = job.steps.find((s) => s.uses === 'actions/download-artifact@v4');
      expect(download?.with).toMatchObject({
        'run-id': '${{ github.event.workflow_run.id }}',
        pattern: 'pr-comment-*',
        path: 'pr-comment',
      });
      const posts = job.steps.filter((s) => s.run?.startsWith('npm run --silent pr-comment -- post --github pr-comment'));
      expect(posts).toHaveLength(3);
      for (const p of posts)
        expect(p.env).toMatchObject({ GITHUB_TOKEN: '${{ github.token }}', HEAD_SHA: '${{ github.event.workflow_run.head_sha }}' });
      expect(runs(wf).filter((r) => /pulumi |npm run (?!--silent pr-comment)|npm test/.test(r))).toEqual([]);
    });

    test('a fork’s pull request is told its previews did not run', () => {
      const fork = job.steps.find((s) => s.if?.includes('head_repository.full_name != github.repository'));
      expect(fork?.env?.MISSING).toBe('not run: a pull request from a fork gets the offline diff only');
    });
  });

  test('deploy.yml: each job reads its credentials from its own environment, none from the workflow', () => {
    const wf = workflow('deploy.yml');
    expect(wf.env).toBeUndefined();
    expect(Object.fromEntries(Object.entries(wf.jobs).map(([n, j]) => [n, [j.environment, j.env?.PULUMI_CONFIG_PASSPHRASE]]))).toEqual({
      shared: ['shared', '${{ secrets.PULUMI_CONFIG_PASSPHRASE }}'],
      test: ['test', '${{ secrets.PULUMI_CONFIG_PASSPHRASE }}'],
      production: ['production', '${{ secrets.PULUMI_CONFIG_PASSPHRASE }}'],
    });
  });
});

describe('GitLab', () => {
  const doc = read('.gitlab-ci.yml');
  const job = (name: string) => resolveJob(doc, name);
  const SAME_PROJECT =
    '$CI_PIPELINE_SOURCE == "merge_request_event" && $CI_MERGE_REQUEST_SOURCE_PROJECT_ID == $CI_MERGE_REQUEST_PROJECT_ID';
  const ifs = (name: string) => (job(name).rules as Array<{ if: string }>).map((r) => r.if);

  test('the offline diff runs for every merge request, forks included, without npm’s banner and without a token', () => {
    expect(ifs('offline-diff')).toEqual(['$CI_PIPELINE_SOURCE == "merge_request_event"']);
    expect(job('offline-diff').script).toContain('mkdir -p pr-comment && npm run --silent diff -- base dist > pr-comment/offline-diff.md');
    expect(JSON.stringify(job('offline-diff'))).not.toMatch(/TOKEN|environment/);
  });

  test('every merge-request job that runs Pulumi or writes the note is for same-project merge requests only', () => {
    for (const name of ['pulumi-preview', 'pulumi-preview-prod', 'pr-preview', 'pr-preview-stop', 'mr-comment', 'mr-comment-prod']) {
      expect([name, ifs(name)]).toEqual([name, [SAME_PROJECT]]);
    }
  });

  test('previews run in plan/<stack> environments (prepare: no deployment); prod’s only when a person presses play', () => {
    expect(job('pulumi-preview').environment).toEqual({ name: 'plan/$STACK', action: 'prepare' });
    expect(job('pulumi-preview').parallel).toEqual({ matrix: [{ STACK: ['shared', 'test'] }] });
    const prod = job('pulumi-preview-prod');
    expect(prod.variables).toEqual({ STACK: 'prod' });
    expect(prod.rules).toEqual([{ if: SAME_PROJECT, when: 'manual', allow_failure: true }]);
    expect(prod.script).toEqual([
      'pulumi preview --json --non-interactive --policy-pack policy --stack "$STACK" > preview.json && outcome=success || outcome=failure',
      'mkdir -p pr-comment && npm run --silent pr-comment -- summarize --stack "$STACK" --outcome "$outcome" --out "pr-comment/preview-$STACK.json" preview.json',
    ]);
    expect((prod.artifacts as { when: string }).when).toBe('always');
  });

  test('the note is written by the target branch’s code, in the mr-comment environment, after the parts it posts', () => {
    for (const name of ['mr-comment', 'mr-comment-prod']) {
      const j = job(name);
      expect(j.environment).toEqual({ name: 'mr-comment', action: 'access' });
      expect(j.script).toEqual([
        'git fetch --depth 1 origin "$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"',
        'git worktree add trusted FETCH_HEAD',
        'cd trusted && npm ci && cd ..',
        'node trusted/scripts/run-ts.js trusted/infra/pr-comment.ts post --gitlab pr-comment $COMMENT_ARGS',
      ]);
      expect(j.tags).toBeUndefined();
    }
    expect(job('mr-comment').needs).toEqual([{ job: 'offline-diff' }, { job: 'pulumi-preview', optional: true }]);
    expect(job('mr-comment-prod').needs).toEqual(['pulumi-preview-prod']);
    expect(text('.gitlab-ci.yml')).not.toMatch(/GITLAB_API_TOKEN|PRIVATE-TOKEN/);
  });
});
