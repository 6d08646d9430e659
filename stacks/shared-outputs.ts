/**
 * What the `shared` stack exports and the cluster stacks read through a `StackReference`, as
 * plain data: by the time a cluster stack runs, the shared stack's values are known. No Pulumi
 * here: the Kubernetes-only path (`cdk8s synth`) takes the same data from a file or stand-ins.
 */
import type { ValidationIssue } from '../constructs/core';
import type { NasSquash } from '../constructs/alicloud/plan';

export interface SharedNetworkOutputs {
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly vswitches: ReadonlyArray<{ readonly zone: string; readonly cidr: string; readonly id: string }>;
  readonly securityGroupIds: Readonly<Record<string, string>>;
  /** The NAT gateway's EIP the nodes reach the internet from; null without `platform:network.natGateway`. */
  readonly egressIp?: string | null;
}

/**
 * Key prefixes of the backup bucket, one per kind of backup; each cluster writes under
 * `<prefix><cluster>/`, and the bucket's retention applies per prefix.
 */
export const BACKUP_PREFIXES = { mysql: 'mysql/', etcd: 'etcd/', velero: 'velero/' } as const;

export interface SharedOutputs {
  readonly network: SharedNetworkOutputs;
  /**
   * Present when the shared stack has `platform:nas`: one file system per cluster, by cluster name.
   * Its access group admits nobody until the cluster's stack adds its nodes' rules.
   */
  readonly nas?: Readonly<Record<string, SharedNasOutputs>>;
  /** Present when the shared stack has `platform:site`. */
  readonly site?: { readonly bucketName: string; readonly domainName: string; readonly cdnCname: string };
  /** Present when the shared stack has `platform:backup`: where the clusters' backups go. */
  readonly backup?: { readonly bucketName: string; readonly intranetEndpoint: string };
  /** Present when the shared stack has `platform:devtools`: the SSH jump host of the clusters. */
  readonly devtools?: {
    readonly privateIp: string;
    readonly publicIp: string;
    /** Its SSH host public key, which the cluster installs pin; null until `platform:devtools.sshHostKey` is set. */
    readonly sshHostKey?: string | null;
  };
}

/** One cluster's NAS file system, as the shared stack exports it. */
export interface SharedNasOutputs {
  readonly fileSystemId: string;
  /** The mount target's domain: the NAS storage class's server. */
  readonly mountDomain: string;
  /** The access group of the mount target, to which the cluster adds one rule per node. */
  readonly accessGroupName: string;
  /** The user access type its rules take (`platform:nas.squash`); NasAccessRules checks it again, as it comes from another stack. */
  readonly squash: NasSquash;
}

/**
 * What the manifests need of the shared stack: each cluster's NAS mount domain and the backup
 * bucket. {@link SharedOutputs} is one; so are the offline stand-ins (`shared-stand-ins.ts`) and a
 * saved `pulumi stack output --json` (`shared-outputs-file.ts`).
 */
export interface SharedOutputsForWorkloads {
  /** By cluster name. */
  readonly nas?: Readonly<Record<string, Pick<SharedNasOutputs, 'mountDomain'>>>;
  readonly backup?: SharedOutputs['backup'] | null;
}

/**
 * A shared stack with NAS but no file system for this cluster: the cluster's data would land on
 * node-local disks, so it is refused (under the engine and by `cdk8s synth` alike).
 */
export function missingNasIssue(
  cluster: { readonly name: string },
  sharedStack: string,
  nas: SharedOutputsForWorkloads['nas'],
  key: (k: string) => string,
): ValidationIssue | undefined {
  if (nas === undefined || nas[cluster.name] !== undefined) {
    return undefined;
  }
  return {
    key: key('cluster.name'),
    value: cluster.name,
    message: `has no NAS file system in stack '${sharedStack}'; add it to platform:nas.clusters there (it has ${Object.keys(nas).join(', ')})`,
  };
}
