/**
 * Pure builders for the backup bucket: lifecycle rules by retention, and the RAM statements of the
 * identities that write one prefix of it. Kept apart from the component so their exact shape is
 * tested on its own.
 */
import type * as inputs from '@pulumi/alicloud/types/input';
import { Validator } from '../../core';
import { lifecycleRules } from '../oss-cdn-site/documents';
import type { PolicyStatement } from '../node-role/policy';

type LifecycleRule = inputs.oss.BucketLifecycleRule;

/** One kind of backup: the key prefix it is written under, and how long its objects are kept. */
export interface BackupRetention {
  /** Key prefix, ending in `/`, for example `mysql/`. */
  readonly prefix: string;
  /**
   * Days a backup object is kept after it was written. `undefined` leaves expiry to the tool that
   * writes the prefix (Velero deletes its own expired backups; an OSS expiry under it would leave
   * Velero's index pointing at deleted objects).
   */
  readonly days?: number;
}

/** Days of the rules that do not depend on the kind of backup. */
export interface BackupLifecycleDays {
  /** Days an overwritten or deleted object version stays restorable. */
  readonly noncurrentVersionExpirationDays: number;
  /** Days before the parts of an abandoned multipart upload are deleted. */
  readonly abortMultipartUploadDays: number;
}

const PREFIX = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*\/$/;

/**
 * Lifecycle rules of a versioned backup bucket: one expiry rule per retained prefix (the expired
 * object becomes a noncurrent version, which the bucket-wide rule removes after its grace period,
 * so a backup deleted by mistake or by an intruder can still be restored for that long), and the
 * clean-up of abandoned multipart uploads.
 * @throws ValidationError naming `retention[i].prefix` or `.days` when one is malformed or repeated
 */
export function backupLifecycleRules(retention: readonly BackupRetention[], days: BackupLifecycleDays): LifecycleRule[] {
  const v = new Validator();
  const seen = new Set<string>();
  retention.forEach((r, i) => {
    if (!PREFIX.test(r.prefix)) {
      v.add(`retention[${i}].prefix`, r.prefix, 'is not a key prefix; expected lowercase path segments ending in /, for example mysql/');
    } else if (seen.has(r.prefix)) {
      v.add(`retention[${i}].prefix`, r.prefix, 'repeats an earlier prefix; each prefix has one retention');
    }
    seen.add(r.prefix);
    if (r.days !== undefined && (!Number.isInteger(r.days) || r.days < 1)) {
      v.add(`retention[${i}].days`, r.days, 'must be a whole number of days, at least 1');
    }
  });
  for (const [key, d] of Object.entries(days)) {
    if (!Number.isInteger(d) || d < 1) {
      v.add(key, d, 'must be a whole number of days, at least 1');
    }
  }
  v.throwIfAny('Invalid backup bucket lifecycle');
  return [...backupExpiryRules(retention), ...commonRules(days)];
}

/** One expiry rule per retained prefix (validated by {@link backupLifecycleRules}). */
export function backupExpiryRules(retention: readonly BackupRetention[]): LifecycleRule[] {
  return retention
    .filter((r) => r.days !== undefined)
    .map((r) => ({
      id: `expire-${r.prefix.slice(0, -1).replace(/\//g, '-')}`,
      prefix: r.prefix,
      enabled: true,
      expirations: [{ days: r.days }],
    }));
}

/** The rules every versioned bucket of this library has: noncurrent versions expire, uploads are cleaned up. */
function commonRules(days: BackupLifecycleDays): LifecycleRule[] {
  return lifecycleRules(days);
}

/**
 * What a backup identity may do under its prefix.
 * - `write`: add objects only (a scheduled dump, an etcd snapshot): no read, no delete, so a
 *   stolen credential can neither read the backups nor destroy them (versioning keeps what it
 *   overwrites).
 * - `manage`: read, list and delete too, for a tool that keeps its own index and retention
 *   (Velero) or restores from the prefix.
 */
export type BackupAccess = 'write' | 'manage';

const WRITE_ACTIONS = ['oss:PutObject', 'oss:AbortMultipartUpload', 'oss:ListParts'];
const MANAGE_ACTIONS = [...WRITE_ACTIONS, 'oss:GetObject', 'oss:DeleteObject'];

/**
 * RAM statements that confine an identity to `<bucket>/<prefix>`: object actions on the prefix's
 * keys and, for `manage`, listing limited to the prefix by the `oss:Prefix` condition.
 * @see https://www.alibabacloud.com/help/en/oss/user-guide/ram-policy-overview
 */
export function backupWriterStatements(bucketName: string, prefix: string, access: BackupAccess): PolicyStatement[] {
  const objects: PolicyStatement = {
    actions: access === 'write' ? WRITE_ACTIONS : MANAGE_ACTIONS,
    resources: [`acs:oss:*:*:${bucketName}/${prefix}*`],
  };
  if (access === 'write') {
    return [objects];
  }
  return [
    objects,
    { actions: ['oss:ListObjects'], resources: [`acs:oss:*:*:${bucketName}`], condition: { StringLike: { 'oss:Prefix': [`${prefix}*`] } } },
  ];
}
