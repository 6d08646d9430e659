/**
 * `aliyun-kubesphere/core`: what every other module shares. Validation issues and the one error
 * that lists them all, IPv4/CIDR arithmetic, image references and the mirror rewrite, the plan the
 * offline run records, the stand-in values it answers with for what only the cloud knows, and the
 * contract of a stack program. Loads neither Pulumi nor cdk8s.
 */
export { type ValidationIssue, ValidationError, Validator, type ValueRange, formatIssues } from './validation';
export {
  type Cidr,
  cidrContains,
  cidrContainsIp,
  cidrSize,
  cidrsOverlap,
  formatCidr,
  formatIpv4,
  mustParseCidr,
  parseCidr,
  parseIpv4,
  planSubnets,
} from './cidr';
export {
  type ImageMirror,
  type ImageReference,
  type ImageRewrite,
  NO_IMAGE_REWRITE,
  canonicalImage,
  imageMirrorRewrite,
  mirrorImage,
  mirrorName,
  parseImageMirror,
  parseImageReference,
} from './images';
export { type Plan, type PlannedResource, type PlannedStack } from './plan';
export { SECRET_PLACEHOLDER } from './secret';
export { type Artifact, type StackProgram, type StackResult } from './program';
export { type OssEndpoints, standInDigest, standInNasMountDomain, standInOssEndpoints } from './stand-ins';
