import * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';
import { denyInsecureTransportPolicy, lifecycleRules } from './documents';
import { CdnScope, OssRedundancyType, OssSseAlgorithm, validateOssCdnSite } from './validate';

/** Accelerate in the Chinese mainland, where the sites this library targets serve their users. */
export const DEFAULT_CDN_SCOPE: CdnScope = 'domestic';
/** Zone-redundant: the bucket survives the loss of one zone. */
export const DEFAULT_REDUNDANCY_TYPE: OssRedundancyType = 'ZRS';
/** OSS-managed keys: encryption at rest with no KMS key to pay for or lose. */
export const DEFAULT_SSE_ALGORITHM: OssSseAlgorithm = 'AES256';
/** CAS certificates for mainland CDN live in cn-hangzhou (DomainNew `certRegion` docs). */
export const DEFAULT_CERTIFICATE_REGION = 'cn-hangzhou';
/** Days an overwritten or deleted object version stays restorable before it expires. */
export const DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS = 30;
/** Days before the parts of an abandoned multipart upload are deleted; they are billed until then. */
export const DEFAULT_ABORT_MULTIPART_UPLOAD_DAYS = 7;
/** OSS allows back-to-source on 80 or 443; 443 keeps the origin hop encrypted. */
export const ORIGIN_PORT = 443;
/**
 * The bucket's own arguments that the site manages through standalone sub-resources instead:
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

/** Props of {@link OssCdnSite}. */
export interface OssCdnSiteProps {
  /** Bucket name: 3-63 lowercase letters, digits and hyphens, globally unique. */
  readonly bucketName: string;
  /** The CDN-accelerated domain, for example `static.example.com`. */
  readonly domainName: string;
  /**
   * ID of the CAS (Certificate Management Service) certificate for `domainName`.
   * Required unless `httpsEnabled` is false.
   * @default - none; refused while `httpsEnabled` is true
   */
  readonly certificateId?: string;
  /**
   * Region of the CAS certificate.
   * @default 'cn-hangzhou'
   */
  readonly certificateRegion?: string;
  /**
   * Serve the CDN domain over HTTPS (certificate, plus an HTTP→HTTPS redirect). Set false only
   * on purpose: the domain is then plain HTTP.
   * @default true
   */
  readonly httpsEnabled?: boolean;
  /**
   * CDN acceleration region: `domestic`, `overseas` or `global`.
   * @default 'domestic'
   */
  readonly scope?: CdnScope;
  /**
   * OSS redundancy: `ZRS` or `LRS`. Not every region offers ZRS.
   * @default 'ZRS'
   */
  readonly redundancyType?: OssRedundancyType;
  /**
   * Server-side encryption.
   * @default { algorithm: 'AES256' }
   */
  readonly encryption?: OssEncryptionProps;
  /**
   * Lifecycle rules.
   * @default { noncurrentVersionExpirationDays: 30, abortMultipartUploadDays: 7 }
   */
  readonly lifecycle?: OssLifecycleProps;
  /**
   * Tags for the bucket and the CDN domain.
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A private, versioned, encrypted OSS bucket served to the internet only through a CDN domain
 * that fetches from it with private-bucket authorization, over HTTPS end to end.
 *
 * Before the first `up`, the account must have authorized CDN to read private OSS buckets once
 * (the `AliyunCDNAccessingPrivateOSSRole` service role); that grant is account-wide, so it is
 * not made here.
 */
export class OssCdnSite extends pulumi.ComponentResource {
  /** Pulumi type token of the component. Part of every child's URN: renaming it replaces the resources. */
  public static readonly TYPE = 'aliyun-kubesphere:alicloud:OssCdnSite';

  /** The versioned, encrypted bucket; protected and retained on delete, since it holds the data. */
  public readonly bucket: alicloud.oss.Bucket;
  /** The bucket's `private` ACL (retained on delete). */
  public readonly bucketAcl: alicloud.oss.BucketAcl;
  /** Block Public Access on the bucket (retained on delete). */
  public readonly publicAccessBlock: alicloud.oss.BucketPublicAccessBlock;
  /** The policy that denies every request not made over HTTPS (retained on delete). */
  public readonly bucketPolicy: alicloud.oss.BucketPolicy;
  /** The CDN domain, with the bucket as its OSS origin on port 443. */
  public readonly cdnDomain: alicloud.cdn.DomainNew;
  /** The CDN function configurations, by function name. */
  public readonly cdnConfigs: Readonly<Record<string, alicloud.cdn.DomainConfig>>;
  /** The bucket's name, as created. */
  public readonly bucketName: pulumi.Output<string>;
  /** `<bucket>.oss-<region>.aliyuncs.com`: the CDN's origin. */
  public readonly originEndpoint: pulumi.Output<string>;
  /** The CNAME to point `domainName` at. */
  public readonly cdnCname: pulumi.Output<string>;
  /** The CDN-accelerated domain, as given in the props. */
  public readonly domainName: string;

