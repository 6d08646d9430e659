/**
 * This platform's middleware table: one entry per middleware `platform:middleware` may deploy, holding its
 * construct factory, its credentials Secret's keys (and the `platform:secrets` entries behind them), its client
 * ports (the construct's own), the other middleware it connects to, and how a service logs in to it and finds it.
 * The config's required secrets, the middleware chart (constructs, Secrets, NetworkPolicies) and the apps chart's
 * client wiring all read this table: adding a middleware is one entry here plus its settings in
 * `MIDDLEWARE_FIELDS` (stacks/config/workloads.ts), whose keys are the catalogue.
 */
import type { Construct } from 'constructs';
import {
  ConfigTree,
  DeployedAddOn,
  EMQX_CLIENT_PORTS,
  EMQX_MQTT_PORT,
  EMQX_SECRET_KEYS,
  Emqx,
  MYSQL_CLIENT_PORTS,
  MYSQL_PORT,
  MYSQL_SECRET_KEYS,
  MiddlewareAddOn,
  MySql,
  MySqlBackup,
  MySqlDatabase,
  NACOS_ADMIN_USER,
  NACOS_CLIENT_PORTS,
  NACOS_HTTP_PORT,
  NACOS_SECRET_KEYS,
  Nacos,
  NacosMode,
  RABBITMQ_AMQP_PORT,
  RABBITMQ_CLIENT_PORTS,
  RABBITMQ_SECRET_KEYS,
  REDIS_CLIENT_PORTS,
  REDIS_PORT,
  REDIS_SECRET_KEYS,
  RabbitMq,
  Redis,
  SENTINEL_CLIENT_DEFAULT_PORT,
  SENTINEL_DASHBOARD_CLIENT_PORTS,
  SENTINEL_DASHBOARD_SECRET_KEYS,
  SecretData,
  SentinelDashboard,
  configSecretNames,
  deployedAddOns,
  nacosMysqlSchema,
} from '../../constructs/k8s';
import type { ImageRewrite } from '../../constructs/core';
import {
  MiddlewareKind,
  MiddlewareSpec,
  NACOS_DATABASE,
  ResourcesSpec,
  ServiceSpec,
  mysqlClients,
  serviceDatabase,
  serviceMysqlPasswordSecret,
} from '../config/workloads';
import { PRIORITY_CLASSES, databasePasswordKey, instancePods } from './names';

/** User names are not secret; they sit in the Secret only because the images read them from there. */
export const RABBITMQ_USER = 'iot';
export const SENTINEL_USER = 'sentinel';
/** Nacos' identity header name; its value is the secret half. */
export const NACOS_IDENTITY_KEY = 'serverIdentity';
/** Database and user of Nacos in cluster mode; MySQL creates both, and the schema, on its first start. */
export { NACOS_DATABASE };
/** The file name sorts after the databases script, which creates the database the schema goes into. */
export const NACOS_SCHEMA_SCRIPT = '10-nacos-schema.sql';
/** Nacos' built-in administrator; the bootstrap Job sets its password to `platform:secrets.nacosPassword`. */
export const NACOS_CLIENT_USER = NACOS_ADMIN_USER;
const JDBC_PARAMS = 'useUnicode=true&characterEncoding=utf8&serverTimezone=Asia/Shanghai&useSSL=false&allowPublicKeyRetrieval=true';

/** Where and when MySQL is dumped. */
export interface MysqlBackupOptions {
  readonly bucket: string;
  /** Key prefix of this cluster's dumps, `mysql/<cluster>/`. */
  readonly prefix: string;
  /** The bucket's intranet endpoint. */
  readonly endpoint: string;
  /** `platform:backup.mysql.schedule`. */
  readonly schedule: string;
  /** `platform:backup.mysql.scratchSize`: room for one compressed dump on the node. */
  readonly scratchSize: string;
}
/** The Secret with the backup writer's AccessKey; the cluster stack creates it from the RAM user's key. */
export const MYSQL_BACKUP_STORE_SECRET = 'mysql-backup-oss';

/** What the configuration tells every entry. */
export interface MiddlewareContext {
  /** All of `platform:middleware`: an entry may depend on another's settings (Nacos in cluster mode on MySQL). */
  readonly middleware: MiddlewareSpec;
  /** Services that use MySQL: each gets its own database, user and password. */
  readonly mysqlClients: readonly string[];
}

/** What deploying adds. */
export interface MiddlewareDeployContext extends MiddlewareContext {
  /** The middleware namespace. */
  readonly namespace: string;
  readonly storageClassName: string;
  /** Where the middleware images are pulled from. @default - as pinned */
  readonly imageRewrite?: ImageRewrite;
  /** The scheduled dump of MySQL to the backup bucket. @default - none */
  readonly mysqlBackup?: MysqlBackupOptions;
}

