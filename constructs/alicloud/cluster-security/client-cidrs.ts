/**
 * Pure checks for CIDR allow-lists that open a cluster to people and machines outside it
 * (SSH admins, kubectl / CI clients). Shared by the security rules and the apiserver SLB's ACL.
 */
import { formatCidr, parseCidr, Validator } from '../../core';

/**
 * The broadest block an allow-list may hold. `0.0.0.0/0` (or a handful of /1 to /7 blocks that
 * add up to it) would put SSH and the Kubernetes API in front of the whole internet.
 */
export const MIN_CLIENT_PREFIX_LENGTH = 8;

/**
 * Adds an issue under `key[i]` for every entry that is not a CIDR, is broader than a
 * /{@link MIN_CLIENT_PREFIX_LENGTH} (so `0.0.0.0/0` is refused) or repeats an earlier entry,
 * and under `key` when the list is empty and `required` is set.
 */
export function checkClientCidrs(v: Validator, key: string, cidrs: readonly string[], required: boolean, purpose: string): void {
  if (required && cidrs.length === 0) {
    v.add(key, cidrs, `is empty; list the CIDRs allowed to reach ${purpose}`);
  }
  const seen = new Set<string>();
  cidrs.forEach((text, i) => {
    const parsed = parseCidr(text);
    if (typeof parsed === 'string') {
      v.add(`${key}[${i}]`, text, parsed);
      return;
    }
    if (parsed.prefixLength < MIN_CLIENT_PREFIX_LENGTH) {
      const what = parsed.prefixLength === 0 ? 'is the whole internet' : `is broader than a /${MIN_CLIENT_PREFIX_LENGTH}`;
      v.add(`${key}[${i}]`, text, `${what}; ${purpose} must only be reachable from known networks (list the office, VPN or CI ranges)`);
      return;
    }
    const normal = formatCidr(parsed);
    if (seen.has(normal)) {
      v.add(`${key}[${i}]`, text, 'repeats an earlier entry');
    }
    seen.add(normal);
  });
}
