/**
 * Sizes of Alibaba ECS instance types, derived from their names for the mainstream families, so a
 * config can be checked (KubeSphere's minimums, the seed's 8 vCPU / 16 GiB) without an API call.
 *
 * @see https://www.alibabacloud.com/help/en/ecs/user-guide/overview-of-instance-families
 */

/** GiB of memory per vCPU for the enterprise family classes. */
const MEMORY_PER_VCPU: Readonly<Record<string, number>> = { c: 2, g: 4, r: 8 };
/** vCPUs per size suffix. */
const VCPUS: Readonly<Record<string, number>> = {
  large: 2,
  xlarge: 4,
  '2xlarge': 8,
  '3xlarge': 12,
  '4xlarge': 16,
  '6xlarge': 24,
  '8xlarge': 32,
  '12xlarge': 48,
  '16xlarge': 64,
};
/** `ecs.c7.2xlarge`, `ecs.g6e.4xlarge`, `ecs.c8i.xlarge`, `ecs.r7a.large`. */
const NAME = /^ecs\.([cgr])(\d+)([a-z]{0,2})\.(\w+)$/;

/** The size of an ECS instance type. */
export interface InstanceSize {
  /** Number of vCPUs. */
  readonly vcpus: number;
  /** Memory in GiB. */
  readonly memoryGiB: number;
}

/** The size of an instance type, or undefined when its family is not one we can derive. */
export function instanceSize(instanceType: string): InstanceSize | undefined {
  const m = NAME.exec(instanceType);
  if (!m) {
    return undefined;
  }
  const vcpus = VCPUS[m[4]];
  return vcpus === undefined ? undefined : { vcpus, memoryGiB: vcpus * MEMORY_PER_VCPU[m[1]] };
}

/** KubeSphere's documented minimum for a node: 2 vCPUs, 4 GiB. */
export const KUBESPHERE_MIN_NODE: InstanceSize = { vcpus: 2, memoryGiB: 4 };
