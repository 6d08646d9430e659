import { Chart, Testing } from 'cdk8s';
import { at, find, Manifest, ofKind } from './fixtures';
import {
  EMQX_IMAGE,
  Emqx,
  MYSQL_IMAGE,
  MySql,
  NACOS_IMAGE,
  Nacos,
  NacosMode,
  RABBITMQ_IMAGE,
  REDIS_IMAGE,
  RabbitMq,
  Redis,
  SENTINEL_DASHBOARD_IMAGE,
  SentinelDashboard,
} from './helpers';

function chartIn(namespace?: string): Chart {
  return new Chart(Testing.app(), 'test', { namespace });
}

/** One chart with every middleware at its defaults, synthesized once. */
const chart = chartIn('middleware');
const mysql = new MySql(chart, 'mysql', { credentialsSecretName: 'mysql-credentials' });
const redis = new Redis(chart, 'redis', { credentialsSecretName: 'redis-credentials' });
new RabbitMq(chart, 'rabbitmq', { credentialsSecretName: 'rabbitmq-credentials' });
new Nacos(chart, 'nacos', { credentialsSecretName: 'nacos-credentials' });
const sentinel = new SentinelDashboard(chart, 'sentinel', { credentialsSecretName: 'sentinel-credentials' });
new Emqx(chart, 'emqx', { credentialsSecretName: 'emqx-credentials' });
const objects = Testing.synth(chart) as Manifest[];

const container = (kind: string, name: string) => at(find(objects, kind, name), 'spec', 'template', 'spec', 'containers', 0);
const podSpec = (kind: string, name: string) => at(find(objects, kind, name), 'spec', 'template', 'spec');
const envOf = (c: any) => Object.fromEntries(c.env.map((e: any) => [e.name, e.value ?? e.valueFrom]));

test('matches the snapshot', () => {
  expect(objects).toMatchSnapshot();
});

test.each([
  ['mysql', MYSQL_IMAGE, 999],
  ['redis', REDIS_IMAGE, 999],
  ['rabbitmq', RABBITMQ_IMAGE, 999],
  ['nacos', NACOS_IMAGE, 10001],
  ['emqx', EMQX_IMAGE, 1000],
])('%s: pinned default image, non-root UID, NAS claim, headless Service, ConfigMap', (name, image, uid) => {
  const sts = find(objects, 'StatefulSet', name);
  expect(container('StatefulSet', name).image).toBe(image);
  expect(podSpec('StatefulSet', name).securityContext).toMatchObject({ runAsUser: uid, fsGroup: uid, runAsNonRoot: true });
  expect(at(sts, 'spec', 'replicas')).toBe(1);
  expect(at(sts, 'spec', 'serviceName')).toBe(`${name}-headless`);
  expect(at(sts, 'spec', 'volumeClaimTemplates', 0, 'spec', 'storageClassName')).toBe('alicloud-nas');
  expect(at(find(objects, 'Service', `${name}-headless`), 'spec', 'clusterIP')).toBe('None');
  expect(find(objects, 'ConfigMap', `${name}-config`)).toBeDefined();
});

test('pinned images use real, versioned tags', () => {
  expect(MYSQL_IMAGE).toMatch(/^mysql:8\.0\.\d+$/);
  expect(REDIS_IMAGE).toMatch(/^redis:7\.\d+\.\d+$/);
  expect(RABBITMQ_IMAGE).toMatch(/^rabbitmq:3\.\d+\.\d+-management$/);
  expect(NACOS_IMAGE).toMatch(/^nacos\/nacos-server:v2\.\d+\.\d+$/);
  expect(EMQX_IMAGE).toMatch(/^emqx\/emqx:5\.\d+\.\d+$/);
  expect(SENTINEL_DASHBOARD_IMAGE).toMatch(/:1\.8\.\d+$/);
});

test('single replicas get neither PDB nor peer policy', () => {
  expect(ofKind(objects, 'PodDisruptionBudget')).toHaveLength(0);
  expect(ofKind(objects, 'NetworkPolicy')).toHaveLength(0);
});

test('MySQL: root password from the Secret, writable socket dir, buffer pool from the limit', () => {
  expect(envOf(container('StatefulSet', 'mysql')).MYSQL_ROOT_PASSWORD).toEqual({
    secretKeyRef: { name: 'mysql-credentials', key: 'mysql-root-password' },
  });
  expect(container('StatefulSet', 'mysql').volumeMounts).toContainEqual({ name: 'run', mountPath: '/var/run/mysqld' });
  expect(at(find(objects, 'ConfigMap', 'mysql-config'), 'data', 'custom.cnf')).toContain('innodb_buffer_pool_size = 1024M');
  expect(mysql.secretNames).toEqual(['mysql-credentials']);
});

test('Redis: password via env, probe via REDISCLI_AUTH, maxmemory from the limit', () => {
  const c = container('StatefulSet', 'redis');
  expect(c.command).toContain('$(REDIS_PASSWORD)');
  expect(envOf(c).REDISCLI_AUTH).toEqual({ secretKeyRef: { name: 'redis-credentials', key: 'redis-password' } });
  expect(at(find(objects, 'ConfigMap', 'redis-config'), 'data', 'redis.conf')).toContain('maxmemory 768mb');
  expect(redis.port).toBe(6379);
});

test('Nacos standalone: auth on, Tomcat off the root FS, health probes', () => {
  const c = container('StatefulSet', 'nacos');
  expect(envOf(c)).toMatchObject({ MODE: 'standalone', NACOS_AUTH_ENABLE: 'true' });
  expect(envOf(c).MYSQL_SERVICE_HOST).toBeUndefined();
  expect(c.readinessProbe.httpGet.path).toBe('/nacos/v1/console/health/readiness');
  expect(at(find(objects, 'ConfigMap', 'nacos-config'), 'data', 'custom.properties')).toContain('server.tomcat.basedir=/tmp/tomcat');
});

