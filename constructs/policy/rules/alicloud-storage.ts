/** NAS, OSS and every stateful resource: encrypted, private, versioned, and kept through destroy and replacement. */
import { PolicyRule, StackFinding, StackRule } from '../types';
import { ECS_DISK, ECS_LEGACY_DISK } from './alicloud-compute';
import { EIP } from './alicloud-network';
import { isAnywhere, isTrue, list, record, resourceRule, text } from './helpers';

export const NAS_FILE_SYSTEM = 'alicloud:nas/fileSystem:FileSystem';
export const NAS_ACCESS_RULE = 'alicloud:nas/accessRule:AccessRule';
export const OSS_BUCKET = 'alicloud:oss/bucket:Bucket';
export const OSS_BUCKET_ACL = 'alicloud:oss/bucketAcl:BucketAcl';
export const OSS_BUCKET_POLICY = 'alicloud:oss/bucketPolicy:BucketPolicy';

/**
 * Standalone OSS bucket sub-resources and the `oss.Bucket` input each one also manages. The
 * bucket's inputs are Optional, not Computed: without an `ignoreChanges` on that input, the
 * bucket's next update after a refresh sends it empty and deletes what the sub-resource set.
 */
export const OSS_STANDALONE_FIELDS: Readonly<Record<string, string>> = {
  [OSS_BUCKET_ACL]: 'acl',
  [OSS_BUCKET_POLICY]: 'policy',
  'alicloud:oss/bucketCors:BucketCors': 'corsRules',
  'alicloud:oss/bucketLogging:BucketLogging': 'logging',
  'alicloud:oss/bucketReferer:BucketReferer': 'refererConfig',
  'alicloud:oss/bucketServerSideEncryption:BucketServerSideEncryption': 'serverSideEncryptionRule',
  'alicloud:oss/bucketTransferAcceleration:BucketTransferAcceleration': 'transferAcceleration',
  'alicloud:oss/bucketVersioning:BucketVersioning': 'versioning',
  'alicloud:oss/bucketWebsite:BucketWebsite': 'website',
  'alicloud:oss/bucketAccessMonitor:BucketAccessMonitor': 'accessMonitor',
};

/** Resources that hold data or an address others depend on. */
export const STATEFUL_TYPES: readonly string[] = [NAS_FILE_SYSTEM, ECS_DISK, ECS_LEGACY_DISK, OSS_BUCKET, EIP];

const PUBLIC_ACLS = new Set(['public-read', 'public-read-write']);

/** True when `field` of the bucket is managed elsewhere (ignored here), so its absence is no proof. */
function managedStandalone(ignoreChanges: readonly string[], field: string): boolean {
  return ignoreChanges.some((path) => path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`));
}

/** True when a bucket policy document denies requests that are not HTTPS. */
export function deniesInsecureTransport(policy: unknown): boolean {
  let doc: unknown;
  try {
    doc = typeof policy === 'string' ? JSON.parse(policy) : policy;
  } catch {
    return false;
  }
  return list(record(doc).Statement).some((s) => {
    const st = record(s);
    const secure = record(record(st.Condition).Bool)['acs:SecureTransport'];
    const values = (Array.isArray(secure) ? secure : [secure]).map(String);
    return st.Effect === 'Deny' && values.includes('false');
  });
}

const standaloneSettingsIgnored: StackRule = {
  kind: 'stack',
  name: 'oss-standalone-settings-ignored',
  description:
    'A bucket whose ACL, policy, logging, … is managed by a standalone resource ignores that input, so a refresh-then-update does not delete it.',
  enforcementLevel: 'mandatory',
  resourceTypes: [OSS_BUCKET, ...Object.keys(OSS_STANDALONE_FIELDS)],
  references: [
    'platform: terraform-provider-alicloud oss_bucket docs (a sub-resource managed standalone needs the matching ignore on the bucket)',
  ],
  remediation: "add the input to the bucket's ignoreChanges, e.g. ignoreChanges: ['acl', 'policy']",
  check(resources) {
    const buckets = new Map(resources.filter((r) => r.type === OSS_BUCKET).map((r) => [text(record(r.props).bucket), r]));
    const findings: StackFinding[] = [];
    for (const sub of resources) {
      const field = OSS_STANDALONE_FIELDS[sub.type];
      const bucket = field === undefined ? undefined : buckets.get(text(record(sub.props).bucket));
      if (field !== undefined && bucket !== undefined && !managedStandalone(bucket.ignoreChanges, field)) {
        findings.push({
          resource: bucket,
          message: `'${field}' is managed by ${sub.name} (${sub.type}) but not in the bucket's ignoreChanges`,
        });
      }
    }
    return findings;
  },
};

