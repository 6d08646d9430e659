/**
 * Public value types shared by the workload constructs in this folder.
 */
import type { ImageRewrite } from '../core';
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- named by the TSDoc {@link} below
import type { WorkloadPriorityClass } from './priority-class';

/**
 * CPU and memory for one container, as Kubernetes quantities (`250m`, `1`, `512Mi`, `2Gi`).
 *
 * Every container gets both requests and limits; a value left out takes the construct's default.
 */
export interface ResourceRequirements {
  /** CPU request. @default - the construct's default */
  readonly cpuRequest?: string;
  /** CPU limit. @default - the construct's default */
  readonly cpuLimit?: string;
  /** Memory request. @default - the construct's default */
  readonly memoryRequest?: string;
  /** Memory limit; JVM-based workloads size their heap from it. @default - the construct's default */
  readonly memoryLimit?: string;
  /**
   * Local disk (logs, writable layer, disk-backed emptyDirs) the scheduler reserves, such as `256Mi`.
   * @default DEFAULT_EPHEMERAL_STORAGE_REQUEST ('256Mi')
   */
  readonly ephemeralStorageRequest?: string;
  /** Local disk above which the kubelet evicts the pod. @default DEFAULT_EPHEMERAL_STORAGE_LIMIT ('2Gi') */
  readonly ephemeralStorageLimit?: string;
}

/** A key inside a Secret that the caller creates; constructs reference it by name and never create it. */
export interface SecretKeyReference {
  /** Name of the Secret, in the workload's namespace. */
  readonly secretName: string;
  /** Key inside the Secret. */
  readonly key: string;
}

/** An environment variable whose value comes from a Secret the caller creates. */
export interface SecretEnvVar extends SecretKeyReference {
  /** Name of the environment variable. */
  readonly envName: string;
}

/** Label map, as used by selectors. */
export type Labels = Readonly<Record<string, string>>;

/** Props every workload construct accepts. */
export interface WorkloadCommonProps {
  /**
   * Maps each image reference to the one the pods pull, e.g. `imageMirrorRewrite(mirror)` for a
   * registry mirror. Applied to every container and init container after the image is checked.
   *
   * @default NO_IMAGE_REWRITE (images as given)
   */
  readonly imageRewrite?: ImageRewrite;
  /**
   * Name of the workload and of the objects it creates (Service, ConfigMap, PDB …); must be a DNS-1035 label.
   *
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Namespace of every object.
   *
   * @default - the chart's namespace
   */
  readonly namespace?: string;
  /**
   * Extra labels on every object and pod (not part of the selector).
   *
   * @default - none
   */
  readonly labels?: Labels;
  /**
   * PriorityClass of the pods (see {@link WorkloadPriorityClass}); it must exist before the pods are created.
   *
   * @default - none: priority 0, the first to be evicted from a node under pressure
   */
  readonly priorityClassName?: string;
}
