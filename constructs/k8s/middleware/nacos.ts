import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { Validator } from '../../core';
import { httpProbe, plainEnv, secretEnv, startupProbe } from '../workload/container';
import { checkPort } from '../workload/names';
import { ResolvedResources } from '../workload/quantities';
import { StatefulWorkload } from '../workload/stateful-workload';
import { NacosAdminBootstrap, NacosAdminBootstrapProps, resolveAdminBootstrap } from './nacos-bootstrap';
import {
  MiddlewareProps,
  checkNamespaceKnown,
  checkQuorumReplicas,
  checkSecretName,
  memberHost,
  resolveMiddleware,
  shareOfMiB,
} from './middleware-props';

/** Official image, Nacos 2.3. */
export const NACOS_IMAGE = 'nacos/nacos-server:v2.3.2';
/** The image defines no user; any non-root UID works because every written path is a mounted volume. */
export const NACOS_UID = 10001;
/** Members of a Nacos cluster by default, and the fewest that survive the loss of one. */
export const NACOS_CLUSTER_DEFAULT_REPLICAS = 3;
/** HTTP port of the console and the OpenAPI; the gRPC ports below are derived from it. */
export const NACOS_HTTP_PORT = 8848;
/** gRPC ports Nacos 2 derives from the HTTP port (+1000 client, +1001 cluster, -1000 Raft). */
export const NACOS_CLIENT_RPC_PORT: number = NACOS_HTTP_PORT + 1000;
/** Ports a Nacos 2 client connects to: HTTP, and gRPC for its long-lived connection. */
export const NACOS_CLIENT_PORTS: readonly number[] = [NACOS_HTTP_PORT, NACOS_CLIENT_RPC_PORT];
/** Server-to-server gRPC port (cluster requests and data sync), HTTP port + 1001; peers only. */
export const NACOS_RAFT_RPC_PORT: number = NACOS_HTTP_PORT + 1001;
/** JRaft consensus port (leader election, persistent data), HTTP port − 1000; peers only. */
export const NACOS_RAFT_PORT: number = NACOS_HTTP_PORT - 1000;
/** Data volume size per node: Raft logs and snapshots, and the embedded Derby database when there is no MySQL. */
export const NACOS_DEFAULT_STORAGE_SIZE = '5Gi';
/** Database name Nacos' own docs and `mysql-schema.sql` examples use. */
export const NACOS_DEFAULT_MYSQL_DATABASE = 'nacos';
/** MySQL user Nacos connects as by default. */
export const NACOS_DEFAULT_MYSQL_USER = 'nacos';
/**
 * JDBC URL parameters (`MYSQL_SERVICE_DB_PARAM`): the image's defaults plus `allowPublicKeyRetrieval`, which
 * MySQL 8's `caching_sha2_password` needs over a connection without TLS.
 */
export const NACOS_MYSQL_DB_PARAMS =
  'characterEncoding=utf8&connectTimeout=1000&socketTimeout=3000&autoReconnect=true&useSSL=false&allowPublicKeyRetrieval=true';
/** Requests and limits per node; the JVM heap (`-Xms` = `-Xmx`) is 60% of the memory limit. */
export const NACOS_DEFAULT_RESOURCES: ResolvedResources = {
  cpuRequest: '500m',
  cpuLimit: '2',
  memoryRequest: '2Gi',
  memoryLimit: '2Gi',
};
/** Keys the caller's credentials Secret must hold. */
export const NACOS_SECRET_KEYS = {
  /** Base64 of at least 32 bytes, signs console and client tokens. */
  authToken: 'nacos-auth-token',
  /** Header name cluster members send to each other to skip authentication (`nacos.core.auth.server.identity.key`). */
  identityKey: 'nacos-identity-key',
  /** The header's value (`nacos.core.auth.server.identity.value`); keep it secret, it bypasses authentication. */
  identityValue: 'nacos-identity-value',
  /** Only read with `mysql`. */
  mysqlPassword: 'mysql-password',
  /** Only read with `adminBootstrap`: the password to give the built-in `nacos` administrator. */
  adminPassword: 'nacos-admin-password',
} as const;

/** Nacos deployment mode. */
export enum NacosMode {
  /** One node, embedded Derby unless `mysql` is given. */
  STANDALONE = 'standalone',
  /** Three or more nodes sharing a MySQL database. */
  CLUSTER = 'cluster',
}

/**
 * External MySQL for Nacos; the schema (`conf/mysql-schema.sql` of the release, see {@link nacosMysqlSchema}) must be
 * loaded beforehand.
 */
export interface NacosMysqlProps {
  /** Host name of the MySQL server: an in-cluster {@link MySql.host}, or an RDS endpoint. */
  readonly host: string;
  /** @default 3306 */
  readonly port?: number;
  /** @default NACOS_DEFAULT_MYSQL_DATABASE ('nacos') */
  readonly database?: string;
  /** @default NACOS_DEFAULT_MYSQL_USER ('nacos') */
  readonly user?: string;
}