export const STORAGE_RULES: readonly PolicyRule[] = [
  resourceRule(
    {
      name: 'nas-encrypted',
      description: 'NAS file systems are encrypted at rest.',
      enforcementLevel: 'mandatory',
      resourceTypes: [NAS_FILE_SYSTEM],
      references: ['InfraGuard rule:aliyun:nas-filesystem-encrypt-type-check', 'KICS 67bfdff1-31ce-4525-b564-e94368735360'],
      remediation: 'set encryptType: 1 (NAS-managed key) or 2 (KMS key, extreme NAS); it cannot be changed after creation',
    },
    (p) => ([1, 2, '1', '2'].includes(p.encryptType as number) ? [] : [`encryptType is ${JSON.stringify(p.encryptType ?? 0)}`]),
  ),
  resourceRule(
    {
      name: 'nas-access-rule-not-public',
      description: 'No NAS access rule admits every address.',
      enforcementLevel: 'mandatory',
      resourceTypes: [NAS_ACCESS_RULE],
      references: ['InfraGuard rule:aliyun:nas-access-group-public-access-check'],
      remediation: "set sourceCidrIp to the VPC or the nodes' vSwitches",
    },
    (p) => (isAnywhere(p.sourceCidrIp) ? [`sourceCidrIp ${String(p.sourceCidrIp)} admits everyone`] : []),
  ),
  resourceRule(
    {
      name: 'oss-bucket-not-public',
      description: 'Buckets and bucket ACLs are private: no anonymous read or write.',
      enforcementLevel: 'mandatory',
      resourceTypes: [OSS_BUCKET, OSS_BUCKET_ACL],
      references: [
        'CKV_ALI_1',
        'InfraGuard rule:aliyun:oss-bucket-public-read-prohibited',
        'InfraGuard rule:aliyun:oss-bucket-public-write-prohibited',
      ],
      remediation: "set acl: 'private' and serve public files through CDN with private origin access",
    },
    (p) => (PUBLIC_ACLS.has(text(p.acl) ?? '') ? [`acl is ${String(p.acl)}`] : []),
  ),
  resourceRule(
    {
      name: 'oss-bucket-encrypted',
      description: 'Buckets encrypt objects server-side.',
      enforcementLevel: 'mandatory',
      resourceTypes: [OSS_BUCKET],
      references: ['InfraGuard rule:aliyun:oss-bucket-server-side-encryption-enabled', 'CKV_ALI_6 (with a KMS key)'],
      remediation:
        "set serverSideEncryptionRule: { sseAlgorithm: 'AES256' } (or 'KMS'), or manage it with oss.BucketServerSideEncryption and ignore the input",
    },
    (p, r) =>
      managedStandalone(r.ignoreChanges, 'serverSideEncryptionRule') || text(record(p.serverSideEncryptionRule).sseAlgorithm)
        ? []
        : ['no serverSideEncryptionRule'],
  ),
  resourceRule(
    {
      name: 'oss-bucket-versioned',
      description: 'Buckets keep object versions, so an overwrite or delete can be undone.',
      enforcementLevel: 'mandatory',
      resourceTypes: [OSS_BUCKET],
      references: ['CKV_ALI_10', 'InfraGuard rule:aliyun:oss-bucket-versioning-enabled', 'KICS 70919c0b-2548-4e6b-8d7a-3d84ab6dabba'],
      remediation: "set versioning: { status: 'Enabled' }, or manage it with oss.BucketVersioning and ignore the input",
    },
    (p, r) =>
      managedStandalone(r.ignoreChanges, 'versioning') || text(record(p.versioning).status) === 'Enabled'
        ? []
        : [`versioning is ${JSON.stringify(record(p.versioning).status ?? 'off')}`],
  ),
  resourceRule(
    {
      name: 'oss-bucket-no-force-destroy',
      description: 'A bucket that still holds objects is never deleted with them.',
      enforcementLevel: 'mandatory',
      resourceTypes: [OSS_BUCKET],
      references: ['platform: stateful resources keep their data through pulumi destroy'],
      remediation: 'set forceDestroy: false (the default)',
    },
    (p) => (isTrue(p.forceDestroy) ? ['forceDestroy is true'] : []),
  ),
  resourceRule(
    {
      name: 'oss-bucket-https-only',
      description: 'Bucket policies deny requests that do not use HTTPS.',
      enforcementLevel: 'advisory',
      resourceTypes: [OSS_BUCKET, OSS_BUCKET_POLICY],
      references: ['InfraGuard rule:aliyun:oss-bucket-only-https-enabled', 'KICS c01d10de-c468-4790-b3a0-fc887a56f289'],
      remediation:
        "add a statement { Effect: 'Deny', Principal: ['*'], Action: ['oss:*'], Condition: { Bool: { 'acs:SecureTransport': ['false'] } } }",
    },
    (p, r) => {
      // A bucket without an inline policy is judged by its standalone BucketPolicy.
      if (r.type === OSS_BUCKET && p.policy === undefined) {
        return [];
      }
      return deniesInsecureTransport(p.policy) ? [] : ['the policy does not deny acs:SecureTransport false'];
    },
  ),
  standaloneSettingsIgnored,
  resourceRule(
    {
      name: 'stateful-resource-protected',
      description:
        'NAS file systems, cloud disks, buckets and EIPs are Pulumi-protected and retained on delete, so no destroy or replacement loses data or a published address.',
      enforcementLevel: 'mandatory',
      resourceTypes: STATEFUL_TYPES,
      references: [
        'platform: stateful resources are protected (DESIGN "Stateful resources are protected")',
        'InfraGuard pack resource-protection-best-practice',
      ],
      remediation: 'pass { protect: true, retainOnDelete: true } to the resource',
    },
    (_p, r) => {
      const problems = r.protect ? [] : ['protect is not set'];
      // CrossGuard does not show retainOnDelete; the offline plan does.
      if (r.retainOnDelete === false) {
        problems.push('retainOnDelete is not set');
      }
      return problems;
    },
  ),
];
