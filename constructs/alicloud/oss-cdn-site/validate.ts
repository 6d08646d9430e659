/**
 * Pure validation of {@link OssCdnSiteProps}: names, domain, lifecycle days and the HTTPS choice.
 */
import { Validator } from '../../core';

/**
 * CDN acceleration regions: the Chinese mainland (needs an ICP filing for the domain), outside the
 * mainland, or both.
 */
export const CDN_SCOPES = ['domestic', 'overseas', 'global'] as const;
/** One of {@link CDN_SCOPES}. */
export type CdnScope = (typeof CDN_SCOPES)[number];
/**
 * OSS redundancy types: zone-redundant (copies in three zones of the region) or locally redundant (one zone).
 * @see https://www.alibabacloud.com/help/en/oss/user-guide/zrs
 */
export const OSS_REDUNDANCY_TYPES = ['ZRS', 'LRS'] as const;
/** One of {@link OSS_REDUNDANCY_TYPES}. */
export type OssRedundancyType = (typeof OSS_REDUNDANCY_TYPES)[number];
/**
 * OSS server-side encryption: keys managed by OSS (`AES256`) or by KMS (`KMS`).
 * @see https://www.alibabacloud.com/help/en/oss/user-guide/server-side-encryption-8
 */
export const OSS_SSE_ALGORITHMS = ['AES256', 'KMS'] as const;
/** One of {@link OSS_SSE_ALGORITHMS}. */
export type OssSseAlgorithm = (typeof OSS_SSE_ALGORITHMS)[number];

/** @see https://www.alibabacloud.com/help/en/oss/user-guide/bucket-naming-conventions */
const BUCKET_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const DOMAIN_LABEL_PATTERN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
/** CDN refuses these suffixes (DomainNew `domainName` docs). */
const UNSUPPORTED_CDN_SUFFIXES = ['.sh', '.tel'];

/** Why `name` is not an OSS bucket name, or undefined when it is one. */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) {
    return `is ${name.length} characters long; bucket names take 3 to 63`;
  }
  if (!BUCKET_NAME_PATTERN.test(name)) {
    return 'may contain only lowercase letters, digits and hyphens, and must start and end with a letter or digit';
  }
  return undefined;
}

/** Why `name` is not a fully qualified DNS name a CDN domain can use, or undefined. */
export function domainNameProblem(name: string): string | undefined {
  const labels = (name.startsWith('*.') ? name.slice(2) : name).split('.');
  if (name.length > 253 || labels.length < 2) {
    return 'is not a fully qualified domain name (expected e.g. static.example.com, at most 253 characters)';
  }
  if (!labels.every((l) => DOMAIN_LABEL_PATTERN.test(l)) || !/^[a-z]{2,63}$/.test(labels[labels.length - 1])) {
    return 'is not a valid lowercase domain name (labels of 1-63 letters, digits or inner hyphens; a letters-only top-level domain)';
  }
  const suffix = UNSUPPORTED_CDN_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix !== undefined) {
    return `ends in ${suffix}, which Alibaba CDN does not accept`;
  }
  return undefined;
}

/** The bucket's part of the props, as every private bucket of this library validates it. */
export interface OssBucketValidationInput {
  readonly bucketName: string;
  readonly redundancyType: string;
  readonly sseAlgorithm: string;
  readonly kmsKeyId: string | undefined;
  /** Lifecycle day counts by prop path; undefined ones are off and skipped. */
  readonly lifecycleDays: Readonly<Record<string, number | undefined>>;
}

export interface OssCdnSiteValidationInput extends OssBucketValidationInput {
  readonly domainName: string;
  readonly httpsEnabled: boolean;
  readonly certificateId: string | undefined;
  readonly scope: string;
}

/** Adds the problems of the bucket's props to `v`. */
export function addBucketIssues(v: Validator, input: OssBucketValidationInput): void {
  addBucketNameIssue(v, input.bucketName);
  addBucketStorageIssues(v, input);
}

function addBucketNameIssue(v: Validator, bucketName: string): void {
  const bucketProblem = bucketNameProblem(bucketName);
  if (bucketProblem) {
    v.add('bucketName', bucketName, bucketProblem);
  }
}

function addBucketStorageIssues(v: Validator, input: OssBucketValidationInput): void {
  if (!(OSS_REDUNDANCY_TYPES as readonly string[]).includes(input.redundancyType)) {
    v.add('redundancyType', input.redundancyType, `is not an OSS redundancy type; expected one of ${OSS_REDUNDANCY_TYPES.join(', ')}`);
  }
  if (!(OSS_SSE_ALGORITHMS as readonly string[]).includes(input.sseAlgorithm)) {
    v.add(
      'encryption.algorithm',
      input.sseAlgorithm,
      `is not an OSS server-side encryption algorithm; expected one of ${OSS_SSE_ALGORITHMS.join(', ')}`,
    );
  } else if (input.sseAlgorithm !== 'KMS' && input.kmsKeyId !== undefined) {
    v.add('encryption.kmsKeyId', input.kmsKeyId, 'only applies to algorithm KMS');
  }
  for (const [key, days] of Object.entries(input.lifecycleDays)) {
    if (days !== undefined && (!Number.isInteger(days) || days < 1)) {
      v.add(key, days, 'must be a whole number of days, at least 1');
    }
  }
}

/** @throws ValidationError naming each bad prop */
export function validateOssCdnSite(input: OssCdnSiteValidationInput): void {
  const v = new Validator();
  addBucketNameIssue(v, input.bucketName);
  const domainProblem = domainNameProblem(input.domainName);
  if (domainProblem) {
    v.add('domainName', input.domainName, domainProblem);
  }
  const certificateId = input.certificateId?.trim();
  if (input.httpsEnabled && !certificateId) {
    v.add(
      'certificateId',
      input.certificateId,
      'is required to serve the CDN domain over HTTPS; give the ID of a certificate in Certificate Management Service (CAS), or set httpsEnabled: false to serve plain HTTP deliberately',
    );
  }
  if (!input.httpsEnabled && certificateId) {
    v.add('certificateId', input.certificateId, 'is given while httpsEnabled is false; remove one of the two so the intent is unambiguous');
  }
  if (!(CDN_SCOPES as readonly string[]).includes(input.scope)) {
    v.add('scope', input.scope, `is not a CDN scope; expected one of ${CDN_SCOPES.join(', ')}`);
  }
  addBucketStorageIssues(v, input);
  v.throwIfAny('Invalid OssCdnSite props');
}
