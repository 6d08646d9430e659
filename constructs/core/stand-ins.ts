/**
 * The values the offline run makes up for attributes only the cloud knows (a NAS mount target's
 * domain, an OSS bucket's endpoints). The mocks answer with them under `npm run synth`, and code
 * that must give the same answer without running a program under the mocks (the Kubernetes-only
 * path, `cdk8s synth`) calls the same functions: one definition, so the two cannot drift.
 * No Pulumi here; in core because the offline mocks and the Kubernetes-only path both need them.
 */
import { createHash } from 'crypto';

/** The first `length` hex digits of the SHA-256 of `text`: stable, and unique enough for made-up names. */
export function standInDigest(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/**
 * The domain a NAS mount target gets, from its Pulumi resource name: `<10 hex>-<5 hex>.<region>.nas.aliyuncs.com`,
 * the shape Alibaba gives one.
 */
export function standInNasMountDomain(mountTargetName: string, region: string): string {
  return `${standInDigest(mountTargetName, 10)}-${standInDigest(`${mountTargetName}/mt`, 5)}.${region}.nas.aliyuncs.com`;
}

/** An OSS bucket's endpoints in `region`, as Alibaba names them (they depend on the region alone). */
export interface OssEndpoints {
  /** Reached from the internet. */
  readonly extranetEndpoint: string;
  /** Reached from inside the region's VPCs, without internet traffic. */
  readonly intranetEndpoint: string;
  /** The bucket's location id. */
  readonly location: string;
}

/** The endpoints of an OSS bucket in `region`. */
export function standInOssEndpoints(region: string): OssEndpoints {
  return {
    extranetEndpoint: `oss-${region}.aliyuncs.com`,
    intranetEndpoint: `oss-${region}-internal.aliyuncs.com`,
    location: `oss-${region}`,
  };
}
