/**
 * The CI files are valid YAML and run only commands that exist: npm scripts of package.json, the
 * Pulumi CLI's real subcommands, and a few shell utilities, each there for a stated reason.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { gitlabCiErrors, githubWorkflowErrors, objectLiteralAt } from '../helpers/ci-schemas';
import { resolveJob } from '../helpers/gitlab-jobs';

const ROOT = path.resolve(__dirname, '../..');
const GITLAB = '.gitlab-ci.yml';
/** Every workflow file: a new one is checked without being listed here. */
const WORKFLOWS = fs
  .readdirSync(path.join(ROOT, '.github/workflows'))
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()
  .map((f) => `.github/workflows/${f}`);

/** Pulumi CLI subcommands (3.x) the pipelines may run; `stack` and `config` take a sub-subcommand. */
const PULUMI_SUBCOMMANDS: Readonly<Record<string, readonly string[] | null>> = {
  login: null,
  preview: null,
  up: null,
  destroy: null,
  refresh: null,
  version: null,
  stack: ['select', 'rm', 'init', 'output', 'ls'],
  config: ['set', 'get'],
};

/** Shell utilities, and why each is needed. */
const SHELL_UTILITIES: Readonly<Record<string, string>> = {
  cd: 'build the base revision in its own work tree',
  git: 'check out the base revision (fetch, worktree)',
  curl: "install the Pulumi CLI (get.pulumi.com) and post the merge-request note (GitLab's API)",
  sh: 'run the Pulumi installer',
  export: 'put the Pulumi CLI on PATH',
  mkdir: "make the folder the pull-request comment's parts are collected in",
  gh: 'post the pull-request comment (GitHub CLI on GitHub runners)',
  node: "read one preview secret from the CI's secrets and pipe it to `pulumi config set` (the value never appears on a command line)",
};

/** The runner labels (GitHub) and tag (GitLab) of the self-hosted runner inside the VPC. */
const VPC_RUNNER = ['self-hosted', 'aliyun-vpc'];
const VPC_RUNNER_TAG = 'aliyun-vpc';

const GITLAB_KEYWORDS = new Set([
  'stages',
  'variables',
  'default',
  'workflow',
  'include',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
]);

function read(file: string): unknown {
  return parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
}

const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** Script lines of a GitHub workflow: every step's `run`, one entry per line. */
function workflowLines(doc: unknown): string[] {
  const jobs = (doc as { jobs: Record<string, { steps?: { run?: string }[] }> }).jobs;
  return Object.values(jobs).flatMap((job) => (job.steps ?? []).flatMap((s) => (s.run === undefined ? [] : s.run.split('\n'))));
}

/** Script lines of a GitLab file: `script`, `before_script` and `after_script` of every job and of `default`. */
function gitlabLines(doc: unknown): string[] {
  const entries = Object.entries(doc as Record<string, unknown>);
  const jobs = entries.filter(([name]) => !GITLAB_KEYWORDS.has(name)).map(([, job]) => job);
  const withDefault = [...jobs, (doc as Record<string, unknown>).default];
  return withDefault.flatMap((job) => {
    const j = (job ?? {}) as Record<string, unknown>;
    return ['before_script', 'script', 'after_script'].flatMap((k) => (Array.isArray(j[k]) ? (j[k] as string[]) : []));
  });
}

/** Splits a shell line into commands at `&&`, `||`, `;` and `|` outside quotes, words unquoted. */
export function commands(line: string): string[][] {
  const out: string[][] = [];
  let words: string[] = [];
  let word = '';
  let quote: string | undefined;
  const endWord = () => {
    if (word !== '') words.push(word);
    word = '';
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) out.push(words);
    words = [];
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '#' && word === '') {
      break;
    } else if (c === ' ' || c === '\t') {
      endWord();
    } else if (c === '>') {
      endWord();
      i += 1;
      while (line[i] === ' ') i += 1;
      // the redirection target is a file, not a command
      while (i < line.length && !' ;&|'.includes(line[i])) i += 1;
      i -= 1;
    } else if (c === '&' || c === '|' || c === ';') {
      if (line[i + 1] === c) i += 1;
      endCommand();
    } else {
      word += c;
    }
  }
  if (quote !== undefined) throw new Error(`unbalanced quote in: ${line}`);
  endCommand();
  // A `for` loop: the header `for <name> in <words>` runs nothing, `do <command>` runs the command, `done` ends it.
  const loopless = out
    .flatMap((w) => (w[0] === 'for' ? [] : [w[0] === 'do' ? w.slice(1) : w]))
    .filter((w) => !(w.length === 1 && w[0] === 'done'));
  // `NAME=value command` sets a variable for one command: the command is what runs.
  // A line of assignments only (`outcome=failure`) runs nothing.
  return loopless
    .map((w) => {
      const at = w.findIndex((x) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(x));
      return at < 0 ? [] : w.slice(at);
    })
    .filter((w) => w.length > 0);
}

