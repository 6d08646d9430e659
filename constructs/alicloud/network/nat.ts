/**
 * Pure settings of the network's NAT gateway: defaults applied and every prop checked before
 * anything is registered.
 */
import { Validator, type ValueRange } from '../../core';

/**
 * Enough for KubeKey's downloads (kk, Kubernetes binaries, Helm charts) and image pulls on a dozen
 * nodes; billed by traffic, so a high limit costs nothing while idle.
 */
export const DEFAULT_NAT_BANDWIDTH_MBPS = 100;
/** A pay-by-traffic EIP's bandwidth limit. @see EipAddressArgs.bandwidth */
export const NAT_BANDWIDTH_RANGE: ValueRange = { min: 1, max: 200 };

/** The opt-in NAT gateway of {@link Network}: the nodes' route to the internet. */
export interface NetworkNatGatewayProps {
  /**
   * Zone whose vSwitch holds the NAT gateway; one of the network's zones. The gateway serves
   * every vSwitch of the VPC either way. Enhanced NAT gateways exist in most, not all, zones.
   * @default - the first of the network's zones
   */
  readonly vswitchZone?: string;
  /**
   * Bandwidth limit of the NAT gateway's EIP in Mbit/s, 1 to 200 (pay by traffic).
   * @default DEFAULT_NAT_BANDWIDTH_MBPS (100)
   */
  readonly bandwidthMbps?: number;
  /**
   * Deletion protection of the NAT gateway and its EIP: the egress address may be on other
   * parties' allow-lists (registries, partner APIs), and losing it cuts the nodes off. This is the
   * cloud-side flag only: Pulumi's `protect` stays on either way (lift it with `pulumi state unprotect`).
   * @default true
   */
  readonly deletionProtection?: boolean;
}

/** {@link NetworkNatGatewayProps} with every default applied. */
export type ResolvedNatGateway = Required<NetworkNatGatewayProps>;

/**
 * Applies the defaults to the NAT props.
 * @throws ValidationError naming `natGateway.vswitchZone` or `natGateway.bandwidthMbps`
 */
export function resolveNatGateway(zones: readonly string[], props: NetworkNatGatewayProps): ResolvedNatGateway {
  const v = new Validator();
  if (props.vswitchZone !== undefined && !zones.includes(props.vswitchZone)) {
    v.add('natGateway.vswitchZone', props.vswitchZone, `is not one of the network's zones (${zones.join(', ')})`);
  }
  const bandwidth = props.bandwidthMbps;
  if (
    bandwidth !== undefined &&
    (!Number.isInteger(bandwidth) || bandwidth < NAT_BANDWIDTH_RANGE.min || bandwidth > NAT_BANDWIDTH_RANGE.max)
  ) {
    v.add(
      'natGateway.bandwidthMbps',
      bandwidth,
      `must be a whole number of Mbit/s from ${NAT_BANDWIDTH_RANGE.min} to ${NAT_BANDWIDTH_RANGE.max} (a pay-by-traffic EIP)`,
    );
  }
  v.throwIfAny('Invalid network plan');
  return {
    vswitchZone: props.vswitchZone ?? zones[0],
    bandwidthMbps: props.bandwidthMbps ?? DEFAULT_NAT_BANDWIDTH_MBPS,
    deletionProtection: props.deletionProtection ?? true,
  };
}
