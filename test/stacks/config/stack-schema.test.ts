/** One declarative schema per stack kind: its keys, how a stack's config is read with it, its defaults. */
import { CLUSTER_STACK, PREVIEW_STACK, SHARED_STACK, defaultsOf, stackSchema } from '../../../stacks/config/stack-schema';
import { kubernetesSchema, nodePoolSchema } from '../../../stacks/config/cluster';
import { networkSchema } from '../../../stacks/config/network';
import { type Infer, IssueSink, int, object, optional, required, str, withDefault } from '../../../stacks/config/schema';

const raw = (stack: string, values: Record<string, unknown>) => ({ project: 'platform', stack, values });

function read(schema: { read: (r: ReturnType<typeof raw>, i: IssueSink) => unknown }, values: Record<string, unknown>, stack = 'x') {
  const issues: IssueSink = [];
  const value = schema.read(raw(stack, values), issues);
  return { value, issues: issues.map((i) => [i.key, i.message]) };
}

describe('the stack kinds', () => {
  test.each([
    [SHARED_STACK, ['secrets', 'network', 'nas', 'site', 'devtools', 'backup']],
    [
      CLUSTER_STACK,
      [
        'secrets',
        'sharedStack',
        'cluster',
        'nodePools',
        'apiServer',
        'kubernetes',
        'kubesphere',
        'bootstrap',
        'namespaces',
        'services',
        'middleware',
        'logging',
        'csiDriver',
        'harbor',
        'devops',
        'images',
        'backup',
      ],
    ],
    [PREVIEW_STACK, ['preview', 'secrets']],
  ])('%# has its keys, in the order messages list them', (schema, keys) => {
    expect(Object.keys(schema.fields)).toEqual(keys);
  });

  test('a cluster stack left without optional keys gets every default', () => {
    const { value } = read(CLUSTER_STACK, {
      'platform:cluster': {
        name: 'test',
        securityGroups: { controlPlane: 'sg', worker: 'sg' },
        ssh: { keyPairName: 'k' },
      },
      'platform:nodePools': [
        { name: 'nodes', count: 1, roles: ['etcd'], instanceType: 'ecs.c7.2xlarge', imageId: 'img', addressOffset: 10 },
      ],
    });
    expect(value).toMatchObject({
      secrets: {},
      services: [],
      kubernetes: { podCidr: '10.233.64.0/18', serviceCidr: '10.233.0.0/18', allowUnsupportedVersion: false },
      namespaces: { apps: 'iot-apps', middleware: 'iot-middleware', logging: 'iot-logging' },
      csiDriver: { credentials: 'ramRole' },
      backup: { etcd: { periodMinutes: 60, keepBackupNumber: 24 } },
    });
  });

  test('a preview stack names its own two keys, and leaves other namespaces to CI', () => {
    expect(
      read(PREVIEW_STACK, { 'platform:network': {}, 'ci:run': 1, 'platform:preview': { services: ['gateway'] } }, 'pr-1').issues,
    ).toEqual([
      ['platform:network', 'is derived from Pulumi.test.yaml on a preview stack; expected only platform:preview, platform:secrets'],
    ]);
  });

  test('a preview secret is a camelCase name, like every stack kind’s', () => {
    expect(read(PREVIEW_STACK, { 'platform:secrets': { 'my-token': { secret: true, value: 'x' } } }, 'pr-1').issues).toEqual([
      ['platform:secrets.my-token', 'is not an allowed name; expected a camelCase name'],
    ]);
  });
});

describe('stackSchema', () => {
  const schema = stackSchema({ a: required(int()), b: optional(str()), c: withDefault(int(), 7) }, { otherNamespaces: 'refuse' });

  test('reads the typed config, defaults applied', () => {
    expect(read(schema, { 'platform:a': 1 })).toEqual({ value: { a: 1, b: undefined, c: 7 }, issues: [] });
  });

  test('collects every problem, in the order of the file, then the missing keys', () => {
    expect(read(schema, { 'typo:a': 1, 'platform:b': 2, 'platform:z': 0 }).issues).toEqual([
      [
        'typo:a',
        "is not in a known config namespace; expected one of 'platform:', 'alicloud:', 'kubernetes:', 'command:', 'pulumi:' (keys are <namespace>:<key>)",
      ],
      ['platform:b', 'is a number; expected a string'],
      ['platform:z', "is not a known key for stack 'x'; expected one of platform:a, platform:b, platform:c"],
      ['platform:a', "is required for stack 'x'"],
    ]);
  });
});

describe('defaultsOf', () => {
  test('is what the checker gives for a key left out', () => {
    expect(defaultsOf(kubernetesSchema)).toEqual({
      version: undefined,
      allowUnsupportedVersion: false,
      podCidr: '10.233.64.0/18',
      serviceCidr: '10.233.0.0/18',
    });
  });

  test('refuses a checker with a required key: a mistake in the schema', () => {
    expect(() => defaultsOf(object({ a: required(int()) }))).toThrow('schema default: (defaults).a is required');
  });
});

describe('inferred types', () => {
  test('optional keys may be left out; defaulted ones are always there', () => {
    // Type-checked by `npm run build`: no natGateway nor vswitchPrefixLength needed, securityGroups is.
    const network: Infer<typeof networkSchema> = { vpcCidr: '10.0.0.0/16', zones: ['cn-shenzhen-e'], securityGroups: [] };
    const replaceNodes: Infer<typeof nodePoolSchema>['replaceNodes'] = [];
    expect([network.natGateway, replaceNodes]).toEqual([undefined, []]);
  });
});
