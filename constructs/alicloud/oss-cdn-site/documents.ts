/**
 * Pure builders for the OSS bucket's policy and lifecycle rules, kept apart from the component
 * so their exact shape is tested on its own.
 */
import type * as inputs from '@pulumi/alicloud/types/input';

type LifecycleRule = inputs.oss.BucketLifecycleRule;

/**
 * A bucket policy that denies every request not made over HTTPS. Alibaba's policy grammar:
 * `Version` "1", `Principal` a list, resources `acs:oss:<region>:<account>:<bucket>[/<key>]`.
 * A `*` principal with a condition applies to everyone, the bucket owner included, and a Deny
 * statement never counts as public access, so Block Public Access does not refuse it.
 * @see https://www.alibabacloud.com/help/en/oss/user-guide/oss-bucket-policy
 */
export function denyInsecureTransportPolicy(bucketName: string): string {
  return JSON.stringify({
    Version: '1',
    Statement: [
      {
        Effect: 'Deny',
        Principal: ['*'],
        Action: ['oss:*'],
        Resource: [`acs:oss:*:*:${bucketName}`, `acs:oss:*:*:${bucketName}/*`],
        Condition: { Bool: { 'acs:SecureTransport': ['false'] } },
      },
    ],
  });
}

export interface LifecycleDays {
  readonly noncurrentVersionExpirationDays: number;
  readonly abortMultipartUploadDays: number;
  readonly transitionToIaDays?: number;
}

/**
 * Lifecycle rules for a versioned bucket: noncurrent versions (and the delete markers left
 * behind) expire after a grace period, abandoned multipart uploads are cleaned up, and current
 * objects optionally move to Infrequent Access.
 */
export function lifecycleRules(days: LifecycleDays): LifecycleRule[] {
  const rules: LifecycleRule[] = [
    {
      id: 'expire-noncurrent-versions',
      enabled: true,
      noncurrentVersionExpirations: [{ days: days.noncurrentVersionExpirationDays }],
      expirations: [{ expiredObjectDeleteMarker: true }],
    },
    { id: 'abort-incomplete-multipart-uploads', enabled: true, abortMultipartUploads: [{ days: days.abortMultipartUploadDays }] },
  ];
  if (days.transitionToIaDays !== undefined) {
    rules.push({ id: 'transition-to-ia', enabled: true, transitions: [{ days: days.transitionToIaDays, storageClass: 'IA' }] });
  }
  return rules;
}
