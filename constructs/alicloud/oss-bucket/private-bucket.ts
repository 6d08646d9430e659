/**
 * The private OSS bucket every bucket construct of this library is: versioned, encrypted, lifecycle
 * rules, `private` ACL, Block Public Access and HTTPS only. `OssBucket` is it alone; `OssCdnSite` serves
 * it through CDN. Pulumi-protected and retained on delete: it holds the data.
 */
import * as oss from '@pulumi/alicloud/oss';
import type * as inputs from '@pulumi/alicloud/types/input';
import * as pulumi from '@pulumi/pulumi';
import { type LifecycleDays, denyInsecureTransportPolicy, lifecycleRules } from '../oss-cdn-site/documents';
import type { OssRedundancyType, OssSseAlgorithm } from '../oss-cdn-site/validate';

/** Zone-redundant: the bucket survives the loss of one zone. */
export const DEFAULT_REDUNDANCY_TYPE: OssRedundancyType = 'ZRS';
/** OSS-managed keys: encryption at rest with no KMS key to pay for or lose. */
export const DEFAULT_SSE_ALGORITHM: OssSseAlgorithm = 'AES256';
/** Days an overwritten or deleted object version stays restorable before it expires. */
export const DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS = 30;
/** Days before the parts of an abandoned multipart upload are deleted; they are billed until then. */
export const DEFAULT_ABORT_MULTIPART_UPLOAD_DAYS = 7;

/**
 * The bucket's own arguments that every private bucket manages through standalone sub-resources instead:
 * `acl` through `oss.BucketAcl`, `policy` through `oss.BucketPolicy`. The bucket must ignore them.
 * `policy` is Optional and not Computed on `alicloud_oss_bucket`: after a refresh the state holds the
 * policy the BucketPolicy put there, the program gives none, and the next update of the bucket
 * sends the empty value, which the provider turns into DeleteBucketPolicy (the HTTPS-only policy
 * silently vanishes). `acl` is Computed, so today it shows no diff, but the provider's docs ask for
 * the matching ignore for every standalone sub-resource (`resource_alicloud_oss_bucket`'s note),
 * and it costs nothing. The public access block has no bucket argument to fight over. Versioning,
 * encryption and lifecycle rules stay inline on the bucket, with no standalone resource: add the
 * argument here when one of them moves to its own resource (`oss.BucketVersioning`,
 * `oss.BucketServerSideEncryption`, `oss.BucketCors`, `oss.BucketLogging`, `oss.BucketReferer`, …).
 */
export const BUCKET_ARGS_MANAGED_STANDALONE: readonly string[] = ['acl', 'policy'];

/** Server-side encryption of the bucket. */
export interface OssEncryptionProps {
  /**
   * `AES256` (OSS-managed keys) or `KMS`.
   * @default 'AES256'
   */
  readonly algorithm?: OssSseAlgorithm;
  /**
   * KMS key ID, only with `KMS`.
   * @default - the OSS default KMS key
   */
  readonly kmsKeyId?: string;
}

/** Lifecycle rules of the bucket. */
export interface OssLifecycleProps {
  /**
   * Days a noncurrent (overwritten or deleted) version is kept before it expires.
   * @default 30
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Days after which parts of an unfinished multipart upload are deleted.
   * @default 7
   */
  readonly abortMultipartUploadDays?: number;
  /**
   * Days after which current objects move to Infrequent Access.
   * @default - no transition
   */
  readonly transitionToIaDays?: number;
}

/** A bucket's settings with every default resolved. */
export interface PrivateBucketSettings {
  readonly bucketName: string;
  readonly redundancyType: string;
  readonly sseAlgorithm: string;
  readonly kmsKeyId: string | undefined;
  readonly days: LifecycleDays;
  readonly tags: Record<string, string>;
  /** Rules before the common ones, such as a backup bucket's expiry per prefix. */
  readonly leadingLifecycleRules?: readonly inputs.oss.BucketLifecycleRule[];
}