/** Why a command is refused, or undefined when it is allowed. */
export function refusal(words: readonly string[]): string | undefined {
  const [cmd, sub, third] = words;
  if (cmd === 'npm') {
    if (sub === 'ci' || sub === 'test') return undefined;
    // `--silent`: no "> package@version script" banner in output that is redirected to a file.
    const script = third === '--silent' ? words[3] : third;
    if (sub === 'run') return script !== undefined && script in scripts ? undefined : `npm run ${script}: no such script in package.json`;
    return `npm ${sub}: only npm ci, npm test and npm run <script> are allowed`;
  }
  if (cmd === 'pulumi') {
    if (!(sub in PULUMI_SUBCOMMANDS)) return `pulumi ${sub}: not an allowed Pulumi subcommand`;
    const nested = PULUMI_SUBCOMMANDS[sub];
    if (nested !== null && !nested.includes(third)) return `pulumi ${sub} ${third}: not an allowed subcommand of ${sub}`;
    return undefined;
  }
  return cmd in SHELL_UTILITIES ? undefined : `${cmd}: not npm, pulumi or an allowed shell utility`;
}

function checkAll(lines: readonly string[]): string[] {
  return lines.flatMap((line) =>
    commands(line).flatMap((words) => {
      const why = refusal(words);
      return why === undefined ? [] : [`${why} (in: ${line.trim()})`];
    }),
  );
}

describe('the command checker', () => {
  test.each([
    ['npm ci', undefined],
    ['npm test', undefined],
    ['npm run synth -- --out dist', undefined],
    ['npm run deploy', 'npm run deploy: no such script in package.json'],
    ['npm run --silent diff -- a b > d.md', undefined],
    ['npm run --silent deploy', 'npm run deploy: no such script in package.json'],
    ['npm install left-pad', 'npm install: only npm ci, npm test and npm run <script> are allowed'],
    ['pulumi up --yes --stack test', undefined],
    ['pulumi stack rm --yes --stack pr-1', undefined],
    ['pulumi stack destroy', 'pulumi stack destroy: not an allowed subcommand of stack'],
    ['pulumi import foo', 'pulumi import: not an allowed Pulumi subcommand'],
    ['rm -rf /', 'rm: not npm, pulumi or an allowed shell utility'],
    ['FOO=1 wget x', 'wget: not npm, pulumi or an allowed shell utility'],
    ['pulumi preview --json > p.json && outcome=success || outcome=failure', undefined],
    ['for n in $A; do rm x; done', 'rm: not npm, pulumi or an allowed shell utility'],
    ['for n in $A; do node -e "x" "$n" | pulumi config set --secret --path "platform:secrets.$n"; done', undefined],
    ['for n in $A; do node -e "x" | pulumi import y; done', 'pulumi import: not an allowed Pulumi subcommand'],
  ])('%s', (line, expected) => {
    expect(
      commands(line)
        .map(refusal)
        .find((r) => r !== undefined),
    ).toBe(expected);
  });

  test('splits chains and pipes, and skips redirection targets', () => {
    expect(commands('cd a && npm ci | sh -s -- --version "3 1" > out.md; cd ..').map((w) => w[0])).toEqual(['cd', 'npm', 'sh', 'cd']);
  });
});

describe("the platforms' schemas", () => {
  test.each(WORKFLOWS)("%s passes GitHub's workflow schema", (file) => {
    expect(githubWorkflowErrors(fs.readFileSync(path.join(ROOT, file), 'utf8'))).toEqual([]);
  });

  test(`${GITLAB} passes GitLab's CI schema`, () => {
    expect(gitlabCiErrors(read(GITLAB))).toEqual([]);
  });

  test("GitLab's schema refuses a script line YAML reads as a mapping (an unquoted `: `)", () => {
    // The line that made GitLab refuse the whole pipeline: `--header "PRIVATE-TOKEN: $TOKEN"` unquoted.
    const doc = parse('job:\n  script:\n    - curl --header "PRIVATE-TOKEN: $TOKEN" https://gitlab.example.com\n');
    expect(gitlabCiErrors(doc)).toContain('/job/script/0: must be string [#/definitions/script/oneOf/1/items/anyOf/0/type]');
    expect(gitlabCiErrors(parse('job:\n  script:\n    - \'curl --header "PRIVATE-TOKEN: $TOKEN" https://gitlab.example.com\'\n'))).toEqual(
      [],
    );
  });

  test("GitLab's schema refuses an unknown job keyword and GitHub's a step without uses or run", () => {
    expect(gitlabCiErrors({ job: { script: ['npm ci'], stagee: 'test' } }).length).toBeGreaterThan(0);
    expect(
      githubWorkflowErrors('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - name: nothing\n').length,
    ).toBeGreaterThan(0);
  });

  test.each([
    ['{a:1}', '{a:1}'],
    ['{a:"}",b:[1,{c:2}]},x', '{a:"}",b:[1,{c:2}]}'],
    ["{a:'\\'}'}tail", "{a:'\\'}'}"],
  ])('objectLiteralAt(%s)', (source, expected) => {
    expect(objectLiteralAt(source, 0)).toBe(expected);
  });
});

