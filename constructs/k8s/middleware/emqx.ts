import { Construct } from 'constructs';
import { Validator } from '../../core';
import { httpProbe, plainEnv, podIdentityEnv, secretEnv, startupProbe } from '../workload/container';
import { ResolvedResources } from '../workload/quantities';
import { StatefulWorkload } from '../workload/stateful-workload';
import { MiddlewareProps, checkSecretName, resolveMiddleware } from './middleware-props';

/** Official image, EMQX 5.8 (the last Apache-2.0 line before the BSL change in 5.9). */
export const EMQX_IMAGE = 'emqx/emqx:5.8.0';
/** The `emqx` user of the official image. */
export const EMQX_UID = 1000;
/** Plain MQTT (TCP) listener port. */
export const EMQX_MQTT_PORT = 1883;
/** Ports an MQTT client connects to (plain MQTT; the WebSocket and dashboard ports are not opened to clients). */
export const EMQX_CLIENT_PORTS: readonly number[] = [EMQX_MQTT_PORT];
/** MQTT over WebSocket listener port (path `/mqtt`). */
export const EMQX_WS_PORT = 8083;
/** Dashboard and HTTP management API port; also serves the `/status` health check the probes use. */
export const EMQX_DASHBOARD_PORT = 18083;
/** Data volume size: the node's data directory (Mnesia tables, retained messages, cluster config), small without durable sessions. */
export const EMQX_DEFAULT_STORAGE_SIZE = '5Gi';
/** Requests and limits per node; the 2-core limit lets connection storms burst above the request. */
export const EMQX_DEFAULT_RESOURCES: ResolvedResources = {
  cpuRequest: '500m',
  cpuLimit: '2',
  memoryRequest: '1Gi',
  memoryLimit: '1Gi',
};
/** Keys the caller's credentials Secret must hold. */
export const EMQX_SECRET_KEYS = {
  /** Erlang distribution cookie, identical on every node of a cluster (`EMQX_NODE__COOKIE`). */
  erlangCookie: 'erlang-cookie',
  /** Applied on first start only; change it in the dashboard afterwards. */
  dashboardPassword: 'dashboard-password',
} as const;

/** Props of {@link Emqx}. */
export interface EmqxProps extends MiddlewareProps {
  /** Secret (created by the caller) holding {@link EMQX_SECRET_KEYS}. */
  readonly credentialsSecretName: string;
}

/** EMQX 5 MQTT broker; more than one replica clusters through DNS SRV records of the headless Service. */
export class Emqx extends Construct {
  /** Name of the StatefulSet and of its client Service. */
  public readonly name: string;
  /** Host name for clients: the client Service, resolvable as is from the same namespace (`<host>.<namespace>.svc` from others). */
  public readonly host: string;
  /** MQTT client port, on the Service and the container. */
  public readonly port: typeof EMQX_MQTT_PORT = EMQX_MQTT_PORT;
  /** Ports clients connect to ({@link EMQX_CLIENT_PORTS}): what a NetworkPolicy admitting its clients opens. */
  public readonly clientPorts: readonly number[] = EMQX_CLIENT_PORTS;
  /** Secrets this construct reads, all created by the caller; none is created here. */
  public readonly secretNames: readonly string[];
  /** The generated StatefulSet, Services, ConfigMap, PodDisruptionBudget and peer NetworkPolicy, for overrides. */
  public readonly workload: StatefulWorkload;

