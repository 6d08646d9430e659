import { Construct } from 'constructs';
import { Validator } from '../../core';
import { execProbe, plainEnv, podIdentityEnv, secretEnv, startupProbe, tcpProbe } from '../workload/container';
import { ResolvedResources } from '../workload/quantities';
import { StatefulWorkload } from '../workload/stateful-workload';
import {
  MiddlewareProps,
  checkNamespaceKnown,
  checkQuorumReplicas,
  checkSecretName,
  memberHost,
  resolveMiddleware,
} from './middleware-props';

/** Official image with the management plugin, RabbitMQ 3.13. */
export const RABBITMQ_IMAGE = 'rabbitmq:3.13.7-management';
/** The `rabbitmq` user of the official image. */
export const RABBITMQ_UID = 999;
/** AMQP 0-9-1 client port. */
export const RABBITMQ_AMQP_PORT = 5672;
/** Ports an AMQP client connects to (the management and metrics ports are not for clients). */
export const RABBITMQ_CLIENT_PORTS: readonly number[] = [RABBITMQ_AMQP_PORT];
/** Management UI and HTTP API port (the `-management` image's plugin). */
export const RABBITMQ_MANAGEMENT_PORT = 15672;
/** Port of the built-in `rabbitmq_prometheus` plugin's `/metrics` endpoint. */
export const RABBITMQ_PROMETHEUS_PORT = 15692;
/** Data volume size per node: message store and queue indexes, with room above the 1GB `disk_free_limit`. */
export const RABBITMQ_DEFAULT_STORAGE_SIZE = '10Gi';
/** Requests and limits per node; publishers are blocked at 60% of the memory limit (`vm_memory_high_watermark`). */
export const RABBITMQ_DEFAULT_RESOURCES: ResolvedResources = {
  cpuRequest: '250m',
  cpuLimit: '1',
  memoryRequest: '1Gi',
  memoryLimit: '1Gi',
};
/** Keys the caller's credentials Secret must hold. */
export const RABBITMQ_SECRET_KEYS = {
  /** Administrator user created on first start (`RABBITMQ_DEFAULT_USER`). */
  username: 'rabbitmq-username',
  /** Its password (`RABBITMQ_DEFAULT_PASS`); later changes need `rabbitmqctl change_password`. */
  password: 'rabbitmq-password',
  /** Shared by every node of a cluster and by the CLI tools the probes run. */
  erlangCookie: 'erlang-cookie',
} as const;

/** Props of {@link RabbitMq}. */
export interface RabbitMqProps extends MiddlewareProps {
  /** Secret (created by the caller) holding {@link RABBITMQ_SECRET_KEYS}. */
  readonly credentialsSecretName: string;
}

/**
 * RabbitMQ 3.x with the management UI; more than one replica forms a cluster through classic peer discovery
 * over the headless Service (pause-minority partition handling, so use 3 or 5 nodes).
 */
export class RabbitMq extends Construct {
  /** Name of the StatefulSet and of its client Service. */
  public readonly name: string;
  /** Host name for clients: the client Service, resolvable as is from the same namespace (`<host>.<namespace>.svc` from others). */
  public readonly host: string;
  /** AMQP client port, on the Service and the container. */
  public readonly port: typeof RABBITMQ_AMQP_PORT = RABBITMQ_AMQP_PORT;
  /** Ports clients connect to ({@link RABBITMQ_CLIENT_PORTS}): what a NetworkPolicy admitting its clients opens. */
  public readonly clientPorts: readonly number[] = RABBITMQ_CLIENT_PORTS;
  /** Secrets this construct reads, all created by the caller; none is created here. */
  public readonly secretNames: readonly string[];
  /** The generated StatefulSet, Services, ConfigMap, PodDisruptionBudget and peer NetworkPolicy, for overrides. */
  public readonly workload: StatefulWorkload;

