/**
 * Pure checks and defaults for a node pool's spec: what is validated before any instance is
 * registered, so one bad prop fails the whole pool with every problem listed.
 */
import { Validator, type ValueRange } from '../../core';

/** A KubeKey role group a node belongs to (`roleGroups` in the KubeKey `Cluster` document). */
export type NodeRole = 'etcd' | 'control-plane' | 'worker';
/** Every {@link NodeRole}, in the order KubeKey's `roleGroups` are rendered. */
export const NODE_ROLES: readonly NodeRole[] = ['etcd', 'control-plane', 'worker'];

/** Kubernetes' well-known zone label. Self-managed clusters have no cloud controller to set it. */
export const ZONE_LABEL = 'topology.kubernetes.io/zone';

/** ESSD: the only general-purpose category with the IOPS etcd and OpenEBS local volumes want. */
export const DEFAULT_DISK_CATEGORY = 'cloud_essd';
/** Room for the OS, container images and logs on a Kubernetes node. */
export const DEFAULT_SYSTEM_DISK_SIZE_GIB = 120;
/**
 * Data disks outlive their instance by default: they hold OpenEBS local volumes (databases,
 * queues), and an instance replaced or released by mistake must not take that data with it.
 * A kept disk is Pulumi-protected and retained on delete; a node replaced by Pulumi gets it back.
 */
export const DEFAULT_DATA_DISK_DELETE_WITH_INSTANCE = false;
/** @see https://www.alibabacloud.com/help/en/ecs/user-guide/overview-of-instance-families (`ecs.<family>.<size>`) */
export const INSTANCE_TYPE_PATTERN: RegExp = /^ecs\.[a-z0-9-]+\.[a-z0-9-]+$/;
/** An ECS instance joins at most five security groups. */
export const MAX_SECURITY_GROUPS = 5;
/** Sizes the ECS API accepts. @see InstanceArgs.systemDiskSize, InstanceDataDisk.size */
export const SYSTEM_DISK_SIZE_RANGE: ValueRange = { min: 20, max: 500 };
/** A data disk's size in GiB (cloud_essd and the other categories alike). */
export const DATA_DISK_SIZE_RANGE: ValueRange = { min: 20, max: 32768 };
/** Cloud disk categories for system and data disks (the ECS API's spelling, not the SDK docs' camelCase). */
export const DISK_CATEGORIES = ['cloud_essd', 'cloud_auto', 'cloud_essd_entry', 'cloud_ssd', 'cloud_efficiency'] as const;
/**
 * An ECS cloud disk category: ESSD (`cloud_essd`, PL1 unless set otherwise), ESSD AutoPL, ESSD Entry,
 * standard SSD or ultra disk.
 * @see https://www.alibabacloud.com/help/en/ecs/user-guide/disks-2
 */
export type DiskCategory = (typeof DISK_CATEGORIES)[number];

/** Kubernetes label syntax (kubernetes.io/docs/concepts/overview/working-with-objects/labels). */
const LABEL_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$/;
const LABEL_PREFIX = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

/** The system disk of every node. */
export interface SystemDiskSpec {
  /**
   * Cloud disk category.
   * @default DEFAULT_DISK_CATEGORY ('cloud_essd')
   */
  readonly category?: DiskCategory;
  /**
   * Size in GiB, a whole number from 20 to 500.
   * @default DEFAULT_SYSTEM_DISK_SIZE_GIB (120)
   */
  readonly sizeGiB?: number;
}

/** One data disk attached to every node; always encrypted. */
export interface DataDiskSpec {
  /** Size in GiB, a whole number from 20 to 32768. */
  readonly sizeGiB: number;
  /**
   * Cloud disk category.
   * @default DEFAULT_DISK_CATEGORY ('cloud_essd')
   */
  readonly category?: DiskCategory;
  /**
   * Scratch disk: ECS releases it together with its instance (when the instance is released
   * outside Pulumi), and Pulumi neither protects nor retains it, so `pulumi destroy` deletes it.
   * A node replaced by Pulumi still gets it back: the attachment goes first, the disk stays.
   * @default DEFAULT_DATA_DISK_DELETE_WITH_INSTANCE (kept and protected: the disk may hold OpenEBS volumes)
   */
  readonly deleteWithInstance?: boolean;
}

/** The parts of a pool's props that can be checked without Pulumi. */
export interface NodePoolSpecInput {
  /** How many nodes the pool has. */
  readonly count: number;
  /** The ECS instance type of every node (`ecs.c7.2xlarge`). */
  readonly instanceType: string;
  /** The Kubernetes roles every node of the pool carries. */
  readonly roles: readonly NodeRole[];
  /** Node labels; keys and values must be valid Kubernetes label keys and values. */
  readonly labels?: Readonly<Record<string, string>>;
  /** How many security groups the nodes join (ECS allows at most five per network interface). */
  readonly securityGroupCount: number;
  /** Present only when the image ID is a plain string (not an Output). */
  readonly imageId?: string;
  /** Present only when the key pair name is a plain string (not an Output). */
  readonly keyName?: string;
  /** The system disk; defaults are resolved by {@link resolveNodePoolSpec}. */
  readonly systemDisk?: SystemDiskSpec;
  /** The data disks, in attachment order. */
  readonly dataDisks?: readonly DataDiskSpec[];
}

