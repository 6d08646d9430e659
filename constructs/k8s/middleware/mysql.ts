import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { Validator } from '../../core';
import { plainEnv, secretEnv, startupProbe, tcpProbe } from '../workload/container';
import { checkCount } from '../workload/names';
import { ResolvedResources } from '../workload/quantities';
import { SecretEnvVar } from '../common';
import { workloadLabels } from '../workload/labels';
import { configMapVolume } from '../workload/pod-template';
import { StatefulWorkload } from '../workload/stateful-workload';
import { MiddlewareProps, checkSecretName, resolveMiddleware, shareOfMiB } from './middleware-props';
import {
  MYSQL_DATABASES_SCRIPT,
  MYSQL_INITDB_DIR,
  MySqlDatabase,
  checkMySqlInit,
  databasePasswordEnvVars,
  renderDatabasesScript,
} from './mysql-init';

/** Official image, MySQL 8.0 LTS line. */
export const MYSQL_IMAGE = 'mysql:8.0.39';
/** The `mysql` user of the official image. */
export const MYSQL_UID = 999;
/** MySQL's standard client port. */
export const MYSQL_PORT = 3306;
/** Ports a MySQL client connects to. */
export const MYSQL_CLIENT_PORTS: readonly number[] = [MYSQL_PORT];
/** Data volume size: InnoDB tablespaces, redo and binary logs of a small application database. */
export const MYSQL_DEFAULT_STORAGE_SIZE = '20Gi';
/** `max_connections`: room for the connection pools of several service replicas (MySQL's own default is 151). */
export const MYSQL_DEFAULT_MAX_CONNECTIONS = 500;
/** Requests and limits of the server; the InnoDB buffer pool gets half of the memory limit. */
export const MYSQL_DEFAULT_RESOURCES: ResolvedResources = {
  cpuRequest: '500m',
  cpuLimit: '2',
  memoryRequest: '2Gi',
  memoryLimit: '2Gi',
};
/** Keys the credentials Secret must hold. */
export const MYSQL_SECRET_KEYS = {
  /** Password of `root`, applied on first start only (`MYSQL_ROOT_PASSWORD`); later changes need `ALTER USER`. */
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
  /**
   * Databases, each with its own user and password, created by a rendered `00-databases.sh` init script. Like every
   * init script, it only runs on the FIRST start (empty data volume): adding an entry later creates nothing; run
   * the script's statements by hand then.
   * @default - none
   */
  readonly databases?: readonly MySqlDatabase[];
  /**
   * Files (`*.sql`, `*.sh`, by name) in a ConfigMap mounted at `/docker-entrypoint-initdb.d`, which the official
   * image runs in name order on its FIRST start only, i.e. when the data volume is empty; later changes to them
   * are never applied to an existing server. `.sql` files cannot read the environment: put anything secret in a
   * `.sh` script that reads `initSecretEnv`, never in these files (a ConfigMap is not secret).
   * @default - none
   */
  readonly initScripts?: Readonly<Record<string, string>>;
  /** Secret-backed environment variables for `.sh` init scripts (they stay set in the server container). @default - none */
  readonly initSecretEnv?: readonly SecretEnvVar[];
}

/**
 * A single MySQL 8.0 server on a persistent volume. Replication is out of scope, so `replicas` must be 1;
 * use a managed RDS instance when high availability is needed.
 */
export class MySql extends Construct {
  /** Name of the StatefulSet and of its client Service. */
  public readonly name: string;
  /** Client Service DNS name (within the namespace) and port. */
  public readonly host: string;
  /** Client port, on the Service and the container. */
  public readonly port: typeof MYSQL_PORT = MYSQL_PORT;
  /** Ports clients connect to ({@link MYSQL_CLIENT_PORTS}): what a NetworkPolicy admitting its clients opens. */
  public readonly clientPorts: readonly number[] = MYSQL_CLIENT_PORTS;
  /** Secrets this construct reads (credentials and `initSecretEnv` sources), all created by the caller. */
  public readonly secretNames: readonly string[];
  /** The generated StatefulSet, Services, ConfigMap, PodDisruptionBudget and peer NetworkPolicy, for overrides. */
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
    const databases = props.databases ?? [];
    const initSecretEnv = [...databasePasswordEnvVars(databases), ...(props.initSecretEnv ?? [])];
    checkMySqlInit(v, databases, props.initScripts ?? {}, props.initSecretEnv ?? []);
    initSecretEnv.forEach((e, i) => checkSecretName(v, `initSecretEnv[${i}].secretName`, e.secretName));
    v.throwIfAny(`Invalid MySql props (${this.node.path})`);
    this.name = r.name;
    this.host = r.name;
    this.secretNames = [...new Set([props.credentialsSecretName, ...initSecretEnv.map((e) => e.secretName)])];
    const initScripts: Record<string, string> = {
      ...(databases.length > 0 ? { [MYSQL_DATABASES_SCRIPT]: renderDatabasesScript(databases) } : {}),
      ...props.initScripts,
    };
    const initConfigMap = Object.keys(initScripts).length > 0 ? `${r.name}-initdb` : undefined;

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
        ...initSecretEnv,
      ]),
    ];
    if (initConfigMap !== undefined) {
      // Its own ConfigMap, outside the config checksum: the scripts only matter on the first start, so editing them
      // must not restart the database.
      new k8s.KubeConfigMap(this, 'InitScripts', {
        metadata: { name: initConfigMap, namespace: props.namespace, labels: { ...workloadLabels('mysql', r.name, props.labels).all } },
        data: initScripts,
      });
    }
    const tcp = tcpProbe('mysql');
    this.workload = new StatefulWorkload(this, 'Workload', {
      name: r.name,
      namespace: props.namespace,
      component: 'mysql',
      extraLabels: props.labels,
      priorityClassName: props.priorityClassName,
      replicas: r.replicas,
      identity: { runAsUser: MYSQL_UID, runAsGroup: MYSQL_UID, fsGroup: MYSQL_UID },
      ports: [{ name: 'mysql', port: MYSQL_PORT }],
      volumeClaims: [{ name: 'data', size: r.storageSize, storageClassName: r.storageClassName }],
      emptyDirs: ['tmp', 'run'],
      configData: { 'custom.cnf': myCnf },
      extraVolumes: initConfigMap !== undefined ? [configMapVolume('initdb', initConfigMap)] : [],
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
            ...(initConfigMap !== undefined ? [{ name: 'initdb', mountPath: MYSQL_INITDB_DIR, readOnly: true }] : []),
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