  constructor(scope: Construct, id: string, props: RabbitMqProps) {
    super(scope, id);
    const v = new Validator();
    const r = resolveMiddleware(this, id, v, props, {
      image: RABBITMQ_IMAGE,
      resources: RABBITMQ_DEFAULT_RESOURCES,
      storageSize: RABBITMQ_DEFAULT_STORAGE_SIZE,
    });
    checkQuorumReplicas(v, r.replicas);
    if (r.replicas > 1) checkNamespaceKnown(v, r.namespace, 'for a cluster, whose node names go into rabbitmq.conf');
    checkSecretName(v, 'credentialsSecretName', props.credentialsSecretName);
    v.throwIfAny(`Invalid RabbitMq props (${this.node.path})`);
    this.name = r.name;
    this.host = r.name;
    this.secretNames = [props.credentialsSecretName];

    const conf = [
      // RabbitMQ cannot see the cgroup limit reliably; tell it, and block publishers at 60% of it.
      `total_memory_available_override_value = ${r.memoryLimitMiB * 1024 * 1024}`,
      'vm_memory_high_watermark.relative = 0.6',
      'disk_free_limit.absolute = 1GB',
      'cluster_partition_handling = pause_minority',
    ];
    if (r.replicas > 1 && r.namespace !== undefined) {
      conf.push('cluster_formation.peer_discovery_backend = classic_config');
      for (let i = 0; i < r.replicas; i++) {
        conf.push(`cluster_formation.classic_config.nodes.${i + 1} = rabbit@${memberHost(r.name, i, r.namespace, r.clusterDomain)}`);
      }
    }
    const secret = (envName: string, key: string) => ({ envName, secretName: props.credentialsSecretName, key });
    const tcp = tcpProbe('amqp');
    this.workload = new StatefulWorkload(this, 'Workload', {
      name: r.name,
      namespace: props.namespace,
      component: 'rabbitmq',
      extraLabels: props.labels,
      priorityClassName: props.priorityClassName,
      replicas: r.replicas,
      identity: { runAsUser: RABBITMQ_UID, runAsGroup: RABBITMQ_UID, fsGroup: RABBITMQ_UID },
      ports: [
        { name: 'amqp', port: RABBITMQ_AMQP_PORT },
        { name: 'management', port: RABBITMQ_MANAGEMENT_PORT },
        { name: 'prometheus', port: RABBITMQ_PROMETHEUS_PORT },
        { name: 'epmd', port: 4369, peerOnly: true },
        { name: 'dist', port: 25672, peerOnly: true },
      ],
      volumeClaims: [{ name: 'data', size: r.storageSize, storageClassName: r.storageClassName }],
      emptyDirs: ['tmp'],
      configData: { '30-platform.conf': conf.join('\n') + '\n' },
      // Restarted nodes wait for their peers; ordered start would deadlock a full-cluster restart.
      podManagementPolicy: 'Parallel',
      strictSpread: props.strictSpread,
      terminationGracePeriodSeconds: 120,
      containers: [
        {
          name: 'rabbitmq',
          image: r.image,
          resources: r.resources,
          ports: [
            { name: 'amqp', containerPort: RABBITMQ_AMQP_PORT, protocol: 'TCP' },
            { name: 'management', containerPort: RABBITMQ_MANAGEMENT_PORT, protocol: 'TCP' },
            { name: 'prometheus', containerPort: RABBITMQ_PROMETHEUS_PORT, protocol: 'TCP' },
            { name: 'epmd', containerPort: 4369, protocol: 'TCP' },
            { name: 'dist', containerPort: 25672, protocol: 'TCP' },
          ],
          env: [
            ...podIdentityEnv(),
            ...plainEnv({
              RABBITMQ_USE_LONGNAME: 'true',
              RABBITMQ_NODENAME: `rabbit@$(POD_NAME).${r.name}-headless.$(POD_NAMESPACE).svc.${r.clusterDomain}`,
            }),
            ...secretEnv([
              secret('RABBITMQ_DEFAULT_USER', RABBITMQ_SECRET_KEYS.username),
              secret('RABBITMQ_DEFAULT_PASS', RABBITMQ_SECRET_KEYS.password),
              secret('RABBITMQ_ERLANG_COOKIE', RABBITMQ_SECRET_KEYS.erlangCookie),
            ]),
          ],
          volumeMounts: [
            // Also $HOME, where the Erlang cookie is kept.
            { name: 'data', mountPath: '/var/lib/rabbitmq' },
            { name: 'tmp', mountPath: '/tmp' },
            { name: 'config', mountPath: '/etc/rabbitmq/conf.d/30-platform.conf', subPath: '30-platform.conf', readOnly: true },
          ],
          livenessProbe: execProbe(['rabbitmq-diagnostics', '-q', 'ping'], 30, 3, 20),
          readinessProbe: tcpProbe('amqp', 10),
          startupProbe: startupProbe(tcp, 600),
        },
      ],
    });
  }
}
