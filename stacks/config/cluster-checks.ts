/**
 * Rules of a cluster stack that span several keys. Those that need the shared network (zones,
 * vSwitch CIDRs, security groups) are in {@link checkPlacement}, which runs once the network is
 * known: offline from `Pulumi.shared.yaml`, under `pulumi up` from the shared stack's outputs.
 */
import { ValidationError, ValidationIssue, cidrsOverlap, mustParseCidr } from '../../constructs/core';
import {
  SLB_BACKEND_CIDR,
  NodeAddress,
  planNodeAddresses,
  unknownReplaceNodes,
  KUBESPHERE_MIN_NODE,
  instanceSize,
  BOOTSTRAP_USER,
  type NodeRole,
} from '../../constructs/alicloud/plan';
import { DEFAULT_KUBERNETES_VERSION, checkKubernetesVersion } from '../../constructs/kubekey';
import type { ClusterSpec } from './spec';

/**
 * Alibaba's internal range inside every VPC: the metadata service (100.100.100.200), the VPC DNS
 * (100.100.2.136/138) and the SLB health checks. Pods or services there cannot reach them.
 */
export const ALIBABA_INTERNAL_CIDR = SLB_BACKEND_CIDR;
/** KubeKey's default `nodeCidrMaskSize`: each node takes a /24 of the pod CIDR. */
export const NODE_POD_PREFIX_LENGTH = 24;
/** kube-apiserver refuses a service CIDR of more than 20 host bits; a /24 holds KubeSphere's own services with room. */
export const SERVICE_CIDR_PREFIX_RANGE = { min: 12, max: 24 } as const;
/** KubeSphere's HA guide: three control-plane nodes so etcd survives the loss of one. */
export const HA_MIN_CONTROL_PLANE = 3;
export const HA_MIN_ZONES = 2;

type KeyOf = (k: string) => string;

function nodeCount(spec: ClusterSpec, role: NodeRole): number {
  return spec.nodePools.filter((p) => p.roles.includes(role)).reduce((n, p) => n + p.count, 0);
}

/** The key to blame for a count of `role`: the first pool carrying it. */
function countKey(spec: ClusterSpec, role: NodeRole, key: KeyOf): string {
  const i = spec.nodePools.findIndex((p) => p.roles.includes(role));
  return key(`nodePools[${Math.max(i, 0)}].count`);
}

/** Checks that need nothing but the stack's own config. */
export function checkClusterSpec(spec: ClusterSpec, key: KeyOf): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const role of ['control-plane', 'etcd'] as const) {
    const count = nodeCount(spec, role);
    if (count === 0) {
      issues.push({
        key: key('nodePools'),
        value: spec.nodePools.map((p) => p.name),
        message: `has no ${role} node; expected at least one pool with the '${role}' role`,
      });
      continue;
    }
    const message =
      count % 2 === 0
        ? `gives ${count} ${role} nodes; expected an odd number, so etcd keeps a majority when one fails`
        : spec.cluster.highAvailability && count < HA_MIN_CONTROL_PLANE
          ? `gives ${count} ${role} node(s); a highly available cluster needs at least ${HA_MIN_CONTROL_PLANE}`
          : undefined;
    // When the same pools carry both roles, one message for their count is enough.
    if (message !== undefined && !issues.some((i) => i.key === countKey(spec, role, key) && i.value === count)) {
      issues.push({ key: countKey(spec, role, key), value: count, message });
    }
  }
  if (nodeCount(spec, 'worker') === 0) {
    issues.push({
      key: key('nodePools'),
      value: spec.nodePools.map((p) => p.name),
      message: "has no worker node; expected at least one pool with the 'worker' role",
    });
  }
  spec.nodePools.forEach((pool, i) => {
    for (const node of unknownReplaceNodes(pool.name, pool.count, pool.replaceNodes)) {
      const at = pool.replaceNodes.indexOf(node);
      issues.push({
        key: key(`nodePools[${i}].replaceNodes[${at}]`),
        value: node,
        message: `is not a node of pool ${pool.name}; expected ${pool.name}-1 to ${pool.name}-${pool.count}`,
      });
    }
    const size = instanceSize(pool.instanceType);
    if (size === undefined) {
      issues.push({
        key: key(`nodePools[${i}].instanceType`),
        value: pool.instanceType,
        message: 'is not a c, g or r family type whose size is known; expected for example ecs.c7.2xlarge (8 vCPU, 16 GiB)',
      });
    } else if (size.vcpus < KUBESPHERE_MIN_NODE.vcpus || size.memoryGiB < KUBESPHERE_MIN_NODE.memoryGiB) {
      issues.push({
        key: key(`nodePools[${i}].instanceType`),
        value: pool.instanceType,
        message: `has ${size.vcpus} vCPU / ${size.memoryGiB} GiB; KubeSphere needs at least ${KUBESPHERE_MIN_NODE.vcpus} vCPU / ${KUBESPHERE_MIN_NODE.memoryGiB} GiB`,
      });
    }
  });
  const version = spec.kubernetes.version ?? DEFAULT_KUBERNETES_VERSION;
  for (const message of checkKubernetesVersion(version, spec.kubernetes.allowUnsupportedVersion).errors) {
    // The check names its own input key; the user knows it by its config key.
    issues.push({
      key: key('kubernetes.version'),
      value: version,
      message: message.replace(/(?<![:\w])kubernetes\.allowUnsupportedVersion/g, key('kubernetes.allowUnsupportedVersion')),
    });
  }
  if (cidrsOverlap(mustParseCidr(spec.kubernetes.podCidr), mustParseCidr(spec.kubernetes.serviceCidr))) {
    issues.push({
      key: key('kubernetes.serviceCidr'),
      value: spec.kubernetes.serviceCidr,
      message: `overlaps the pod CIDR ${spec.kubernetes.podCidr}; expected separate blocks`,
    });
  }
  issues.push(...checkPodAndServiceCidrs(spec, key));
  issues.push(...checkEtcdReplacements(spec, key));
  if (spec.bootstrap.enabled && spec.cluster.ssh.user !== BOOTSTRAP_USER) {
    issues.push({
      key: key('cluster.ssh.user'),
      value: spec.cluster.ssh.user,
      message: `cannot install the cluster; the bootstrap runs as '${BOOTSTRAP_USER}' (KubeKey needs root on every host)`,
    });
  }
  if (spec.cluster.highAvailability && spec.apiServer === undefined) {
    issues.push({
      key: key('apiServer'),
      value: undefined,
      message: 'is required for a highly available cluster: clients outside reach the control plane through its SLB',
    });
  }
  return issues;
}

