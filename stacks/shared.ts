/** The `shared` stack: the network every cluster lives in. */
import { Network } from '../constructs/alicloud/network';
import { StackResult } from '../constructs/offline/evaluate';
import { SharedSpec } from './config';
import { SharedOutputs } from './shared-outputs';

export async function sharedProgram(spec: SharedSpec): Promise<StackResult> {
  const network = new Network(spec.project, {
    vpcCidr: spec.network.vpcCidr,
    zones: spec.network.zones,
    vswitchPrefixLength: spec.network.vswitchPrefixLength,
    securityGroups: spec.network.securityGroups,
    tags: { project: spec.project, stack: spec.stack },
  });
  const outputs: { [K in keyof SharedOutputs]: unknown } = {
    network: {
      vpcId: network.vpc.id,
      vpcCidr: network.vpcCidr,
      vswitches: network.vswitches.map((v) => ({ zone: v.zone, cidr: v.cidr, id: v.vswitch.id })),
      securityGroupIds: Object.fromEntries(Object.entries(network.securityGroups).map(([k, sg]) => [k, sg.id])),
    },
  };
  return { outputs };
}
