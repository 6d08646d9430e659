/** A pr-42 preview under mocks: only namespace-scoped objects in namespace pr-42, on the test cluster's provider, and no cloud resource. */
import * as path from 'path';
import { ConfigError, RawConfig, readStackFile } from '../../../stacks/config';
import {
  PREVIEW_PR_LABEL,
  PREVIEW_SERVICES_ENV,
  buildPreview,
  parsePreviewConfig,
  previewProgram,
  previewSecretUses,
} from '../../../stacks/preview';
import { buildWorkloads } from '../../../stacks/workloads';
import { programFor } from '../../../stacks/program';
import { evaluate, evaluatedOnce, ofType } from '../../helpers/evaluate';
import { at } from '../../constructs/k8s/fixtures';

const ROOT = path.resolve(__dirname, '../../..');
const TEST_KUBECONFIG = 'apiVersion: v1\nkind: Config\nclusters: [{name: test, cluster: {server: https://10.20.0.41:6443}}]\n';
const NAMESPACED_KINDS = [
  'Deployment',
  'Service',
  'HorizontalPodAutoscaler',
  'ConfigMap',
  'NetworkPolicy',
  'ServiceMonitor',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
];

function pr(values: Record<string, unknown> = {}): RawConfig {
  return { project: 'platform', stack: 'pr-42', values };
}

const testRaw = readStackFile(ROOT, 'test');
/** As offline and in most tests here: a secret the stack does not hold is not an error. */
const PLACEHOLDER = { missingSecrets: 'placeholder' } as const;

interface Obj {
  kind: string;
  metadata: { name: string; namespace?: string };
}

async function run(env: Record<string, string> = {}) {
  const spec = parsePreviewConfig(pr(), testRaw, env, PLACEHOLDER);
  const stack = await evaluate(programFor(spec), { stack: 'pr-42', stackOutputs: { test: { kubeconfig: TEST_KUBECONFIG } } });
  return { spec, stack };
}

/** The stack with CI's defaults, for the tests that read nothing else. */
const runWithDefaults = evaluatedOnce(() => run());

describe('pr-42 under mocks', () => {
  test('registers no cloud resource: only the StackReference, the provider and Kubernetes objects', async () => {
    const { stack } = await runWithDefaults();
    expect(stack.resources.filter((r) => r.type.startsWith('alicloud:') || r.type.startsWith('command:'))).toEqual([]);
    const allowed = [
      'kubernetes:core/v1:Namespace',
      'kubernetes:core/v1:Secret',
      'kubernetes:yaml/v2:ConfigGroup',
      'pulumi:providers:kubernetes',
      'pulumi:pulumi:StackReference',
    ];
    expect(stack.resources.map((r) => r.type).filter((t) => !allowed.includes(t))).toEqual([]);
    expect(ofType(stack, 'pulumi:pulumi:StackReference').map((r) => r.inputs.name)).toEqual(['organization/platform/test']);
  });

  test("talks to the test cluster: one provider, from the test stack's kubeconfig", async () => {
    const { stack } = await runWithDefaults();
    const providers = ofType(stack, 'pulumi:providers:kubernetes');
    expect(providers.map((p) => [p.name, p.inputs.namespace, p.inputs.kubeconfig])).toEqual([['pr-42-k8s', 'pr-42', '[secret]']]);
  });

  test('every object is namespace-scoped and in pr-42, besides the namespace itself', async () => {
    const { spec, stack } = await runWithDefaults();
    expect(ofType(stack, 'kubernetes:core/v1:Namespace').map((r) => (r.inputs.metadata as Obj['metadata']).name)).toEqual(['pr-42']);
    const objs = ofType(stack, 'kubernetes:yaml/v2:ConfigGroup').flatMap((g) => g.inputs.objs as Obj[]);
    const secrets = ofType(stack, 'kubernetes:core/v1:Secret').map((r) => ({
      kind: 'Secret',
      metadata: r.inputs.metadata as Obj['metadata'],
    }));
    const all = [...objs, ...secrets];
    expect(objs.filter((o) => o.kind === 'Deployment').map((o) => o.metadata.name)).toEqual(spec.services.map((s) => s.name));
    expect(all.filter((o) => o.metadata.namespace !== 'pr-42' || !NAMESPACED_KINDS.includes(o.kind))).toEqual([]);
  });

  test('deploys only the services CI names in PREVIEW_SERVICES', async () => {
    const { stack } = await run({ [PREVIEW_SERVICES_ENV]: 'gateway, order-service' });
    const objs = ofType(stack, 'kubernetes:yaml/v2:ConfigGroup').flatMap((g) => g.inputs.objs as Obj[]);
    expect(objs.filter((o) => o.kind === 'Deployment').map((o) => o.metadata.name)).toEqual(['gateway', 'order-service']);
  });

  test('without the secrets on the preview stack, names the Secrets it could not create', async () => {
    const { stack } = await runWithDefaults();
    expect(stack.warnings.length).toBeGreaterThan(0);
    expect(stack.warnings.every((w) => /^Secret pr-42\/\S+ is not created: set platform:secrets\./.test(w))).toBe(true);
  });

  test('creates the Secrets from the preview stack’s own secret config, marked secret', async () => {
    const names = buildPreview(parsePreviewConfig(pr(), testRaw, {}, PLACEHOLDER)).secrets.flatMap((r) =>
      Object.values(r.data).flatMap((s) => ('fromConfig' in s ? [s.fromConfig] : [])),
    );
    const secrets = Object.fromEntries(names.map((n) => [n, { secret: true, value: `value-of-${n}` }]));
    const spec = parsePreviewConfig(pr({ 'platform:secrets': secrets }), testRaw, {});
    expect(spec.missingSecrets).toEqual([]);
    const stack = await evaluate(() => previewProgram(spec), { stack: 'pr-42', stackOutputs: { test: { kubeconfig: TEST_KUBECONFIG } } });
    expect(stack.warnings).toEqual([]);
    expect(JSON.stringify(stack)).not.toContain('value-of-');
  });
});