test('Sentinel dashboard: one-replica Deployment on 8858 with credentials from the Secret', () => {
  const d = find(objects, 'Deployment', 'sentinel');
  expect(at(d, 'spec', 'replicas')).toBe(1);
  expect(container('Deployment', 'sentinel').image).toBe(SENTINEL_DASHBOARD_IMAGE);
  expect(envOf(container('Deployment', 'sentinel')).AUTH_PASSWORD).toEqual({
    secretKeyRef: { name: 'sentinel-credentials', key: 'sentinel-password' },
  });
  expect(sentinel.address).toBe('sentinel:8858');
});

describe('clustered middleware', () => {
  const c = chartIn('mw');
  new RabbitMq(c, 'mq', { credentialsSecretName: 's', replicas: 3 });
  new Nacos(c, 'nacos', { credentialsSecretName: 's', mode: NacosMode.CLUSTER, mysql: { host: 'mysql', database: 'nacos_config' } });
  new Emqx(c, 'emqx', { credentialsSecretName: 's', replicas: 2, storageClassName: 'local' });
  const o = Testing.synth(c) as Manifest[];

  test.each(['mq', 'nacos', 'emqx'])('%s has a PDB, a peer policy and Parallel start', (name) => {
    expect(at(find(o, 'PodDisruptionBudget', name), 'spec', 'maxUnavailable')).toBe(1);
    expect(find(o, 'NetworkPolicy', `${name}-peers`)).toBeDefined();
    expect(at(find(o, 'StatefulSet', name), 'spec', 'podManagementPolicy')).toBe('Parallel');
  });

  test('RabbitMQ lists every node in classic peer discovery', () => {
    const conf = at(find(o, 'ConfigMap', 'mq-config'), 'data', '30-platform.conf');
    expect(conf).toContain('cluster_formation.classic_config.nodes.3 = rabbit@mq-2.mq-headless.mw.svc.cluster.local');
  });

  test('Nacos writes cluster.conf and points at MySQL', () => {
    expect(at(find(o, 'ConfigMap', 'nacos-config'), 'data', 'cluster.conf')).toBe(
      'nacos-0.nacos-headless.mw.svc.cluster.local:8848\nnacos-1.nacos-headless.mw.svc.cluster.local:8848\nnacos-2.nacos-headless.mw.svc.cluster.local:8848\n',
    );
    const env = Object.fromEntries(at(find(o, 'StatefulSet', 'nacos'), 'spec', 'template', 'spec', 'containers', 0, 'env').map((e: any) => [e.name, e.value]));
    expect(env).toMatchObject({ MODE: 'cluster', MYSQL_SERVICE_HOST: 'mysql', MYSQL_SERVICE_DB_NAME: 'nacos_config' });
  });

  test('EMQX discovers peers by DNS SRV and honours storageClassName', () => {
    expect(at(find(o, 'ConfigMap', 'emqx-config'), 'data', 'EMQX_CLUSTER__DISCOVERY_STRATEGY')).toBe('dns');
    expect(at(find(o, 'StatefulSet', 'emqx'), 'spec', 'volumeClaimTemplates', 0, 'spec', 'storageClassName')).toBe('local');
  });
});

describe('middleware validation', () => {
  test.each<[string, (c: Chart) => unknown, string]>([
    ['mysql replicas', (c) => new MySql(c, 'm', { credentialsSecretName: 's', replicas: 2 }), 'replicas'],
    ['mysql latest', (c) => new MySql(c, 'm', { credentialsSecretName: 's', image: 'mysql:latest' }), 'image'],
    ['mysql secret', (c) => new MySql(c, 'm', { credentialsSecretName: 'S!' }), 'credentialsSecretName'],
    ['mysql size', (c) => new MySql(c, 'm', { credentialsSecretName: 's', storageSize: '20GB' }), 'storageSize'],
    ['redis replicas', (c) => new Redis(c, 'r', { credentialsSecretName: 's', replicas: 3 }), 'replicas'],
    ['redis policy', (c) => new Redis(c, 'r', { credentialsSecretName: 's', maxmemoryPolicy: 'lru' }), 'maxmemoryPolicy'],
    ['rabbitmq even', (c) => new RabbitMq(c, 'q', { credentialsSecretName: 's', replicas: 2 }), 'replicas'],
    ['nacos standalone replicas', (c) => new Nacos(c, 'n', { credentialsSecretName: 's', replicas: 3 }), 'replicas'],
    ['nacos cluster without mysql', (c) => new Nacos(c, 'n', { credentialsSecretName: 's', mode: NacosMode.CLUSTER }), 'mysql'],
    ['emqx untagged', (c) => new Emqx(c, 'e', { credentialsSecretName: 's', image: 'emqx/emqx' }), 'image'],
    ['sentinel latest', (c) => new SentinelDashboard(c, 's', { credentialsSecretName: 's', image: 'x:latest' }), 'image'],
  ])('rejects %s', (_n, fn, key) => {
    expect(() => fn(chartIn('ns'))).toThrow(new RegExp(`- ${key}:`));
  });

  test('a cluster needs a known namespace for its config files', () => {
    expect(() => new RabbitMq(chartIn(), 'q', { credentialsSecretName: 's', replicas: 3 })).toThrow(/- namespace:/);
    expect(
      () => new Nacos(chartIn(), 'n', { credentialsSecretName: 's', mode: NacosMode.CLUSTER, mysql: { host: 'mysql' } }),
    ).toThrow(/- namespace:/);
  });
});
