import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { Validator } from '../../core';
import { execProbe, secretEnv, startupProbe, tcpProbe } from '../workload/container';
import { ResolvedResources } from '../workload/quantities';
import { StatefulWorkload } from '../workload/stateful-workload';
import { MiddlewareProps, checkSecretName, resolveMiddleware, shareOfMiB } from './middleware-props';

/** Official image, Redis 7.2. */
export const REDIS_IMAGE = 'redis:7.2.5';
/** The `redis` user of the official Debian-based image. */
export const REDIS_UID = 999;
/** Redis' standard client port. */
export const REDIS_PORT = 6379;
/** Ports a Redis client connects to. */
export const REDIS_CLIENT_PORTS: readonly number[] = [REDIS_PORT];
/** Data volume size: room for the AOF plus its rewrite, several times the default 768Mi `maxmemory`. */
export const REDIS_DEFAULT_STORAGE_SIZE = '5Gi';
/** Reject writes when memory is full instead of silently evicting keys: safe for data that is not a cache. */
export const REDIS_DEFAULT_MAXMEMORY_POLICY = 'noeviction';
/** Requests and limits of the Redis container; `maxmemory` is set to 75% of the memory limit. */
export const REDIS_DEFAULT_RESOURCES: ResolvedResources = {
  cpuRequest: '250m',
  cpuLimit: '1',
  memoryRequest: '1Gi',
  memoryLimit: '1Gi',
};
/** Where the init container writes `requirepass`, in a memory-backed volume; `redis.conf` includes it. */
export const REDIS_AUTH_FILE = '/run/redis-auth/auth.conf';
/**
 * Writes {@link REDIS_AUTH_FILE} from `$REDIS_PASSWORD`: the password reaches Redis in a file, never in a process's
 * arguments (`ps`, `/proc/<pid>/cmdline`) nor in the pod spec. `printf` is a shell builtin, so no process sees the
 * value in its argv either; `"` and `\` are escaped for Redis' quoted-string syntax, and the file is private (umask 077).
 */
export const REDIS_AUTH_SCRIPT: string = [
  'set -eu',
  'umask 077',
  `escaped=$(printf '%s' "$REDIS_PASSWORD" | sed 's/[\\\\"]/\\\\&/g')`,
  `printf 'requirepass "%s"\n' "$escaped" > ${REDIS_AUTH_FILE}`,
].join('\n');
/** Keys the caller's credentials Secret must hold. */
export const REDIS_SECRET_KEYS = {
  /** The `requirepass` password every client must send with `AUTH`. */
  password: 'redis-password',
} as const;

const AUTH_DIR = REDIS_AUTH_FILE.slice(0, REDIS_AUTH_FILE.lastIndexOf('/'));
/** The auth init container runs two shell builtins and sed. */
const REDIS_AUTH_RESOURCES: ResolvedResources = { cpuRequest: '50m', cpuLimit: '100m', memoryRequest: '16Mi', memoryLimit: '32Mi' };

const MAXMEMORY_POLICIES = [
  'noeviction',
  'allkeys-lru',
  'allkeys-lfu',
  'allkeys-random',
  'volatile-lru',
  'volatile-lfu',
  'volatile-random',
  'volatile-ttl',
];

/** Props of {@link Redis}. */
export interface RedisProps extends MiddlewareProps {
  /** Secret (created by the caller) holding {@link REDIS_SECRET_KEYS}. */
  readonly credentialsSecretName: string;
  /** @default REDIS_DEFAULT_MAXMEMORY_POLICY ('noeviction') */
  readonly maxmemoryPolicy?: string;
}

/**
 * A single Redis 7 server with AOF persistence and a password. Replication / Sentinel is out of scope, so
 * `replicas` must be 1.
 */
export class Redis extends Construct {
  /** Name of the StatefulSet and of its client Service. */
  public readonly name: string;
  /** Host name for clients: the client Service, resolvable as is from the same namespace (`<host>.<namespace>.svc` from others). */
  public readonly host: string;
  /** Client port, on the Service and the container. */
  public readonly port: typeof REDIS_PORT = REDIS_PORT;
  /** Ports clients connect to ({@link REDIS_CLIENT_PORTS}): what a NetworkPolicy admitting its clients opens. */
  public readonly clientPorts: readonly number[] = REDIS_CLIENT_PORTS;
  /** Secrets this construct reads, all created by the caller; none is created here. */
  public readonly secretNames: readonly string[];
  /** The generated StatefulSet, Services, ConfigMap, PodDisruptionBudget and peer NetworkPolicy, for overrides. */
  public readonly workload: StatefulWorkload;

