/**
 * What the `shared` stack exports and the cluster stacks read through a `StackReference`, as
 * plain data: by the time a cluster stack runs, the shared stack's values are known.
 */
import * as pulumi from '@pulumi/pulumi';

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
  /** The user access type its rules take (`platform:nas.squash`). */
  readonly squash: string;
}

/** Reads the shared stack's outputs; fails with the missing output's name when one is absent. */
export async function readSharedOutputs(ref: pulumi.StackReference, name: string): Promise<SharedOutputs> {
  // A secret output comes back in `secretValue`, not `value`.
  const read = async <T>(key: string): Promise<T | undefined> => {
    const details = await ref.getOutputDetails(key);
    return (details.value ?? details.secretValue) as T | undefined;
  };
  const network = await read<SharedNetworkOutputs>('network');
  if (network === undefined) {
    throw new Error(`stack '${name}' has no output 'network': run 'pulumi up' on the shared stack first`);
  }
  return { network, nas: await read('nas'), site: await read('site'), devtools: await read('devtools'), backup: await read('backup') };
}