function checkPodAndServiceCidrs(spec: ClusterSpec, key: KeyOf): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const internal = mustParseCidr(ALIBABA_INTERNAL_CIDR);
  for (const k of ['podCidr', 'serviceCidr'] as const) {
    if (cidrsOverlap(mustParseCidr(spec.kubernetes[k]), internal)) {
      issues.push({
        key: key(`kubernetes.${k}`),
        value: spec.kubernetes[k],
        message: `overlaps Alibaba's internal ${ALIBABA_INTERNAL_CIDR} (metadata service, VPC DNS); expected a private range such as 10.233.0.0/18`,
      });
    }
  }
  const pods = mustParseCidr(spec.kubernetes.podCidr);
  const nodes = spec.nodePools.reduce((n, p) => n + p.count, 0);
  const room = pods.prefixLength > NODE_POD_PREFIX_LENGTH ? 0 : 2 ** (NODE_POD_PREFIX_LENGTH - pods.prefixLength);
  if (room < nodes) {
    issues.push({
      key: key('kubernetes.podCidr'),
      value: spec.kubernetes.podCidr,
      message: `holds ${room} node block(s) of /${NODE_POD_PREFIX_LENGTH}, fewer than the ${nodes} nodes of ${key('nodePools')}; expected a /${NODE_POD_PREFIX_LENGTH - Math.ceil(Math.log2(nodes))} or larger`,
    });
  }
  const services = mustParseCidr(spec.kubernetes.serviceCidr).prefixLength;
  if (services < SERVICE_CIDR_PREFIX_RANGE.min || services > SERVICE_CIDR_PREFIX_RANGE.max) {
    issues.push({
      key: key('kubernetes.serviceCidr'),
      value: spec.kubernetes.serviceCidr,
      message: `is a /${services}; expected a /${SERVICE_CIDR_PREFIX_RANGE.min} to /${SERVICE_CIDR_PREFIX_RANGE.max} (kube-apiserver refuses larger, KubeSphere's own services need a /${SERVICE_CIDR_PREFIX_RANGE.max})`,
    });
  }
  return issues;
}

/**
 * Replacing a node deletes it first. etcd keeps a quorum only while a majority of its members is
 * up, so the etcd nodes listed in `replaceNodes` at once must be fewer than half of them.
 */
