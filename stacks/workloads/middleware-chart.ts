/**
 * The `middleware` chart: the middleware the stack's `platform:middleware` lists, on the NAS class,
 * with the allow rules each needs in its default-deny namespace. MySQL creates, on its first start,
 * one database and user per service that uses it, and Nacos' database and schema in cluster mode;
 * a Job sets Nacos' admin password. Returns the Secrets it names.
 */
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  EMQX_SECRET_KEYS,
  Emqx,
  MYSQL_SECRET_KEYS,
  MySql,
  MySqlBackup,
  NACOS_SECRET_KEYS,
  Nacos,
  NacosMode,
  NetworkPeer,
  RABBITMQ_SECRET_KEYS,
  REDIS_SECRET_KEYS,
  RabbitMq,
  Redis,
  SENTINEL_DASHBOARD_SECRET_KEYS,
  SENTINEL_CLIENT_DEFAULT_PORT,
  SentinelDashboard,
  AllowTrafficPolicy,
  TrafficDirection,
  MySqlDatabase,
  nacosMysqlSchema,
} from '../../constructs/k8s';
import type { ImageRewrite } from '../../constructs/lib/images';
import {
  MiddlewareKind,
  MiddlewareSpec,
  NACOS_DATABASE,
  NamespacesSpec,
  deployedMiddleware,
  serviceDatabase,
  serviceMysqlPasswordSecret,
} from '../config/workloads';
import {
  MIDDLEWARE_CLIENT_PORTS,
  MIDDLEWARE_NAMES,
  SecretRequirement,
  SecretSource,
  credentialsSecretName,
  databasePasswordKey,
  instancePods,
  usesLabel,
  PRIORITY_CLASSES,
} from './names';

/** User names are not secret; they sit in the Secret only because the images read them from there. */
export const RABBITMQ_USER = 'iot';
export const SENTINEL_USER = 'sentinel';
/** Nacos' identity header name; its value is the secret half. */
export const NACOS_IDENTITY_KEY = 'serverIdentity';
/** Database and user of Nacos in cluster mode; MySQL creates both, and the schema, on its first start. */
export { NACOS_DATABASE };
/** The file name sorts after the databases script, which creates the database the schema goes into. */
export const NACOS_SCHEMA_SCRIPT = '10-nacos-schema.sql';

export interface MiddlewareChartProps {
  readonly middleware: MiddlewareSpec;
  readonly namespaces: NamespacesSpec;
  readonly storageClassName: string;
  /** Middleware at least one service uses: only those get client rules. */
  readonly used: ReadonlySet<MiddlewareKind>;
  /** Services that use MySQL: each gets its own database and user. */
  readonly mysqlClients: readonly string[];
  /**
   * Label of the preview namespaces (`pr-<n>`) that run on this stack: their client pods are admitted like the
   * apps namespace's. Only on the preview base stack. @default - none admitted
   */
  readonly previewNamespaceLabel?: string;
  /** Where the middleware images (and the Nacos bootstrap Job's) are pulled from. @default - as pinned */
  readonly imageRewrite?: ImageRewrite;
  /** The scheduled dump of MySQL to the backup bucket. @default - none */
  readonly mysqlBackup?: MysqlBackupOptions;
}

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
/** The Secret the restore template reads: a key that may read the prefix, created by the operator to restore (README). */
export const MYSQL_RESTORE_STORE_SECRET = `${MIDDLEWARE_NAMES.mysql}-backup-restore`;

