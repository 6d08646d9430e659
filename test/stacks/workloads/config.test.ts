/** The workload keys: defaults, every refusal under the user's key, and the secrets they need. */
import { ConfigError, parseStackConfig, requiredSecrets } from '../../../stacks/config/parse';
import { RawConfig } from '../../../stacks/config/sources';
import { secretEnvName, serviceDatabase, serviceMysqlPasswordSecret } from '../../../stacks/config/workloads';

const CLUSTER = {
  'alicloud:region': 'cn-shenzhen',
  'platform:cluster': { name: 'test', securityGroups: { controlPlane: 'node', worker: 'node' }, ssh: { keyPairName: 'k' } },
  'platform:nodePools': [
    {
      name: 'pool',
      count: 3,
      roles: ['etcd', 'control-plane', 'worker'],
      instanceType: 'ecs.c7.2xlarge',
      imageId: 'ubuntu',
      addressOffset: 10,
    },
  ],
};
const SERVICE = {
  name: 'order-service',
  image: 'harbor.iot.example.com/iot/order-service',
  tag: '2.1.0',
  replicas: 2,
  resources: { cpuRequest: '250m', cpuLimit: '1', memoryRequest: '1Gi', memoryLimit: '1Gi' },
  middleware: ['mysql'],
};

function raw(values: Record<string, unknown>): RawConfig {
  return { project: 'platform', stack: 'test', values: { ...CLUSTER, 'platform:middleware': { mysql: {} }, ...values } };
}

function issues(values: Record<string, unknown>): string[] {
  try {
    parseStackConfig(raw(values), { missingSecrets: 'placeholder' });
  } catch (err) {
    if (err instanceof ConfigError)
      return err.message
        .split('\n')
        .slice(1)
        .map((l) => l.trim());
    throw err;
  }
  throw new Error('expected a ConfigError');
}

function spec(values: Record<string, unknown>) {
  const s = parseStackConfig(raw(values), { missingSecrets: 'placeholder' });
  if (s.kind !== 'cluster') throw new Error('not a cluster');
  return s;
}

describe('defaults', () => {
  test('namespaces, port, lists and no logging when the keys are absent', () => {
    const s = spec({ 'platform:services': [SERVICE] });
    expect(s.namespaces).toEqual({ apps: 'iot-apps', middleware: 'iot-middleware', logging: 'iot-logging' });
    expect(s.services[0]).toMatchObject({ port: 8080, env: {}, secrets: [], public: false, profiles: [], maxReplicas: undefined });
    expect(s.logging).toBeUndefined();
  });

  test('replicas of clustered middleware default to 1; mysql gets database and user iot', () => {
    const s = spec({ 'platform:middleware': { mysql: {}, rabbitmq: {}, nacos: {}, emqx: {} } });
    expect([s.middleware.rabbitmq?.replicas, s.middleware.nacos?.replicas, s.middleware.emqx?.replicas]).toEqual([1, 1, 1]);
    expect(s.middleware.mysql).toMatchObject({ database: 'iot', user: 'iot' });
    expect(s.middleware.redis).toBeUndefined();
  });

  test('no egress out of the cluster unless asked; the pinned CSI driver on the instance RAM role', () => {
    const s = spec({
      'platform:services': [SERVICE, { ...SERVICE, name: 'pay', egress: [{ cidr: '0.0.0.0/0', ports: [443], except: ['10.0.0.0/8'] }] }],
    });
    expect(s.services.map((x) => x.egress)).toEqual([[], [{ cidr: '0.0.0.0/0', ports: [443], except: ['10.0.0.0/8'] }]]);
    expect(s.csiDriver).toEqual({ chartVersion: '1.36.2', credentials: 'ramRole' });
    expect(requiredSecrets(s)).not.toContain('csiAccessKeyId');
  });

  test('CSI driver on an AccessKey: both halves required from platform:secrets', () => {
    const s = spec({ 'platform:csiDriver': { credentials: 'accessKey' } });
    expect(requiredSecrets(s)).toEqual(expect.arrayContaining(['csiAccessKeyId', 'csiAccessKeySecret']));
  });

  test('a stack without workload keys deploys nothing and needs no workload secret', () => {
    const s = parseStackConfig({ project: 'platform', stack: 'test', values: CLUSTER }, { missingSecrets: 'placeholder' });
    expect(s.kind === 'cluster' && [s.services, Object.values(s.middleware).filter(Boolean)]).toEqual([[], []]);
  });
});