/** How a service logs in to a middleware and finds it. */
export interface MiddlewareClient {
  /**
   * The `platform:secrets` entry a client logs in with, arriving as `<KIND>_PASSWORD`: one for every client,
   * or one per client (its own database user). @default - no password
   */
  readonly password?: { readonly shared: string } | { readonly perClient: (service: string) => string };
  /** Its settings in the service's `application.yaml` (passwords as `${<KIND>_PASSWORD}`). @default - none */
  config?(service: string, host: string): ConfigTree;
}

/** One entry of the table. */
export interface PlatformMiddleware<TSettings> extends MiddlewareAddOn<TSettings, MiddlewareContext, MiddlewareDeployContext> {
  readonly client: MiddlewareClient;
}

/** One entry per key of `platform:middleware`. */
export type PlatformMiddlewareTable = { readonly [K in MiddlewareKind]-?: PlatformMiddleware<NonNullable<MiddlewareSpec[K]>> };

/** Props every middleware construct takes from the deploy context. */
function common(name: string, c: MiddlewareDeployContext, credentialsSecretName: string) {
  return {
    name,
    imageRewrite: c.imageRewrite,
    priorityClassName: PRIORITY_CLASSES.middleware.name,
    credentialsSecretName,
  };
}

/** Its volume and size: the settings every stateful middleware has. */
function stored(s: { readonly storageSize?: string; readonly resources?: ResourcesSpec }, c: MiddlewareDeployContext) {
  return { storageClassName: c.storageClassName, storageSize: s.storageSize, resources: s.resources };
}

const nacosClustered = (m: MiddlewareSpec) => (m.nacos?.replicas ?? 1) > 1;

/** MySQL's database users besides the configured one: Nacos' in cluster mode, then one per client service. */
function mysqlUsers(c: MiddlewareContext): Array<{ user: string; fromConfig: string }> {
  return [
    ...(nacosClustered(c.middleware) ? [{ user: NACOS_DATABASE, fromConfig: 'nacosMysqlPassword' }] : []),
    ...c.mysqlClients.map((service) => ({ user: serviceDatabase(service), fromConfig: serviceMysqlPasswordSecret(service) })),
  ];
}

const mysql: PlatformMiddleware<NonNullable<MiddlewareSpec['mysql']>> = {
  name: 'mysql',
  clientPorts: MYSQL_CLIENT_PORTS,
  // Each database user's password sits in the credentials Secret, under a key derived from the user.
  credentials: (_s, c) => ({
    [MYSQL_SECRET_KEYS.rootPassword]: { fromConfig: 'mysqlRootPassword' },
    [MYSQL_SECRET_KEYS.userPassword]: { fromConfig: 'mysqlPassword' },
    ...Object.fromEntries(mysqlUsers(c).map((u) => [databasePasswordKey(u.user), { fromConfig: u.fromConfig }])),
  }),
  deploy: (scope, s, c, secretName) => {
    const databases: MySqlDatabase[] = mysqlUsers(c).map((u) => ({
      name: u.user,
      user: u.user,
      password: { secretName, key: databasePasswordKey(u.user) },
    }));
    new MySql(scope, 'mysql', {
      ...common(MIDDLEWARE.mysql.name, c, secretName),
      ...stored(s, c),
      database: s.database,
      user: s.user,
      databases,
      initScripts: nacosClustered(c.middleware) ? { [NACOS_SCHEMA_SCRIPT]: nacosMysqlSchema(NACOS_DATABASE) } : undefined,
    });
    if (c.mysqlBackup) addMysqlBackup(scope, c.namespace, c.mysqlBackup, secretName, c.imageRewrite);
  },
  client: {
    // Its own password per service: one service's password must not open another service's database.
    password: { perClient: serviceMysqlPasswordSecret },
    config: (service, host) => ({
      spring: {
        datasource: {
          url: `jdbc:mysql://${host}:${MYSQL_PORT}/${serviceDatabase(service)}?${JDBC_PARAMS}`,
          username: serviceDatabase(service),
          password: '${MYSQL_PASSWORD}',
          'driver-class-name': 'com.mysql.cj.jdbc.Driver',
        },
      },
    }),
  },
};

function addMysqlBackup(scope: Construct, namespace: string, b: MysqlBackupOptions, secretName: string, imageRewrite?: ImageRewrite): void {
  const server = MIDDLEWARE.mysql.name;
  new MySqlBackup(scope, 'mysql-backup', {
    name: `${server}-backup`,
    namespace,
    mysqlHost: server,
    mysqlPodLabels: instancePods(server),
    mysqlCredentialsSecretName: secretName,
    schedule: b.schedule,
    dumpStorage: b.scratchSize,
    imageRewrite,
    destination: { bucket: b.bucket, prefix: b.prefix, endpoint: b.endpoint, credentialsSecretName: MYSQL_BACKUP_STORE_SECRET },
  });
}

