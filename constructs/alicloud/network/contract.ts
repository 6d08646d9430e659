/**
 * The network contract every construct that places something in a VPC takes: a {@link Network}
 * satisfies it, and so does a VPC created elsewhere, described with plain values. One shape, so
 * `network.vswitches` goes to `NodePool.vswitches`, `NasStorage.vswitch` and `DevToolsHost.vswitch`
 * as it is.
 */
import * as pulumi from '@pulumi/pulumi';

/** A vSwitch: where instances, mount targets and load balancers are placed. */
export interface IVSwitch {
  /** Zone ID, for example `cn-shenzhen-e`; becomes the nodes' `topology.kubernetes.io/zone` label. */
  readonly zone: string;
  /** The vSwitch's IPv4 CIDR, as planned (plain data: addresses are planned from it). */
  readonly cidr: string;
  /** The vSwitch ID. */
  readonly id: pulumi.Input<string>;
}

/** A VPC and its vSwitches. */
export interface INetwork {
  /** The VPC ID. */
  readonly vpcId: pulumi.Input<string>;
  /** The VPC's IPv4 CIDR (plain data: security rules and NAS access rules are planned from it). */
  readonly vpcCidr: string;
  /** The vSwitches, one per zone. */
  readonly vswitches: readonly IVSwitch[];
}