  constructor(name: string, props: OssCdnSiteProps, opts?: pulumi.ComponentResourceOptions) {
    super(OssCdnSite.TYPE, name, {}, opts);
    const httpsEnabled = props.httpsEnabled ?? true;
    const scope = props.scope ?? DEFAULT_CDN_SCOPE;
    const redundancyType = props.redundancyType ?? DEFAULT_REDUNDANCY_TYPE;
    const sseAlgorithm = props.encryption?.algorithm ?? DEFAULT_SSE_ALGORITHM;
    const days = {
      noncurrentVersionExpirationDays: props.lifecycle?.noncurrentVersionExpirationDays ?? DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS,
      abortMultipartUploadDays: props.lifecycle?.abortMultipartUploadDays ?? DEFAULT_ABORT_MULTIPART_UPLOAD_DAYS,
      transitionToIaDays: props.lifecycle?.transitionToIaDays,
    };
    validateOssCdnSite({
      bucketName: props.bucketName,
      domainName: props.domainName,
      httpsEnabled,
      certificateId: props.certificateId,
      scope,
      redundancyType,
      sseAlgorithm,
      kmsKeyId: props.encryption?.kmsKeyId,
      lifecycleDays: Object.fromEntries(Object.entries(days).map(([k, d]) => [`lifecycle.${k}`, d])),
    });
    const tags = { ...(props.tags ?? {}) };
    this.domainName = props.domainName;

    // The bucket holds the data: `protect` fails any plan that would delete or replace it, and
    // `retainOnDelete` keeps the bucket in the cloud even after it is unprotected or dropped from
    // the program. `forceDestroy: false` is the last line: OSS refuses to delete a non-empty bucket.
    this.bucket = new alicloud.oss.Bucket(
      `${name}-bucket`,
      {
        bucket: props.bucketName,
        redundancyType,
        storageClass: 'Standard',
        versioning: { status: 'Enabled' },
        serverSideEncryptionRule: { sseAlgorithm, kmsMasterKeyId: sseAlgorithm === 'KMS' ? props.encryption?.kmsKeyId : undefined },
        lifecycleRules: lifecycleRules(days),
        forceDestroy: false,
        tags,
      },
      { parent: this, protect: true, retainOnDelete: true, ignoreChanges: [...BUCKET_ARGS_MANAGED_STANDALONE] },
    );
    this.bucketName = this.bucket.bucket;

    // The guards below are retained too: a bucket that outlives this component must not become
    // less private than it was, which deleting them (public-access block off, policy gone) would do.
    const guard = { parent: this, retainOnDelete: true };
    // The inline `acl` is deprecated since provider 1.220.0; the separate resource replaces it.
    this.bucketAcl = new alicloud.oss.BucketAcl(`${name}-bucket-acl`, { bucket: this.bucket.bucket, acl: 'private' }, guard);
    this.publicAccessBlock = new alicloud.oss.BucketPublicAccessBlock(
      `${name}-bucket-pab`,
      { bucket: this.bucket.bucket, blockPublicAccess: true },
      guard,
    );
    this.bucketPolicy = new alicloud.oss.BucketPolicy(
      `${name}-bucket-policy`,
      { bucket: this.bucket.bucket, policy: denyInsecureTransportPolicy(props.bucketName) },
      guard,
    );

    this.originEndpoint = pulumi.interpolate`${this.bucket.bucket}.${this.bucket.extranetEndpoint}`;
    this.cdnDomain = new alicloud.cdn.DomainNew(
      `${name}-cdn`,
      {
        domainName: props.domainName,
        cdnType: 'web',
        scope,
        sources: [{ type: 'oss', content: this.originEndpoint, port: ORIGIN_PORT, priority: 20, weight: 10 }],
        certificateConfig: httpsEnabled
          ? {
              certType: 'cas',
              certId: props.certificateId?.trim(),
              certRegion: props.certificateRegion ?? DEFAULT_CERTIFICATE_REGION,
              serverCertificateStatus: 'on',
            }
          : undefined,
        tags,
      },
      // The bucket policy must be in place before CDN starts fetching from the bucket.
      { parent: this, dependsOn: [this.bucketPolicy, this.publicAccessBlock] },
    );
    this.cdnCname = this.cdnDomain.cname;

    // Function names and arguments as BatchSetCdnDomainConfig documents them.
    const functions: Record<string, Record<string, string>> = {
      // Back-to-source to a private bucket of the same account, signed with STS tokens.
      l2_oss_key: { private_oss_auth: 'on' },
    };
    if (httpsEnabled) {
      // 301 keeps GET requests GET; redirecting is the only way plain-HTTP clients are served.
      functions.https_force = { enable: 'on', https_rewrite: '301' };
    }
    this.cdnConfigs = Object.fromEntries(
      Object.entries(functions).map(([functionName, args]) => [
        functionName,
        new alicloud.cdn.DomainConfig(
          `${name}-cdn-${functionName.replace(/_/g, '-')}`,
          {
            domainName: this.cdnDomain.domainName,
            functionName,
            functionArgs: Object.entries(args).map(([argName, argValue]) => ({ argName, argValue })),
          },
          { parent: this },
        ),
      ]),
    );

    this.registerOutputs({
      bucketName: this.bucketName,
      originEndpoint: this.originEndpoint,
      domainName: this.domainName,
      cdnCname: this.cdnCname,
    });
  }
}
