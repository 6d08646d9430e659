/**
 * The middleware table drives the config's required secrets, the middleware chart (constructs, Secrets,
 * NetworkPolicies) and the apps chart's client wiring: one more entry, and nothing else, shows up everywhere.
 */
import { Provider } from '@pulumi/kubernetes/provider';
import { parse } from 'yaml';
import { REDIS_CLIENT_PORTS, REDIS_SECRET_KEYS, Redis } from '../../../constructs/k8s';
import { SecretValue, requiredSecrets } from '../../../stacks/config';
import { DEFAULT_CSI_DRIVER, MiddlewareSpec, ServiceSpec, workloadSecretNames } from '../../../stacks/config/workloads';
import { BuiltWorkloads, K8sObject, buildWorkloads, deployWorkloads } from '../../../stacks/workloads';
import { MIDDLEWARE, PlatformMiddleware, PlatformMiddlewareTable, middlewareSecretNames } from '../../../stacks/workloads/middleware-table';
import { evaluate, ofType } from '../../helpers/evaluate';
import { NAS_DOMAIN, ROOT, at, clusterSpec } from './helpers';

const testSpec = clusterSpec(ROOT, 'test');
const prodSpec = clusterSpec(ROOT, 'prod');

/** Every `platform:secrets` name the built Secrets read, sorted. */
function readByCharts(b: BuiltWorkloads): string[] {
  const names = b.secrets.flatMap((s) => Object.values(s.data).flatMap((v) => ('fromConfig' in v ? [v.fromConfig] : [])));
  return [...new Set(names)].sort();
}

describe('the shipped stacks: config and charts read the same entries', () => {
  test.each([
    ['test', testSpec],
    ['prod', prodSpec],
  ])("%s: the secrets the charts read are exactly the middleware table's and the other workload keys'", (_name, spec) => {
    const built = buildWorkloads(spec, { nasMountDomain: NAS_DOMAIN });
    expect(readByCharts(built)).toEqual([...new Set([...middlewareSecretNames(spec), ...workloadSecretNames(spec)])].sort());
    expect(requiredSecrets(spec)).toEqual(expect.arrayContaining(readByCharts(built)));
  });

  test('prod (Nacos clustered on MySQL): the table asks for the Nacos database password, test does not', () => {
    expect(middlewareSecretNames(prodSpec)).toContain('nacosMysqlPassword');
    expect(middlewareSecretNames(testSpec)).not.toContain('nacosMysqlPassword');
  });
});

/**
 * A second Redis, as a new entry would add it: its construct, its credentials, its client ports (Redis'),
 * a middleware it connects to (MySQL), a port on its clients it connects back to, and how a client logs in.
 */
const cache: PlatformMiddleware<{ readonly storageSize?: string }> = {
  name: 'cache',
  clientPorts: REDIS_CLIENT_PORTS,
  credentials: () => ({ [REDIS_SECRET_KEYS.password]: { fromConfig: 'cachePassword' } }),
  deploy: (scope, s, c, credentialsSecretName) => {
    new Redis(scope, 'cache', { name: 'cache', credentialsSecretName, storageClassName: c.storageClassName, storageSize: s.storageSize });
  },
  reaches: () => ['mysql'],
  reachesClientsOn: [9100],
  client: { password: { shared: 'cachePassword' }, config: (_service, host) => ({ spring: { data: { cache: { host } } } }) },
};
// Object.assign: the configuration type has no `cache` key, which is the point (nothing else is edited).
const table: PlatformMiddlewareTable = Object.assign({}, MIDDLEWARE, { cache });
const middleware: MiddlewareSpec = Object.assign({}, testSpec.middleware, { cache: { storageSize: '2Gi' } });
const orders = testSpec.services.find((s) => s.name === 'order-service') as ServiceSpec;
const services: ServiceSpec[] = testSpec.services.map((s) => (s === orders ? { ...s, middleware: [...s.middleware, 'cache'] } : s));
const spec = { ...testSpec, middleware, services };
const built = buildWorkloads(spec, { nasMountDomain: NAS_DOMAIN, middlewareTable: table });
const objects = (chart: string) => built.charts.find((c) => c.name === chart)?.objects ?? [];
const policy = (chart: string, name: string) =>
  objects(chart).find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === name) as K8sObject | undefined;

