/**
 * A private OSS bucket without CDN: for backups, build artifacts or application files that only the
 * VPC or signed URLs reach. Versioned, encrypted, lifecycle rules, `private` ACL, Block Public Access,
 * HTTPS only; Pulumi-protected and retained on delete.
 */
import * as pulumi from '@pulumi/pulumi';
import { Validator } from '../../core';
import { addBucketIssues, type OssRedundancyType } from '../oss-cdn-site/validate';
import { type OssEncryptionProps, type OssLifecycleProps, lifecycleDaysByKey, resolveBucketSettings } from './private-bucket';
import { PrivateBucketComponent } from './private-bucket-component';

/** Props of {@link OssBucket}. */
export interface OssBucketProps {
  /** Bucket name: 3-63 lowercase letters, digits and hyphens, globally unique. */
  readonly bucketName: string;
  /**
   * `ZRS` (three zones) or `LRS` (one zone).
   * @default DEFAULT_REDUNDANCY_TYPE ('ZRS')
   */
  readonly redundancyType?: OssRedundancyType;
  /**
   * Server-side encryption.
   * @default - AES256 with OSS-managed keys
   */
  readonly encryption?: OssEncryptionProps;
  /**
   * Lifecycle rules.
   * @default - noncurrent versions kept 30 days, abandoned multipart uploads 7 days
   */
  readonly lifecycle?: OssLifecycleProps;
  /**
   * Tags of the bucket.
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A private, versioned, encrypted OSS bucket. */
export class OssBucket extends PrivateBucketComponent {
  /** Pulumi type token of the component. Part of every child's URN: renaming it replaces the resources. */
  public static readonly TYPE = 'aliyun-kubesphere:alicloud:OssBucket';

  constructor(name: string, props: OssBucketProps, opts?: pulumi.ComponentResourceOptions) {
    super(OssBucket.TYPE, name, opts, () => {
      const settings = resolveBucketSettings(props);
      const v = new Validator();
      addBucketIssues(v, { ...settings, lifecycleDays: lifecycleDaysByKey(settings.days) });
      v.throwIfAny('Invalid OssBucket props');
      return settings;
    });
  }
}
