/**
 * The `apps` chart: one SpringBootService per catalogue entry, wired to the middleware it names
 * (addresses in `application.yaml`, credentials as secretKeyRef), to Logstash and to the Sentinel
 * dashboard; the allow rules of the apps namespace, and each service's own egress out of the cluster.
 * Returns the Secrets it names.
 */
import type { ImageRewrite } from '../../constructs/core';
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AllowTrafficPolicy,
  ConfigTree,
  NetworkPeer,
  deepMerge,
  SENTINEL_DASHBOARD_PORT,
  SecretEnvVar,
  SpringBootService,
  TrafficDirection,
  LOGSTASH_DEFAULT_PORT,
} from '../../constructs/k8s';
import { MiddlewareKind, MiddlewareSpec, NamespacesSpec, ServiceSpec, secretEnvName } from '../config/workloads';
import {
  CLIENT_PASSWORD_KEY,
  KUBESPHERE_GATEWAY_NAMESPACE,
  KUBESPHERE_MONITORING_NAMESPACE,
  LOG_PIPELINE_NAME,
  PUBLIC_LABEL,
  SERVICE_MONITOR_LABELS,
  SecretRequirement,
  SecretSource,
  instancePods,
  serviceHost,
  serviceSecretName,
  usesLabel,
} from './names';
import { MIDDLEWARE, PlatformMiddlewareTable, clientPasswordSecret, clientSecretName, perClientSecretName } from './middleware-table';

export interface AppsChartProps {
  readonly services: readonly ServiceSpec[];
  readonly middleware: MiddlewareSpec;
  readonly namespaces: NamespacesSpec;
  /** `host:port` of Logstash, when the stack has a log pipeline. */
  readonly logstashDestination?: string;
  /**
   * Where the services' images are pulled from: `platform:images` keeps the company's own Harbor
   * images as they are and mirrors any other. @default - as configured
   */
  readonly imageRewrite?: ImageRewrite;
  /** The middleware table. @default MIDDLEWARE */
  readonly table?: PlatformMiddlewareTable;
}

