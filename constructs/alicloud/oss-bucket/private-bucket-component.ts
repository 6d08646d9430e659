/**
 * The component every standalone private bucket of this library is (`OssBucket`, `BackupBucket`): the
 * bucket, its guards and its endpoints, created by {@link createPrivateBucket} from settings the subclass
 * has checked. One place for the fields and their wiring, so the two cannot drift.
 */
import * as oss from '@pulumi/alicloud/oss';
import * as pulumi from '@pulumi/pulumi';
import { type PrivateBucketSettings, createPrivateBucket } from './private-bucket';

/** A private, versioned, encrypted OSS bucket as a Pulumi component: what `OssBucket` and `BackupBucket` share. */
export abstract class PrivateBucketComponent extends pulumi.ComponentResource {
  /** The versioned, encrypted bucket; protected and retained on delete, since it holds the data. */
  public readonly bucket: oss.Bucket;
  /** The bucket's `private` ACL (retained on delete). */
  public readonly bucketAcl: oss.BucketAcl;
  /** Block Public Access on the bucket (retained on delete). */
  public readonly publicAccessBlock: oss.BucketPublicAccessBlock;
  /** The policy that denies every request not made over HTTPS (retained on delete). */
  public readonly bucketPolicy: oss.BucketPolicy;
  /** The bucket's name, as created. */
  public readonly bucketName: pulumi.Output<string>;
  /** The endpoint inside the region's VPCs, `oss-<region>-internal.aliyuncs.com`: no internet traffic. */
  public readonly intranetEndpoint: pulumi.Output<string>;

  /**
   * @internal Subclasses only: the settings type is the library's own.
   * @param settings - checks the subclass's props (throwing before any child exists) and resolves them;
   *   called once the component is registered, so its children are parented to it
   */
  protected constructor(
    type: string,
    name: string,
    opts: pulumi.ComponentResourceOptions | undefined,
    settings: () => PrivateBucketSettings,
  ) {
    super(type, name, {}, opts);
    const created = createPrivateBucket(name, settings(), this);
    this.bucket = created.bucket;
    this.bucketAcl = created.bucketAcl;
    this.publicAccessBlock = created.publicAccessBlock;
    this.bucketPolicy = created.bucketPolicy;
    this.bucketName = this.bucket.bucket;
    this.intranetEndpoint = this.bucket.intranetEndpoint;
    this.registerOutputs({ bucketName: this.bucketName, intranetEndpoint: this.intranetEndpoint });
  }
}