  constructor(scope: Construct, id: string, props: RedisProps) {
    super(scope, id);
    const v = new Validator();
    const r = resolveMiddleware(this, id, v, props, {
      image: REDIS_IMAGE,
      resources: REDIS_DEFAULT_RESOURCES,
      storageSize: REDIS_DEFAULT_STORAGE_SIZE,
    });
    const policy = props.maxmemoryPolicy ?? REDIS_DEFAULT_MAXMEMORY_POLICY;
    if (r.replicas !== 1) v.add('replicas', r.replicas, 'must be 1: Redis runs a single server (no replication)');
    if (!MAXMEMORY_POLICIES.includes(policy)) v.add('maxmemoryPolicy', policy, `must be one of ${MAXMEMORY_POLICIES.join(', ')}`);
    checkSecretName(v, 'credentialsSecretName', props.credentialsSecretName);
    v.throwIfAny(`Invalid Redis props (${this.node.path})`);
    this.name = r.name;
    this.host = r.name;
    this.secretNames = [props.credentialsSecretName];

    // Leave a quarter of the limit for fork-on-rewrite copy-on-write pages and client buffers.
    const maxmemoryMiB = shareOfMiB(r.memoryLimitMiB, 0.75, 64);
    const conf = [
      'bind 0.0.0.0',
      `port ${REDIS_PORT}`,
      'dir /data',
      'appendonly yes',
      'appendfsync everysec',
      `maxmemory ${maxmemoryMiB}mb`,
      `maxmemory-policy ${policy}`,
      // written by the init container from the Secret (REDIS_AUTH_SCRIPT)
      `include ${REDIS_AUTH_FILE}`,
      '',
    ].join('\n');
    const password = { secretName: props.credentialsSecretName, key: REDIS_SECRET_KEYS.password };
    this.workload = new StatefulWorkload(this, 'Workload', {
      name: r.name,
      namespace: props.namespace,
      component: 'redis',
      extraLabels: props.labels,
      priorityClassName: props.priorityClassName,
      replicas: r.replicas,
      identity: { runAsUser: REDIS_UID, runAsGroup: REDIS_UID, fsGroup: REDIS_UID },
      ports: [{ name: 'redis', port: REDIS_PORT }],
      volumeClaims: [{ name: 'data', size: r.storageSize, storageClassName: r.storageClassName }],
      emptyDirs: ['tmp'],
      configData: { 'redis.conf': conf },
      extraVolumes: [{ name: 'auth', emptyDir: { medium: 'Memory', sizeLimit: k8s.Quantity.fromString('1Mi') } }],
      strictSpread: props.strictSpread,
      initContainers: [
        {
          name: 'auth',
          image: r.image,
          resources: REDIS_AUTH_RESOURCES,
          command: ['sh', '-c', REDIS_AUTH_SCRIPT],
          env: secretEnv([{ envName: 'REDIS_PASSWORD', ...password }]),
          volumeMounts: [{ name: 'auth', mountPath: AUTH_DIR }],
        },
      ],
      containers: [
        {
          name: 'redis',
          image: r.image,
          resources: r.resources,
          ports: [{ name: 'redis', containerPort: REDIS_PORT, protocol: 'TCP' }],
          // The password is in the included auth file, so it is in neither the ConfigMap, the pod spec nor argv.
          command: ['redis-server', '/usr/local/etc/redis/redis.conf'],
          // redis-cli reads it, so the probe needs no password on its command line.
          env: secretEnv([{ envName: 'REDISCLI_AUTH', ...password }]),
          volumeMounts: [
            { name: 'data', mountPath: '/data' },
            { name: 'tmp', mountPath: '/tmp' },
            { name: 'config', mountPath: '/usr/local/etc/redis', readOnly: true },
            { name: 'auth', mountPath: AUTH_DIR, readOnly: true },
          ],
          livenessProbe: tcpProbe('redis'),
          readinessProbe: execProbe(['sh', '-c', 'redis-cli -h 127.0.0.1 ping | grep -q PONG'], 5),
          // Loading a large AOF on start.
          startupProbe: startupProbe(tcpProbe('redis'), 300),
        },
      ],
    });
  }
}
