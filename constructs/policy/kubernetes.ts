/**
 * The Kubernetes objects a resource carries, for the workload rules: a `@pulumi/kubernetes`
 * resource is one object; a `yaml/v2:ConfigGroup` carries many, in `objs` (objects, or YAML/JSON
 * strings) or `yaml` (one or more YAML strings). Each resource is parsed once; every rule after
 * the first reads the cached result.
 */
import { parseAllDocuments } from 'yaml';
import { ResourceView } from './types';
import { isRecord, list, record, text } from './rules/helpers';

/** The ConfigGroup (v2) type token, whose content the rules read. */
export const CONFIG_GROUP = 'kubernetes:yaml/v2:ConfigGroup';
export const NAMESPACE = 'kubernetes:core/v1:Namespace';
export const HPA = 'kubernetes:autoscaling/v2:HorizontalPodAutoscaler';

/** `@pulumi/kubernetes` workload resources, by type token. */
export const WORKLOAD_RESOURCES: readonly string[] = [
  'kubernetes:apps/v1:Deployment',
  'kubernetes:apps/v1:StatefulSet',
  'kubernetes:apps/v1:DaemonSet',
  'kubernetes:apps/v1:ReplicaSet',
  'kubernetes:batch/v1:Job',
  'kubernetes:batch/v1:CronJob',
  'kubernetes:core/v1:Pod',
];

/** Resource types whose content holds workloads: the workload resources and ConfigGroups. */
export const WORKLOAD_CARRIERS: readonly string[] = [...WORKLOAD_RESOURCES, CONFIG_GROUP];

/** One Kubernetes object (a manifest). */
export type KubeObject = Readonly<Record<string, unknown>>;

/** A container of a workload's pod template. */
export interface WorkloadContainer {
  /** `container <name>` or `init container <name>`. */
  readonly label: string;
  /** True for init containers (which run to completion: no probes). */
  readonly init: boolean;
  /** The container spec. */
  readonly spec: Readonly<Record<string, unknown>>;
}

/** A workload and its pod template. */
export interface Workload {
  /** `Deployment iot-apps/order-service`. */
  readonly id: string;
  /** The object's kind. */
  readonly kind: string;
  /** The whole object. */
  readonly object: KubeObject;
  /** The pod spec of its template. */
  readonly pod: Readonly<Record<string, unknown>>;
  /** Init containers then containers. */
  readonly containers: readonly WorkloadContainer[];
}

const objectCache = new WeakMap<object, readonly KubeObject[]>();
const workloadCache = new WeakMap<object, readonly Workload[]>();

/** Parses YAML or JSON text holding one or more documents. */
function parseManifests(source: string): KubeObject[] {
  return parseAllDocuments(source)
    .map((doc) => doc.toJS() as unknown)
    .filter(isRecord);
}

/** Flattens `List` objects into their items. */
function flatten(objects: readonly unknown[]): KubeObject[] {
  return objects
    .filter(isRecord)
    .flatMap((o) =>
      o.kind === 'List' || (typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items)) ? flatten(list(o.items)) : [o],
    );
}

/** Every Kubernetes object `resource` carries (none for other resources). */
export function kubeObjects(resource: ResourceView): readonly KubeObject[] {
  const props = resource.props;
  const cached = objectCache.get(props);
  if (cached !== undefined) {
    return cached;
  }
  let objects: KubeObject[] = [];
  if (resource.type === CONFIG_GROUP) {
    const fromObjs = list(props.objs).flatMap((o) => (typeof o === 'string' ? parseManifests(o) : [o]));
    const yaml = typeof props.yaml === 'string' ? [props.yaml] : list(props.yaml);
    const fromYaml = yaml.flatMap((y) => (typeof y === 'string' ? parseManifests(y) : []));
    objects = flatten([...fromObjs, ...fromYaml]);
  } else if (
    resource.type.startsWith('kubernetes:') &&
    !resource.type.startsWith('kubernetes:helm') &&
    !resource.type.startsWith('kubernetes:yaml')
  ) {
    // A typed resource: its inputs are the object; the kind comes from the token if omitted.
    const kind = resource.type.split(':').pop() ?? '';
    objects = [{ ...props, kind: typeof props.kind === 'string' ? props.kind : kind }];
  }
  objectCache.set(props, objects);
  return objects;
}

/** The pod spec of a workload object, or undefined for other kinds. */
function podSpecOf(o: KubeObject): Record<string, unknown> | undefined {
  const spec = record(o.spec);
  switch (o.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'Job':
      return record(record(spec.template).spec);
    case 'CronJob':
      return record(record(record(record(spec.jobTemplate).spec).template).spec);
    case 'Pod':
      return spec;
    default:
      return undefined;
  }
}

/** `Kind namespace/name` (namespace `(default)` when unset). */
export function objectId(o: KubeObject): string {
  const meta = record(o.metadata);
  return `${String(o.kind)} ${text(meta.namespace) ?? '(default)'}/${text(meta.name) ?? '?'}`;
}

/** The workloads `resource` carries, with their containers. */
export function workloads(resource: ResourceView): readonly Workload[] {
  const cached = workloadCache.get(resource.props);
  if (cached !== undefined) {
    return cached;
  }
  const result: Workload[] = [];
  for (const o of kubeObjects(resource)) {
    const pod = podSpecOf(o);
    if (pod === undefined) {
      continue;
    }
    const containers: WorkloadContainer[] = [
      ...list(pod.initContainers)
        .filter(isRecord)
        .map((c) => ({ label: `init container ${String(c.name)}`, init: true, spec: c })),
      ...list(pod.containers)
        .filter(isRecord)
        .map((c) => ({ label: `container ${String(c.name)}`, init: false, spec: c })),
    ];
    result.push({ id: objectId(o), kind: String(o.kind), object: o, pod, containers });
  }
  workloadCache.set(resource.props, result);
  return result;
}
