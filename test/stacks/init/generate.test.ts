import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import { InitError, generateStack } from '../../../stacks/init/generate';
import { answersFromFlags } from '../../../stacks/init/questions';
import { parseStackConfig, readStackFile } from '../../../stacks/config';

const PROJECT = 'platform';

function generate(flags: Record<string, string>) {
  const { answers, issues } = answersFromFlags(flags);
  expect(issues).toEqual([]);
  return generateStack(PROJECT, answers!);
}

function configOf(yaml: string): Record<string, unknown> {
  return (parseYaml(yaml) as { config: Record<string, unknown> }).config;
}

describe('npm run init: answers to a stack file', () => {
  test.each([
    [
      'shared, defaults',
      { '--stack': 'shared' },
      {
        'alicloud:region': 'cn-shenzhen',
        'platform:network': {
          vpcCidr: '10.20.0.0/16',
          zones: ['cn-shenzhen-e', 'cn-shenzhen-f'],
          securityGroups: ['prod-control-plane', 'prod-worker', 'test-control-plane', 'test-worker'],
          natGateway: {},
        },
        'platform:nas': { zone: 'cn-shenzhen-e', clusters: ['prod', 'test'] },
      },
    ],
    [
      'shared, Hangzhou, three zones, no NAT, no NAS',
      {
        '--stack': 'shared',
        '--region': 'cn-hangzhou',
        '--zones': 'cn-hangzhou-h, cn-hangzhou-i,cn-hangzhou-j',
        '--vpc-cidr': '172.16.0.0/12',
        '--security-groups': 'a-sg,b-sg',
        '--nat-gateway': 'no',
        '--nas': 'n',
      },
      {
        'alicloud:region': 'cn-hangzhou',
        'platform:network': {
          vpcCidr: '172.16.0.0/12',
          zones: ['cn-hangzhou-h', 'cn-hangzhou-i', 'cn-hangzhou-j'],
          securityGroups: ['a-sg', 'b-sg'],
        },
      },
    ],
    [
      'test, no workers: one pool carries every role',
      { '--stack': 'test', '--key-pair': 'ops', '--workers': '0' },
      {
        'alicloud:region': 'cn-shenzhen',
        'platform:cluster': {
          name: 'test',
          securityGroups: { controlPlane: 'test-control-plane', worker: 'test-worker' },
          ssh: { keyPairName: 'ops' },
        },
        'platform:nodePools': [
          {
            name: 'test-node',
            count: 1,
            roles: ['etcd', 'control-plane', 'worker'],
            instanceType: 'ecs.c7.2xlarge',
            imageId: 'ubuntu_22_04_x64_20G_alibase_20240926.vhd',
            addressOffset: 40,
          },
        ],
        'platform:kubernetes': { version: 'v1.26.15' },
        'platform:kubesphere': { multiclusterRole: 'member' },
        'platform:bootstrap': { enabled: false },
      },
    ],
    [
      'prod with an SLB: highly available, workers right after the control plane',
      {
        '--stack': 'prod',
        '--key-pair': 'ops',
        '--control-planes': '5',
        '--workers': '4',
        '--worker-instance-type': 'ecs.g7.4xlarge',
        '--api-server-cidrs': '203.0.113.0/24,198.51.100.0/24',
        '--kubernetes-version': 'v1.25.16',
        '--bootstrap': 'yes',
      },
      {
        'alicloud:region': 'cn-shenzhen',
        'platform:cluster': {
          name: 'prod',
          highAvailability: true,
          securityGroups: { controlPlane: 'prod-control-plane', worker: 'prod-worker' },
          ssh: { keyPairName: 'ops' },
        },
        'platform:nodePools': [
          {
            name: 'prod-cp',
            count: 5,
            roles: ['etcd', 'control-plane'],
            instanceType: 'ecs.c7.2xlarge',
            imageId: 'ubuntu_22_04_x64_20G_alibase_20240926.vhd',
            addressOffset: 10,
          },
          {
            name: 'prod-worker',
            count: 4,
            roles: ['worker'],
            instanceType: 'ecs.g7.4xlarge',
            imageId: 'ubuntu_22_04_x64_20G_alibase_20240926.vhd',
            addressOffset: 15,
          },
        ],
        'platform:apiServer': { loadBalancer: { allowedCidrs: ['203.0.113.0/24', '198.51.100.0/24'] } },
        'platform:kubernetes': { version: 'v1.25.16' },
        'platform:kubesphere': { multiclusterRole: 'host' },
        'platform:bootstrap': { enabled: true },
      },
    ],
  ])('%s', (_name, flags, expected) => {
    const generated = generate(flags);
    expect(configOf(generated.yaml)).toEqual(expected);
    // What is written is what the parser accepted.
    expect(parseStackConfig({ project: PROJECT, stack: flags['--stack'], values: expected }, { missingSecrets: 'placeholder' })).toEqual(
      generated.spec,
    );
  });

  test.each([
    ['shared', [], []],
    ['test', ["pulumi config set --secret --path 'platform:secrets.kubeconfig' <value>"], []],
    [
      'prod',
      ['sshPrivateKey', 'jumpHostSshPrivateKey', 'kubesphereAdminPassword', 'kubesphereJwtSecret'].map(
        (n) => `pulumi config set --secret --path 'platform:secrets.${n}' <value>`,
      ),
      ['platform:bootstrap.kubeKey.sha256', 'platform:cluster.ssh.hostKey'],
    ],
  ])('%s: secrets are named as commands, never written', (stack, commands, settings) => {
    const generated = generate({
      '--stack': stack,
      ...(stack === 'shared' ? {} : { '--key-pair': 'ops', '--bootstrap': String(stack === 'prod') }),
    });
    expect(generated.secretCommands).toEqual(commands);
    expect(generated.missingSettings).toEqual(settings);
    expect(generated.yaml).not.toMatch(/secrets|secure:/);
  });

  test('the written file reads back through the offline reader with no error', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'init-'));
    fs.writeFileSync(path.join(dir, 'Pulumi.yaml'), `name: ${PROJECT}\n`);
    const generated = generate({ '--stack': 'test', '--key-pair': 'ops' });
    fs.writeFileSync(path.join(dir, 'Pulumi.test.yaml'), generated.yaml);
    expect(parseStackConfig(readStackFile(dir, 'test'), { missingSecrets: 'placeholder' })).toEqual(generated.spec);
  });
});