export function addMiddlewareChart(chart: Chart, p: MiddlewareChartProps): SecretRequirement[] {
  const m = p.middleware;
  const ns = p.namespaces.middleware;
  const storageClassName = p.storageClassName;
  const secrets: SecretRequirement[] = [];
  const credentials = (kind: MiddlewareKind, data: SecretRequirement['data']) => {
    secrets.push({ name: credentialsSecretName(kind), namespace: ns, data });
    return credentialsSecretName(kind);
  };

  const nacosClustered = (m.nacos?.replicas ?? 1) > 1;
  if (m.mysql) {
    // Each database user's password sits in the MySQL credentials Secret, under a key derived from the user.
    const users: Array<{ user: string; source: SecretSource }> = [
      ...(nacosClustered ? [{ user: NACOS_DATABASE, source: { fromConfig: 'nacosMysqlPassword' } }] : []),
      ...p.mysqlClients.map((service) => ({ user: serviceDatabase(service), source: { fromConfig: serviceMysqlPasswordSecret(service) } })),
    ];
    const secretName = credentials('mysql', {
      [MYSQL_SECRET_KEYS.rootPassword]: { fromConfig: 'mysqlRootPassword' },
      [MYSQL_SECRET_KEYS.userPassword]: { fromConfig: 'mysqlPassword' },
      ...Object.fromEntries(users.map((u) => [databasePasswordKey(u.user), u.source])),
    });
    const databases: MySqlDatabase[] = users.map((u) => ({
      name: u.user,
      user: u.user,
      password: { secretName, key: databasePasswordKey(u.user) },
    }));
    new MySql(chart, 'mysql', {
      name: MIDDLEWARE_NAMES.mysql,
      imageRewrite: p.imageRewrite,
      priorityClassName: PRIORITY_CLASSES.middleware.name,
      storageClassName,
      storageSize: m.mysql.storageSize,
      resources: m.mysql.resources,
      database: m.mysql.database,
      user: m.mysql.user,
      credentialsSecretName: secretName,
      databases,
      initScripts: nacosClustered ? { [NACOS_SCHEMA_SCRIPT]: nacosMysqlSchema(NACOS_DATABASE) } : undefined,
    });
    if (p.mysqlBackup) {
      new MySqlBackup(chart, 'mysql-backup', {
        name: `${MIDDLEWARE_NAMES.mysql}-backup`,
        namespace: ns,
        mysqlHost: MIDDLEWARE_NAMES.mysql,
        mysqlPodLabels: instancePods(MIDDLEWARE_NAMES.mysql),
        mysqlCredentialsSecretName: secretName,
        schedule: p.mysqlBackup.schedule,
        dumpStorage: p.mysqlBackup.scratchSize,
        imageRewrite: p.imageRewrite,
        destination: {
          bucket: p.mysqlBackup.bucket,
          prefix: p.mysqlBackup.prefix,
          endpoint: p.mysqlBackup.endpoint,
          credentialsSecretName: MYSQL_BACKUP_STORE_SECRET,
        },
      });
    }
  }
  if (m.redis) {
    new Redis(chart, 'redis', {
      name: MIDDLEWARE_NAMES.redis,
      imageRewrite: p.imageRewrite,
      priorityClassName: PRIORITY_CLASSES.middleware.name,
      storageClassName,
      storageSize: m.redis.storageSize,
      resources: m.redis.resources,
      credentialsSecretName: credentials('redis', { [REDIS_SECRET_KEYS.password]: { fromConfig: 'redisPassword' } }),
    });
  }
  if (m.rabbitmq) {
    new RabbitMq(chart, 'rabbitmq', {
      name: MIDDLEWARE_NAMES.rabbitmq,
      imageRewrite: p.imageRewrite,
      priorityClassName: PRIORITY_CLASSES.middleware.name,
      replicas: m.rabbitmq.replicas,
      storageClassName,
      storageSize: m.rabbitmq.storageSize,
      resources: m.rabbitmq.resources,
      credentialsSecretName: credentials('rabbitmq', {
        [RABBITMQ_SECRET_KEYS.username]: { value: RABBITMQ_USER },
        [RABBITMQ_SECRET_KEYS.password]: { fromConfig: 'rabbitmqPassword' },
        [RABBITMQ_SECRET_KEYS.erlangCookie]: { fromConfig: 'rabbitmqErlangCookie' },
      }),
    });
  }
  if (m.nacos) {
    const clustered = nacosClustered;
    new Nacos(chart, 'nacos', {
      name: MIDDLEWARE_NAMES.nacos,
      imageRewrite: p.imageRewrite,
      priorityClassName: PRIORITY_CLASSES.middleware.name,
      mode: clustered ? NacosMode.CLUSTER : NacosMode.STANDALONE,
      replicas: m.nacos.replicas,
      // Standalone keeps its embedded Derby on the volume; a cluster shares the stack's MySQL.
      mysql: clustered ? { host: MIDDLEWARE_NAMES.mysql, database: NACOS_DATABASE, user: NACOS_DATABASE } : undefined,
      storageClassName,
      storageSize: m.nacos.storageSize,
      resources: m.nacos.resources,
      credentialsSecretName: credentials('nacos', {
        [NACOS_SECRET_KEYS.authToken]: { fromConfig: 'nacosAuthToken' },
        [NACOS_SECRET_KEYS.identityKey]: { value: NACOS_IDENTITY_KEY },
        [NACOS_SECRET_KEYS.identityValue]: { fromConfig: 'nacosIdentityValue' },
        [NACOS_SECRET_KEYS.adminPassword]: { fromConfig: 'nacosPassword' },
        ...(clustered ? { [NACOS_SECRET_KEYS.mysqlPassword]: { fromConfig: 'nacosMysqlPassword' } } : {}),
      }),
      // The services log in as the built-in admin with nacosPassword; a new Nacos only knows the default password.
      adminBootstrap: {},
    });
    if (clustered) {
      allow(
        chart,
        'nacos-to-mysql',
        MIDDLEWARE_NAMES.nacos,
        TrafficDirection.EGRESS,
        [{ podLabels: instancePods(MIDDLEWARE_NAMES.mysql) }],
        MIDDLEWARE_CLIENT_PORTS.mysql,
      );
      allow(
        chart,
        'mysql-from-nacos',
        MIDDLEWARE_NAMES.mysql,
        TrafficDirection.INGRESS,
        [{ podLabels: instancePods(MIDDLEWARE_NAMES.nacos) }],
        MIDDLEWARE_CLIENT_PORTS.mysql,
      );
    }
  }
  if (m.sentinel) {
    new SentinelDashboard(chart, 'sentinel', {
      name: MIDDLEWARE_NAMES.sentinel,
      imageRewrite: p.imageRewrite,
      priorityClassName: PRIORITY_CLASSES.middleware.name,
      resources: m.sentinel.resources,
      credentialsSecretName: credentials('sentinel', {
        [SENTINEL_DASHBOARD_SECRET_KEYS.username]: { value: SENTINEL_USER },
        [SENTINEL_DASHBOARD_SECRET_KEYS.password]: { fromConfig: 'sentinelPassword' },
      }),
    });
    if (p.used.has('sentinel')) {
      // The dashboard pushes rules to, and pulls metrics from, each client's own port.
      const clients = clientPeers(p, 'sentinel');
      allow(chart, 'sentinel-to-clients', MIDDLEWARE_NAMES.sentinel, TrafficDirection.EGRESS, clients, [SENTINEL_CLIENT_DEFAULT_PORT]);
    }
  }
  if (m.emqx) {
    new Emqx(chart, 'emqx', {
      name: MIDDLEWARE_NAMES.emqx,
      imageRewrite: p.imageRewrite,
      priorityClassName: PRIORITY_CLASSES.middleware.name,
      replicas: m.emqx.replicas,
      storageClassName,
      storageSize: m.emqx.storageSize,
      resources: m.emqx.resources,
      credentialsSecretName: credentials('emqx', {
        [EMQX_SECRET_KEYS.erlangCookie]: { fromConfig: 'emqxErlangCookie' },
        [EMQX_SECRET_KEYS.dashboardPassword]: { fromConfig: 'emqxDashboardPassword' },
      }),
    });
  }

  for (const kind of deployedMiddleware(m).filter((k) => p.used.has(k))) {
    allow(
      chart,
      `${kind}-from-apps`,
      MIDDLEWARE_NAMES[kind],
      TrafficDirection.INGRESS,
      clientPeers(p, kind),
      MIDDLEWARE_CLIENT_PORTS[kind],
    );
  }
  return secrets;
}

/** The pods labelled as clients of `kind`: in the apps namespace, and in every preview namespace where admitted. */
function clientPeers(p: MiddlewareChartProps, kind: MiddlewareKind): NetworkPeer[] {
  const podLabels = { [usesLabel(kind)]: 'true' };
  return [
    { namespace: p.namespaces.apps, podLabels },
    ...(p.previewNamespaceLabel !== undefined ? [{ namespaceLabel: p.previewNamespaceLabel, podLabels }] : []),
  ];
}

function allow(
  chart: Chart,
  name: string,
  instance: string,
  direction: TrafficDirection,
  peers: NetworkPeer[],
  ports: readonly number[],
): void {
  const scope = (chart.node.tryFindChild('policies') as Construct | undefined) ?? new Construct(chart, 'policies');
  new AllowTrafficPolicy(scope, name, {
    name: `allow-${name}`,
    podLabels: instancePods(instance),
    direction,
    peers,
    ports: ports.map((port) => ({ port })),
  });
}
