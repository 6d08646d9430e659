/** The middleware add-on contract: binding a table to a configuration, and the client ports each construct publishes. */
import { ApiObject, Chart, Testing } from 'cdk8s';
import {
  EMQX_CLIENT_PORTS,
  Emqx,
  MYSQL_CLIENT_PORTS,
  MiddlewareTable,
  MySql,
  NACOS_CLIENT_PORTS,
  Nacos,
  RABBITMQ_CLIENT_PORTS,
  REDIS_CLIENT_PORTS,
  RabbitMq,
  Redis,
  SENTINEL_DASHBOARD_CLIENT_PORTS,
  SentinelDashboard,
  configSecretNames,
  deployedAddOns,
} from '../../../../constructs/k8s';

interface Spec {
  readonly queue?: { readonly replicas: number };
  readonly cache?: { readonly sizeMiB: number };
}
interface Context {
  readonly tenant: string;
}

/** Two fake add-ons that record what they are handed. */
const table: MiddlewareTable<Spec, Context> = {
  queue: {
    name: 'queue-server',
    clientPorts: [5672],
    credentials: (s, c) => ({ password: { fromConfig: `${c.tenant}QueuePassword` }, user: { value: `r${s.replicas}` } }),
    deploy: (scope, s, c, secretName) => {
      new ApiObject(scope, 'queue', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${c.tenant}-${s.replicas}-${secretName}` } });
    },
    reaches: (s) => (s.replicas > 1 ? ['cache'] : []),
  },
  cache: {
    name: 'cache',
    clientPorts: [6379],
    credentials: () => ({ password: { fromConfig: 'cachePassword' } }),
    deploy: () => undefined,
    reachesClientsOn: [8719],
  },
};

describe('deployedAddOns', () => {
  test('only the configured add-ons, in table order (not the configuration order), each bound to its settings', () => {
    const deployed = deployedAddOns(table, { cache: { sizeMiB: 64 }, queue: { replicas: 3 } });
    expect(deployed.map((d) => [d.kind, d.name, d.clientPorts, d.reachesClientsOn])).toEqual([
      ['queue', 'queue-server', [5672], []],
      ['cache', 'cache', [6379], [8719]],
    ]);
    expect(deployed.map((d) => d.credentials({ tenant: 'acme' }))).toEqual([
      { password: { fromConfig: 'acmeQueuePassword' }, user: { value: 'r3' } },
      { password: { fromConfig: 'cachePassword' } },
    ]);
    expect(deployed.map((d) => d.reaches({ tenant: 'acme' }))).toEqual([['cache'], []]);
  });

  test('an add-on the configuration leaves out is not deployed', () => {
    expect(deployedAddOns(table, { queue: { replicas: 1 } }).map((d) => [d.kind, d.reaches({ tenant: 't' })])).toEqual([['queue', []]]);
    expect(deployedAddOns(table, {})).toEqual([]);
  });

  test('deploy hands the construct its settings, the context and the credentials Secret name', () => {
    const chart = new Chart(Testing.app(), 'c');
    deployedAddOns(table, { queue: { replicas: 2 } })[0].deploy(chart, { tenant: 'acme' }, 'queue-credentials');
    expect(chart.toJson().map((o: { metadata: { name: string } }) => o.metadata.name)).toEqual(['acme-2-queue-credentials']);
  });
});

test('configSecretNames: the configuration secrets a Secret reads, each once, plain values left out', () => {
  expect(
    configSecretNames({
      a: { fromConfig: 'rootPassword' },
      b: { value: 'admin' },
      c: { fromConfig: 'userPassword' },
      d: { fromConfig: 'rootPassword' },
    }),
  ).toEqual(['rootPassword', 'userPassword']);
  expect(configSecretNames({})).toEqual([]);
});

describe('client ports: what each construct opens to its clients', () => {
  const chart = new Chart(Testing.app(), 'ports', { namespace: 'middleware' });
  const constructs: Array<[string, { clientPorts: readonly number[]; name: string }, readonly number[]]> = [
    ['MySql', new MySql(chart, 'mysql', { credentialsSecretName: 's' }), MYSQL_CLIENT_PORTS],
    ['Redis', new Redis(chart, 'redis', { credentialsSecretName: 's' }), REDIS_CLIENT_PORTS],
    ['RabbitMq', new RabbitMq(chart, 'rabbitmq', { credentialsSecretName: 's' }), RABBITMQ_CLIENT_PORTS],
    ['Nacos', new Nacos(chart, 'nacos', { credentialsSecretName: 's' }), NACOS_CLIENT_PORTS],
    ['SentinelDashboard', new SentinelDashboard(chart, 'sentinel', { credentialsSecretName: 's' }), SENTINEL_DASHBOARD_CLIENT_PORTS],
    ['Emqx', new Emqx(chart, 'emqx', { credentialsSecretName: 's' }), EMQX_CLIENT_PORTS],
  ];
  const services = chart.toJson().filter((o: { kind: string }) => o.kind === 'Service') as Array<{
    metadata: { name: string };
    spec: { ports: Array<{ port: number }> };
  }>;

  test.each(constructs.map(([type, c, constant]) => [type, c, constant] as const))('%s', (_type, c, constant) => {
    expect(c.clientPorts).toBe(constant);
    // Every client port is a port of its client Service: a policy opening it opens something real.
    const service = services.find((s) => s.metadata.name === c.name);
    expect(c.clientPorts.filter((p) => !service?.spec.ports.some((sp) => sp.port === p))).toEqual([]);
  });

  test('the values: Nacos 2 clients need HTTP and gRPC; the others one port', () => {
    expect(constructs.map(([type, c]) => [type, c.clientPorts])).toEqual([
      ['MySql', [3306]],
      ['Redis', [6379]],
      ['RabbitMq', [5672]],
      ['Nacos', [8848, 9848]],
      ['SentinelDashboard', [8858]],
      ['Emqx', [1883]],
    ]);
  });
});