describe('npm run init: bad answers are refused, naming the flag', () => {
  test.each([
    [{}, '--stack', 'is required'],
    [{ '--stack': 'staging' }, '--stack', 'is not a stack of this project'],
    [{ '--stack': 'shared', '--vpc-cidr': '10.20.0.0/33' }, '--vpc-cidr', ''],
    [{ '--stack': 'shared', '--zones': 'cn-shenzhen-e,cn-shenzhen-e' }, '--zones', 'repeats an entry'],
    [{ '--stack': 'shared', '--nat-gateway': 'maybe' }, '--nat-gateway', 'expected yes or no'],
    [{ '--stack': 'shared', '--workers': '2' }, '--workers', 'does not apply to a shared stack'],
    [{ '--stack': 'test', '--key-pair': 'ops', '--zone': 'x' }, '--zone', 'is not a flag of npm run init'],
    [{ '--stack': 'test' }, '--key-pair', 'is required; it has no default'],
    [{ '--stack': 'test', '--key-pair': 'ops', '--workers': '-1' }, '--workers', 'expected an integer from 0 to 100'],
    [{ '--stack': 'test', '--key-pair': 'ops', '--api-server-cidrs': '10.0.0.0/8,0.0.0.0/0' }, '--api-server-cidrs', 'whole internet'],
    [
      { '--stack': 'test', '--key-pair': 'ops', '--multicluster-role': 'leader' },
      '--multicluster-role',
      "expected one of 'host', 'member', 'none'",
    ],
  ])('%j: %s', (flags, flag, message) => {
    const { answers, issues } = answersFromFlags(flags as Record<string, string>);
    expect(answers).toBeUndefined();
    expect(issues.map((i) => i.key)).toEqual([flag]);
    expect(issues[0].message).toContain(message);
  });

  test.each([
    [{ '--control-planes': '2' }, 'platform:nodePools[0].count (--control-planes)', 'expected an odd number'],
    [
      { '--instance-type': 'ecs.t6.xlarge', '--worker-instance-type': 'ecs.c7.2xlarge' },
      'platform:nodePools[0].instanceType (--instance-type)',
      'is not a c, g or r family',
    ],
    [
      { '--worker-instance-type': 'ecs.t6.xlarge' },
      'platform:nodePools[1].instanceType (--worker-instance-type)',
      'is not a c, g or r family',
    ],
    [{ '--kubernetes-version': 'v1.30.1' }, 'platform:kubernetes.version (--kubernetes-version)', ''],
  ])('rules the parser knows: %j', (extra, key, message) => {
    const { answers } = answersFromFlags({ '--stack': 'prod', '--key-pair': 'ops', ...extra });
    let error: unknown;
    try {
      generateStack(PROJECT, answers!);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InitError);
    expect((error as InitError).issues.map((i) => i.key)).toEqual([key]);
    expect((error as InitError).issues[0].message).toContain(message);
  });
});
