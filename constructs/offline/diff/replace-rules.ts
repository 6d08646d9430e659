/**
 * Which input changes make Pulumi replace (delete, then create) a resource instead of updating it.
 *
 * Offline we have no provider schema, so this table stands in for the `ForceNew` flags of the
 * alicloud provider (terraform-provider-alicloud, which `@pulumi/alicloud` bridges). It only needs
 * to cover the types this library creates; a type missing here is reported as "update", so add a
 * type before relying on the warning section for it.
 *
 * The table is deliberately conservative: a few keys below are not strictly `ForceNew` but rebuild
 * or re-home the resource in place, which is just as destructive for a Kubernetes node, and the
 * warning exists to make a reviewer look twice.
 */

/** Pulumi type token → top-level input keys whose change forces replacement. */
export type ReplaceRules = Readonly<Record<string, readonly string[]>>;

export const DEFAULT_REPLACE_RULES: ReplaceRules = {
  // `availabilityZone`, `dataDisks` and `spotStrategy` are ForceNew. `imageId` re-images the system
  // disk, and `vswitchId` / `privateIp` move the node to another address: all lose node state or
  // break the cluster's host list, so they count as replacement. `instanceType` is NOT here: it is
  // an in-place update with a stop/start.
  'alicloud:ecs/instance:Instance': ['availabilityZone', 'dataDisks', 'imageId', 'privateIp', 'spotStrategy', 'vswitchId'],
  'alicloud:vpc/network:Network': ['cidrBlock'],
  // `availabilityZone` is the deprecated alias of `zoneId`.
  'alicloud:vpc/switch:Switch': ['availabilityZone', 'cidrBlock', 'vpcId', 'zoneId'],
  'alicloud:nas/fileSystem:FileSystem': ['encryptType', 'fileSystemType', 'kmsKeyId', 'protocolType', 'storageType', 'zoneId'],
  'alicloud:oss/bucket:Bucket': ['bucket', 'redundancyType', 'storageClass'],
  'alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer': [
    'address',
    'addressIpVersion',
    'addressType',
    'masterZoneId',
    'slaveZoneId',
    'vswitchId',
  ],
  'alicloud:cdn/domainNew:DomainNew': ['cdnType', 'domainName'],
};

/** The replace-triggering keys among `changedKeys`, sorted; empty means an in-place update. */
export function replaceTriggers(rules: ReplaceRules, type: string, changedKeys: readonly string[]): string[] {
  const keys = new Set(rules[type] ?? []);
  return [...new Set(changedKeys.filter((k) => keys.has(k)))].sort();
}

/** Input changes that `pulumi up` must not carry out on its own: they need a written procedure. */
export interface ProcedureRule {
  /** Top-level input keys; a change to one is never applied unless the resource replaces on it. */
  readonly keys: readonly string[];
  /** What the change needs and where that is written down, shown in place of a plain change. */
  readonly procedure: string;
}

/** Pulumi type token → the inputs whose change needs a procedure. */
export type ProcedureRules = Readonly<Record<string, ProcedureRule>>;

/**
 * A node's address: the node pool ignores these inputs (the provider would stop, re-address and
 * start every node of a pool at once) and refuses a planned move in `pulumi preview`/`up`. Only a
 * node listed in its pool's `replaceNodes` (then `replaceOnChanges` holds these keys) moves, by
 * replacement. Same wording as `NEEDS_NODE_REPLACEMENT` and `NODE_REPLACEMENT_PROCEDURE`.
 */
export const DEFAULT_PROCEDURE_RULES: ProcedureRules = {
  'alicloud:ecs/instance:Instance': {
    keys: ['privateIp', 'vswitchId'],
    procedure: 'needs a node replacement procedure (README.md, "Replacing or re-addressing a node")',
  },
};
