/** ECS instances and disks: deletion protection, hardened metadata, no public IP, key-pair login, encryption. */
import { PolicyRule } from '../types';
import { isRecord, isTrue, list, resourceRule, text } from './helpers';

/** Type tokens of the ECS resources these rules read. */
export const ECS_INSTANCE = 'alicloud:ecs/instance:Instance';
export const ECS_DISK = 'alicloud:ecs/ecsDisk:EcsDisk';
export const ECS_LEGACY_DISK = 'alicloud:ecs/disk:Disk';
export const ECS_DISK_ATTACHMENT = 'alicloud:ecs/ecsDiskAttachment:EcsDiskAttachment';

const DISKS = [ECS_DISK, ECS_LEGACY_DISK];

export const COMPUTE_RULES: readonly PolicyRule[] = [
  resourceRule(
    {
      name: 'ecs-instance-deletion-protection',
      description: 'ECS instances have deletion protection, so a console click or API call cannot release a node.',
      enforcementLevel: 'mandatory',
      resourceTypes: [ECS_INSTANCE],
      references: ['InfraGuard rule:aliyun:ecs-instance-deletion-protection-enabled'],
      remediation: 'set deletionProtection: true on the instance',
    },
    (p) => (isTrue(p.deletionProtection) ? [] : [`deletionProtection is ${JSON.stringify(p.deletionProtection ?? false)}`]),
  ),
  resourceRule(
    {
      name: 'ecs-instance-metadata-hardened',
      description: 'The instance metadata service answers only token requests (IMDSv2), so SSRF cannot read the RAM role credentials.',
      enforcementLevel: 'mandatory',
      resourceTypes: [ECS_INSTANCE],
      references: [
        'InfraGuard rule:aliyun:ecs-instance-meta-data-mode-check',
        'Kubernetes "Securing a Cluster": restrict the cloud metadata API',
      ],
      remediation: "set httpTokens: 'required' on the instance",
    },
    (p) => (text(p.httpTokens) === 'required' ? [] : [`httpTokens is ${JSON.stringify(p.httpTokens ?? 'optional')}`]),
  ),
  resourceRule(
    {
      name: 'ecs-instance-no-public-ip',
      description:
        'Instances get no public IP of their own; the internet reaches them only through a load balancer or an EIP someone chose.',
      enforcementLevel: 'mandatory',
      resourceTypes: [ECS_INSTANCE],
      references: ['InfraGuard rule:aliyun:ecs-instance-no-public-ip', 'CIS Alibaba Cloud ACK 6.3.3 (private nodes)'],
      remediation: 'set internetMaxBandwidthOut: 0 and reach the instance through the NAT gateway, an EIP or the SLB',
    },
    (p) =>
      Number(p.internetMaxBandwidthOut ?? 0) > 0
        ? [`internetMaxBandwidthOut is ${String(p.internetMaxBandwidthOut)}, which allocates a public IP`]
        : [],
  ),
  resourceRule(
    {
      name: 'ecs-instance-keypair-login',
      description: 'Instances log in with an SSH key pair, never a password.',
      enforcementLevel: 'mandatory',
      resourceTypes: [ECS_INSTANCE],
      references: ['InfraGuard rule:aliyun:ecs-instance-login-use-keypair'],
      remediation: 'set keyName and remove password / kmsEncryptedPassword',
    },
    (p) => {
      const problems: string[] = [];
      if (!text(p.keyName)) {
        problems.push('no keyName');
      }
      if (p.password !== undefined || p.kmsEncryptedPassword !== undefined) {
        problems.push('a login password is set');
      }
      return problems;
    },
  ),
  resourceRule(
    {
      name: 'ecs-instance-disks-encrypted',
      description: 'System and inline data disks of an instance are encrypted at rest.',
      enforcementLevel: 'mandatory',
      resourceTypes: [ECS_INSTANCE],
      references: [
        'InfraGuard rule:aliyun:ecs-disk-encrypted',
        'CKV_ALI_32 (launch template data disks encrypted)',
        'CIS Alibaba Cloud ACK 6.4.1',
      ],
      remediation: 'set systemDiskEncrypted: true and encrypted: true on every dataDisks entry',
    },
    (p) => {
      const problems = isTrue(p.systemDiskEncrypted) ? [] : ['systemDiskEncrypted is not true'];
      list(p.dataDisks).forEach((d, i) => {
        if (!isRecord(d) || !isTrue(d.encrypted)) {
          problems.push(`dataDisks[${i}] is not encrypted`);
        }
      });
      return problems;
    },
  ),
  resourceRule(
    {
      name: 'ecs-instance-security-hardening',
      description: 'Instances run the Security Center agent (securityEnhancementStrategy Active).',
      enforcementLevel: 'advisory',
      resourceTypes: [ECS_INSTANCE],
      references: ['InfraGuard rule:aliyun:ecs-instance-enabled-security-protection'],
      remediation: "set securityEnhancementStrategy: 'Active'",
    },
    (p) =>
      text(p.securityEnhancementStrategy) === 'Active'
        ? []
        : [`securityEnhancementStrategy is ${JSON.stringify(p.securityEnhancementStrategy ?? 'unset')}`],
  ),
  resourceRule(
    {
      name: 'ecs-disk-encrypted',
      description: 'Cloud disks are encrypted at rest.',
      enforcementLevel: 'mandatory',
      resourceTypes: DISKS,
      references: ['CKV_ALI_7', 'InfraGuard rule:aliyun:ecs-disk-encrypted', 'KICS 39750e32-3fe9-453b-8c33-dd277acdb2cc'],
      remediation: 'set encrypted: true on the disk (a disk cannot be encrypted later: create a new one from a snapshot)',
    },
    (p) => (isTrue(p.encrypted) ? [] : ['encrypted is not true']),
  ),
  resourceRule(
    {
      name: 'ecs-disk-customer-managed-key',
      description: 'Cloud disks are encrypted with a customer-managed KMS key, so access to the data can be revoked.',
      enforcementLevel: 'advisory',
      resourceTypes: DISKS,
      references: ['CKV_ALI_8', 'InfraGuard rule:aliyun:ecs-disk-all-encrypted-by-kms'],
      remediation: 'set kmsKeyId to a KMS key of the account',
    },
    (p) => (text(p.kmsKeyId) ? [] : ['encrypted with the service key (no kmsKeyId)']),
  ),
  resourceRule(
    {
      name: 'ecs-data-disk-outlives-instance',
      description: 'Data disks are not released with their instance, so replacing a node keeps its data.',
      enforcementLevel: 'mandatory',
      resourceTypes: [...DISKS, ECS_DISK_ATTACHMENT],
      references: [
        'platform: stateful resources keep their data through replacement',
        'InfraGuard rule:aliyun:ecs-disk-retain-auto-snapshot',
      ],
      remediation: 'set deleteWithInstance: false (and deleteAutoSnapshot: false on the disk)',
    },
    (p) => {
      const problems = isTrue(p.deleteWithInstance) ? ['deleteWithInstance is true'] : [];
      if (isTrue(p.deleteAutoSnapshot)) {
        problems.push('deleteAutoSnapshot is true');
      }
      return problems;
    },
  ),
];