describe('one more entry, no other edit', () => {
  test('its secrets are required by the config', () => {
    const before = middlewareSecretNames({ middleware: testSpec.middleware, services: testSpec.services });
    expect(middlewareSecretNames({ middleware, services }, table)).toEqual([...before, 'cachePassword']);
  });

  test("its credentials Secret and its clients' Secret are required from the Pulumi program", () => {
    expect(built.secrets.filter((s) => s.name.startsWith('cache-'))).toEqual([
      { name: 'cache-credentials', namespace: 'iot-middleware', data: { 'redis-password': { fromConfig: 'cachePassword' } } },
      { name: 'cache-client', namespace: 'iot-apps', data: { password: { fromConfig: 'cachePassword' } } },
    ]);
  });

  test('its construct, after every shipped one', () => {
    const sets = objects('middleware').filter((o) => o.kind === 'StatefulSet');
    expect(sets.map((o) => o.metadata.name)).toEqual(['mysql', 'redis', 'rabbitmq', 'nacos', 'emqx', 'cache']);
    expect(at(sets[5], 'spec', 'volumeClaimTemplates', 0, 'spec', 'resources', 'requests', 'storage')).toBe('2Gi');
  });

  test("its NetworkPolicy peers: clients in, MySQL out (and MySQL admits it), its clients' port out", () => {
    const clients = [
      {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'iot-apps' } },
        podSelector: { matchLabels: { 'iot.platform/uses-cache': 'true' } },
      },
      {
        namespaceSelector: { matchExpressions: [{ key: 'iot.platform/pull-request', operator: 'Exists' }] },
        podSelector: { matchLabels: { 'iot.platform/uses-cache': 'true' } },
      },
    ];
    const cachePods = { matchLabels: { 'app.kubernetes.io/instance': 'cache' } };
    const mysqlPods = { matchLabels: { 'app.kubernetes.io/instance': 'mysql' } };
    expect(at(policy('middleware', 'allow-cache-from-apps'), 'spec')).toEqual({
      podSelector: cachePods,
      policyTypes: ['Ingress'],
      ingress: [{ from: clients, ports: [{ port: 6379, protocol: 'TCP' }] }],
    });
    expect(at(policy('middleware', 'allow-cache-to-mysql'), 'spec')).toEqual({
      podSelector: cachePods,
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: mysqlPods }], ports: [{ port: 3306, protocol: 'TCP' }] }],
    });
    expect(at(policy('middleware', 'allow-mysql-from-cache'), 'spec')).toEqual({
      podSelector: mysqlPods,
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: cachePods }], ports: [{ port: 3306, protocol: 'TCP' }] }],
    });
    expect(at(policy('middleware', 'allow-cache-to-clients'), 'spec', 'egress')).toEqual([
      { to: clients, ports: [{ port: 9100, protocol: 'TCP' }] },
    ]);
  });

  test('the apps side: its clients reach it, it reaches its clients, a client logs in and finds it', () => {
    const usesCache = { matchLabels: { 'iot.platform/uses-cache': 'true' } };
    const fromTo = [
      {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'iot-middleware' } },
        podSelector: { matchLabels: { 'app.kubernetes.io/instance': 'cache' } },
      },
    ];
    expect(at(policy('apps', 'allow-cache-egress'), 'spec')).toEqual({
      podSelector: usesCache,
      policyTypes: ['Egress'],
      egress: [{ to: fromTo, ports: [{ port: 6379, protocol: 'TCP' }] }],
    });
    expect(at(policy('apps', 'allow-cache-ingress'), 'spec')).toEqual({
      podSelector: usesCache,
      policyTypes: ['Ingress'],
      ingress: [{ from: fromTo, ports: [{ port: 9100, protocol: 'TCP' }] }],
    });
    const deployment = objects('apps').find((o) => o.kind === 'Deployment' && o.metadata.name === 'order-service');
    expect(at(deployment, 'spec', 'template', 'metadata', 'labels', 'iot.platform/uses-cache')).toBe('true');
    const env = at(deployment, 'spec', 'template', 'spec', 'containers', 0, 'env') as Array<{ name: string }>;
    expect(env.find((e) => e.name === 'CACHE_PASSWORD')).toEqual({
      name: 'CACHE_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'cache-client', key: 'password' } },
    });
    const config = objects('apps').find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'order-service-config');
    const yaml = parse(at(config, 'data', 'application.yaml') as string) as { spring: { data: Record<string, unknown> } };
    // Merged beside Redis' settings under the same parent (spring.data), not over them.
    expect(yaml.spring.data).toEqual({
      cache: { host: 'cache.iot-middleware.svc.cluster.local' },
      redis: { host: 'redis.iot-middleware.svc.cluster.local', port: 6379, password: '${REDIS_PASSWORD}' },
    });
    expect(Object.keys(yaml.spring).sort()).toEqual(['application', 'cloud', 'data', 'datasource', 'lifecycle', 'rabbitmq']);
  });

  test('its Secret is created by the Pulumi program, its value secret', async () => {
    const names = [...new Set([...requiredSecrets(testSpec), ...middlewareSecretNames({ middleware, services }, table)])];
    const values: Record<string, SecretValue> = Object.fromEntries(names.map((n) => [n, { secret: true, value: `v-${n}` }]));
    const stack = await evaluate(() => {
      const provider = new Provider('test-k8s', { kubeconfig: 'kubeconfig' });
      const deployed = deployWorkloads({
        name: 'test',
        built,
        secrets: values,
        provider,
        artifactDir: 'k8s/test',
        csiDriver: { driver: DEFAULT_CSI_DRIVER, region: 'cn-shenzhen' },
      });
      return { outputs: {}, artifacts: deployed.artifacts };
    });
    const secret = ofType(stack, 'kubernetes:core/v1:Secret').find((r) => r.name === 'test-iot-middleware-cache-credentials');
    expect([secret?.inputs.metadata, secret?.inputs.stringData]).toEqual([
      { name: 'cache-credentials', namespace: 'iot-middleware', labels: { 'app.kubernetes.io/managed-by': 'pulumi' } },
      '[secret]',
    ]);
  });
});
