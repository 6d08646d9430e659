import { Chart, Testing } from 'cdk8s';
import {
  Emqx,
  LogPipeline,
  MySql,
  Nacos,
  NacosMode,
  PlatformStorageClasses,
  RabbitMq,
  Redis,
  RestrictedNamespace,
  SentinelDashboard,
  SpringBootService,
  WorkloadPriorityClass,
} from '../../../constructs/k8s';

/** The PriorityClass the fixture's middleware and log pipeline name; the business service names none. */
export const FIXTURE_PRIORITY_CLASS = 'middleware-high';

/** One manifest object as synthesized. */
export type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name?: string; namespace?: string; [k: string]: unknown };
  [k: string]: unknown;
};

/** A chart that uses every construct, clustered where possible, so policy tests see every code path. */
export function platformChart(): { chart: Chart; objects: Manifest[] } {
  const app = Testing.app();
  const chart = new Chart(app, 'platform', { namespace: 'middleware' });
  new PlatformStorageClasses(chart, 'Storage', { nas: { mountDomain: 'abc-123.cn-hangzhou.nas.aliyuncs.com', path: '/k8s' } });
  new RestrictedNamespace(chart, 'middleware');
  const priorityClassName = new WorkloadPriorityClass(chart, FIXTURE_PRIORITY_CLASS, { value: 100000 }).name;
  new MySql(chart, 'mysql', { credentialsSecretName: 'mysql-credentials', database: 'nacos', user: 'nacos', priorityClassName });
  new Redis(chart, 'redis', { credentialsSecretName: 'redis-credentials', priorityClassName });
  new RabbitMq(chart, 'rabbitmq', { credentialsSecretName: 'rabbitmq-credentials', replicas: 3, priorityClassName });
  new Nacos(chart, 'nacos', {
    credentialsSecretName: 'nacos-credentials',
    mode: NacosMode.CLUSTER,
    mysql: { host: 'mysql' },
    adminBootstrap: {},
    priorityClassName,
  });
  const sentinel = new SentinelDashboard(chart, 'sentinel', { credentialsSecretName: 'sentinel-credentials', priorityClassName });
  new Emqx(chart, 'emqx', { credentialsSecretName: 'emqx-credentials', replicas: 3, priorityClassName });
  const logs = new LogPipeline(chart, 'logs', { elasticsearchReplicas: 3, logstashClientNamespaces: ['apps'], priorityClassName });
  new SpringBootService(chart, 'orders', {
    image: 'registry.example.com/shop/orders:1.4.2',
    namespace: 'apps',
    logstashDestination: logs.logstashDestination,
    sentinelDashboard: `${sentinel.host}.middleware.svc.cluster.local:${sentinel.port}`,
    secretEnv: [{ envName: 'DB_PASSWORD', secretName: 'orders-db', key: 'password' }],
    secretEnvFrom: ['orders-extra'],
  });
  return { chart, objects: Testing.synth(chart) as Manifest[] };
}

/** Objects of one kind. */
export function ofKind(objects: readonly Manifest[], kind: string): Manifest[] {
  return objects.filter((o) => o.kind === kind);
}

/** The object of `kind` named `name`; fails the test if absent. */
export function find(objects: readonly Manifest[], kind: string, name: string): Manifest {
  const hit = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!hit) {
    throw new Error(`no ${kind} named ${name} among ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  }
  return hit;
}

/** Reads a nested value by path, for terse assertions on untyped manifests. */
export function at(obj: unknown, ...path: (string | number)[]): any {
  return path.reduce<any>((cur, key) => (cur == null ? undefined : cur[key]), obj);
}