/** Props of {@link Nacos}. */
export interface NacosProps extends MiddlewareProps {
  /** Secret (created by the caller) holding {@link NACOS_SECRET_KEYS}. */
  readonly credentialsSecretName: string;
  /** @default NacosMode.STANDALONE */
  readonly mode?: NacosMode;
  /**
   * Pods in the StatefulSet.
   * @default - 1 in standalone mode, NACOS_CLUSTER_DEFAULT_REPLICAS (3) in cluster mode: the Raft
   * group needs a majority to survive the loss of one member
   */
  readonly replicas?: number;
  /** Database; required in cluster mode. @default - embedded Derby (standalone only) */
  readonly mysql?: NacosMysqlProps;
  /**
   * Sets the password of the built-in administrator `nacos` (which Nacos up to 2.3 creates as `nacos`/`nacos`) from a
   * Secret, with a Job that waits for Nacos and calls its API; idempotent, so it may run on every deploy.
   * @default - none: the password stays whatever the store holds
   */
  readonly adminBootstrap?: NacosAdminBootstrapProps;
}

/** Nacos 2.x naming and configuration server with authentication on. */
export class Nacos extends Construct {
  /** Name of the StatefulSet and of its client Service. */
  public readonly name: string;
  /** Host name for clients: the client Service, resolvable as is from the same namespace (`<host>.<namespace>.svc` from others). */
  public readonly host: string;
  /** HTTP port clients are configured with (`server-addr`); Nacos 2 clients also need {@link NACOS_CLIENT_RPC_PORT}. */
  public readonly port: typeof NACOS_HTTP_PORT = NACOS_HTTP_PORT;
  /** Ports clients connect to ({@link NACOS_CLIENT_PORTS}): what a NetworkPolicy admitting its clients opens. */
  public readonly clientPorts: readonly number[] = NACOS_CLIENT_PORTS;
  /** Secrets this construct reads, all created by the caller; none is created here. */
  public readonly secretNames: readonly string[];
  /** The generated StatefulSet, Services, ConfigMap, PodDisruptionBudget and peer NetworkPolicy, for overrides. */
  public readonly workload: StatefulWorkload;
  /** Present with `adminBootstrap`. */
  public readonly adminBootstrap?: NacosAdminBootstrap;