/** Disks with every default applied. */
export interface ResolvedDisks {
  /** The system disk with every default filled in. */
  readonly systemDisk: Required<SystemDiskSpec>;
  /** The data disks with every default filled in, in attachment order. */
  readonly dataDisks: readonly Required<DataDiskSpec>[];
}

/**
 * Validates a pool's spec and applies the disk defaults.
 * @throws ValidationError naming each bad key (`count`, `instanceType`, `roles`, `labels.<k>`, ...)
 */
export function resolveNodePoolSpec(input: NodePoolSpecInput): ResolvedDisks {
  const v = new Validator();
  if (!Number.isInteger(input.count) || input.count < 1) {
    v.add('count', input.count, 'must be a whole number of at least 1');
  } else if (input.roles.includes('etcd') && input.count % 2 === 0) {
    v.add('count', input.count, 'is even for an etcd pool; etcd needs an odd member count to keep quorum through a failure');
  }
  if (!INSTANCE_TYPE_PATTERN.test(input.instanceType)) {
    v.add('instanceType', input.instanceType, 'is not an ECS instance type; expected ecs.<family>.<size>, for example ecs.c7.2xlarge');
  }
  if (input.roles.length === 0) {
    v.add('roles', input.roles, `is empty; expected at least one of ${NODE_ROLES.join(', ')}`);
  }
  const unknownRoles = input.roles.filter((r) => !NODE_ROLES.includes(r));
  if (unknownRoles.length > 0) {
    v.add('roles', input.roles, `has unknown role(s) ${unknownRoles.join(', ')}; expected ${NODE_ROLES.join(', ')}`);
  }
  if (new Set(input.roles).size !== input.roles.length) {
    v.add('roles', input.roles, 'repeats a role');
  }
  for (const [key, value] of Object.entries(input.labels ?? {})) {
    const problem = labelProblem(key, value);
    if (problem !== undefined) {
      v.add(`labels.${key}`, value, problem);
    }
  }
  if (input.securityGroupCount < 1 || input.securityGroupCount > MAX_SECURITY_GROUPS) {
    v.add(
      'securityGroupIds',
      input.securityGroupCount,
      `is the number of security groups; an ECS instance joins 1 to ${MAX_SECURITY_GROUPS}`,
    );
  }
  if (input.imageId !== undefined && input.imageId.trim() === '') {
    v.add('imageId', input.imageId, 'is empty');
  }
  if (input.keyName !== undefined && input.keyName.trim() === '') {
    v.add('keyName', input.keyName, 'is empty; nodes log in with a key pair only');
  }

  const systemDisk = {
    category: input.systemDisk?.category ?? DEFAULT_DISK_CATEGORY,
    sizeGiB: input.systemDisk?.sizeGiB ?? DEFAULT_SYSTEM_DISK_SIZE_GIB,
  };
  checkDisk(v, 'systemDisk', systemDisk, SYSTEM_DISK_SIZE_RANGE);
  const dataDisks = (input.dataDisks ?? []).map((d, i) => {
    const disk = {
      sizeGiB: d.sizeGiB,
      category: d.category ?? DEFAULT_DISK_CATEGORY,
      deleteWithInstance: d.deleteWithInstance ?? DEFAULT_DATA_DISK_DELETE_WITH_INSTANCE,
    };
    checkDisk(v, `dataDisks[${i}]`, disk, DATA_DISK_SIZE_RANGE);
    return disk;
  });
  v.throwIfAny('Invalid NodePool props');
  return { systemDisk, dataDisks };
}

function checkDisk(
  v: Validator,
  key: string,
  disk: { readonly category: string; readonly sizeGiB: number },
  range: { readonly min: number; readonly max: number },
): void {
  if (!(DISK_CATEGORIES as readonly string[]).includes(disk.category)) {
    v.add(`${key}.category`, disk.category, `is not a cloud disk category; expected one of ${DISK_CATEGORIES.join(', ')}`);
  }
  if (!Number.isInteger(disk.sizeGiB) || disk.sizeGiB < range.min || disk.sizeGiB > range.max) {
    v.add(`${key}.sizeGiB`, disk.sizeGiB, `must be a whole number of GiB from ${range.min} to ${range.max}`);
  }
}

function labelProblem(key: string, value: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !LABEL_PREFIX.test(prefix))) {
    return 'has a key prefix that is not a DNS subdomain';
  }
  if (!LABEL_NAME.test(name)) {
    return 'has a key that is not a Kubernetes label name (1-63 alphanumerics, -, _ or ., starting and ending alphanumeric)';
  }
  if (!LABEL_VALUE.test(value)) {
    return 'is not a Kubernetes label value (0-63 alphanumerics, -, _ or ., starting and ending alphanumeric)';
  }
  return undefined;
}