export function addAppsChart(chart: Chart, p: AppsChartProps): SecretRequirement[] {
  const ns = p.namespaces.apps;
  const table = p.table ?? MIDDLEWARE;
  const mwHost = (kind: MiddlewareKind) => serviceHost(table[kind].name, p.namespaces.middleware);
  const secrets = new Map<string, SecretRequirement>();
  const need = (name: string, data: Record<string, SecretSource>) => secrets.set(name, { name, namespace: ns, data });

  for (const s of p.services) {
    const uses = new Set(s.middleware as MiddlewareKind[]);
    const shared: SecretEnvVar[] = [];
    const own: SecretEnvVar[] = [];
    for (const kind of uses) {
      const password = table[kind].client.password;
      const fromConfig = clientPasswordSecret(table[kind], s.name);
      if (password === undefined || fromConfig === undefined) continue;
      // A password of its own gets a Secret of its own: one service's password must not open another service's data.
      const secretName = 'shared' in password ? clientSecretName(table[kind]) : perClientSecretName(s.name, kind);
      need(secretName, { [CLIENT_PASSWORD_KEY]: { fromConfig } });
      ('shared' in password ? shared : own).push({ envName: `${kind.toUpperCase()}_PASSWORD`, secretName, key: CLIENT_PASSWORD_KEY });
    }
    const secretEnv = [...shared, ...own];
    if (s.secrets.length > 0) {
      need(serviceSecretName(s.name), Object.fromEntries(s.secrets.map((name) => [secretEnvName(name), { fromConfig: name }])));
    }
    const labels: Record<string, string> = Object.fromEntries([...uses].map((kind) => [usesLabel(kind), 'true']));
    if (s.public) labels[PUBLIC_LABEL] = 'true';
    const service = new SpringBootService(chart, s.name, {
      name: s.name,
      image: `${s.image}:${s.tag}`,
      imageRewrite: p.imageRewrite,
      replicas: s.replicas,
      maxReplicas: s.maxReplicas,
      port: s.port,
      resources: s.resources,
      env: s.env,
      profiles: s.profiles,
      labels,
      secretEnv,
      secretEnvFrom: s.secrets.length > 0 ? [serviceSecretName(s.name)] : [],
      applicationConfig: applicationConfig(s.name, uses, p.middleware, mwHost, table),
      logstashDestination: p.logstashDestination,
      sentinelDashboard: uses.has('sentinel') ? `${mwHost('sentinel')}:${SENTINEL_DASHBOARD_PORT}` : undefined,
      serviceMonitorLabels: SERVICE_MONITOR_LABELS,
      // Production spreads its replicas by rule; a node loss must never take a whole service.
      strictSpread: false,
    });
    addExternalEgress(chart, s, service.selectorLabels);
  }
  addAppPolicies(chart, p);
  return [...secrets.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** `application.yaml` settings for the middleware `service` uses, in table order; passwords stay `${VAR}` placeholders. */
export function applicationConfig(
  service: string,
  uses: ReadonlySet<MiddlewareKind>,
  m: MiddlewareSpec,
  host: (k: MiddlewareKind) => string,
  table: PlatformMiddlewareTable = MIDDLEWARE,
): ConfigTree {
  // Fragments of different middleware may share a parent (`spring.data.redis`, `spring.data.mongodb`): merged, never replaced.
  return (Object.keys(table) as MiddlewareKind[])
    .filter((kind) => uses.has(kind) && m[kind] !== undefined)
    .reduce<ConfigTree>((tree, kind) => deepMerge(tree, table[kind].client.config?.(service, host(kind)) ?? {}), { spring: {} });
}

/**
 * A service's own way out of the cluster (`platform:services[].egress`), one policy per rule and only
 * for the services that ask: default-deny keeps every other pod inside.
 */
function addExternalEgress(chart: Chart, s: ServiceSpec, podLabels: Record<string, string>): void {
  if (s.egress.length === 0) return;
  // Their own scope, like the namespace's policies: an id must never collide with a service's.
  const all = (chart.node.tryFindChild(EXTERNAL_EGRESS_SCOPE) as Construct | undefined) ?? new Construct(chart, EXTERNAL_EGRESS_SCOPE);
  const scope = new Construct(all, s.name);
  s.egress.forEach((rule, i) => {
    new AllowTrafficPolicy(scope, String(i + 1), {
      name: externalEgressPolicyName(s.name, i),
      namespace: chart.namespace,
      direction: TrafficDirection.EGRESS,
      podLabels,
      peers: [{ cidr: rule.cidr, except: rule.except }],
      ports: rule.ports.map((port) => ({ port })),
    });
  });
}

const EXTERNAL_EGRESS_SCOPE = 'external-egress';

/** Name of the NetworkPolicy of rule `index` of `service`'s `egress`. */
export function externalEgressPolicyName(service: string, index: number): string {
  return `allow-${service}-external-${index + 1}`;
}

/** Allow rules of the apps namespace, one per purpose, so adding a service adds none. */
function addAppPolicies(chart: Chart, p: AppsChartProps): void {
  const ns = p.namespaces.apps;
  const ports = [...new Set(p.services.map((s) => s.port))].sort((a, b) => a - b).map((port) => ({ port }));
  // Their own scope: a policy id must never collide with a service of the same name.
  const scope = new Construct(chart, 'policies');
  const allow = (
    name: string,
    direction: TrafficDirection,
    peers: NetworkPeer[],
    podLabels?: Record<string, string>,
    portList?: { port: number }[],
  ) => new AllowTrafficPolicy(scope, name, { name: `allow-${name}`, namespace: ns, direction, peers, podLabels, ports: portList });
  if (p.services.length === 0) return;
  // Gateway to services and service to service (Feign, Dubbo): any pod of the namespace.
  allow('intra-namespace-ingress', TrafficDirection.INGRESS, [{ podLabels: {} }], undefined, ports);
  allow('intra-namespace-egress', TrafficDirection.EGRESS, [{ podLabels: {} }], undefined, ports);
  allow('prometheus', TrafficDirection.INGRESS, [{ namespace: KUBESPHERE_MONITORING_NAMESPACE }], undefined, ports);
  const publicPorts = [...new Set(p.services.filter((s) => s.public).map((s) => s.port))].map((port) => ({ port }));
  if (publicPorts.length > 0) {
    allow('gateway', TrafficDirection.INGRESS, [{ namespace: KUBESPHERE_GATEWAY_NAMESPACE }], { [PUBLIC_LABEL]: 'true' }, publicPorts);
  }
  const table = p.table ?? MIDDLEWARE;
  const used = [...new Set(p.services.flatMap((s) => s.middleware as MiddlewareKind[]))];
  for (const kind of used) {
    const peers = [{ namespace: p.namespaces.middleware, podLabels: instancePods(table[kind].name) }];
    allow(
      `${kind}-egress`,
      TrafficDirection.EGRESS,
      peers,
      { [usesLabel(kind)]: 'true' },
      table[kind].clientPorts.map((port) => ({ port })),
    );
  }
  // A middleware that connects back to its clients (the Sentinel dashboard pushes rules to each).
  for (const kind of used.filter((k) => (table[k].reachesClientsOn ?? []).length > 0)) {
    const from = [{ namespace: p.namespaces.middleware, podLabels: instancePods(table[kind].name) }];
    allow(
      `${table[kind].name}-ingress`,
      TrafficDirection.INGRESS,
      from,
      { [usesLabel(kind)]: 'true' },
      (table[kind].reachesClientsOn ?? []).map((port) => ({ port })),
    );
  }
  if (p.logstashDestination !== undefined) {
    const logstash = [{ namespace: p.namespaces.logging, podLabels: instancePods(`${LOG_PIPELINE_NAME}-logstash`) }];
    allow('logstash-egress', TrafficDirection.EGRESS, logstash, undefined, [{ port: LOGSTASH_DEFAULT_PORT }]);
  }
}
