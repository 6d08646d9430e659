/**
 * Pure validation of the dev-tools host's network and sizing props. The cloud-init options are
 * checked by {@link devToolsCloudInitIssues} and reported in the same error.
 */
import { Cidr, cidrContainsIp, cidrSize, formatIpv4, parseCidr, parseIpv4, ValidationIssue, Validator } from '../../core';
import { checkClientCidrs } from '../cluster-security/client-cidrs';

/** Alibaba reserves the first and the last three addresses of every vSwitch. */
export const VSWITCH_RESERVED_TAIL = 3;
/** GitLab's image alone is several GiB; below this the system disk fills with image layers. */
export const MIN_SYSTEM_DISK_GIB = 40;
/** The smallest ESSD PL1 data disk. */
export const MIN_DATA_DISK_GIB = 20;
/** ECS automatic snapshot retention: -1 (forever) or 1-65536 days. */
export const SNAPSHOT_RETENTION_RANGE = { min: 1, max: 65536 } as const;

/** The dev-tools host's props that {@link devToolsHostIssues} checks, defaults applied (see `DevToolsHostProps`). */
export interface DevToolsHostValidationInput {
  /** The CIDR of the host's vSwitch, which must hold `privateIp`. */
  readonly vswitchCidr: string;
  /** The host's fixed private IPv4 address. */
  readonly privateIp: string;
  /** The ECS image id. */
  readonly imageId: string;
  /** The ECS key pair for SSH. */
  readonly keyPairName: string;
  /** Who reaches GitLab and Mantis over HTTPS and Git over SSH from outside the VPC. */
  readonly publicIngressCidrs: readonly string[];
  /** Who reaches the host's own SSH port. */
  readonly adminCidrs: readonly string[];
  /** Sources inside the VPC allowed in as well; may be empty. */
  readonly internalCidrs?: readonly string[];
  /** System disk size in GiB. */
  readonly systemDiskSize: number;
  /** Data disk size in GiB. */
  readonly dataDiskSize: number;
  /** The EIP's bandwidth limit in Mbit/s. */
  readonly eipBandwidthMbps: number;
  /** The automatic snapshot policy of the data disk. */
  readonly snapshot?: {
    /** Days a snapshot is kept; -1 keeps it forever. */
    readonly retentionDays: number;
    /** Hours of the day (0-23) a snapshot is taken. */
    readonly timePoints: readonly number[];
    /** Days of the week (1-7, Monday first) a snapshot is taken. */
    readonly repeatWeekdays: readonly number[];
  };
}

function checkCidrList(v: Validator, key: string, cidrs: readonly string[], allowWorld: boolean, allowEmpty = false): void {
  if (cidrs.length === 0 && !allowEmpty) {
    v.add(key, cidrs, 'is empty; list the CIDRs allowed in explicitly');
  }
  cidrs.forEach((text, i) => {
    const parsed = parseCidr(text);
    if (typeof parsed === 'string') {
      v.add(`${key}[${i}]`, text, parsed);
    } else if (!allowWorld && parsed.prefixLength === 0) {
      v.add(`${key}[${i}]`, text, 'is the whole internet; list the VPC CIDR (or peered networks), and the internet in publicIngressCidrs');
    }
  });
  const duplicates = cidrs.filter((c, i) => cidrs.indexOf(c) !== i);
  if (duplicates.length > 0) {
    v.add(key, cidrs, `repeats ${duplicates.join(', ')}`);
  }
}

function checkPrivateIp(v: Validator, vswitch: Cidr, ipText: string, vswitchCidr: string): void {
  const ip = parseIpv4(ipText);
  if (ip === undefined) {
    v.add('privateIp', ipText, 'is not an IPv4 address');
    return;
  }
  if (!cidrContainsIp(vswitch, ip)) {
    v.add('privateIp', ipText, `is outside the vSwitch ${vswitchCidr}`);
    return;
  }
  const last = vswitch.network + cidrSize(vswitch) - 1;
  if (ip === vswitch.network || ip > last - VSWITCH_RESERVED_TAIL) {
    const reserved = [vswitch.network, last - 2, last - 1, last].map(formatIpv4).join(', ');
    v.add('privateIp', ipText, `is reserved by Alibaba in ${vswitchCidr} (${reserved})`);
  }
}

function checkWholeAtLeast(v: Validator, key: string, value: number, min: number, why: string): void {
  if (!Number.isInteger(value) || value < min) {
    v.add(key, value, `must be a whole number of at least ${min}${why}`);
  }
}

/** Problems with the host props, keyed by prop name. */
export function devToolsHostIssues(input: DevToolsHostValidationInput): readonly ValidationIssue[] {
  const v = new Validator();
  const vswitch = parseCidr(input.vswitchCidr);
  if (typeof vswitch === 'string') {
    v.add('vswitch.cidr', input.vswitchCidr, vswitch);
  } else {
    checkPrivateIp(v, vswitch, input.privateIp, input.vswitchCidr);
  }
  if (input.imageId.trim() === '') {
    v.add('imageId', input.imageId, 'is empty; give an ECS image ID');
  }
  if (input.keyPairName.trim() === '') {
    v.add('keyPairName', input.keyPairName, 'is empty; the host takes SSH keys only, never passwords');
  }
  checkCidrList(v, 'publicIngressCidrs', input.publicIngressCidrs, true);
  // The cluster's rule for who may SSH in: no block broader than a /8, so the internet cut into
  // pieces (0.0.0.0/1 + 128.0.0.0/1) is refused like 0.0.0.0/0.
  checkClientCidrs(v, 'adminCidrs', input.adminCidrs, true, 'SSH on the dev-tools host');
  checkCidrList(v, 'internalCidrs', input.internalCidrs ?? [], false, true);
  checkWholeAtLeast(v, 'systemDiskSize', input.systemDiskSize, MIN_SYSTEM_DISK_GIB, ' GiB (container images live there)');
  checkWholeAtLeast(v, 'dataDiskSize', input.dataDiskSize, MIN_DATA_DISK_GIB, ' GiB');
  checkWholeAtLeast(v, 'eipBandwidthMbps', input.eipBandwidthMbps, 1, ' Mbit/s');
  const s = input.snapshot;
  if (s !== undefined) {
    if (
      s.retentionDays !== -1 &&
      (!Number.isInteger(s.retentionDays) ||
        s.retentionDays < SNAPSHOT_RETENTION_RANGE.min ||
        s.retentionDays > SNAPSHOT_RETENTION_RANGE.max)
    ) {
      v.add(
        'snapshotPolicy.retentionDays',
        s.retentionDays,
        `must be -1 (keep forever) or ${SNAPSHOT_RETENTION_RANGE.min}-${SNAPSHOT_RETENTION_RANGE.max} days`,
      );
    }
    if (s.timePoints.length === 0 || s.timePoints.some((h) => !Number.isInteger(h) || h < 0 || h > 23)) {
      v.add('snapshotPolicy.timePoints', s.timePoints, 'must list hours from 0 to 23 (UTC+8)');
    }
    if (s.repeatWeekdays.length === 0 || s.repeatWeekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
      v.add('snapshotPolicy.repeatWeekdays', s.repeatWeekdays, 'must list weekdays from 1 (Monday) to 7 (Sunday)');
    }
  }
  return v.issues;
}
