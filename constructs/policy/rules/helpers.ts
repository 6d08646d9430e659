/** Small readers shared by the rules: typed access to loosely typed inputs, CIDRs and port ranges. */
import { ResourceRule, ResourceView, RuleInfo } from '../types';

/** True for a plain object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as a record, or an empty one. */
export function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/** The value as an array, or an empty one. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The value as a string, or undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Pulumi passes some booleans as strings (`"true"`); both count. */
export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/** A resource rule whose check reads the resource's inputs; `check` returns the problems found. */
export function resourceRule(info: RuleInfo, check: (props: Record<string, unknown>, resource: ResourceView) => string[]): ResourceRule {
  return { ...info, kind: 'resource', check: (resource) => check(record(resource.props), resource) };
}

/** The addresses meaning "anyone": IPv4 and IPv6 "any". */
const ANYWHERE = new Set(['0.0.0.0/0', '0.0.0.0', '::/0']);

/** True when a source CIDR admits the whole internet. */
export function isAnywhere(cidr: unknown): boolean {
  return typeof cidr === 'string' && ANYWHERE.has(cidr.trim());
}

/** An inclusive port range. */
export type PortRange = readonly [number, number];

/** The ports an `alicloud.ecs.SecurityGroupRule` opens: `-1/-1` and protocol `all` mean every port. */
export function rulePorts(props: Record<string, unknown>): PortRange | undefined {
  const protocol = (text(props.ipProtocol) ?? '').toLowerCase();
  const range = text(props.portRange) ?? '-1/-1';
  if (protocol === 'all' || range === '-1/-1') {
    return protocol === 'icmp' || protocol === 'icmpv6' || protocol === 'gre' ? undefined : [1, 65535];
  }
  if (protocol !== 'tcp' && protocol !== 'udp') {
    return undefined;
  }
  const [from, to] = range.split('/').map((p) => Number(p));
  return Number.isInteger(from) && Number.isInteger(to) ? [from, to] : undefined;
}

/** True for a non-empty string. */
function given(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * True when a security-group rule admits the whole internet: an accepting ingress rule from
 * `0.0.0.0/0` or `::/0`, or with no source at all (the provider's `cidrIp` then defaults to
 * `0.0.0.0/0`, which Checkov also treats as open). A rule with a CIDR is decided by it alone, so a
 * source security group still unknown during a preview is never read.
 */
export function isPublicIngress(props: Record<string, unknown>): boolean {
  if (text(props.type) !== 'ingress' || text(props.policy) === 'drop') {
    return false;
  }
  if (isAnywhere(props.cidrIp) || isAnywhere(props.ipv6CidrIp)) {
    return true;
  }
  if (given(props.cidrIp) || given(props.ipv6CidrIp)) {
    return false;
  }
  return !given(props.sourceSecurityGroupId) && !given(props.prefixListId);
}

/** True when the two inclusive ranges overlap. */
export function overlaps(a: PortRange, b: PortRange): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}

/** `a-b` or `a` for messages. */
export function showRange([from, to]: PortRange): string {
  return from === to ? String(from) : `${from}-${to}`;
}
