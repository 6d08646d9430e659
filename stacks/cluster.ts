/** The `prod` and `test` stacks: a KubeSphere cluster in the shared network. */
import * as pulumi from '@pulumi/pulumi';
import { StackResult } from '../constructs/offline/evaluate';
import { ClusterSpec } from './config';
import { readSharedOutputs } from './shared-outputs';

export async function clusterProgram(spec: ClusterSpec): Promise<StackResult> {
  const sharedRef = new pulumi.StackReference(`${spec.stack}-shared`, { name: spec.sharedStack });
  const shared = await readSharedOutputs(sharedRef, spec.sharedStack);
  return {
    outputs: { vpcId: shared.network.vpcId },
  };
}
