/**
 * Pure IPv4 and CIDR arithmetic: parsing, containment, overlap, subnet and host planning.
 * No cloud SDK here, so every rule is table-tested on its own.
 */

const IPV4_BITS = 32;
const OCTET_MAX = 255;

/** A parsed IPv4 CIDR block. `network` is the first address as an unsigned 32-bit integer. */
export interface Cidr {
  /** The first address of the block, as an unsigned 32-bit integer. */
  readonly network: number;
  /** The prefix length, 0 to 32. */
  readonly prefixLength: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
const IP_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Parses `a.b.c.d` into an unsigned integer, or returns undefined. */
export function parseIpv4(text: string): number | undefined {
  const m = IP_PATTERN.exec(text);
  if (!m) {
    return undefined;
  }
  return octetsToInt(m.slice(1, 5));
}

function octetsToInt(parts: string[]): number | undefined {
  const octets = parts.map(Number);
  if (octets.some((o, i) => o > OCTET_MAX || (parts[i].length > 1 && parts[i].startsWith('0')))) {
    return undefined;
  }
  return ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
}

/** Formats an unsigned integer as `a.b.c.d`. */
export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & OCTET_MAX).join('.');
}

/**
 * Parses a CIDR such as `10.0.0.0/16`. Returns a reason string instead when the text is not a
 * CIDR, or when host bits are set (`10.0.0.1/16`), since that is almost always a typo.
 */
export function parseCidr(text: string): Cidr | string {
  const m = CIDR_PATTERN.exec(text);
  if (!m) {
    return 'is not an IPv4 CIDR (expected a.b.c.d/n)';
  }
  const network = octetsToInt(m.slice(1, 5));
  const prefixLength = Number(m[5]);
  if (network === undefined) {
    return 'is not an IPv4 CIDR (each octet must be 0-255, without leading zeros)';
  }
  if (prefixLength > IPV4_BITS) {
    return `is not an IPv4 CIDR (prefix length must be 0-${IPV4_BITS})`;
  }
  if ((network & ~maskOf(prefixLength)) >>> 0 !== 0) {
    return `has host bits set (did you mean ${formatIpv4((network & maskOf(prefixLength)) >>> 0)}/${prefixLength}?)`;
  }
  return { network, prefixLength };
}

/** Like {@link parseCidr}, but throws on bad input. For values already validated. */
export function mustParseCidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (typeof parsed === 'string') {
    throw new Error(`'${text}' ${parsed}`);
  }
  return parsed;
}

/** `a.b.c.d/n`. */
export function formatCidr(cidr: Cidr): string {
  return `${formatIpv4(cidr.network)}/${cidr.prefixLength}`;
}

function maskOf(prefixLength: number): number {
  return prefixLength === 0 ? 0 : (~0 << (IPV4_BITS - prefixLength)) >>> 0;
}

/** Number of addresses in the block. */
export function cidrSize(cidr: Cidr): number {
  return 2 ** (IPV4_BITS - cidr.prefixLength);
}

/** The last address of the block, as an unsigned 32-bit integer. */
export function lastAddress(cidr: Cidr): number {
  return cidr.network + cidrSize(cidr) - 1;
}

/** Whether the address `ip` (an unsigned 32-bit integer) lies in the block. */
export function cidrContainsIp(cidr: Cidr, ip: number): boolean {
  return ip >= cidr.network && ip <= lastAddress(cidr);
}

/** Whether `inner` lies wholly inside `outer`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return inner.prefixLength >= outer.prefixLength && cidrContainsIp(outer, inner.network);
}

/** Whether the two blocks share any address. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.network <= lastAddress(b) && b.network <= lastAddress(a);
}

/**
 * Splits `parent` into `count` consecutive blocks of `/prefixLength`, from the start of the
 * parent. Throws when they do not fit, naming how many would.
 */
export function planSubnets(parent: Cidr, count: number, prefixLength: number): Cidr[] {
  if (prefixLength < parent.prefixLength || prefixLength > IPV4_BITS) {
    throw new Error(
      `a /${prefixLength} block cannot be carved from ${formatCidr(parent)} (allowed: /${parent.prefixLength} to /${IPV4_BITS})`,
    );
  }
  const fits = 2 ** (prefixLength - parent.prefixLength);
  if (count > fits) {
    throw new Error(`${formatCidr(parent)} holds only ${fits} blocks of /${prefixLength}, but ${count} are needed`);
  }
  const step = 2 ** (IPV4_BITS - prefixLength);
  return Array.from({ length: count }, (_, i) => ({ network: parent.network + i * step, prefixLength }));
}