describe.each(WORKFLOWS)('%s', (file) => {
  const doc = read(file);

  test('is a workflow with jobs', () => {
    expect(Object.keys((doc as { jobs: object }).jobs).length).toBeGreaterThan(0);
  });

  test('runs only allowed commands', () => {
    expect(checkAll(workflowLines(doc))).toEqual([]);
  });

  test('pins every action to a version', () => {
    const jobs = (doc as { jobs: Record<string, { steps?: { uses?: string }[] }> }).jobs;
    const uses = Object.values(jobs).flatMap((j) => (j.steps ?? []).flatMap((s) => (s.uses === undefined ? [] : [s.uses])));
    expect(uses.filter((u) => !/@v[0-9]+$/.test(u))).toEqual([]);
  });
});

describe(GITLAB, () => {
  const doc = read(GITLAB) as Record<string, Record<string, unknown>>;

  test('runs only allowed commands', () => {
    expect(gitlabLines(doc).length).toBeGreaterThan(10);
    expect(checkAll(gitlabLines(doc))).toEqual([]);
  });

  test('every job names a declared stage', () => {
    const stages = doc.stages as unknown as string[];
    const jobs = Object.keys(doc).filter((n) => !GITLAB_KEYWORDS.has(n) && !n.startsWith('.'));
    expect(jobs.filter((n) => !stages.includes(resolveJob(doc, n).stage as string))).toEqual([]);
  });

  test('production waits for a person and test does not', () => {
    const prod = doc['deploy-production'];
    expect(prod.rules).toEqual([expect.objectContaining({ when: 'manual' })]);
    expect(prod.script).toContain('pulumi up --yes --non-interactive --stack prod');
    expect(JSON.stringify(doc['deploy-test'].rules)).not.toContain('manual');
  });

  test('shared is deployed first: test after it, prod after test', () => {
    expect(doc['deploy-shared'].script).toEqual(['pulumi up --yes --non-interactive --stack shared']);
    expect(doc['deploy-test'].needs).toEqual(['deploy-shared']);
    expect(doc['deploy-production'].needs).toEqual(['deploy-test']);
    expect(doc['deploy-production'].script).not.toContain('pulumi up --yes --non-interactive --stack shared');
  });

  test('every job that runs Pulumi, and only those, runs on the VPC runner', () => {
    const jobs = Object.keys(doc)
      .filter((n) => !GITLAB_KEYWORDS.has(n) && !n.startsWith('.'))
      .map((n): [string, Record<string, unknown>] => [n, resolveJob(doc, n)]);
    const onVpc = (j: Record<string, unknown>) => JSON.stringify(j.tags ?? []) === JSON.stringify([VPC_RUNNER_TAG]);
    expect(doc['.pulumi'].tags).toEqual([VPC_RUNNER_TAG]);
    const runsPulumi = ([, j]: [string, Record<string, unknown>]) =>
      (j.script as string[]).some((l) => commands(l).some((w) => w[0] === 'pulumi'));
    expect(
      jobs
        .filter(runsPulumi)
        .filter(([, j]) => !onVpc(j))
        .map(([n]) => n),
    ).toEqual([]);
    expect(
      jobs
        .filter(([, j]) => onVpc(j))
        .map(([n]) => n)
        .sort(),
    ).toEqual([
      'deploy-production',
      'deploy-shared',
      'deploy-test',
      'pr-preview',
      'pr-preview-stop',
      'pulumi-preview',
      'pulumi-preview-prod',
    ]);
  });

  test('the preview sets its secrets from CI variables before pulumi up', () => {
    const script = doc['pr-preview'].script as string[];
    const set = script.findIndex((l) =>
      /^for name in \$PREVIEW_SECRETS; do .*\| pulumi config set --secret --path "platform:secrets\.\$name" --stack "\$PREVIEW_STACK"; done$/.test(
        l,
      ),
    );
    expect(set).toBeGreaterThan(-1);
    expect(set).toBeLessThan(script.indexOf('pulumi up --yes --non-interactive --policy-pack policy --stack "$PREVIEW_STACK"'));
  });

  test('the preview is destroyed and removed when its environment stops', () => {
    expect((doc['pr-preview'].environment as Record<string, string>).on_stop).toBe('pr-preview-stop');
    expect(doc['pr-preview-stop'].script).toEqual([
      'pulumi destroy --yes --non-interactive --stack "$PREVIEW_STACK"',
      'pulumi stack rm --yes --non-interactive --stack "$PREVIEW_STACK"',
    ]);
  });
});