describe('refusals name the key, the value and what is allowed', () => {
  test.each<[string, Record<string, unknown>, string]>([
    [
      'unknown middleware',
      {
        'platform:services': [SERVICE, SERVICE, { ...SERVICE, name: 'c', middleware: ['kafka'] }].map((s, i) => ({ ...s, name: `s${i}` })),
      },
      'platform:services[2].middleware[0]: "kafka" is not a middleware of this stack; expected one of mysql',
    ],
    [
      'middleware known but not deployed',
      { 'platform:services': [{ ...SERVICE, middleware: ['redis'] }] },
      'platform:services[0].middleware[0]: "redis" is not a middleware of this stack; expected one of mysql',
    ],
    [
      'duplicate service',
      { 'platform:services': [SERVICE, SERVICE] },
      'platform:services[1]: "order-service" repeats platform:services[0]',
    ],
    [
      'latest tag',
      { 'platform:services': [{ ...SERVICE, tag: 'latest' }] },
      'platform:services[0].tag: "latest" is not a pinned version; expected a release tag such as 1.4.2, never \'latest\'',
    ],
    [
      'tag inside the image',
      { 'platform:services': [{ ...SERVICE, image: 'harbor.iot.example.com/iot/x:1.0' }] },
      'platform:services[0].image: "harbor.iot.example.com/iot/x:1.0" is not allowed',
    ],
    [
      'cpu request above limit',
      { 'platform:services': [{ ...SERVICE, resources: { ...SERVICE.resources, cpuRequest: '2' } }] },
      'platform:services[0].resources.cpuRequest: "2" exceeds cpuLimit (1)',
    ],
    [
      'memory request above limit (middleware)',
      { 'platform:middleware': { mysql: { resources: { memoryRequest: '4Gi', memoryLimit: '2Gi' } } } },
      'platform:middleware.mysql.resources.memoryRequest: "4Gi" exceeds memoryLimit (2Gi)',
    ],
    [
      'JVM too small',
      { 'platform:services': [{ ...SERVICE, resources: { ...SERVICE.resources, memoryRequest: '512Mi', memoryLimit: '512Mi' } }] },
      'platform:services[0].resources.memoryLimit: "512Mi" is too small for a Spring Boot JVM',
    ],
    [
      'maxReplicas below replicas',
      { 'platform:services': [{ ...SERVICE, maxReplicas: 1 }] },
      'platform:services[0].maxReplicas: 1 is below replicas (2)',
    ],
    ['even quorum', { 'platform:middleware': { rabbitmq: { replicas: 2 } } }, 'platform:middleware.rabbitmq.replicas: 2 is even'],
    [
      'nacos cluster without mysql',
      { 'platform:middleware': { nacos: { replicas: 3 } } },
      'platform:middleware.nacos.replicas: 3 runs Nacos in cluster mode, which needs platform:middleware.mysql',
    ],
    [
      'unknown middleware key',
      { 'platform:middleware': { kafka: {} } },
      'platform:middleware.kafka: {} is not a known key; expected one of mysql, redis, rabbitmq, nacos, sentinel, emqx',
    ],
    [
      'username without external Elasticsearch',
      { 'platform:logging': { elasticsearch: { username: 'elastic' } } },
      'platform:logging.elasticsearch.username: "elastic" only applies with externalUrl',
    ],
    [
      'external Elasticsearch with storage',
      { 'platform:logging': { elasticsearch: { externalUrl: 'https://es.example.com', storageSize: '10Gi' } } },
      'platform:logging.elasticsearch.externalUrl: "https://es.example.com" deploys no Elasticsearch',
    ],
    ['one namespace twice', { 'platform:namespaces': { apps: 'iot', middleware: 'iot' } }, 'platform:namespaces: '],
    [
      'MySQL user name too long',
      { 'platform:services': [{ ...SERVICE, name: 'a-very-long-service-name-for-mysql-x' }] },
      "platform:services[0].name: \"a-very-long-service-name-for-mysql-x\" names its MySQL user 'a_very_long_service_name_for_mysql_x', longer than MySQL's 32 characters",
    ],
    [
      'database taken by the shared one',
      { 'platform:services': [{ ...SERVICE, name: 'iot' }] },
      'platform:services[0].name: "iot" names its MySQL database \'iot\', which the stack already uses',
    ],
    [
      'malformed egress CIDR',
      { 'platform:services': [{ ...SERVICE, egress: [{ cidr: '203.0.113/24', ports: [443] }] }] },
      'platform:services[0].egress[0].cidr: "203.0.113/24"',
    ],
    [
      'egress CIDR with host bits',
      { 'platform:services': [{ ...SERVICE, egress: [{ cidr: '203.0.113.7/24', ports: [443] }] }] },
      'platform:services[0].egress[0].cidr: "203.0.113.7/24"',
    ],
    [
      'egress without ports',
      { 'platform:services': [{ ...SERVICE, egress: [{ cidr: '203.0.113.0/24', ports: [] }] }] },
      'platform:services[0].egress[0].ports: [] has 0 entries',
    ],
    [
      'egress port out of range',
      { 'platform:services': [{ ...SERVICE, egress: [{ cidr: '203.0.113.0/24', ports: [70000] }] }] },
      'platform:services[0].egress[0].ports[0]: 70000 is out of range',
    ],
    [
      'egress except outside its cidr',
      { 'platform:services': [{ ...SERVICE, egress: [{ cidr: '203.0.113.0/24', ports: [443], except: ['10.0.0.0/8'] }] }] },
      'platform:services[0].egress[0].except[0]: "10.0.0.0/8" is not strictly inside cidr 203.0.113.0/24',
    ],
    [
      'malformed egress except',
      { 'platform:services': [{ ...SERVICE, egress: [{ cidr: '0.0.0.0/0', ports: [443], except: ['10.0.0.0'] }] }] },
      'platform:services[0].egress[0].except[0]: "10.0.0.0"',
    ],
    [
      'unknown egress key',
      { 'platform:services': [{ ...SERVICE, egress: [{ cidr: '0.0.0.0/0', ports: [443], host: 'openapi.alipay.com' }] }] },
      'platform:services[0].egress[0].host: "openapi.alipay.com" is not a known key',
    ],
    [
      'CSI driver chart range',
      { 'platform:csiDriver': { chartVersion: '^1.36' } },
      'platform:csiDriver.chartVersion: "^1.36" is not allowed; expected an exact chart version',
    ],
    [
      'CSI driver credentials',
      { 'platform:csiDriver': { credentials: 'token' } },
      "platform:csiDriver.credentials: \"token\" is not allowed; expected one of 'ramRole', 'accessKey'",
    ],
  ])('%s', (_name, values, expected) => {
    expect(issues(values).some((line) => line.startsWith(`- ${expected}`))).toBe(true);
  });
});

