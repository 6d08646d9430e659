import * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';
import { OssRedundancyType, OssSseAlgorithm, bucketNameProblem } from '../oss-cdn-site/validate';
import { Validator } from '../../core';
import { BackupRetention, backupExpiryRules, backupLifecycleRules } from './documents';
import { DEFAULT_REDUNDANCY_TYPE, DEFAULT_SSE_ALGORITHM, createPrivateBucket } from '../oss-bucket/private-bucket';

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
export class BackupBucket extends pulumi.ComponentResource {
  /** Pulumi type token of the component. Part of every child's URN: renaming it replaces the resources. */
  public static readonly TYPE = 'aliyun-kubesphere:alicloud:BackupBucket';

  /** The versioned, encrypted bucket; protected and retained on delete. */
  public readonly bucket: alicloud.oss.Bucket;
  /** The bucket's `private` ACL (retained on delete). */
  public readonly bucketAcl: alicloud.oss.BucketAcl;
  /** Block Public Access on the bucket (retained on delete). */
  public readonly publicAccessBlock: alicloud.oss.BucketPublicAccessBlock;
  /** The policy that denies every request not made over HTTPS (retained on delete). */
  public readonly bucketPolicy: alicloud.oss.BucketPolicy;
  /** The bucket's name, as created. */
  public readonly bucketName: pulumi.Output<string>;
  /** `oss-<region>-internal.aliyuncs.com`: the endpoint writers inside the VPC use. */
  public readonly intranetEndpoint: pulumi.Output<string>;

  constructor(name: string, props: BackupBucketProps, opts?: pulumi.ComponentResourceOptions) {
    super(BackupBucket.TYPE, name, {}, opts);
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
    // Throws, before any child exists, on a bad prefix or day count.
    backupLifecycleRules(props.retention, days);

    // The same private bucket as OssBucket (ACL, Block Public Access and the HTTPS-only policy as
    // standalone resources the bucket ignores), with an expiry per kind of backup in front.
    const created = createPrivateBucket(
      name,
      {
        bucketName: props.bucketName,
        redundancyType: props.redundancyType ?? DEFAULT_REDUNDANCY_TYPE,
        sseAlgorithm,
        kmsKeyId: props.kmsKeyId,
        days,
        tags: { ...(props.tags ?? {}) },
        leadingLifecycleRules: backupExpiryRules(props.retention),
      },
      this,
    );
    this.bucket = created.bucket;
    this.bucketAcl = created.bucketAcl;
    this.publicAccessBlock = created.publicAccessBlock;
    this.bucketPolicy = created.bucketPolicy;
    this.bucketName = this.bucket.bucket;
    this.intranetEndpoint = this.bucket.intranetEndpoint;

    this.registerOutputs({ bucketName: this.bucketName, intranetEndpoint: this.intranetEndpoint });
  }
}
