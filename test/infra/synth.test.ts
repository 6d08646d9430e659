/**
 * The offline run end to end. As a user runs it: the child process of the shared run of the shipped
 * stacks (test/helpers/shipped-run.ts), whose output and streams the first tests read. Every other
 * case calls the command's main in this process, on a copy of the project.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../infra/synth';
import { CallOptions, callMain } from '../helpers/cli';
import { SHIPPED_RUN_TIMEOUT_MS, ShippedRun, shippedRun } from '../helpers/shipped-run';
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
  return callMain(main, ['--project-dir', projectDir, '--out', outDir, ...extra]);
}

describe('npm run synth', () => {
  const project = copyProject();
  let out: string;
  let run: ShippedRun;

  beforeAll(async () => {
    run = await shippedRun();
    out = run.outDir;
  }, SHIPPED_RUN_TIMEOUT_MS);

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

  test('a second run gives byte-identical output', async () => {
    const again = path.join(project, 'again');
    expect((await synth(project, again)).status).toBe(0);
    expect(listFiles(again)).toEqual(listFiles(out));
    for (const file of listFiles(out)) {
      expect(fs.readFileSync(path.join(again, file), 'utf8')).toBe(fs.readFileSync(path.join(out, file), 'utf8'));
    }
  });

  test('bad config: exit 1, every bad key named, the output folder left as it was', async () => {
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

    const result = await synth(bad, target);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Invalid config for stack 'shared' (3 problems):");
    expect(result.stderr).toContain('platform:network.vpcCidr: "10.20.0.0/33" is not an IPv4 CIDR');
    expect(result.stderr).toContain('platform:network.zones: 2 is a number; expected a list');
    expect(result.stderr).toContain('platform:vpcCIDR: "10.0.0.0/8" is not a known key');
    expect(result.stderr).toContain('Nothing was written.');
    expect(listFiles(target)).toEqual(['.offline-output', 'keep.txt']);
    expect(fs.readdirSync(bad).filter((f) => f.startsWith('out.'))).toEqual([]);
  });

  test('bad arguments: exit 2 with usage', async () => {
    const result = await synth(project, path.join(project, 'out'), '--bogus', 'x');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage: npm run synth');
  });

  test('--stack runs one stack and the shared stack it reads', async () => {
    const only = path.join(project, 'only');
    expect((await synth(project, only, '--stack', 'shared')).status).toBe(0);
    expect(Object.keys(JSON.parse(fs.readFileSync(path.join(only, 'plan.json'), 'utf8')).stacks)).toEqual(['shared']);
  });
});

describe('npm run synth: arguments', () => {
  test('--help prints usage and exits 0', async () => {
    const result = await callMain(main, ['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('usage: npm run synth -- [--out DIR] [--project-dir DIR] [--stack NAME]');
    expect(result.stdout).toContain('--out DIR');
  });

  test.each([
    ['the current folder', true, () => '.', 'is the current folder;'],
    ['the project folder', false, (dir: string) => dir, 'is the project folder (--project-dir);'],
    ['a parent of the project folder', false, (dir: string) => path.dirname(dir), 'is a parent of'],
  ])('--out %s is refused, naming the flag, and nothing is deleted', async (_what, inProject, outOf, message) => {
    // Run in a copy nested in a folder of its own, never in the checkout: a regression deletes a copy.
    const dir = copyProject(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'synth-')), 'project'));
    const before = listFiles(dir);
    const options: CallOptions = { cwd: inProject ? dir : fs.mkdtempSync(path.join(os.tmpdir(), 'cwd-')) };
    const result = await callMain(main, ['--project-dir', dir, '--out', outOf(dir)], options);
    expect(result.status).toBe(1);
    // The flag's value as resolved against the current folder.
    expect(result.stderr).toContain(`--out: ${JSON.stringify(inProject ? dir : outOf(dir))} ${message}`);
    expect(result.stderr).toContain('Nothing was written.');
    expect(listFiles(dir)).toEqual(before);
  });
});
