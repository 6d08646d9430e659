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
}

export interface SharedOutputs {
  readonly network: SharedNetworkOutputs;
}

/** Reads the shared stack's outputs; fails with the missing output's name when one is absent. */
export async function readSharedOutputs(ref: pulumi.StackReference, name: string): Promise<SharedOutputs> {
  const network = (await ref.getOutputDetails('network')).value as SharedNetworkOutputs | undefined;
  if (network === undefined) {
    throw new Error(`stack '${name}' has no output 'network': run 'pulumi up' on the shared stack first`);
  }
  return { network };
}
