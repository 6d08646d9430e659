/** deployWorkloads under the offline mocks: Secrets with secret data, one ConfigGroup per chart, no value leaks. */
import { Provider } from '@pulumi/kubernetes/provider';
import { SecretValue } from '../../../stacks/config';
import { DEFAULT_CSI_DRIVER } from '../../../stacks/config/workloads';
import { CSI_DRIVER_RELEASE_NAME, buildWorkloads, csiDriverValues, deployWorkloads, secretData } from '../../../stacks/workloads';
import { evaluate, evaluatedOnce, ofType } from '../../helpers/evaluate';
import { NAS_DOMAIN, ROOT, clusterSpec } from './helpers';

const spec = clusterSpec(ROOT, 'test');
const built = buildWorkloads(spec, { nasMountDomain: NAS_DOMAIN });
/** Real-looking values, so a leak anywhere would be found by a plain text search. */
const values: Record<string, SecretValue> = Object.fromEntries(
  Object.keys(spec.secrets).map((name) => [name, { secret: true, value: `leak-${name}-7f3a9c` }]),
);

async function run(secrets: Record<string, SecretValue> = values, driver = DEFAULT_CSI_DRIVER, workloads = built) {
  return evaluate(() => {
    const provider = new Provider('test-k8s', { kubeconfig: 'kubeconfig' });
    const deployed = deployWorkloads({
      name: 'test',
      built: workloads,
      secrets,
      provider,
      artifactDir: 'k8s/test',
      csiDriver: { driver, region: 'cn-shenzhen' },
    });
    return { outputs: {}, artifacts: deployed.artifacts };
  });
}

/** The stack with every secret, the default driver and the NAS class, for the tests that read nothing else. */
const runWithDefaults = evaluatedOnce(() => run());

describe('deployWorkloads', () => {
  let stack: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    stack = await runWithDefaults();
  });

  test('one Secret per requirement, in its namespace, all data secret', () => {
    const secrets = ofType(stack, 'kubernetes:core/v1:Secret');
    expect(secrets.map((s) => s.inputs.metadata)).toEqual(
      built.secrets.map((r) => ({ name: r.name, namespace: r.namespace, labels: { 'app.kubernetes.io/managed-by': 'pulumi' } })),
    );
    expect(new Set(secrets.map((s) => s.inputs.stringData))).toEqual(new Set(['[secret]']));
    expect(secrets.map((s) => s.name)).toContain('test-iot-middleware-mysql-credentials');
  });

  test('one ConfigGroup per chart, holding exactly the synthesized objects', () => {
    const groups = ofType(stack, 'kubernetes:yaml/v2:ConfigGroup');
    expect(groups.map((g) => g.name)).toEqual(['test-platform', 'test-middleware', 'test-logging', 'test-apps']);
    for (const chart of built.charts) {
      expect(groups.find((g) => g.name === `test-${chart.name}`)?.inputs.objs).toEqual(JSON.parse(JSON.stringify(chart.objects)));
    }
  });

  test('one manifest file per chart', () => {
    expect(stack.artifacts.map((a) => a.path)).toEqual(['platform', 'middleware', 'logging', 'apps'].map((c) => `k8s/test/${c}.k8s.yaml`));
  });

  test('no secret value anywhere in the plan or the files', () => {
    const text = JSON.stringify(stack.resources) + stack.artifacts.map((a) => a.content).join('\n');
    expect(text).not.toMatch(/leak-[A-Za-z]+-7f3a9c/);
  });

  test('a requirement without its secret value is a bug and says which', () => {
    const req = built.secrets.find((s) => s.name === 'mysql-credentials');
    expect(() => req && secretData(req, {})).toThrow('Secret iot-middleware/mysql-credentials needs platform:secrets.mysqlRootPassword');
  });

  test('plain values (user names) stay plain', () => {
    const req = built.secrets.find((s) => s.name === 'rabbitmq-credentials');
    expect(req && secretData(req, values)['rabbitmq-username']).toBe('iot');
  });
});

describe('the NAS CSI driver', () => {
  const RELEASE = 'kubernetes:helm.sh/v3:Release';

  test('installed with the NAS class: pinned chart from its repository, kube-system, through the provider', async () => {
    const stack = await runWithDefaults();
    const releases = ofType(stack, RELEASE);
    expect(releases.map((r) => r.name)).toEqual(['test-csi-driver']);
    expect(releases[0].inputs).toMatchObject({
      name: CSI_DRIVER_RELEASE_NAME,
      chart: 'alibaba-cloud-csi-driver',
      version: DEFAULT_CSI_DRIVER.chartVersion,
      repositoryOpts: { repo: 'https://kubernetes-sigs.github.io/alibaba-cloud-csi-driver' },
      namespace: 'kube-system',
      skipCrds: true,
    });
    expect(DEFAULT_CSI_DRIVER.chartVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test('NAS only, self-built on ECS, instance RAM role by default: no AccessKey Secret', async () => {
    expect(csiDriverValues(DEFAULT_CSI_DRIVER, 'cn-shenzhen')).toMatchObject({
      deploy: { ack: false, ecs: true, regionID: 'cn-shenzhen', accessKey: { enabled: false } },
      csi: { nas: { enabled: true }, disk: { enabled: false }, oss: { enabled: false } },
      defaultStorageClass: { enabled: false },
      volumeSnapshot: { controller: { enabled: false } },
    });
    const stack = await runWithDefaults();
    expect(ofType(stack, 'kubernetes:core/v1:Secret').some((s) => (s.inputs.metadata as { name: string }).name === 'csi-access-key')).toBe(
      false,
    );
  });

  test('credentials accessKey: a Secret csi-access-key in kube-system, values secret', async () => {
    const driver = { ...DEFAULT_CSI_DRIVER, credentials: 'accessKey' as const };
    const keys = {
      ...values,
      csiAccessKeyId: { secret: true as const, value: 'leak-csiAccessKeyId-7f3a9c' },
      csiAccessKeySecret: { secret: true as const, value: 'leak-csiAccessKeySecret-7f3a9c' },
    };
    const stack = await run(keys, driver);
    const secret = ofType(stack, 'kubernetes:core/v1:Secret').find(
      (s) => (s.inputs.metadata as { name: string }).name === 'csi-access-key',
    );
    expect(secret?.inputs).toMatchObject({ metadata: { namespace: 'kube-system' }, stringData: '[secret]' });
    expect(ofType(stack, RELEASE)[0].inputs.values).toMatchObject({
      deploy: { accessKey: { enabled: true, secretName: 'csi-access-key' } },
    });
    expect(JSON.stringify(stack.resources)).not.toMatch(/leak-[A-Za-z]+-7f3a9c/);
  });

  test('no NAS class (no mount domain): no driver', async () => {
    const stack = await run(values, DEFAULT_CSI_DRIVER, buildWorkloads(spec));
    expect(ofType(stack, RELEASE)).toEqual([]);
  });
});
