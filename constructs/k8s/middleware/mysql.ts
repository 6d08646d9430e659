import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { Validator } from '../../lib/validation';
import { plainEnv, secretEnv, startupProbe, tcpProbe } from '../lib/container';
import { checkCount } from '../lib/names';
import { ResolvedResources } from '../lib/quantities';
import { StatefulWorkload } from '../lib/stateful-workload';
import { MiddlewareProps, checkSecretName, resolveMiddleware, shareOfMiB } from './middleware-props';

/** Official image, MySQL 8.0 LTS line. */
export const MYSQL_IMAGE = 'mysql:8.0.39';
/** The `mysql` user of the official image. */
export const MYSQL_UID = 999;
export const MYSQL_PORT = 3306;
export const MYSQL_DEFAULT_STORAGE_SIZE = '20Gi';
export const MYSQL_DEFAULT_MAX_CONNECTIONS = 500;
export const MYSQL_DEFAULT_RESOURCES: ResolvedResources = {
  cpuRequest: '500m',
  cpuLimit: '2',
  memoryRequest: '2Gi',
  memoryLimit: '2Gi',
};
/** Keys the credentials Secret must hold. */
export const MYSQL_SECRET_KEYS = {
  rootPassword: 'mysql-root-password',
  /** Only read when `user` is set. */
  userPassword: 'mysql-password',
} as const;

/** Props of {@link MySql}. */
export interface MySqlProps extends MiddlewareProps {
  /** Secret (created by the caller) holding {@link MYSQL_SECRET_KEYS}. */
  readonly credentialsSecretName: string;
  /** Database created on first start. @default - none */
  readonly database?: string;
  /** Application user created on first start, with password key `mysql-password`. @default - none */
  readonly user?: string;
  /** @default MYSQL_DEFAULT_MAX_CONNECTIONS (500) */
  readonly maxConnections?: number;
}

/**
 * A single MySQL 8.0 server on a persistent volume. Replication is out of scope, so `replicas` must be 1;
 * use a managed RDS instance when high availability is needed.
 */
export class MySql extends Construct {
  public readonly name: string;
  /** Client Service DNS name (within the namespace) and port. */
  public readonly host: string;
  public readonly port = MYSQL_PORT;
  public readonly secretNames: readonly string[];
  public readonly workload: StatefulWorkload;

  constructor(scope: Construct, id: string, props: MySqlProps) {
    super(scope, id);
    const v = new Validator();
    const r = resolveMiddleware(this, id, v, props, {
      image: MYSQL_IMAGE,
      resources: MYSQL_DEFAULT_RESOURCES,
      storageSize: MYSQL_DEFAULT_STORAGE_SIZE,
    });
    const maxConnections = props.maxConnections ?? MYSQL_DEFAULT_MAX_CONNECTIONS;
    if (r.replicas !== 1) v.add('replicas', r.replicas, 'must be 1: MySql runs a single server (no replication)');
    checkCount(v, 'maxConnections', maxConnections, 10, 100000);
    checkSecretName(v, 'credentialsSecretName', props.credentialsSecretName);
    v.throwIfAny(`Invalid MySql props (${this.node.path})`);
    this.name = r.name;
    this.host = r.name;
    this.secretNames = [props.credentialsSecretName];

    // Half the limit for the buffer pool leaves room for per-connection buffers and the OS page cache.
    const bufferPoolMiB = shareOfMiB(r.memoryLimitMiB, 0.5, 128);
    const myCnf = [
      '[mysqld]',
      'character-set-server = utf8mb4',
      'collation-server = utf8mb4_0900_ai_ci',
      'skip-name-resolve',
      `max_connections = ${maxConnections}`,
      `innodb_buffer_pool_size = ${bufferPoolMiB}M`,
      'tmpdir = /tmp',
      '',
    ].join('\n');
    const secret = (envName: string, key: string) => ({ envName, secretName: props.credentialsSecretName, key });
    const env: k8s.EnvVar[] = [
      ...plainEnv({ ...(props.database ? { MYSQL_DATABASE: props.database } : {}), ...(props.user ? { MYSQL_USER: props.user } : {}) }),
      ...secretEnv([
        secret('MYSQL_ROOT_PASSWORD', MYSQL_SECRET_KEYS.rootPassword),
        ...(props.user ? [secret('MYSQL_PASSWORD', MYSQL_SECRET_KEYS.userPassword)] : []),
      ]),
    ];
    const tcp = tcpProbe('mysql');
    this.workload = new StatefulWorkload(this, 'Workload', {
      name: r.name,
      namespace: props.namespace,
      component: 'mysql',
      extraLabels: props.labels,
      replicas: r.replicas,
      identity: { runAsUser: MYSQL_UID, runAsGroup: MYSQL_UID, fsGroup: MYSQL_UID },
      ports: [{ name: 'mysql', port: MYSQL_PORT }],
      volumeClaims: [{ name: 'data', size: r.storageSize, storageClassName: r.storageClassName }],
      emptyDirs: ['tmp', 'run'],
      configData: { 'custom.cnf': myCnf },
      strictSpread: props.strictSpread,
      terminationGracePeriodSeconds: 60,
      containers: [
        {
          name: 'mysql',
          image: r.image,
          resources: r.resources,
          ports: [{ name: 'mysql', containerPort: MYSQL_PORT, protocol: 'TCP' }],
          env,
          volumeMounts: [
            { name: 'data', mountPath: '/var/lib/mysql' },
            { name: 'tmp', mountPath: '/tmp' },
            // Socket and pid file.
            { name: 'run', mountPath: '/var/run/mysqld' },
            { name: 'config', mountPath: '/etc/mysql/conf.d', readOnly: true },
          ],
          livenessProbe: tcp,
          readinessProbe: tcpProbe('mysql', 5),
          // The entrypoint's first-start initialisation runs with networking off.
          startupProbe: startupProbe(tcp, 600),
        },
      ],
    });
  }
}