/** The bucket and the guards that keep it private. */
export interface PrivateBucket {
  /** The versioned, encrypted bucket; protected and retained on delete, since it holds the data. */
  readonly bucket: oss.Bucket;
  /** The bucket's `private` ACL (retained on delete). */
  readonly bucketAcl: oss.BucketAcl;
  /** Block Public Access on the bucket (retained on delete). */
  readonly publicAccessBlock: oss.BucketPublicAccessBlock;
  /** The policy that denies every request not made over HTTPS (retained on delete). */
  readonly bucketPolicy: oss.BucketPolicy;
}

/** Resolves the defaults of the bucket props once. */
export function resolveBucketSettings(props: {
  readonly bucketName: string;
  readonly redundancyType?: OssRedundancyType;
  readonly encryption?: OssEncryptionProps;
  readonly lifecycle?: OssLifecycleProps;
  readonly tags?: Readonly<Record<string, string>>;
}): PrivateBucketSettings {
  return {
    bucketName: props.bucketName,
    redundancyType: props.redundancyType ?? DEFAULT_REDUNDANCY_TYPE,
    sseAlgorithm: props.encryption?.algorithm ?? DEFAULT_SSE_ALGORITHM,
    kmsKeyId: props.encryption?.kmsKeyId,
    days: {
      noncurrentVersionExpirationDays: props.lifecycle?.noncurrentVersionExpirationDays ?? DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS,
      abortMultipartUploadDays: props.lifecycle?.abortMultipartUploadDays ?? DEFAULT_ABORT_MULTIPART_UPLOAD_DAYS,
      transitionToIaDays: props.lifecycle?.transitionToIaDays,
    },
    tags: { ...(props.tags ?? {}) },
  };
}

/** The lifecycle day counts by prop path, for validation messages. */
export function lifecycleDaysByKey(days: LifecycleDays): Record<string, number | undefined> {
  return Object.fromEntries(Object.entries(days).map(([k, d]) => [`lifecycle.${k}`, d as number | undefined]));
}

/** Creates the bucket `<name>-bucket` and its guards under `parent`. */
export function createPrivateBucket(name: string, s: PrivateBucketSettings, parent: pulumi.Resource): PrivateBucket {
  // The bucket holds the data: `protect` fails any plan that would delete or replace it, and
  // `retainOnDelete` keeps the bucket in the cloud even after it is unprotected or dropped from
  // the program. `forceDestroy: false` is the last line: OSS refuses to delete a non-empty bucket.
  const bucket = new oss.Bucket(
    `${name}-bucket`,
    {
      bucket: s.bucketName,
      redundancyType: s.redundancyType,
      storageClass: 'Standard',
      versioning: { status: 'Enabled' },
      serverSideEncryptionRule: { sseAlgorithm: s.sseAlgorithm, kmsMasterKeyId: s.sseAlgorithm === 'KMS' ? s.kmsKeyId : undefined },
      lifecycleRules: [...(s.leadingLifecycleRules ?? []), ...lifecycleRules(s.days)],
      forceDestroy: false,
      tags: s.tags,
    },
    { parent, protect: true, retainOnDelete: true, ignoreChanges: [...BUCKET_ARGS_MANAGED_STANDALONE] },
  );
  // The guards are retained too: a bucket that outlives its component must not become less private
  // than it was, which deleting them (public-access block off, policy gone) would do.
  const guard = { parent, retainOnDelete: true };
  // The inline `acl` is deprecated since provider 1.220.0; the separate resource replaces it.
  const bucketAcl = new oss.BucketAcl(`${name}-bucket-acl`, { bucket: bucket.bucket, acl: 'private' }, guard);
  const publicAccessBlock = new oss.BucketPublicAccessBlock(
    `${name}-bucket-pab`,
    { bucket: bucket.bucket, blockPublicAccess: true },
    guard,
  );
  const bucketPolicy = new oss.BucketPolicy(
    `${name}-bucket-policy`,
    { bucket: bucket.bucket, policy: denyInsecureTransportPolicy(s.bucketName) },
    guard,
  );
  return { bucket, bucketAcl, publicAccessBlock, bucketPolicy };
}
