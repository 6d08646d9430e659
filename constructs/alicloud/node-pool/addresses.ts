/**
 * Pure node address planning: which vSwitch (and so which zone) each node of a pool lands in,
 * and which fixed private IP it gets. Fixed, deterministic addresses let the KubeKey `Cluster`
 * document, the SLB backends and the security rules be rendered before any instance exists.
 */
import { Cidr, cidrContainsIp, cidrSize, formatIpv4, parseCidr, parseIpv4, Validator } from '../../core';

/**
 * Alibaba reserves the first and the last three addresses of every vSwitch CIDR.
 * @see https://www.alibabacloud.com/help/en/vpc/user-guide/create-and-manage-vswitch
 */
export const VSWITCH_RESERVED_LEADING = 1;
export const VSWITCH_RESERVED_TRAILING = 3;
/**
 * Where a pool starts inside each vSwitch when no offset is given. The low addresses are left
 * free for things that take a dynamic address from the vSwitch (NAS mount targets, intranet SLBs).
 */
export const DEFAULT_ADDRESS_OFFSET = 10;
/** Node names become ECS host names and Kubernetes node names: RFC 1123 labels, with room for `-NN`. */
export const NAME_PREFIX_PATTERN: RegExp = /^[a-z]([a-z0-9-]{0,48}[a-z0-9])?$/;

/** A vSwitch as the planner needs it: the zone it is in and its CIDR. */
export interface AddressPlanVSwitch {
  /** Zone ID of the vSwitch. */
  readonly zone: string;
  /** IPv4 CIDR block of the vSwitch, for example `10.0.0.0/20`. */
  readonly cidr: string;
}

/** Input of {@link planNodeAddresses}. */
export interface NodeAddressInput {
  /** The vSwitches to spread over, round-robin in this order. */
  readonly vswitches: readonly AddressPlanVSwitch[];
  /** How many nodes. */
  readonly count: number;
  /** Node `i` (from 0) is named `<namePrefix>-<i + 1>`. */
  readonly namePrefix: string;
  /**
   * Host index inside each vSwitch (0 is the network address) where this pool's addresses start.
   * Pools sharing a vSwitch get disjoint ranges by using offsets at least a pool's size apart.
   * @default DEFAULT_ADDRESS_OFFSET (10)
   */
  readonly addressOffset?: number;
  /**
   * Explicit addresses, by node index; `undefined` entries keep the planned address. Each must be
   * inside its node's vSwitch, not reserved, and unique in the pool.
   * @default []
   */
  readonly privateIps?: readonly (string | undefined)[];
}

/** One planned node. */
export interface NodeAddress {
  /** `<namePrefix>-<i + 1>`. */
  readonly name: string;
  /** Zone of the node's vSwitch. */
  readonly zone: string;
  /** CIDR of the node's vSwitch. */
  readonly cidr: string;
  /** Index into the input's `vswitches`. */
  readonly vswitchIndex: number;
  /** The planned address, or the explicit one from `privateIps`. */
  readonly privateIp: string;
}

/** The host indexes a vSwitch can hand out: [first, last]. */
function usableRange(block: Cidr): { readonly first: number; readonly last: number } {
  return { first: VSWITCH_RESERVED_LEADING, last: cidrSize(block) - 1 - VSWITCH_RESERVED_TRAILING };
}

/**
 * Plans `count` nodes: node `i` goes to vSwitch `i % vswitches.length`; the `k`-th node placed in
 * a vSwitch gets host index `addressOffset + k` there.
 * @throws ValidationError naming `vswitches`, `vswitches[i].cidr`, `count`, `namePrefix`,
 * `addressOffset`, `privateIps` or `privateIps[i]`
 */
