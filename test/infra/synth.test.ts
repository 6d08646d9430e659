/** The offline run end to end, as a user runs it: a child process on a copy of the project. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { listFiles } from '../helpers/files';

const ROOT = path.resolve(__dirname, '../..');

function copyProject(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-'))): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const file of fs.readdirSync(ROOT).filter((f) => /^Pulumi(\..+)?\.yaml$/.test(f))) {
    fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
  }
  return dir;
}

function synth(projectDir: string, outDir: string, ...extra: string[]) {
  return spawnSync(process.execPath, ['scripts/run-ts.js', 'infra/synth.ts', '--project-dir', projectDir, '--out', outDir, ...extra], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, PULUMI_CONFIG_PASSPHRASE: '' },
  });
}

describe('npm run synth', () => {
  const project = copyProject();
  const out = path.join(project, 'out');
  let run: ReturnType<typeof synth>;

  beforeAll(() => {
    run = synth(project, out);
  });

  test('exits 0 and summarises every stack', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^shared: \d+ resources$/m);
    expect(run.stdout).toMatch(/^prod: \d+ resources$/m);
    expect(run.stdout).toMatch(/^test: \d+ resources$/m);
  });

  test('writes plan.json with the three stacks and the network from Pulumi.shared.yaml', () => {
    const plan = JSON.parse(fs.readFileSync(path.join(out, 'plan.json'), 'utf8'));
    expect(Object.keys(plan.stacks)).toEqual(['shared', 'prod', 'test']);
    const shared = plan.stacks.shared.resources as Array<{ type: string; name: string; inputs: Record<string, unknown> }>;
    const vpc = shared.filter((r) => r.type === 'alicloud:vpc/network:Network');
    expect(vpc.map((r) => r.inputs.cidrBlock)).toEqual(['10.20.0.0/16']);
    const vswitches = shared.filter((r) => r.type === 'alicloud:vpc/switch:Switch');
    expect(vswitches.map((r) => [r.inputs.zoneId, r.inputs.cidrBlock])).toEqual([
      ['cn-shenzhen-e', '10.20.0.0/20'],
      ['cn-shenzhen-f', '10.20.16.0/20'],
    ]);
    expect(shared.filter((r) => r.type === 'alicloud:ecs/securityGroup:SecurityGroup').length).toBeGreaterThanOrEqual(1);
    for (const r of Object.values(plan.stacks).flatMap((s) => (s as { resources: object[] }).resources)) {
      expect(Object.keys(r)).toEqual([
        'type',
        'name',
        'parent',
        'inputs',
        'protect',
        'retainOnDelete',
        'ignoreChanges',
        'replaceOnChanges',
        'deleteBeforeReplace',
        'additionalSecretOutputs',
      ]);
    }
    // The cluster stacks read the shared stack's real outputs through their StackReference.
    const vpcId = plan.stacks.shared.outputs.network.vpcId;
    expect(vpcId).toMatch(/^vpc-[0-9a-f]{20}$/);
  });

  test('writes policy.json: every resource of every stack checked, no mandatory violation, advisory ones printed', () => {
    const report = JSON.parse(fs.readFileSync(path.join(out, 'policy.json'), 'utf8'));
    expect(Object.keys(report)).toEqual(['pack', 'rules', 'evaluated', 'violations']);
    expect(report.pack).toBe('aliyun-kubesphere-baseline');
    expect(report.rules.length).toBeGreaterThanOrEqual(25);
    expect(report.evaluated).toBeGreaterThan(600);
    const levels = (report.violations as Array<{ level: string }>).map((v) => v.level);
    expect(levels.filter((l) => l === 'mandatory')).toEqual([]);
    expect(run.stdout).toContain(
      `policy aliyun-kubesphere-baseline: ${report.evaluated} evaluations, 0 mandatory and ${levels.length} advisory violations (policy.json)`,
    );
  });

  test('a second run gives byte-identical output', () => {
    const again = path.join(project, 'again');
    expect(synth(project, again).status).toBe(0);
    expect(listFiles(again)).toEqual(listFiles(out));
    for (const file of listFiles(out)) {
      expect(fs.readFileSync(path.join(again, file), 'utf8')).toBe(fs.readFileSync(path.join(out, file), 'utf8'));
    }
  });

  test('bad config: exit 1, every bad key named, the output folder left as it was', () => {
    const bad = copyProject();
    const shared = fs
      .readFileSync(path.join(bad, 'Pulumi.shared.yaml'), 'utf8')
      .replace('vpcCidr: 10.20.0.0/16', 'vpcCidr: 10.20.0.0/33')
      .replace('zones:\n      - cn-shenzhen-e\n      - cn-shenzhen-f', 'zones: 2')
      .replace('config:\n', 'config:\n  platform:vpcCIDR: 10.0.0.0/8\n');
    fs.writeFileSync(path.join(bad, 'Pulumi.shared.yaml'), shared);
    const target = path.join(bad, 'out');
    fs.mkdirSync(target);
    // A previous output (it carries the marker), which only a good run may replace.
    fs.writeFileSync(path.join(target, '.offline-output'), '');
    fs.writeFileSync(path.join(target, 'keep.txt'), 'previous run');

    const result = synth(bad, target);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Invalid config for stack 'shared' (3 problems):");
    expect(result.stderr).toContain('platform:network.vpcCidr: "10.20.0.0/33" is not an IPv4 CIDR');
    expect(result.stderr).toContain('platform:network.zones: 2 is a number; expected a list');
    expect(result.stderr).toContain('platform:vpcCIDR: "10.0.0.0/8" is not a known key');
    expect(result.stderr).toContain('Nothing was written.');
    expect(listFiles(target)).toEqual(['.offline-output', 'keep.txt']);
    expect(fs.readdirSync(bad).filter((f) => f.startsWith('out.'))).toEqual([]);
  });

  test('bad arguments: exit 2 with usage', () => {
    const result = synth(project, out, '--bogus', 'x');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage: npm run synth');
  });

  test('--stack runs one stack and the shared stack it reads', () => {
    const only = path.join(project, 'only');
    expect(synth(project, only, '--stack', 'shared').status).toBe(0);
    expect(Object.keys(JSON.parse(fs.readFileSync(path.join(only, 'plan.json'), 'utf8')).stacks)).toEqual(['shared']);
  });
});

describe('npm run synth: arguments', () => {
  test('--help prints usage and exits 0', () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts/run-ts.js'), path.join(ROOT, 'infra/synth.ts'), '--help'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('usage: npm run synth -- [--out DIR] [--project-dir DIR] [--stack NAME]');
    expect(result.stdout).toContain('--out DIR');
  });

  test.each([
    ['the current folder', true, () => '.', 'is the current folder;'],
    ['the project folder', false, (dir: string) => dir, 'is the project folder (--project-dir);'],
    ['a parent of the project folder', false, (dir: string) => path.dirname(dir), 'is a parent of'],
  ])('--out %s is refused, naming the flag, and nothing is deleted', (_what, inProject, outOf, message) => {
    // Run in a copy nested in a folder of its own, never in the checkout: a regression deletes a copy.
    const dir = copyProject(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'synth-')), 'project'));
    const before = listFiles(dir);
    const result = spawnSync(
      process.execPath,
      [path.join(ROOT, 'scripts/run-ts.js'), path.join(ROOT, 'infra/synth.ts'), '--project-dir', dir, '--out', outOf(dir)],
      {
        cwd: inProject ? dir : fs.mkdtempSync(path.join(os.tmpdir(), 'cwd-')),
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(1);
    // The flag's value as resolved against the current folder.
    expect(result.stderr).toContain(`--out: ${JSON.stringify(inProject ? dir : outOf(dir))} ${message}`);
    expect(result.stderr).toContain('Nothing was written.');
    expect(listFiles(dir)).toEqual(before);
  });
});