interface WorkflowJob {
  readonly needs?: string;
  readonly environment?: string;
  readonly 'runs-on': string | string[];
  readonly steps: { run?: string; env?: Record<string, string> }[];
}
const workflowJobs = (file: string) => (read(file) as { jobs: Record<string, WorkflowJob> }).jobs;
const pulumiUps = (job: WorkflowJob) => job.steps.flatMap((s) => (s.run !== undefined && s.run.startsWith('pulumi up') ? [s.run] : []));

describe('GitHub deploy', () => {
  const jobs = workflowJobs('.github/workflows/deploy.yml');

  test('production runs after test in the production environment (required reviewers)', () => {
    expect(jobs.production.needs).toBe('test');
    expect(jobs.production.environment).toBe('production');
    expect(jobs.test.steps.map((s) => s.run)).toContain('pulumi up --yes --non-interactive --stack test');
  });

  test('shared is deployed first: test and prod read its outputs', () => {
    expect(pulumiUps(jobs.shared)).toEqual(['pulumi up --yes --non-interactive --stack shared']);
    expect(jobs.shared.needs).toBeUndefined();
    expect(jobs.test.needs).toBe('shared');
    expect(pulumiUps(jobs.test)).toEqual(['pulumi up --yes --non-interactive --stack test']);
    expect(pulumiUps(jobs.production)).toEqual(['pulumi up --yes --non-interactive --stack prod']);
  });

  test('every deploy job runs on the self-hosted runner inside the VPC', () => {
    expect(
      Object.entries(jobs)
        .filter(([, j]) => JSON.stringify(j['runs-on']) !== JSON.stringify(VPC_RUNNER))
        .map(([n]) => n),
    ).toEqual([]);
  });
});

describe('GitHub pull requests', () => {
  test('the preview sets its secrets from CI secrets before pulumi up', () => {
    const steps = workflowJobs('.github/workflows/preview.yml').up.steps;
    const set = steps.findIndex(
      (s) =>
        s.run !== undefined &&
        /^for name in \$PREVIEW_SECRETS; do$/m.test(s.run) &&
        s.run.includes('| pulumi config set --secret --path "platform:secrets.$name" --stack "$PREVIEW_STACK"'),
    );
    expect(set).toBeGreaterThan(-1);
    expect(steps[set].env).toMatchObject({ PREVIEW_SECRETS: '${{ vars.PREVIEW_SECRETS }}' });
    expect(set).toBeLessThan(
      steps.findIndex((s) => s.run === 'pulumi up --yes --non-interactive --policy-pack policy --stack "$PREVIEW_STACK"'),
    );
  });
});

describe('the policy pack', () => {
  const previews = (lines: readonly string[]) =>
    lines.filter((l) => /\bpulumi (preview|up)\b/.test(l) && !/--stack (shared|test|prod)$/.test(l));

  test('every preview (pulumi preview, and pulumi up of a pr-<n> stack) runs with --policy-pack policy', () => {
    const lines = [...WORKFLOWS.flatMap((f) => workflowLines(read(f))), ...gitlabLines(read(GITLAB))];
    const runs = previews(lines);
    expect(runs.length).toBe(4);
    expect(runs.filter((l) => !l.includes(' --policy-pack policy '))).toEqual([]);
  });

  test("each job that previews installs the pack's dependencies first", () => {
    const ci = workflowJobs('.github/workflows/pulumi-preview.yml').preview.steps.map((s) => s.run);
    expect(ci.indexOf('npm ci --prefix policy')).toBeGreaterThan(-1);
    expect(ci.indexOf('npm ci --prefix policy')).toBeLessThan(ci.findIndex((r) => r?.startsWith('pulumi preview')));
    const up = workflowJobs('.github/workflows/preview.yml').up.steps.map((s) => s.run);
    expect(up.indexOf('npm ci --prefix policy')).toBeGreaterThan(-1);
    expect((read(GITLAB) as Record<string, { before_script?: string[] }>)['.pulumi'].before_script).toContain('npm ci --prefix policy');
  });
});
