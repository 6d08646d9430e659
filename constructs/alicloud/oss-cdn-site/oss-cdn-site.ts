import * as cdn from '@pulumi/alicloud/cdn';
import * as oss from '@pulumi/alicloud/oss';
import * as pulumi from '@pulumi/pulumi';
import type { OssBucketProps } from '../oss-bucket/oss-bucket';
import { createPrivateBucket, lifecycleDaysByKey, resolveBucketSettings } from '../oss-bucket/private-bucket';
import { CdnScope, validateOssCdnSite } from './validate';

/** The bucket's defaults and prop types, shared with `OssBucket`. */
export {
  BUCKET_ARGS_MANAGED_STANDALONE,
  DEFAULT_ABORT_MULTIPART_UPLOAD_DAYS,
  DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS,
  DEFAULT_REDUNDANCY_TYPE,
  DEFAULT_SSE_ALGORITHM,
  type OssEncryptionProps,
  type OssLifecycleProps,
} from '../oss-bucket/private-bucket';

/** Accelerate in the Chinese mainland, where the sites this library targets serve their users. */
export const DEFAULT_CDN_SCOPE: CdnScope = 'domestic';
/** CAS certificates for mainland CDN live in cn-hangzhou (DomainNew `certRegion` docs). */
export const DEFAULT_CERTIFICATE_REGION = 'cn-hangzhou';
/** OSS allows back-to-source on 80 or 443; 443 keeps the origin hop encrypted. */
export const ORIGIN_PORT = 443;

/** Props of {@link OssCdnSite}: the bucket's (as {@link OssBucketProps}) and the CDN domain's. */
export interface OssCdnSiteProps extends OssBucketProps {
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
  public readonly bucket: oss.Bucket;
  /** The bucket's `private` ACL (retained on delete). */
  public readonly bucketAcl: oss.BucketAcl;
  /** Block Public Access on the bucket (retained on delete). */
  public readonly publicAccessBlock: oss.BucketPublicAccessBlock;
  /** The policy that denies every request not made over HTTPS (retained on delete). */
  public readonly bucketPolicy: oss.BucketPolicy;
  /** The CDN domain, with the bucket as its OSS origin on port 443. */
  public readonly cdnDomain: cdn.DomainNew;
  /** The CDN function configurations, by function name. */
  public readonly cdnConfigs: Readonly<Record<string, cdn.DomainConfig>>;
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
    const settings = resolveBucketSettings(props);
    validateOssCdnSite({
      ...settings,
      domainName: props.domainName,
      httpsEnabled,
      certificateId: props.certificateId,
      scope,
      lifecycleDays: lifecycleDaysByKey(settings.days),
    });
    const tags = settings.tags;
    this.domainName = props.domainName;

    const created = createPrivateBucket(name, settings, this);
    this.bucket = created.bucket;
    this.bucketAcl = created.bucketAcl;
    this.publicAccessBlock = created.publicAccessBlock;
    this.bucketPolicy = created.bucketPolicy;
    this.bucketName = this.bucket.bucket;

    this.originEndpoint = pulumi.interpolate`${this.bucket.bucket}.${this.bucket.extranetEndpoint}`;
    this.cdnDomain = new cdn.DomainNew(
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
        new cdn.DomainConfig(
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