const redis: PlatformMiddleware<NonNullable<MiddlewareSpec['redis']>> = {
  name: 'redis',
  clientPorts: REDIS_CLIENT_PORTS,
  credentials: () => ({ [REDIS_SECRET_KEYS.password]: { fromConfig: 'redisPassword' } }),
  deploy: (scope, s, c, secretName) => {
    new Redis(scope, 'redis', {
      ...common(MIDDLEWARE.redis.name, c, secretName),
      ...stored(s, c),
    });
  },
  client: {
    password: { shared: 'redisPassword' },
    config: (_service, host) => ({ spring: { data: { redis: { host, port: REDIS_PORT, password: '${REDIS_PASSWORD}' } } } }),
  },
};

const rabbitmq: PlatformMiddleware<NonNullable<MiddlewareSpec['rabbitmq']>> = {
  name: 'rabbitmq',
  clientPorts: RABBITMQ_CLIENT_PORTS,
  credentials: () => ({
    [RABBITMQ_SECRET_KEYS.username]: { value: RABBITMQ_USER },
    [RABBITMQ_SECRET_KEYS.password]: { fromConfig: 'rabbitmqPassword' },
    [RABBITMQ_SECRET_KEYS.erlangCookie]: { fromConfig: 'rabbitmqErlangCookie' },
  }),
  deploy: (scope, s, c, secretName) => {
    new RabbitMq(scope, 'rabbitmq', {
      ...common(MIDDLEWARE.rabbitmq.name, c, secretName),
      replicas: s.replicas,
      ...stored(s, c),
    });
  },
  client: {
    password: { shared: 'rabbitmqPassword' },
    config: (_service, host) => ({
      spring: { rabbitmq: { host, port: RABBITMQ_AMQP_PORT, username: RABBITMQ_USER, password: '${RABBITMQ_PASSWORD}' } },
    }),
  },
};

const nacos: PlatformMiddleware<NonNullable<MiddlewareSpec['nacos']>> = {
  name: 'nacos',
  clientPorts: NACOS_CLIENT_PORTS,
  credentials: (_s, c) => ({
    [NACOS_SECRET_KEYS.authToken]: { fromConfig: 'nacosAuthToken' },
    [NACOS_SECRET_KEYS.identityKey]: { value: NACOS_IDENTITY_KEY },
    [NACOS_SECRET_KEYS.identityValue]: { fromConfig: 'nacosIdentityValue' },
    [NACOS_SECRET_KEYS.adminPassword]: { fromConfig: 'nacosPassword' },
    ...(nacosClustered(c.middleware) ? { [NACOS_SECRET_KEYS.mysqlPassword]: { fromConfig: 'nacosMysqlPassword' } } : {}),
  }),
  deploy: (scope, s, c, secretName) => {
    const clustered = nacosClustered(c.middleware);
    new Nacos(scope, 'nacos', {
      ...common(MIDDLEWARE.nacos.name, c, secretName),
      mode: clustered ? NacosMode.CLUSTER : NacosMode.STANDALONE,
      replicas: s.replicas,
      // Standalone keeps its embedded Derby on the volume; a cluster shares the stack's MySQL.
      mysql: clustered ? { host: MIDDLEWARE.mysql.name, database: NACOS_DATABASE, user: NACOS_DATABASE } : undefined,
      ...stored(s, c),
      // The services log in as the built-in admin with nacosPassword; a new Nacos only knows the default password.
      adminBootstrap: {},
    });
  },
  reaches: (_s, c) => (nacosClustered(c.middleware) ? ['mysql'] : []),
  client: {
    password: { shared: 'nacosPassword' },
    config: (_service, host) => {
      const addr = `${host}:${NACOS_HTTP_PORT}`;
      return {
        spring: {
          cloud: {
            nacos: {
              'server-addr': addr,
              username: NACOS_CLIENT_USER,
              password: '${NACOS_PASSWORD}',
              discovery: { 'server-addr': addr },
              config: { 'server-addr': addr },
            },
          },
        },
      };
    },
  },
};

