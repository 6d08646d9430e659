/**
 * The `platform` chart: the three namespaces (restricted Pod Security, default-deny, DNS allowed),
 * the PriorityClasses of the middleware and the platform's own pods, and the NAS StorageClass for business and middleware data. Everything else depends on it.
 *
 * The OpenEBS `local` class is deliberately NOT emitted: KubeKey installs it as the default class
 * while it builds the cluster (no default class exists then), and KubeSphere's own volumes
 * (Prometheus, OpenSearch, Redis) bind to it before this program can reach the API server. Owning it
 * here too would give one object two owners, and replacing or destroying this chart would delete
 * the class the platform's volumes depend on. The NAS class is explicitly not default, so the
 * cluster ends up with exactly one default: KubeKey's `local`.
 */
import { Chart } from 'cdk8s';
import { NasStorageClass, RestrictedNamespace, WorkloadPriorityClass } from '../../constructs/k8s';
import { NamespacesSpec } from '../config/workloads';
import { PRIORITY_CLASSES } from './names';

export interface PlatformChartProps {
  readonly namespaces: NamespacesSpec;
  /** The NAS mount target domain (the shared stack's `nas.<cluster>.mountDomain`: the cluster's own file system); without it, no NAS class. */
  readonly nasMountDomain?: string;
  /** Directory on the file system under which each volume gets a subpath, one per cluster. */
  readonly nasPath: string;
}

export function addPlatformChart(chart: Chart, p: PlatformChartProps): void {
  for (const layer of ['apps', 'middleware', 'logging'] as const) {
    new RestrictedNamespace(chart, layer, { name: p.namespaces[layer], labels: { 'iot.platform/layer': layer } });
  }
  // before the middleware and logging charts, whose pods name them (admission refuses an unknown class)
  for (const [id, c] of Object.entries(PRIORITY_CLASSES)) {
    new WorkloadPriorityClass(chart, `priority-${id}`, c);
  }
  if (p.nasMountDomain !== undefined) {
    new NasStorageClass(chart, 'nas', { mountDomain: p.nasMountDomain, path: p.nasPath, isDefault: false });
  }
}