describe('preview config', () => {
  const issues = (raw: RawConfig, env: Record<string, string> = {}) => {
    try {
      parsePreviewConfig(raw, testRaw, env, PLACEHOLDER);
    } catch (e) {
      if (e instanceof ConfigError) return e.issues.map((i) => `${i.key}: ${i.message}`);
      throw e;
    }
    return [];
  };

  test('needs no settings file: the namespace and stack come from the PR number', () => {
    const spec = parsePreviewConfig(pr(), testRaw, {}, PLACEHOLDER);
    expect([spec.prNumber, spec.namespace, spec.testStack]).toEqual([42, 'pr-42', 'organization/platform/test']);
    expect(spec.services.length).toBeGreaterThan(0);
  });

  test('refuses keys that belong to the test stack, and unknown services', () => {
    expect(issues(pr({ 'platform:nodePools': [] }))).toEqual([
      expect.stringContaining('platform:nodePools: is derived from Pulumi.test.yaml'),
    ]);
    expect(issues(pr({ 'platform:preview': { services: ['nope'] } }))).toEqual([
      expect.stringContaining('platform:preview.services: is not a service of the catalogue'),
    ]);
    expect(issues(pr(), { [PREVIEW_SERVICES_ENV]: 'nope' })).toEqual([
      expect.stringContaining('PREVIEW_SERVICES: is not a service of the catalogue'),
    ]);
  });

  test('platform:preview.services wins over the environment', () => {
    expect(
      parsePreviewConfig(
        pr({ 'platform:preview': { services: ['gateway'] } }),
        testRaw,
        { [PREVIEW_SERVICES_ENV]: 'order-service' },
        PLACEHOLDER,
      ).services.map((s) => s.name),
    ).toEqual(['gateway']);
  });

  test('refuses a stack that is not pr-<n>', () => {
    expect(() => parsePreviewConfig({ ...pr(), stack: 'prod' }, testRaw, {})).toThrow(ConfigError);
  });
});

describe('the secrets of a preview', () => {
  const secretIssues = (raw: RawConfig, env: Record<string, string> = {}) => {
    try {
      parsePreviewConfig(raw, testRaw, env);
    } catch (e) {
      if (e instanceof ConfigError) return e.issues;
      throw e;
    }
    return [];
  };
  const given = (names: readonly string[]) => Object.fromEntries(names.map((n) => [n, { secret: true, value: `value-of-${n}` }]));
  const needed = [...previewSecretUses(parsePreviewConfig(pr(), testRaw, {}, PLACEHOLDER)).keys()].sort();

  test('under the engine, a missing one is a config error that names every missing key: no pod waits on a Secret', () => {
    expect(needed).toEqual(expect.arrayContaining(['jwtSigningKey', 'alipayPrivateKey', 'redisPassword']));
    const issues = secretIssues(pr());
    expect(issues.map((i) => i.key)).toEqual(needed.map((n) => `platform:secrets.${n}`));
    const jwt = issues.find((i) => i.key === 'platform:secrets.jwtSigningKey');
    expect(jwt?.message).toContain('pr-42/user-service-secrets');
    expect(jwt?.message).toContain('pulumi config set --secret --path platform:secrets.jwtSigningKey --stack pr-42');
  });

  test('names only the keys still missing', () => {
    const issues = secretIssues(pr({ 'platform:secrets': given(needed.filter((n) => n !== 'redisPassword')) }));
    expect(issues.map((i) => i.key)).toEqual(['platform:secrets.redisPassword']);
  });

  test('asks only for the secrets of the services it deploys', () => {
    const issues = secretIssues(pr(), { [PREVIEW_SERVICES_ENV]: 'gateway' });
    expect(issues.map((i) => i.key)).toEqual(['platform:secrets.nacosPassword', 'platform:secrets.redisPassword']);
  });

  test('offline (placeholder) it lists them instead of failing', () => {
    expect(parsePreviewConfig(pr(), testRaw, {}, PLACEHOLDER).missingSecrets).toEqual(needed);
  });
});

describe('reaching the test stack', () => {
  const spec = parsePreviewConfig(pr(), testRaw, {}, PLACEHOLDER);
  const built = buildPreview(spec);
  const policy = (name: string) => built.objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === name);

  test('the namespace label the preview sets is the one the test stack admits', () => {
    const test = buildWorkloads(spec.test);
    const admitted = JSON.stringify(
      test.charts.find((c) => c.name === 'middleware')?.objects.find((o) => o.metadata.name === 'allow-mysql-from-apps'),
    );
    expect(admitted).toContain(`"matchExpressions":[{"key":"${PREVIEW_PR_LABEL}","operator":"Exists"}]`);
  });

  test('its pods may resolve names (their egress rules would otherwise shut out DNS)', () => {
    expect(at(policy('allow-dns-egress'), 'spec', 'egress', 0, 'ports')).toEqual(expect.arrayContaining([{ port: 53, protocol: 'UDP' }]));
  });

  test("its services log to the test stack's Logstash", () => {
    expect(at(policy('allow-logstash-egress'), 'spec', 'egress', 0, 'to', 0, 'namespaceSelector')).toEqual({
      matchLabels: { 'kubernetes.io/metadata.name': 'iot-logging' },
    });
    const config = built.objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'order-service-config');
    expect(at(config, 'data', 'application.yaml')).toContain('destination: logs-logstash.iot-logging.svc.cluster.local:5044');
  });
});
