/**
 * The rules that span stacks: the cluster stacks against the shared stack they live in. The
 * offline run checks them before anything runs, every stack's config in hand; under `pulumi up` a
 * cluster stack checks its own placement against the shared stack's outputs (`checkPlacement`).
 */
import { ValidationIssue } from '../../constructs/core';
import { planVSwitches, planNodeAddresses } from '../../constructs/alicloud/plan';
import { NetworkFacts, checkPlacement } from './cluster-checks';
import { ClusterSpec, ConfigError, SharedSpec } from './spec';
import { kubeKeyConstructIssues } from './construct-checks';
import type { DevtoolsSpec } from './shared';

/** The dev-tools host's planned address, also checked against the cluster nodes' addresses offline. */
export function devtoolsAddress(devtools: DevtoolsSpec, vswitchCidr: string): string {
  return planNodeAddresses({
    vswitches: [{ zone: devtools.zone, cidr: vswitchCidr }],
    count: 1,
    namePrefix: 'devtools',
    addressOffset: devtools.addressOffset,
  })[0].privateIp;
}

/**
 * The rules that span stacks, checked before anything runs: each cluster against the shared
 * network (zones, vSwitches, security groups), and every fixed address unique in the VPC.
 */
export function crossCheckStacks(shared: SharedSpec, clusters: readonly ClusterSpec[]): ConfigError[] {
  const errors: ConfigError[] = [];
  const vswitches = planVSwitches(shared.network);
  const facts: NetworkFacts = { vpcCidr: shared.network.vpcCidr, vswitches, securityGroups: shared.network.securityGroups };
  const owners = new Map<string, string>();
  const sharedIssues: ValidationIssue[] = [];
  const devtools = shared.devtools;
  if (devtools !== undefined) {
    const vswitch = vswitches.find((v) => v.zone === devtools.zone);
    if (vswitch === undefined) {
      sharedIssues.push({
        key: `${shared.project}:devtools.zone`,
        value: devtools.zone,
        message: `is not a zone of the network; expected one of ${vswitches.map((v) => v.zone).join(', ')}`,
      });
    } else {
      owners.set(devtoolsAddress(devtools, vswitch.cidr), 'shared: the dev-tools host');
    }
    if (!shared.network.securityGroups.includes(devtools.securityGroup)) {
      sharedIssues.push({
        key: `${shared.project}:devtools.securityGroup`,
        value: devtools.securityGroup,
        message: `is not one of platform:network.securityGroups (${shared.network.securityGroups.join(', ')})`,
      });
    }
  }
  const nasZone = shared.nas?.zone;
  if (nasZone !== undefined && !vswitches.some((v) => v.zone === nasZone)) {
    sharedIssues.push({
      key: `${shared.project}:nas.zone`,
      value: nasZone,
      message: `is not a zone of the network; expected one of ${vswitches.map((v) => v.zone).join(', ')}`,
    });
  }
  sharedIssues.push(...crossCheckAccess(shared, clusters));
  if (sharedIssues.length > 0) {
    errors.push(new ConfigError(shared.stack, sharedIssues));
  }
  for (const cluster of clusters) {
    const key = (k: string) => `${cluster.project}:${k}`;
    const placement = checkPlacement(cluster, facts, key);
    const { pools } = placement;
    // KubeKey's own checks on the documents, once every node has its address.
    const issues = placement.issues.length > 0 ? placement.issues : kubeKeyConstructIssues(cluster, pools, shared.network.vpcCidr, key);
    pools.forEach((pool) => {
      const i = cluster.nodePools.findIndex((p) => p.name === pool.name);
      for (const node of pool.nodes) {
        const owner = owners.get(node.privateIp);
        if (owner !== undefined) {
          issues.push({
            key: key(`nodePools[${i}].addressOffset`),
            value: node.privateIp,
            message: `gives ${node.name} the address already planned for ${owner}; expected an offset range no other stack uses`,
          });
        }
        owners.set(node.privateIp, `${cluster.stack}: ${node.name}`);
      }
    });
    if (issues.length > 0) {
      errors.push(new ConfigError(cluster.stack, issues));
    }
  }
  return errors;
}

/**
 * Per-cluster NAS file systems and key pairs: every cluster has a file system of its own, the one
 * that keeps the old file system is one of them, and no two of the clusters and the jump host
 * share an ECS key pair (one stolen key must open one estate part only).
 */
function crossCheckAccess(shared: SharedSpec, clusters: readonly ClusterSpec[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const key = (k: string) => `${shared.project}:${k}`;
  if (shared.nas !== undefined) {
    const names = shared.nas.clusters;
    const missing = clusters.map((c) => c.cluster.name).filter((c) => !names.includes(c));
    if (missing.length > 0) {
      issues.push({
        key: key('nas.clusters'),
        value: names,
        message: `has no file system for cluster ${missing.join(', ')}; list every cluster (platform:cluster.name of the cluster stacks)`,
      });
    }
    if (shared.nas.existingFileSystemFor !== undefined && !names.includes(shared.nas.existingFileSystemFor)) {
      issues.push({
        key: key('nas.existingFileSystemFor'),
        value: shared.nas.existingFileSystemFor,
        message: `is not one of platform:nas.clusters (${names.join(', ')})`,
      });
    }
  }
  const owners = new Map<string, string>();
  if (shared.devtools !== undefined) {
    owners.set(shared.devtools.keyPairName, key('devtools.keyPairName'));
  }
  for (const cluster of clusters) {
    const own = cluster.cluster.ssh.keyPairName;
    const other = owners.get(own);
    if (other !== undefined) {
      issues.push({
        key: `${cluster.stack}: ${cluster.project}:cluster.ssh.keyPairName`,
        value: own,
        message: `is also ${other}; each cluster and the jump host need a key pair of their own`,
      });
    }
    owners.set(own, `${cluster.stack}: ${cluster.project}:cluster.ssh.keyPairName`);
  }
  return issues;
}
