import { Construct } from 'constructs';
import { NO_IMAGE_REWRITE, Validator } from '../../core';
import { ResourceRequirements, WorkloadCommonProps } from '../common';
import { httpProbe, plainEnv, secretEnv, startupProbe, tcpProbe } from '../workload/container';
import { DeploymentWorkload } from '../workload/deployment-workload';
import { checkImage } from '../workload/image';
import { checkName } from '../workload/names';
import { ResolvedResources, resolveResources } from '../workload/quantities';
import { checkSecretName } from './middleware-props';

/**
 * Alibaba publishes no dashboard image; `bladex/sentinel-dashboard` is the widely used community build of the
 * upstream jar, listening on 8858.
 */
export const SENTINEL_DASHBOARD_IMAGE = 'bladex/sentinel-dashboard:1.8.6';
/** The image does not set a user; a UID ≥ 10000 that no host account uses, as for the Spring Boot services. */
export const SENTINEL_DASHBOARD_UID = 10001;
/** HTTP port of the dashboard UI and of the API clients register with (the image's default). */
export const SENTINEL_DASHBOARD_PORT = 8858;
/** Ports a Sentinel client connects to (it registers with the dashboard over HTTP). */
export const SENTINEL_DASHBOARD_CLIENT_PORTS: readonly number[] = [SENTINEL_DASHBOARD_PORT];
/** Requests and limits: a small Spring Boot app that keeps client metrics in memory for a few minutes. */
export const SENTINEL_DASHBOARD_DEFAULT_RESOURCES: ResolvedResources = {
  cpuRequest: '100m',
  cpuLimit: '1',
  memoryRequest: '512Mi',
  memoryLimit: '512Mi',
};
/** Keys the caller's credentials Secret must hold. */
export const SENTINEL_DASHBOARD_SECRET_KEYS = {
  /** Dashboard login user (`AUTH_USERNAME`), replacing the upstream default `sentinel`. */
  username: 'sentinel-username',
  /** Dashboard login password (`AUTH_PASSWORD`). */
  password: 'sentinel-password',
} as const;

/** Props of {@link SentinelDashboard}. */
export interface SentinelDashboardProps extends WorkloadCommonProps {
  /** Secret (created by the caller) holding {@link SENTINEL_DASHBOARD_SECRET_KEYS}. */
  readonly credentialsSecretName: string;
  /** @default SENTINEL_DASHBOARD_IMAGE */
  readonly image?: string;
  /** @default SENTINEL_DASHBOARD_DEFAULT_RESOURCES (cpu 100m/1, memory 512Mi/512Mi) */
  readonly resources?: ResourceRequirements;
}

/**
 * Sentinel dashboard, one replica: it keeps registered clients and pushed rules in memory, so replicas would each
 * see a different subset of the clients.
 */
export class SentinelDashboard extends Construct {
  /** Name of the Deployment and of its Service. */
  public readonly name: string;
  /** Host name for clients: the Service, resolvable as is from the same namespace. */
  public readonly host: string;
  /** HTTP port of the Service and the container. */
  public readonly port: typeof SENTINEL_DASHBOARD_PORT = SENTINEL_DASHBOARD_PORT;
  /** Ports clients connect to ({@link SENTINEL_DASHBOARD_CLIENT_PORTS}): what a NetworkPolicy admitting its clients opens. */
  public readonly clientPorts: readonly number[] = SENTINEL_DASHBOARD_CLIENT_PORTS;
  /** `host:port`, the value for {@link SpringBootServiceProps.sentinelDashboard} in the same namespace. */
  public readonly address: string;
  /** Secrets this construct reads, all created by the caller; none is created here. */
  public readonly secretNames: readonly string[];

  constructor(scope: Construct, id: string, props: SentinelDashboardProps) {
    super(scope, id);
    this.name = props.name ?? id;
    const image = props.image ?? SENTINEL_DASHBOARD_IMAGE;
    const v = new Validator();
    checkName(v, 'name', this.name);
    checkImage(v, 'image', image);
    const pulled = (props.imageRewrite ?? NO_IMAGE_REWRITE)(image);
    checkSecretName(v, 'credentialsSecretName', props.credentialsSecretName);
    const resources = resolveResources(v, 'resources', props.resources, SENTINEL_DASHBOARD_DEFAULT_RESOURCES);
    v.throwIfAny(`Invalid SentinelDashboard props (${this.node.path})`);
    this.host = this.name;
    this.address = `${this.name}:${SENTINEL_DASHBOARD_PORT}`;
    this.secretNames = [props.credentialsSecretName];

    const secret = (envName: string, key: string) => ({ envName, secretName: props.credentialsSecretName, key });
    const tcp = tcpProbe('http');
    new DeploymentWorkload(this, 'Workload', {
      name: this.name,
      namespace: props.namespace,
      component: 'sentinel-dashboard',
      extraLabels: props.labels,
      priorityClassName: props.priorityClassName,
      replicas: 1,
      identity: { runAsUser: SENTINEL_DASHBOARD_UID, runAsGroup: SENTINEL_DASHBOARD_UID, fsGroup: SENTINEL_DASHBOARD_UID },
      ports: [{ name: 'http', port: SENTINEL_DASHBOARD_PORT }],
      emptyDirs: ['tmp'],
      containers: [
        {
          name: 'dashboard',
          image: pulled,
          resources,
          ports: [{ name: 'http', containerPort: SENTINEL_DASHBOARD_PORT, protocol: 'TCP' }],
          env: [
            ...plainEnv({
              // The process has no home directory under an arbitrary UID; Sentinel writes its logs below it.
              JAVA_TOOL_OPTIONS:
                '-XX:MaxRAMPercentage=70.0 -XX:+ExitOnOutOfMemoryError -Duser.home=/tmp -Djava.io.tmpdir=/tmp -Dcsp.sentinel.log.dir=/tmp/logs/csp',
              SERVER_PORT: String(SENTINEL_DASHBOARD_PORT),
            }),
            // Spring relaxed binding maps these onto the dashboard's auth.username / auth.password.
            ...secretEnv([
              secret('AUTH_USERNAME', SENTINEL_DASHBOARD_SECRET_KEYS.username),
              secret('AUTH_PASSWORD', SENTINEL_DASHBOARD_SECRET_KEYS.password),
            ]),
          ],
          volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
          livenessProbe: tcp,
          readinessProbe: httpProbe('/', 'http', 5),
          startupProbe: startupProbe(tcp, 180),
        },
      ],
    });
  }
}
