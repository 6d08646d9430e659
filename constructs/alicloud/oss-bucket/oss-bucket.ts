/**
 * A private OSS bucket without CDN: for backups, build artifacts or application files that only the
 * VPC or signed URLs reach. Versioned, encrypted, lifecycle rules, `private` ACL, Block Public Access,
 * HTTPS only; Pulumi-protected and retained on delete.
 */
import * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';
import { Validator } from '../../core';
import { addBucketIssues, type OssRedundancyType } from '../oss-cdn-site/validate';
import {
  type OssEncryptionProps,
  type OssLifecycleProps,
  createPrivateBucket,
  lifecycleDaysByKey,
  resolveBucketSettings,
} from './private-bucket';

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
export class OssBucket extends pulumi.ComponentResource {
  /** Pulumi type token of the component. Part of every child's URN: renaming it replaces the resources. */
  public static readonly TYPE = 'aliyun-kubesphere:alicloud:OssBucket';

  /** The bucket; protected and retained on delete. */
  public readonly bucket: alicloud.oss.Bucket;
  /** The bucket's `private` ACL. */
  public readonly bucketAcl: alicloud.oss.BucketAcl;
  /** Block Public Access on the bucket. */
  public readonly publicAccessBlock: alicloud.oss.BucketPublicAccessBlock;
  /** The policy that denies every request not made over HTTPS. */
  public readonly bucketPolicy: alicloud.oss.BucketPolicy;
  /** The bucket's name, as created. */
  public readonly bucketName: pulumi.Output<string>;
  /** The endpoint inside the region's VPCs, `<region>-internal.aliyuncs.com`: no internet traffic. */
  public readonly intranetEndpoint: pulumi.Output<string>;

  constructor(name: string, props: OssBucketProps, opts?: pulumi.ComponentResourceOptions) {
    super(OssBucket.TYPE, name, {}, opts);
    const settings = resolveBucketSettings(props);
    const v = new Validator();
    addBucketIssues(v, { ...settings, lifecycleDays: lifecycleDaysByKey(settings.days) });
    v.throwIfAny('Invalid OssBucket props');
    const created = createPrivateBucket(name, settings, this);
    this.bucket = created.bucket;
    this.bucketAcl = created.bucketAcl;
    this.publicAccessBlock = created.publicAccessBlock;
    this.bucketPolicy = created.bucketPolicy;
    this.bucketName = this.bucket.bucket;
    this.intranetEndpoint = this.bucket.intranetEndpoint;
    this.registerOutputs({ bucketName: this.bucketName, intranetEndpoint: this.intranetEndpoint });
  }
}
