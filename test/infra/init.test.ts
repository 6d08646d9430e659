/**
 * `npm run init` as a script runs it (no terminal: flags and defaults), then `npm run synth` on its
 * files. Once in a child process, as `npm run init` runs it (the command's wiring); the other cases
 * call the commands' main in this process.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateStack } from '../../stacks/init/generate';
import { answersFromFlags } from '../../stacks/init/questions';
import { main as initMain } from '../../infra/init';
import { main as synthMain } from '../../infra/synth';
import { CliIo } from '../../infra/cli-io';
import { callMain } from '../helpers/cli';

const ROOT = path.resolve(__dirname, '../..');

function emptyProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'init-'));
  fs.copyFileSync(path.join(ROOT, 'Pulumi.yaml'), path.join(dir, 'Pulumi.yaml'));
  return dir;
}

function runChild(script: string, ...args: string[]) {
  return spawnSync(process.execPath, ['scripts/run-ts.js', script, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PULUMI_CONFIG_PASSPHRASE: '' },
  });
}

/** `script`'s main in this process, from the repository's folder, never asking (no terminal, as above). */
function run(script: 'infra/init.ts' | 'infra/synth.ts', ...args: string[]) {
  const main = script === 'infra/init.ts' ? (argv: readonly string[], io: CliIo) => initMain(argv, io, false) : synthMain;
  return callMain(main, args, { cwd: ROOT });
}

describe('npm run init', () => {
  const project = emptyProject();
  const file = path.join(project, 'Pulumi.test.yaml');

  test('writes the stack file and prints the secret commands, not the secrets (a child process, as npm run init runs it)', () => {
    const result = runChild('infra/init.ts', '--project-dir', project, '--stack', 'test', '--key-pair', 'ops', '--workers', '0');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toContain('name: test-node');
    expect(result.stdout).toContain("  pulumi config set --secret --path 'platform:secrets.kubeconfig' <value>\n");
  });

  test('an existing file is kept unless --force', async () => {
    fs.writeFileSync(file, '# mine\n');
    const kept = await run('infra/init.ts', '--project-dir', project, '--stack', 'test', '--key-pair', 'ops');
    expect(kept.status).toBe(1);
    expect(kept.stderr).toMatch(/Pulumi\.test\.yaml exists; kept as it is \(--force to overwrite it\)/);
    expect(fs.readFileSync(file, 'utf8')).toBe('# mine\n');
    const forced = await run('infra/init.ts', '--project-dir', project, '--stack', 'test', '--key-pair', 'ops', '--force');
    expect(forced.status).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toContain('keyPairName: ops');
  });

  test('bad answers: exit 1, every bad flag named, nothing written', async () => {
    const result = await run('infra/init.ts', '--project-dir', project, '--stack', 'prod', '--workers', 'many', '--vpc-cidr', '10.0.0.0/8');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('  - --workers: "many" is not allowed; expected an integer from 0 to 100\n');
    expect(result.stderr).toContain('  - --vpc-cidr: "10.0.0.0/8" does not apply to a cluster stack; it is for shared stacks\n');
    expect(result.stderr).toContain('  - --key-pair: (missing) is required; it has no default\n');
    expect(fs.existsSync(path.join(project, 'Pulumi.prod.yaml'))).toBe(false);
  });

  test('a folder without Pulumi.yaml: exit 2, with the reason', async () => {
    const bare = fs.mkdtempSync(path.join(os.tmpdir(), 'init-bare-'));
    const result = await run('infra/init.ts', '--project-dir', bare, '--stack', 'shared');
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`init: ${bare} has no Pulumi.yaml; run it in the project folder or give --project-dir\n`);
    expect(fs.readdirSync(bare)).toEqual([]);
  });
});

describe('npm run init, then npm run synth on what it wrote', () => {
  test('the three generated stacks synthesize', async () => {
    const project = emptyProject();
    // The generator in process (the CLI is tested above), then the offline run's command.
    const generate = (flags: Record<string, string>) => {
      const { answers, issues } = answersFromFlags(flags);
      expect(issues).toEqual([]);
      fs.writeFileSync(path.join(project, `Pulumi.${flags['--stack']}.yaml`), generateStack('platform', answers!).yaml);
    };
    generate({ '--stack': 'shared', '--region': 'cn-hangzhou', '--zones': 'cn-hangzhou-h,cn-hangzhou-i', '--vpc-cidr': '10.30.0.0/16' });
    generate({ '--stack': 'prod', '--region': 'cn-hangzhou', '--key-pair': 'prod-nodes', '--api-server-cidrs': '203.0.113.0/24' });
    generate({ '--stack': 'test', '--region': 'cn-hangzhou', '--key-pair': 'test-nodes' });
    const out = path.join(project, 'out');
    const synth = await run('infra/synth.ts', '--project-dir', project, '--out', out);
    expect(synth.stderr).toBe('');
    expect(synth.status).toBe(0);
    const plan = JSON.parse(fs.readFileSync(path.join(out, 'plan.json'), 'utf8'));
    expect(Object.keys(plan.stacks)).toEqual(['shared', 'prod', 'test']);
    const resources = (stack: string, type: string) =>
      (plan.stacks[stack].resources as Array<{ type: string; inputs: Record<string, unknown> }>).filter((r) => r.type === type);
    expect(resources('shared', 'alicloud:vpc/switch:Switch').map((r) => [r.inputs.zoneId, r.inputs.cidrBlock])).toEqual([
      ['cn-hangzhou-h', '10.30.0.0/20'],
      ['cn-hangzhou-i', '10.30.16.0/20'],
    ]);
    // prod: 3 control-plane + 3 workers; test: 1 + 2 (the defaults).
    expect(resources('prod', 'alicloud:ecs/instance:Instance')).toHaveLength(6);
    expect(resources('test', 'alicloud:ecs/instance:Instance')).toHaveLength(3);
  }, 120_000);
});
