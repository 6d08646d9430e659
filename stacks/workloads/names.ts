/**
 * Names the workload charts and the Pulumi program must agree on: object names of the middleware,
 * the Secrets (derived deterministically from the middleware and the services, so the manifests can
 * name them without knowing their values), and the labels the network policies select on.
 */
import { DEFAULT_CLUSTER_DOMAIN, SecretKeySource } from '../../constructs/k8s';
import { NamespacesSpec } from '../config/workloads';

/**
 * PriorityClasses the platform chart creates. Business pods name none (priority 0), so on a node under pressure
 * the kubelet evicts them before the middleware every service depends on, and before the platform's own pods
 * (the log pipeline); a pending middleware pod may preempt business pods.
 */
export const PRIORITY_CLASSES = {
  middleware: {
    name: 'iot-middleware',
    value: 200_000,
    description: 'Middleware (MySQL, Redis, RabbitMQ, Nacos, Sentinel, EMQX): evicted after the platform and business pods',
  },
  platform: {
    name: 'iot-platform',
    value: 100_000,
    description: "The platform's own pods (the business-log pipeline): evicted after business pods",
  },
} as const;

/** Prefix of the object names of the business-log pipeline (`logs-logstash`, …). */
export const LOG_PIPELINE_NAME = 'logs';
/** Namespace of the KubeSphere project gateways (ingress controllers), the entry for public services. */
export const KUBESPHERE_GATEWAY_NAMESPACE = 'kubesphere-controls-system';
/** Namespace of KubeSphere's Prometheus, which scrapes the ServiceMonitors. */
export const KUBESPHERE_MONITORING_NAMESPACE = 'kubesphere-monitoring-system';
/** KubeSphere's custom-monitoring view lists ServiceMonitors carrying this label. */
export const SERVICE_MONITOR_LABELS = { 'app.kubernetes.io/vendor': 'kubesphere' } as const;

/** Label on the pods of services that use middleware `kind`; the policies on both sides select on it. */
export function usesLabel(kind: string): string {
  return `iot.platform/uses-${kind}`;
}
/** Label on the pods of services the gateway may reach. */
export const PUBLIC_LABEL = 'iot.platform/public';

/** The cluster stack pull-request previews run on: the preview stack's config defines it. */
export { PREVIEW_BASE_STACK } from '../config/stack-schema';
/** Label on each preview namespace (`pr-<n>`), valued with the PR number; that stack's middleware admits it. */
export const PREVIEW_PR_LABEL = 'iot.platform/pull-request';

/** Selects one instance's pods: names are unique per namespace, so the instance label is enough. */
export function instancePods(name: string): Record<string, string> {
  return { 'app.kubernetes.io/instance': name };
}

/** Fully qualified Service host, for clients in other namespaces. */
export function serviceHost(name: string, namespace: string): string {
  return `${name}.${namespace}.svc.${DEFAULT_CLUSTER_DOMAIN}`;
}

/** Where a key of a Secret comes from: a `platform:secrets` entry, or a value that is not secret (a user name). */
export type SecretSource = SecretKeySource;

/** A Secret the manifests reference by name and the Pulumi program creates. */
export interface SecretRequirement {
  readonly name: string;
  readonly namespace: string;
  readonly data: Readonly<Record<string, SecretSource>>;
}

/** Key, in the MySQL credentials Secret, of the password of one database user (a service or Nacos). */
export function databasePasswordKey(user: string): string {
  return `db-password-${user.replace(/_/g, '-')}`;
}

/** Key of the password in every client Secret. */
export const CLIENT_PASSWORD_KEY = 'password';

/** A service's own secrets (`platform:services[].secrets`), all in one Secret it reads with envFrom. */
export function serviceSecretName(service: string): string {
  return `${service}-secrets`;
}

export const ELASTICSEARCH_CREDENTIALS_SECRET = 'elasticsearch-credentials';

/** Which namespace each layer lives in. */
export type Layer = keyof NamespacesSpec;