describe('secrets', () => {
  test('each deployed middleware, the external Elasticsearch and every service secret are required', () => {
    const s = spec({
      'platform:middleware': { mysql: {}, redis: {}, rabbitmq: {}, nacos: { replicas: 3 }, sentinel: {}, emqx: {} },
      'platform:logging': { elasticsearch: { externalUrl: 'https://es.example.com', username: 'elastic' } },
      'platform:services': [{ ...SERVICE, secrets: ['alipayPrivateKey'] }],
    });
    expect(requiredSecrets(s)).toEqual(
      expect.arrayContaining([
        'mysqlRootPassword',
        'mysqlPassword',
        'redisPassword',
        'rabbitmqPassword',
        'rabbitmqErlangCookie',
        'nacosAuthToken',
        'nacosIdentityValue',
        'nacosPassword',
        'nacosMysqlPassword',
        'sentinelPassword',
        'emqxErlangCookie',
        'emqxDashboardPassword',
        'elasticsearchPassword',
        'alipayPrivateKey',
      ]),
    );
  });

  test('each service that uses MySQL needs its own password; others do not', () => {
    const s = spec({
      'platform:middleware': { mysql: {}, redis: {} },
      'platform:services': [SERVICE, { ...SERVICE, name: 'cache-only', middleware: ['redis'] }],
    });
    expect(requiredSecrets(s)).toContain('orderServiceMysqlPassword');
    expect(requiredSecrets(s).filter((n) => n.endsWith('MysqlPassword'))).toEqual(['orderServiceMysqlPassword']);
  });

  test.each([
    ['order-service', 'order_service', 'orderServiceMysqlPassword'],
    ['gateway', 'gateway', 'gatewayMysqlPassword'],
    ['iot-2-api', 'iot_2_api', 'iot2ApiMysqlPassword'],
  ])('%s: database %s, password secret %s', (service, db, secretName) => {
    expect([serviceDatabase(service), serviceMysqlPasswordSecret(service)]).toEqual([db, secretName]);
  });

  test('standalone Nacos needs no MySQL password', () => {
    expect(requiredSecrets(spec({ 'platform:middleware': { nacos: {} } }))).not.toContain('nacosMysqlPassword');
  });

  test.each([
    ['alipayPrivateKey', 'ALIPAY_PRIVATE_KEY'],
    ['jwtSigningKey', 'JWT_SIGNING_KEY'],
    ['key', 'KEY'],
  ])('%s arrives as %s', (name, env) => {
    expect(secretEnvName(name)).toBe(env);
  });
});
