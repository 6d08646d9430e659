/**
 * The `middleware` chart: the middleware the stack's `platform:middleware` lists, on the NAS class,
 * with the allow rules each needs in its default-deny namespace. Everything per middleware comes from
 * the middleware table (./middleware-table.ts): its construct, its credentials Secret, its client ports
 * and the other middleware it reaches. Returns the Secrets it names.
 */
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { AllowTrafficPolicy, NetworkPeer, TrafficDirection } from '../../constructs/k8s';
import type { ImageRewrite } from '../../constructs/core';
import { MiddlewareSpec, NamespacesSpec } from '../config/workloads';
import {
  MIDDLEWARE,
  MysqlBackupOptions,
  PlatformMiddlewareTable,
  credentialsSecretName,
  deployedEntries,
  middlewareCredentials,
} from './middleware-table';
import { SecretRequirement, instancePods, usesLabel } from './names';

export { MYSQL_BACKUP_STORE_SECRET, type MysqlBackupOptions } from './middleware-table';

export interface MiddlewareChartProps {
  readonly middleware: MiddlewareSpec;
  readonly namespaces: NamespacesSpec;
  readonly storageClassName: string;
  /** Middleware at least one service uses: only those get client rules. */
  readonly used: ReadonlySet<string>;
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
  /** The middleware table. @default MIDDLEWARE */
  readonly table?: PlatformMiddlewareTable;
}

/** The Secret the restore template reads: a key that may read the prefix, created by the operator to restore (README). */
export const MYSQL_RESTORE_STORE_SECRET = `${MIDDLEWARE.mysql.name}-backup-restore`;

export function addMiddlewareChart(chart: Chart, p: MiddlewareChartProps): SecretRequirement[] {
  const table = p.table ?? MIDDLEWARE;
  const ns = p.namespaces.middleware;
  const context = {
    middleware: p.middleware,
    mysqlClients: p.mysqlClients,
    namespace: ns,
    storageClassName: p.storageClassName,
    imageRewrite: p.imageRewrite,
    mysqlBackup: p.mysqlBackup,
  };
  const deployed = new Map(deployedEntries(p.middleware, table).map((e) => [e.kind, e]));
  const secrets: SecretRequirement[] = [];
  // Each middleware's policies follow it, so the chart's objects keep the table's order.
  for (const { entry, data } of middlewareCredentials(context, table)) {
    const secretName = credentialsSecretName(entry);
    secrets.push({ name: secretName, namespace: ns, data });
    entry.deploy(chart, context, secretName);
    for (const kind of entry.reaches(context)) {
      const target = deployed.get(kind);
      if (target === undefined) {
        // checkWorkloads refuses a configuration where this happens, so it is a bug in the table.
        throw new Error(`middleware table: ${entry.kind} reaches ${kind}, which platform:middleware does not deploy`);
      }
      const ports = target.clientPorts;
      allow(chart, `${entry.kind}-to-${kind}`, entry.name, TrafficDirection.EGRESS, [{ podLabels: instancePods(target.name) }], ports);
      allow(chart, `${kind}-from-${entry.kind}`, target.name, TrafficDirection.INGRESS, [{ podLabels: instancePods(entry.name) }], ports);
    }
    if (entry.reachesClientsOn.length > 0 && p.used.has(entry.kind)) {
      allow(chart, `${entry.kind}-to-clients`, entry.name, TrafficDirection.EGRESS, clientPeers(p, entry.kind), entry.reachesClientsOn);
    }
  }
  for (const entry of [...deployed.values()].filter((e) => p.used.has(e.kind))) {
    allow(chart, `${entry.kind}-from-apps`, entry.name, TrafficDirection.INGRESS, clientPeers(p, entry.kind), entry.clientPorts);
  }
  return secrets;
}

/** The pods labelled as clients of `kind`: in the apps namespace, and in every preview namespace where admitted. */
function clientPeers(p: MiddlewareChartProps, kind: string): NetworkPeer[] {
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
