/**
 * Pure vSwitch planning: which CIDR each zone's vSwitch gets, carved from the VPC CIDR.
 * Deterministic, so the node IPs planned from these blocks are known before anything exists.
 */
import { Cidr, cidrContains, formatCidr, mustParseCidr, parseCidr, planSubnets, ValidationError, Validator } from '../../core';

/** Alibaba VPC CIDR blocks must be private (RFC 1918) ranges. */
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map(mustParseCidr);
/** @see https://www.alibabacloud.com/help/en/vpc/user-guide/create-and-manage-a-vpc */
export const VPC_PREFIX_RANGE = { min: 8, max: 28 } as const;
/** @see https://www.alibabacloud.com/help/en/vpc/user-guide/create-and-manage-vswitch */
export const VSWITCH_PREFIX_RANGE = { min: 16, max: 29 } as const;
/** The largest vSwitch the default plan hands out: 4,096 addresses is plenty for one zone's nodes. */
export const DEFAULT_MAX_VSWITCH_SIZE_PREFIX = 20;

const PLAN_TITLE = 'Invalid network plan';

/** The CIDR block planned for one zone's vSwitch. */
export interface VSwitchPlan {
  /** Zone ID, for example `cn-shenzhen-e`. */
  readonly zone: string;
  /** IPv4 CIDR block of the vSwitch, inside the VPC, for example `10.0.0.0/20`. */
  readonly cidr: string;
}

/** Input of {@link planVSwitches}; the same fields as {@link NetworkProps}. */
export interface VSwitchPlanInput {
  /** The VPC's IPv4 CIDR block: a private (RFC 1918) range of /8 to /28. */
  readonly vpcCidr: string;
  /** Zones to plan one vSwitch for each, in this order; no repeats. */
  readonly zones: readonly string[];
  /**
   * Prefix length of every vSwitch (/16 to /29, and not larger than the VPC).
   * @default - split the VPC evenly between the zones, but no larger than a /20
   */
  readonly vswitchPrefixLength?: number;
}

/** Bits needed to number `count` blocks. */
function bitsFor(count: number): number {
  return Math.ceil(Math.log2(Math.max(count, 1)));
}

/** The prefix length used when none is given: an even split, capped at /20. */
export function defaultVSwitchPrefixLength(vpc: Cidr, zoneCount: number): number {
  return Math.max(DEFAULT_MAX_VSWITCH_SIZE_PREFIX, vpc.prefixLength + bitsFor(zoneCount));
}

/**
 * Plans one vSwitch per zone, in zone order, from the start of the VPC block.
 * @throws ValidationError naming `vpcCidr`, `zones` or `vswitchPrefixLength`
 */
export function planVSwitches(input: VSwitchPlanInput): VSwitchPlan[] {
  const vpc = parseCidr(input.vpcCidr);
  if (typeof vpc === 'string') {
    // Nothing else can be checked without the VPC block.
    throw new ValidationError([{ key: 'vpcCidr', value: input.vpcCidr, message: vpc }], PLAN_TITLE);
  }
  const v = new Validator();
  if (!PRIVATE_RANGES.some((r) => cidrContains(r, vpc))) {
    v.add('vpcCidr', input.vpcCidr, 'is not a private range; expected a block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16');
  }
  if (vpc.prefixLength < VPC_PREFIX_RANGE.min || vpc.prefixLength > VPC_PREFIX_RANGE.max) {
    v.add(
      'vpcCidr',
      input.vpcCidr,
      `has a /${vpc.prefixLength} mask; Alibaba VPCs take /${VPC_PREFIX_RANGE.min} to /${VPC_PREFIX_RANGE.max}`,
    );
  }
  if (input.zones.length === 0) {
    v.add('zones', input.zones, 'is empty; expected at least one zone');
  }
  const duplicates = input.zones.filter((z, i) => input.zones.indexOf(z) !== i);
  if (duplicates.length > 0) {
    v.add('zones', input.zones, `repeats ${duplicates.join(', ')}; each zone gets one vSwitch`);
  }
  const prefix = input.vswitchPrefixLength ?? defaultVSwitchPrefixLength(vpc, input.zones.length);
  if (prefix < Math.max(VSWITCH_PREFIX_RANGE.min, vpc.prefixLength) || prefix > VSWITCH_PREFIX_RANGE.max) {
    const key = input.vswitchPrefixLength === undefined ? 'vpcCidr' : 'vswitchPrefixLength';
    const shown = input.vswitchPrefixLength === undefined ? input.vpcCidr : prefix;
    v.add(
      key,
      shown,
      `leaves vSwitches of /${prefix} for ${input.zones.length} zone(s); Alibaba vSwitches take /${VSWITCH_PREFIX_RANGE.min} to /${VSWITCH_PREFIX_RANGE.max} inside the VPC`,
    );
  } else if (input.zones.length > 2 ** (prefix - vpc.prefixLength)) {
    v.add(
      'zones',
      input.zones,
      `has ${input.zones.length} zones, but ${input.vpcCidr} holds only ${2 ** (prefix - vpc.prefixLength)} vSwitches of /${prefix}`,
    );
  }
  v.throwIfAny(PLAN_TITLE);
  return planSubnets(vpc, input.zones.length, prefix).map((block, i) => ({ zone: input.zones[i], cidr: formatCidr(block) }));
}
