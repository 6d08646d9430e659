/**
 * Pure validation of {@link NasStorageProps}: every problem is collected, then thrown at once.
 */
import { cidrContains, parseCidr, Validator } from '../../core';

/** General-purpose (`standard`) NAS storage types. */
export const NAS_STORAGE_TYPES = ['Performance', 'Capacity', 'Premium'] as const;
/**
 * A general-purpose NAS storage type.
 * @see https://www.alibabacloud.com/help/en/nas/product-overview/general-purpose-nas-file-systems
 */
export type NasStorageType = (typeof NAS_STORAGE_TYPES)[number];

/** How the NAS server maps the client's root user. */
export const NAS_SQUASH_MODES = ['no_squash', 'root_squash', 'all_squash'] as const;
/** A NAS permission rule's user access type: keep root as root, map root to nobody, or map everyone to nobody. */
export type NasSquash = (typeof NAS_SQUASH_MODES)[number];

/** @see nas.RecycleBin `reservedDays`: "Valid values: 1 to 180". */
export const RECYCLE_BIN_DAYS_RANGE = { min: 1, max: 180 } as const;

/** NAS descriptions: 2-128 characters, starting with a letter, not with `http://`/`https://`. */
const DESCRIPTION_PATTERN = /^[A-Za-z\u4e00-\u9fa5][\w\u4e00-\u9fa5:.\- ]{1,127}$/;

export interface NasStorageValidationInput {
  readonly vpcCidr: string;
  readonly vswitchCidr: string;
  readonly storageType: string;
  readonly squash: string;
  readonly recycleBinDays: number;
  readonly description: string;
  /** The CIDRs admitted (may be empty). */
  readonly clientCidrs: readonly string[];
}

/** @throws ValidationError naming each bad prop */
export function validateNasStorage(input: NasStorageValidationInput): void {
  const v = new Validator();
  const vpc = parseCidr(input.vpcCidr);
  const vsw = parseCidr(input.vswitchCidr);
  if (typeof vpc === 'string') {
    v.add('vpc.cidr', input.vpcCidr, vpc);
  }
  if (typeof vsw === 'string') {
    v.add('vswitch.cidr', input.vswitchCidr, vsw);
  }
  if (typeof vpc !== 'string' && typeof vsw !== 'string' && !cidrContains(vpc, vsw)) {
    v.add('vswitch.cidr', input.vswitchCidr, `is not inside the VPC ${input.vpcCidr}; the mount target's vSwitch must belong to the VPC`);
  }
  if (!(NAS_STORAGE_TYPES as readonly string[]).includes(input.storageType)) {
    v.add('storageType', input.storageType, `is not a general-purpose NAS storage type; expected one of ${NAS_STORAGE_TYPES.join(', ')}`);
  }
  if (!(NAS_SQUASH_MODES as readonly string[]).includes(input.squash)) {
    v.add('squash', input.squash, `is not a NAS user access type; expected one of ${NAS_SQUASH_MODES.join(', ')}`);
  }
  const days = input.recycleBinDays;
  if (!Number.isInteger(days) || days < RECYCLE_BIN_DAYS_RANGE.min || days > RECYCLE_BIN_DAYS_RANGE.max) {
    v.add('recycleBinDays', days, `must be a whole number of days from ${RECYCLE_BIN_DAYS_RANGE.min} to ${RECYCLE_BIN_DAYS_RANGE.max}`);
  }
  if (!DESCRIPTION_PATTERN.test(input.description) || /^https?:\/\//i.test(input.description)) {
    v.add(
      'description',
      input.description,
      'must be 2-128 characters, start with a letter, and use only letters, digits, spaces, colons, periods, underscores or hyphens',
    );
  }
  addClientIssues(v, input.clientCidrs, input.vpcCidr);
  v.throwIfAny('Invalid NasStorage props');
}

/** Every client CIDR valid, none repeated, none the whole internet, each inside the VPC when it is known. */
function addClientIssues(v: Validator, cidrs: readonly string[], vpcCidr?: string): void {
  const vpc = vpcCidr === undefined ? undefined : parseCidr(vpcCidr);
  const seen = new Set<string>();
  cidrs.forEach((cidr, i) => {
    const parsed = parseCidr(cidr);
    if (typeof parsed === 'string') {
      v.add(`clientCidrs[${i}]`, cidr, parsed);
    } else if (vpc !== undefined && typeof vpc !== 'string' && !cidrContains(vpc, parsed)) {
      v.add(`clientCidrs[${i}]`, cidr, `is not inside the VPC ${vpcCidr}; only the VPC reaches the mount target`);
    } else if (parsed.prefixLength === 0) {
      v.add(`clientCidrs[${i}]`, cidr, "is the whole internet; expected the clients' addresses");
    } else if (seen.has(cidr)) {
      v.add(`clientCidrs[${i}]`, cidr, 'repeats an earlier entry');
    }
    seen.add(cidr);
  });
}

/** @throws ValidationError naming each bad client CIDR or the squash mode */
export function validateNasClients(clientCidrs: readonly string[], squash: string): void {
  const v = new Validator();
  if (clientCidrs.length === 0) {
    v.add('clientCidrs', clientCidrs, 'is empty; list the clients to admit');
  }
  addClientIssues(v, clientCidrs);
  if (!(NAS_SQUASH_MODES as readonly string[]).includes(squash)) {
    v.add('squash', squash, `is not a NAS user access type; expected one of ${NAS_SQUASH_MODES.join(', ')}`);
  }
  v.throwIfAny('Invalid NasAccessRules props');
}
