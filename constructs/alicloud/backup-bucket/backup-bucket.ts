import * as pulumi from '@pulumi/pulumi';
import { OssRedundancyType, OssSseAlgorithm, bucketNameProblem } from '../oss-cdn-site/validate';
import { Validator } from '../../core';
import { BackupRetention, backupExpiryRules, backupLifecycleRules } from './documents';
import { DEFAULT_REDUNDANCY_TYPE, DEFAULT_SSE_ALGORITHM, type PrivateBucketSettings } from '../oss-bucket/private-bucket';
import { PrivateBucketComponent } from '../oss-bucket/private-bucket-component';

/**
 * Days an overwritten or deleted backup version stays restorable: long enough to notice that a
 * writer went wrong (or was abused) over a weekend and a holiday.
 */
export const DEFAULT_BACKUP_NONCURRENT_VERSION_DAYS = 14;
/** Days before the parts of an abandoned multipart upload (a dump cut off mid-upload) are deleted. */
export const DEFAULT_BACKUP_ABORT_MULTIPART_UPLOAD_DAYS = 3;

/** Props of {@link BackupBucket}. */
export interface BackupBucketProps {
  /** Bucket name: 3-63 lowercase letters, digits and hyphens, globally unique. */
  readonly bucketName: string;
  /**
   * The kinds of backup the bucket holds, each under its own prefix with its retention. Objects
   * outside these prefixes never expire.
   */
  readonly retention: readonly BackupRetention[];
  /**
   * Days an overwritten or deleted version stays restorable.
   * @default 14
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Days after which parts of an unfinished multipart upload are deleted.
   * @default 3
   */
  readonly abortMultipartUploadDays?: number;
  /**
   * OSS redundancy: `ZRS` or `LRS`. Not every region offers ZRS.
   * @default 'ZRS'
   */
  readonly redundancyType?: OssRedundancyType;
  /**
   * Server-side encryption: `AES256` (OSS-managed keys) or `KMS`.
   * @default 'AES256'
   */
  readonly sseAlgorithm?: OssSseAlgorithm;
  /**
   * KMS key ID, only with `KMS`.
   * @default - the OSS default KMS key
   */
  readonly kmsKeyId?: string;
  /**
   * Tags of the bucket.
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A private, versioned, encrypted OSS bucket for backups, with an expiry per kind of backup.
 * Nothing here grants access to it: each writer gets a RAM identity confined to its prefix
 * ({@link backupWriterStatements}), and nothing else in the estate may write it.
 *
 * The bucket outlives the estate: `protect` fails any plan that would delete or replace it,
 * `retainOnDelete` keeps it after it is unprotected or dropped from the program, and OSS refuses
 * to delete a bucket that still holds objects (`forceDestroy: false`).
 */
export class BackupBucket extends PrivateBucketComponent {
  /** Pulumi type token of the component. Part of every child's URN: renaming it replaces the resources. */
  public static readonly TYPE = 'aliyun-kubesphere:alicloud:BackupBucket';

  constructor(name: string, props: BackupBucketProps, opts?: pulumi.ComponentResourceOptions) {
    super(BackupBucket.TYPE, name, opts, () => backupBucketSettings(props));
  }
}

/** Checks the props (throwing, before any child exists) and resolves them into the shared private bucket's settings. */
function backupBucketSettings(props: BackupBucketProps): PrivateBucketSettings {
  const sseAlgorithm = props.sseAlgorithm ?? DEFAULT_SSE_ALGORITHM;
  const v = new Validator();
  const problem = bucketNameProblem(props.bucketName);
  if (problem) {
    v.add('bucketName', props.bucketName, problem);
  }
  if (sseAlgorithm !== 'KMS' && props.kmsKeyId !== undefined) {
    v.add('kmsKeyId', props.kmsKeyId, 'only applies to sseAlgorithm KMS');
  }
  v.throwIfAny('Invalid BackupBucket props');
  const days = {
    noncurrentVersionExpirationDays: props.noncurrentVersionExpirationDays ?? DEFAULT_BACKUP_NONCURRENT_VERSION_DAYS,
    abortMultipartUploadDays: props.abortMultipartUploadDays ?? DEFAULT_BACKUP_ABORT_MULTIPART_UPLOAD_DAYS,
  };
  // Throws on a bad prefix or day count.
  backupLifecycleRules(props.retention, days);
  // The same private bucket as OssBucket (ACL, Block Public Access and the HTTPS-only policy as
  // standalone resources the bucket ignores), with an expiry per kind of backup in front.
  return {
    bucketName: props.bucketName,
    redundancyType: props.redundancyType ?? DEFAULT_REDUNDANCY_TYPE,
    sseAlgorithm,
    kmsKeyId: props.kmsKeyId,
    days,
    tags: { ...(props.tags ?? {}) },
    leadingLifecycleRules: backupExpiryRules(props.retention),
  };
}
