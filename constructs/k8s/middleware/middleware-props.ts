import { Construct } from 'constructs';
import { NO_IMAGE_REWRITE, Validator } from '../../core';
import { ResourceRequirements, WorkloadCommonProps } from '../common';
import { checkImage } from '../workload/image';
import { checkCount, checkName, checkObjectName } from '../workload/names';
import { ResolvedResources, parseMemoryMiB, resolveResources } from '../workload/quantities';
import { effectiveNamespace } from '../network-policies';
import { DEFAULT_NAS_STORAGE_CLASS_NAME } from '../storage-classes';

/** Cluster DNS domain (KubeKey's `kubernetes.dnsDomain` default). */
export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';

/** Props shared by the middleware constructs; each construct documents its own image, size and resource defaults. */
export interface MiddlewareProps extends WorkloadCommonProps {
  /** Image with a pinned tag or digest. @default - the construct's pinned `*_IMAGE` constant */
  readonly image?: string;
  /** @default 1 */
  readonly replicas?: number;
  /** @default - the construct's `*_DEFAULT_RESOURCES` constant */
  readonly resources?: ResourceRequirements;
  /** StorageClass of the data volume. @default DEFAULT_NAS_STORAGE_CLASS_NAME ('alicloud-nas') */
  readonly storageClassName?: string;
  /** Size of the data volume. @default - the construct's `*_DEFAULT_STORAGE_SIZE` constant */
  readonly storageSize?: string;
  /** Refuse to put two replicas on one node (otherwise only preferred). @default false */
  readonly strictSpread?: boolean;
  /** Cluster DNS domain, for peer host names. @default DEFAULT_CLUSTER_DOMAIN ('cluster.local') */
  readonly clusterDomain?: string;
}

/** Defaults one middleware construct supplies for {@link MiddlewareProps}. */
export interface MiddlewareDefaults {
  readonly image: string;
  readonly resources: ResolvedResources;
  readonly storageSize: string;
}

/** {@link MiddlewareProps} with defaults applied. */
export interface ResolvedMiddleware {
  readonly name: string;
  readonly namespace?: string;
  readonly image: string;
  readonly replicas: number;
  readonly resources: ResolvedResources;
  readonly memoryLimitMiB: number;
  readonly storageClassName: string;
  readonly storageSize: string;
  readonly clusterDomain: string;
}

const SIZE = /^\d+(Mi|Gi|Ti)$/;

/** Applies defaults and collects the common problems into `v`. */
export function resolveMiddleware(
  scope: Construct,
  id: string,
  v: Validator,
  props: MiddlewareProps,
  defaults: MiddlewareDefaults,
): ResolvedMiddleware {
  const r = {
    name: props.name ?? id,
    namespace: props.namespace,
    image: props.image ?? defaults.image,
    replicas: props.replicas ?? 1,
    resources: resolveResources(v, 'resources', props.resources, defaults.resources),
    storageClassName: props.storageClassName ?? DEFAULT_NAS_STORAGE_CLASS_NAME,
    storageSize: props.storageSize ?? defaults.storageSize,
    clusterDomain: props.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN,
  };
  checkName(v, 'name', r.name);
  checkImage(v, 'image', r.image);
  const image = (props.imageRewrite ?? NO_IMAGE_REWRITE)(r.image);
  checkCount(v, 'replicas', r.replicas, 1);
  checkObjectName(v, 'storageClassName', r.storageClassName);
  if (props.priorityClassName !== undefined) checkObjectName(v, 'priorityClassName', props.priorityClassName);
  if (!SIZE.test(r.storageSize)) v.add('storageSize', r.storageSize, 'must be a size such as 20Gi');
  return {
    ...r,
    image,
    memoryLimitMiB: parseMemoryMiB(r.resources.memoryLimit) ?? 0,
    namespace: effectiveNamespace(scope, props.namespace),
  };
}

/** Quorum-based software needs 1 node or an odd number of at least 3. */
export function checkQuorumReplicas(v: Validator, replicas: number): void {
  if (replicas > 1 && (replicas < 3 || replicas % 2 === 0)) {
    v.add('replicas', replicas, 'must be 1 or an odd number of at least 3 (a quorum cannot survive losing half of 2 or 4 nodes)');
  }
}

/** Peer host names are written into config files, which cannot read the namespace at run time. */
export function checkNamespaceKnown(v: Validator, namespace: string | undefined, why: string): void {
  if (namespace === undefined) {
    v.add('namespace', namespace, `must be set (on the construct or the chart) ${why}`);
  }
}

/** Reports a Secret name that is not a valid object name. */
export function checkSecretName(v: Validator, key: string, name: string): void {
  checkObjectName(v, key, name);
}

/** Pod DNS name of StatefulSet member `ordinal`. */
export function memberHost(name: string, ordinal: number, namespace: string, clusterDomain: string): string {
  return `${name}-${ordinal}.${name}-headless.${namespace}.svc.${clusterDomain}`;
}

/** A size in MiB as an integer share of a memory limit, never below `floorMiB`. */
export function shareOfMiB(memoryLimitMiB: number, fraction: number, floorMiB: number): number {
  return Math.max(floorMiB, Math.floor(memoryLimitMiB * fraction));
}