export function planNodeAddresses(input: NodeAddressInput): NodeAddress[] {
  const v = new Validator();
  const offset = input.addressOffset ?? DEFAULT_ADDRESS_OFFSET;
  const overrides = input.privateIps ?? [];

  if (input.vswitches.length === 0) {
    v.add('vswitches', input.vswitches, 'is empty; expected at least one vSwitch to place nodes in');
  }
  const blocks = input.vswitches.map((vsw, i) => {
    const parsed = parseCidr(vsw.cidr);
    if (typeof parsed === 'string') {
      v.add(`vswitches[${i}].cidr`, vsw.cidr, parsed);
      return undefined;
    }
    return parsed;
  });
  if (!Number.isInteger(input.count) || input.count < 1) {
    v.add('count', input.count, 'must be a whole number of at least 1');
  }
  if (!NAME_PREFIX_PATTERN.test(input.namePrefix)) {
    v.add(
      'namePrefix',
      input.namePrefix,
      `must match ${NAME_PREFIX_PATTERN} (a DNS label, so node names are valid host and Kubernetes node names)`,
    );
  }
  if (!Number.isInteger(offset) || offset < VSWITCH_RESERVED_LEADING) {
    v.add(
      'addressOffset',
      offset,
      `must be a whole number of at least ${VSWITCH_RESERVED_LEADING}; host index 0 is the vSwitch's reserved network address`,
    );
  }
  if (overrides.length > Math.max(input.count, 0)) {
    v.add('privateIps', overrides, `has ${overrides.length} entries for ${input.count} node(s)`);
  }
  v.throwIfAny('Invalid node address plan');

  // How many nodes land in each vSwitch, and whether the planned range fits its usable room.
  const perVSwitch = input.vswitches.map(
    (_, i) => Math.floor(input.count / input.vswitches.length) + (i < input.count % input.vswitches.length ? 1 : 0),
  );
  input.vswitches.forEach((vsw, i) => {
    const block = blocks[i] as Cidr;
    const { last } = usableRange(block);
    const needed = offset + perVSwitch[i] - 1;
    if (needed > last) {
      const room = Math.max(last - offset + 1, 0);
      v.add(
        'count',
        input.count,
        `puts ${perVSwitch[i]} node(s) in ${vsw.cidr} (${vsw.zone}) from host index ${offset}, but only ${room} usable address(es) remain there (the last ${VSWITCH_RESERVED_TRAILING} are reserved)`,
      );
    }
  });
  v.throwIfAny('Invalid node address plan');

  const placed = input.vswitches.map(() => 0);
  const nodes: NodeAddress[] = [];
  for (let i = 0; i < input.count; i++) {
    const vswitchIndex = i % input.vswitches.length;
    const block = blocks[vswitchIndex] as Cidr;
    const planned = formatIpv4(block.network + offset + placed[vswitchIndex]);
    placed[vswitchIndex] += 1;
    const override = overrides[i];
    const privateIp = override ?? planned;
    if (override !== undefined) {
      const reason = overrideProblem(override, block);
      if (reason !== undefined) {
        v.add(`privateIps[${i}]`, override, `${reason} (node ${input.namePrefix}-${i + 1} is in ${input.vswitches[vswitchIndex].cidr})`);
      }
    }
    nodes.push({
      name: `${input.namePrefix}-${i + 1}`,
      zone: input.vswitches[vswitchIndex].zone,
      cidr: input.vswitches[vswitchIndex].cidr,
      vswitchIndex,
      privateIp,
    });
  }
  // Overrides can collide with each other or with another node's planned address.
  nodes.forEach((node, i) => {
    const first = nodes.findIndex((n) => n.privateIp === node.privateIp);
    if (first !== i) {
      const key = overrides[i] !== undefined ? `privateIps[${i}]` : `privateIps[${first}]`;
      v.add(key, node.privateIp, `is used by both ${nodes[first].name} and ${node.name}; each node needs its own address`);
    }
  });
  v.throwIfAny('Invalid node address plan');
  return nodes;
}

/** Why an explicit address cannot be used in `block`, or undefined when it can. */
function overrideProblem(ip: string, block: Cidr): string | undefined {
  const value = parseIpv4(ip);
  if (value === undefined) {
    return 'is not an IPv4 address';
  }
  if (!cidrContainsIp(block, value)) {
    return 'is outside the vSwitch';
  }
  const { first, last } = usableRange(block);
  const index = value - block.network;
  if (index < first || index > last) {
    return `is reserved: Alibaba keeps the first ${VSWITCH_RESERVED_LEADING} and the last ${VSWITCH_RESERVED_TRAILING} addresses of every vSwitch`;
  }
  return undefined;
}