const sentinel: PlatformMiddleware<NonNullable<MiddlewareSpec['sentinel']>> = {
  name: 'sentinel-dashboard',
  clientPorts: SENTINEL_DASHBOARD_CLIENT_PORTS,
  credentials: () => ({
    [SENTINEL_DASHBOARD_SECRET_KEYS.username]: { value: SENTINEL_USER },
    [SENTINEL_DASHBOARD_SECRET_KEYS.password]: { fromConfig: 'sentinelPassword' },
  }),
  deploy: (scope, s, c, secretName) => {
    new SentinelDashboard(scope, 'sentinel', { ...common(MIDDLEWARE.sentinel.name, c, secretName), resources: s.resources });
  },
  // The dashboard pushes rules to, and pulls metrics from, each client's own port.
  reachesClientsOn: [SENTINEL_CLIENT_DEFAULT_PORT],
  // The services find the dashboard through SpringBootService's sentinelDashboard prop (apps chart).
  client: {},
};

const emqx: PlatformMiddleware<NonNullable<MiddlewareSpec['emqx']>> = {
  name: 'emqx',
  clientPorts: EMQX_CLIENT_PORTS,
  credentials: () => ({
    [EMQX_SECRET_KEYS.erlangCookie]: { fromConfig: 'emqxErlangCookie' },
    [EMQX_SECRET_KEYS.dashboardPassword]: { fromConfig: 'emqxDashboardPassword' },
  }),
  deploy: (scope, s, c, secretName) => {
    new Emqx(scope, 'emqx', {
      ...common(MIDDLEWARE.emqx.name, c, secretName),
      replicas: s.replicas,
      ...stored(s, c),
    });
  },
  client: { config: (_service, host) => ({ mqtt: { 'broker-url': `tcp://${host}:${EMQX_MQTT_PORT}` } }) },
};

/** The table, in deploy order (which is also the order of the chart's objects). */
export const MIDDLEWARE: PlatformMiddlewareTable = { mysql, redis, rabbitmq, nacos, sentinel, emqx };

/** The middleware `spec` deploys, in table order, each bound to its settings. */
export function deployedEntries(middleware: MiddlewareSpec, table: PlatformMiddlewareTable = MIDDLEWARE): DeployedMiddleware[] {
  return deployedAddOns(table, middleware);
}
export type DeployedMiddleware = DeployedAddOn<MiddlewareContext, MiddlewareDeployContext>;

/** The context the configuration gives: the middleware and the services that use MySQL. */
export function middlewareContext(middleware: MiddlewareSpec, services: readonly ServiceSpec[]): MiddlewareContext {
  return { middleware, mysqlClients: mysqlClients(services).map((s) => s.name) };
}

/** Each deployed middleware's credentials Secret data, in table order. */
export function middlewareCredentials(
  context: MiddlewareContext,
  table: PlatformMiddlewareTable = MIDDLEWARE,
): Array<{ entry: DeployedMiddleware; data: SecretData }> {
  return deployedEntries(context.middleware, table).map((entry) => ({ entry, data: entry.credentials(context) }));
}

/**
 * Names under `platform:secrets` the middleware needs: every secret its credentials Secrets read, and the
 * passwords its clients log in with. The config requires exactly these (stacks/config/parse.ts), and the
 * charts' Secrets read them from the same entries, so the two cannot disagree.
 */
export function middlewareSecretNames(
  w: { readonly middleware: MiddlewareSpec; readonly services: readonly ServiceSpec[] },
  table: PlatformMiddlewareTable = MIDDLEWARE,
): string[] {
  const context = middlewareContext(w.middleware, w.services);
  const deployed = new Set(deployedEntries(w.middleware, table).map((e) => e.kind));
  const clients = w.services.flatMap((s) =>
    (s.middleware as MiddlewareKind[]).filter((kind) => deployed.has(kind)).map((kind) => clientPasswordSecret(table[kind], s.name)),
  );
  return [
    ...new Set([
      ...middlewareCredentials(context, table).flatMap((c) => configSecretNames(c.data)),
      ...clients.filter((name): name is string => name !== undefined),
    ]),
  ];
}

/** The `platform:secrets` entry client `service` of `entry` logs in with, if it logs in. */
export function clientPasswordSecret(entry: PlatformMiddleware<unknown>, service: string): string | undefined {
  const password = entry.client.password;
  return password === undefined ? undefined : 'shared' in password ? password.shared : password.perClient(service);
}

/** The middleware's own credentials (`redis-credentials`), in the middleware namespace. */
export function credentialsSecretName(entry: { readonly name: string }): string {
  return `${entry.name}-credentials`;
}

/** What every client of `entry` logs in with (`redis-client`), copied into the apps namespace (secretKeyRef cannot cross namespaces). */
export function clientSecretName(entry: { readonly name: string }): string {
  return `${entry.name}-client`;
}

/** A client's own password for middleware `kind` (`order-service-mysql`), in the apps namespace. */
export function perClientSecretName(service: string, kind: string): string {
  return `${service}-${kind}`;
}