function checkEtcdReplacements(spec: ClusterSpec, key: KeyOf): ValidationIssue[] {
  const members = nodeCount(spec, 'etcd');
  const tolerated = Math.floor((members - 1) / 2);
  const replaced = spec.nodePools.flatMap((p, i) => (p.roles.includes('etcd') ? p.replaceNodes.map(() => i) : []));
  if (members === 0 || replaced.length <= tolerated) {
    return [];
  }
  return [
    {
      key: key(`nodePools[${replaced[0]}].replaceNodes`),
      value: replaced.length,
      message: `replaces ${replaced.length} of the ${members} etcd members at once; etcd keeps its quorum losing at most ${tolerated}: replace ${tolerated === 0 ? 'a single etcd node only after adding members' : `at most ${tolerated} at a time`}`,
    },
  ];
}

/** The shared network as a cluster stack sees it. */
export interface NetworkFacts {
  readonly vpcCidr: string;
  readonly vswitches: ReadonlyArray<{ readonly zone: string; readonly cidr: string }>;
  readonly securityGroups: readonly string[];
}

/** A pool's planned nodes, in the pool's order. */
export interface PlannedPool {
  readonly name: string;
  readonly nodes: readonly NodeAddress[];
}

/**
 * Checks the cluster against the network it will live in, and plans every node's address.
 * Returns the plan, or the issues (naming the user's keys) when it cannot be made.
 */
export function checkPlacement(spec: ClusterSpec, facts: NetworkFacts, key: KeyOf): { pools: PlannedPool[]; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const zones = facts.vswitches.map((v) => v.zone);
  for (const [role, name] of Object.entries(spec.cluster.securityGroups)) {
    if (!facts.securityGroups.includes(name)) {
      issues.push({
        key: key(`cluster.securityGroups.${role}`),
        value: name,
        message: `is not a security group of the shared network; expected one of ${facts.securityGroups.join(', ') || '(none)'}`,
      });
    }
  }
  const vpc = mustParseCidr(facts.vpcCidr);
  for (const k of ['podCidr', 'serviceCidr'] as const) {
    if (cidrsOverlap(mustParseCidr(spec.kubernetes[k]), vpc)) {
      issues.push({
        key: key(`kubernetes.${k}`),
        value: spec.kubernetes[k],
        message: `overlaps the VPC ${facts.vpcCidr}; pod and service addresses must not collide with node addresses`,
      });
    }
  }
  const pools: PlannedPool[] = [];
  spec.nodePools.forEach((pool, i) => {
    const unknown = (pool.zones ?? []).filter((z) => !zones.includes(z));
    if (unknown.length > 0) {
      issues.push({
        key: key(`nodePools[${i}].zones`),
        value: pool.zones,
        message: `names ${unknown.join(', ')}, not a zone of the shared network; expected some of ${zones.join(', ')}`,
      });
      return;
    }
    const vswitches = facts.vswitches.filter((v) => (pool.zones ?? zones).includes(v.zone));
    try {
      pools.push({
        name: pool.name,
        nodes: planNodeAddresses({
          vswitches,
          count: pool.count,
          namePrefix: pool.name,
          addressOffset: pool.addressOffset,
          privateIps: pool.privateIps,
        }),
      });
    } catch (err) {
      if (!(err instanceof ValidationError)) {
        throw err;
      }
      issues.push(...err.issues.map((issue) => ({ ...issue, key: key(`nodePools[${i}].${issue.key.replace(/^namePrefix/, 'name')}`) })));
    }
  });
  issues.push(...duplicateAddresses(pools, key));
  if (spec.cluster.highAvailability && zones.length >= HA_MIN_ZONES) {
    const cpZones = new Set(
      pools
        .filter((p) => spec.nodePools.find((s) => s.name === p.name)?.roles.includes('control-plane'))
        .flatMap((p) => p.nodes.map((n) => n.zone)),
    );
    if (cpZones.size < HA_MIN_ZONES) {
      const i = spec.nodePools.findIndex((p) => p.roles.includes('control-plane'));
      issues.push({
        key: key(`nodePools[${i}].zones`),
        value: [...cpZones],
        message: `puts every control-plane node in one zone; a highly available cluster spreads them over at least ${HA_MIN_ZONES}`,
      });
    }
  }
  return { pools, issues };
}

function duplicateAddresses(pools: readonly PlannedPool[], key: KeyOf): ValidationIssue[] {
  const seen = new Map<string, string>();
  const issues: ValidationIssue[] = [];
  pools.forEach((pool, i) => {
    for (const node of pool.nodes) {
      const other = seen.get(node.privateIp);
      if (other) {
        issues.push({
          key: key(`nodePools[${i}].addressOffset`),
          value: node.privateIp,
          message: `gives ${node.name} the address of ${other}; expected pools whose offsets are at least a pool's size apart`,
        });
      }
      seen.set(node.privateIp, node.name);
    }
  });
  return issues;
}