  constructor(scope: Construct, id: string, props: EmqxProps) {
    super(scope, id);
    const v = new Validator();
    const r = resolveMiddleware(this, id, v, props, {
      image: EMQX_IMAGE,
      resources: EMQX_DEFAULT_RESOURCES,
      storageSize: EMQX_DEFAULT_STORAGE_SIZE,
    });
    checkSecretName(v, 'credentialsSecretName', props.credentialsSecretName);
    v.throwIfAny(`Invalid Emqx props (${this.node.path})`);
    this.name = r.name;
    this.host = r.name;
    this.secretNames = [props.credentialsSecretName];

    const headlessDns = `${r.name}-headless.$(POD_NAMESPACE).svc.${r.clusterDomain}`;
    const configEnv: Record<string, string> =
      r.replicas > 1
        ? { EMQX_CLUSTER__DISCOVERY_STRATEGY: 'dns', EMQX_CLUSTER__DNS__RECORD_TYPE: 'srv' }
        : { EMQX_CLUSTER__DISCOVERY_STRATEGY: 'manual' };
    configEnv.EMQX_LOG__CONSOLE__ENABLE = 'true';
    configEnv.EMQX_LOG__FILE__ENABLE = 'false';
    const dashboard = httpProbe('/status', 'dashboard');
    this.workload = new StatefulWorkload(this, 'Workload', {
      name: r.name,
      namespace: props.namespace,
      component: 'emqx',
      extraLabels: props.labels,
      priorityClassName: props.priorityClassName,
      replicas: r.replicas,
      identity: { runAsUser: EMQX_UID, runAsGroup: EMQX_UID, fsGroup: EMQX_UID },
      ports: [
        { name: 'mqtt', port: EMQX_MQTT_PORT },
        { name: 'ws', port: EMQX_WS_PORT },
        { name: 'dashboard', port: EMQX_DASHBOARD_PORT },
        { name: 'ekka', port: 4370, peerOnly: true },
        { name: 'gen-rpc', port: 5369, peerOnly: true },
      ],
      volumeClaims: [{ name: 'data', size: r.storageSize, storageClassName: r.storageClassName }],
      emptyDirs: ['log', 'tmp'],
      configData: configEnv,
      // EMQX reads its settings as EMQX_* variables (envFrom below); no file of it is mounted.
      configVolume: false,
      podManagementPolicy: 'Parallel',
      strictSpread: props.strictSpread,
      terminationGracePeriodSeconds: 60,
      containers: [
        {
          name: 'emqx',
          image: r.image,
          resources: r.resources,
          ports: [
            { name: 'mqtt', containerPort: EMQX_MQTT_PORT, protocol: 'TCP' },
            { name: 'ws', containerPort: EMQX_WS_PORT, protocol: 'TCP' },
            { name: 'dashboard', containerPort: EMQX_DASHBOARD_PORT, protocol: 'TCP' },
            { name: 'ekka', containerPort: 4370, protocol: 'TCP' },
            { name: 'gen-rpc', containerPort: 5369, protocol: 'TCP' },
          ],
          envFrom: [{ configMapRef: { name: `${r.name}-config` } }],
          env: [
            ...podIdentityEnv(),
            // Needs $(POD_*) expansion, which only env (not envFrom) gets.
            ...plainEnv({
              EMQX_NODE__NAME: `emqx@$(POD_NAME).${headlessDns}`,
              ...(r.replicas > 1 ? { EMQX_CLUSTER__DNS__NAME: headlessDns } : {}),
            }),
            ...secretEnv([
              { envName: 'EMQX_NODE__COOKIE', secretName: props.credentialsSecretName, key: EMQX_SECRET_KEYS.erlangCookie },
              {
                envName: 'EMQX_DASHBOARD__DEFAULT_PASSWORD',
                secretName: props.credentialsSecretName,
                key: EMQX_SECRET_KEYS.dashboardPassword,
              },
            ]),
          ],
          volumeMounts: [
            { name: 'data', mountPath: '/opt/emqx/data' },
            { name: 'log', mountPath: '/opt/emqx/log' },
            { name: 'tmp', mountPath: '/tmp' },
          ],
          livenessProbe: dashboard,
          readinessProbe: httpProbe('/status', 'dashboard', 5),
          startupProbe: startupProbe(dashboard, 300),
        },
      ],
    });
  }
}