  constructor(scope: Construct, id: string, props: NacosProps) {
    super(scope, id);
    const v = new Validator();
    const mode = props.mode ?? NacosMode.STANDALONE;
    const r = resolveMiddleware(
      this,
      id,
      v,
      { ...props, replicas: props.replicas ?? (mode === NacosMode.CLUSTER ? NACOS_CLUSTER_DEFAULT_REPLICAS : 1) },
      {
        image: NACOS_IMAGE,
        resources: NACOS_DEFAULT_RESOURCES,
        storageSize: NACOS_DEFAULT_STORAGE_SIZE,
      },
    );
    if (mode === NacosMode.STANDALONE && r.replicas !== 1) {
      v.add('replicas', r.replicas, 'must be 1 in standalone mode (use mode CLUSTER for more)');
    }
    if (mode === NacosMode.CLUSTER) {
      if (r.replicas < NACOS_CLUSTER_DEFAULT_REPLICAS)
        v.add('replicas', r.replicas, `must be at least ${NACOS_CLUSTER_DEFAULT_REPLICAS} in cluster mode`);
      checkQuorumReplicas(v, r.replicas);
      if (props.mysql === undefined) v.add('mysql', undefined, 'is required in cluster mode (nodes share one MySQL database)');
      checkNamespaceKnown(v, r.namespace, 'in cluster mode, whose member list goes into cluster.conf');
    }
    if (props.mysql?.port !== undefined) checkPort(v, 'mysql.port', props.mysql.port);
    checkSecretName(v, 'credentialsSecretName', props.credentialsSecretName);
    const bootstrap = props.adminBootstrap
      ? resolveAdminBootstrap(v, props.adminBootstrap, props.credentialsSecretName, NACOS_SECRET_KEYS.adminPassword, props.imageRewrite)
      : undefined;
    v.throwIfAny(`Invalid Nacos props (${this.node.path})`);
    this.name = r.name;
    this.host = r.name;
    this.secretNames = [...new Set([props.credentialsSecretName, ...(bootstrap ? [bootstrap.secretName] : [])])];

    const heapMiB = shareOfMiB(r.memoryLimitMiB, 0.6, 256);
    const env: Record<string, string> = {
      MODE: mode,
      PREFER_HOST_MODE: 'hostname',
      NACOS_AUTH_ENABLE: 'true',
      JVM_XMS: `${heapMiB}m`,
      JVM_XMX: `${heapMiB}m`,
      JVM_XMN: `${Math.floor(heapMiB / 2)}m`,
    };
    if (props.mysql) {
      Object.assign(env, {
        SPRING_DATASOURCE_PLATFORM: 'mysql',
        MYSQL_SERVICE_HOST: props.mysql.host,
        MYSQL_SERVICE_PORT: String(props.mysql.port ?? 3306),
        MYSQL_SERVICE_DB_NAME: props.mysql.database ?? NACOS_DEFAULT_MYSQL_DATABASE,
        MYSQL_SERVICE_USER: props.mysql.user ?? NACOS_DEFAULT_MYSQL_USER,
        MYSQL_SERVICE_DB_PARAM: NACOS_MYSQL_DB_PARAMS,
      });
    }
    const secret = (envName: string, key: string) => ({ envName, secretName: props.credentialsSecretName, key });
    const configData: Record<string, string> = {
      // Picked up through the image's init.d search location; moves Tomcat's work dir off the read-only root.
      'custom.properties': 'server.tomcat.basedir=/tmp/tomcat\n',
    };
    const mounts: k8s.VolumeMount[] = [
      { name: 'data', mountPath: '/home/nacos/data' },
      { name: 'logs', mountPath: '/home/nacos/logs' },
      { name: 'tmp', mountPath: '/tmp' },
      { name: 'config', mountPath: '/home/nacos/init.d/custom.properties', subPath: 'custom.properties', readOnly: true },
    ];
    if (mode === NacosMode.CLUSTER && r.namespace !== undefined) {
      const members = Array.from(
        { length: r.replicas },
        (_, i) => `${memberHost(r.name, i, r.namespace ?? '', r.clusterDomain)}:${NACOS_HTTP_PORT}`,
      );
      configData['cluster.conf'] = members.join('\n') + '\n';
      // The startup script's own attempt to write cluster.conf then fails harmlessly on this read-only mount.
      mounts.push({ name: 'config', mountPath: '/home/nacos/conf/cluster.conf', subPath: 'cluster.conf', readOnly: true });
    }
    const liveness = httpProbe('/nacos/v1/console/health/liveness', 'http');
    this.workload = new StatefulWorkload(this, 'Workload', {
      name: r.name,
      namespace: props.namespace,
      component: 'nacos',
      extraLabels: props.labels,
      priorityClassName: props.priorityClassName,
      replicas: r.replicas,
      identity: { runAsUser: NACOS_UID, runAsGroup: NACOS_UID, fsGroup: NACOS_UID },
      ports: [
        { name: 'http', port: NACOS_HTTP_PORT },
        { name: 'client-rpc', port: NACOS_CLIENT_RPC_PORT },
        { name: 'raft-rpc', port: NACOS_RAFT_RPC_PORT, peerOnly: true },
        { name: 'raft', port: NACOS_RAFT_PORT, peerOnly: true },
      ],
      volumeClaims: [{ name: 'data', size: r.storageSize, storageClassName: r.storageClassName }],
      emptyDirs: ['logs', 'tmp'],
      configData,
      podManagementPolicy: 'Parallel',
      strictSpread: props.strictSpread,
      containers: [
        {
          name: 'nacos',
          image: r.image,
          resources: r.resources,
          ports: [
            { name: 'http', containerPort: NACOS_HTTP_PORT, protocol: 'TCP' },
            { name: 'client-rpc', containerPort: NACOS_CLIENT_RPC_PORT, protocol: 'TCP' },
            { name: 'raft-rpc', containerPort: NACOS_RAFT_RPC_PORT, protocol: 'TCP' },
            { name: 'raft', containerPort: NACOS_RAFT_PORT, protocol: 'TCP' },
          ],
          env: [
            ...plainEnv(env),
            ...secretEnv([
              secret('NACOS_AUTH_TOKEN', NACOS_SECRET_KEYS.authToken),
              secret('NACOS_AUTH_IDENTITY_KEY', NACOS_SECRET_KEYS.identityKey),
              secret('NACOS_AUTH_IDENTITY_VALUE', NACOS_SECRET_KEYS.identityValue),
              ...(props.mysql ? [secret('MYSQL_SERVICE_PASSWORD', NACOS_SECRET_KEYS.mysqlPassword)] : []),
            ]),
          ],
          volumeMounts: mounts,
          livenessProbe: liveness,
          readinessProbe: httpProbe('/nacos/v1/console/health/readiness', 'http', 5),
          startupProbe: startupProbe(liveness, 300),
        },
      ],
    });
    if (bootstrap) {
      this.adminBootstrap = new NacosAdminBootstrap(this, 'AdminBootstrap', {
        ...bootstrap,
        name: r.name,
        namespace: props.namespace,
        labels: props.labels,
        priorityClassName: props.priorityClassName,
        nacosHost: r.name,
        nacosPort: NACOS_HTTP_PORT,
        nacosPods: this.workload.selectorLabels,
      });
    }
  }
}
