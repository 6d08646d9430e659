/**
 * The public API of `aliyun-kubesphere`. The Alibaba Cloud components (and the types and defaults
 * their props name) are at the top level; the rest is namespaced: `kubekey`, `k8s`, `devops`,
 * `offline`, `diagram` and `ci`.
 *
 * Exports are listed by name so nothing internal leaks: per-construct validators, the pure
 * settings resolvers, internal limits and patterns, and the bootstrap scripts stay reachable only
 * from their modules (where the tests import them).
 */
export { type ValidationIssue, ValidationError, Validator } from './core/validation';
export {
  type ImageMirror,
  type ImageReference,
  type ImageRewrite,
  NO_IMAGE_REWRITE,
  canonicalImage,
  imageMirrorRewrite,
  mirrorImage,
  mirrorName,
  parseImageReference,
} from './core/images';

export { Network, type NetworkNatGateway, type NetworkProps, type NetworkVSwitch } from './alicloud/network/network';
export { type INetwork, type IVSwitch } from './alicloud/network/contract';
export { DEFAULT_NAT_BANDWIDTH_MBPS, type NetworkNatGatewayProps } from './alicloud/network/nat';
export { type VSwitchPlan, type VSwitchPlanInput, planVSwitches } from './alicloud/network/plan';

export { NODE_IGNORED_CHANGES, NodePool, type NodePoolProps, type NodePoolVSwitch, type PoolNode } from './alicloud/node-pool/node-pool';
export {
  NEEDS_NODE_REPLACEMENT,
  NODE_ADDRESS_ARGS,
  NODE_REPLACEMENT_PROCEDURE,
  type NodeAddressState,
  NodeMoveError,
  type NodeMoveInput,
  nodeMoveProblem,
} from './alicloud/node-pool/moves';
export {
  DEFAULT_DATA_DISK_DELETE_WITH_INSTANCE,
  DEFAULT_DISK_CATEGORY,
  DEFAULT_SYSTEM_DISK_SIZE_GIB,
  DISK_CATEGORIES,
  type DataDiskSpec,
  type DiskCategory,
  NODE_ROLES,
  type NodeRole,
  type SystemDiskSpec,
} from './alicloud/node-pool/spec';
export {
  type AddressPlanVSwitch,
  DEFAULT_ADDRESS_OFFSET,
  type NodeAddress,
  type NodeAddressInput,
  planNodeAddresses,
} from './alicloud/node-pool/addresses';

export {
  ClusterSecurityRules,
  type ClusterSecurityRule,
  type ClusterSecurityRulesProps,
} from './alicloud/cluster-security/cluster-security';
export {
  type ClusterRuleMatrixInput,
  type ClusterRuleSpec,
  DEFAULT_OVERLAY,
  type GroupRef,
  KUBESPHERE_CONSOLE_NODE_PORT,
  type Overlay,
  type RuleSource,
  clusterRuleMatrix,
} from './alicloud/cluster-security/matrix';

export { type ApiServerBackend, ApiServerLoadBalancer, type ApiServerLoadBalancerProps } from './alicloud/apiserver-lb/apiserver-lb';
export {
  DEFAULT_ADDRESS_TYPE,
  DEFAULT_APISERVER_PORT,
  INSTANCE_CHARGE_TYPE,
  PAY_BY_SPEC_WITHDRAWN,
  type LoadBalancerAddressType,
} from './alicloud/apiserver-lb/plan';

export {
  DEFAULT_NAS_SQUASH,
  DEFAULT_NAS_STORAGE_TYPE,
  DEFAULT_RECYCLE_BIN_DAYS,
  NasAccessRules,
  type NasAccessRulesProps,
  type NasNetworkRef,
  NasStorage,
  type NasStorageProps,
  type NasVSwitchRef,
} from './alicloud/nas-storage/nas-storage';
export { NAS_SQUASH_MODES, NAS_STORAGE_TYPES, type NasSquash, type NasStorageType } from './alicloud/nas-storage/validate';

export {
  DEFAULT_ABORT_MULTIPART_UPLOAD_DAYS,
  DEFAULT_CDN_SCOPE,
  DEFAULT_CERTIFICATE_REGION,
  DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS,
  DEFAULT_REDUNDANCY_TYPE,
  DEFAULT_SSE_ALGORITHM,
  OssCdnSite,
  type OssCdnSiteProps,
  type OssEncryptionProps,
  type OssLifecycleProps,
} from './alicloud/oss-cdn-site/oss-cdn-site';
export { OssBucket, type OssBucketProps } from './alicloud/oss-bucket/oss-bucket';
export {
  CDN_SCOPES,
  type CdnScope,
  OSS_REDUNDANCY_TYPES,
  OSS_SSE_ALGORITHMS,
  type OssRedundancyType,
  type OssSseAlgorithm,
} from './alicloud/oss-cdn-site/validate';

export {
  DEFAULT_DEVTOOLS_INSTANCE_TYPE,
  DevToolsHost,
  type DevToolsHostProps,
  type DevToolsPrivateDnsProps,
  type DevToolsPrivateDnsZone,
  type DevToolsSnapshotPolicyProps,
  type DevToolsVSwitchRef,
} from './alicloud/devtools-host/devtools-host';
export { DEFAULT_DEVTOOLS_IMAGES, type DevToolsImages } from './alicloud/devtools-host/cloud-init';

export {
  type KubeSphereBootstrapProps,
  KubeSphereCluster,
  type KubeSphereClusterNode,
  type KubeSphereClusterProps,
} from './alicloud/kubesphere-cluster/kubesphere-cluster';
export { type NodeSource } from './alicloud/kubesphere-cluster/install-change';
export { DEFAULT_KUBECONFIG_REFRESH_DAYS } from './alicloud/kubesphere-cluster/kubeconfig-refresh';
export { adminPasswordIssue, sshHostKeyIssue } from './alicloud/kubesphere-cluster/access';

export {
  DEFAULT_PLATFORM_NODE_COUNT,
  KubeSpherePlatform,
  type KubeSpherePlatformNodes,
  type KubeSpherePlatformProps,
} from './alicloud/kubesphere-platform/kubesphere-platform';
export { NodeRamRole, type NodeRamRoleProps, type NodeRoleInstance } from './alicloud/node-role/node-role';
export {
  NasCsiDriver,
  type NasCsiAccessKey,
  type NasCsiDriverProps,
  type NasCsiDriverResources,
  createNasCsiDriver,
} from './alicloud/nas-csi-driver/nas-csi-driver';
export {
  DEFAULT_NAS_CSI_DRIVER_CHART_VERSION,
  NAS_CSI_CREDENTIALS,
  NAS_CSI_DRIVER_CHART,
  NAS_CSI_DRIVER_CHART_REPOSITORY,
  type NasCsiCredentials,
  type NasCsiDriverSettings,
  nasCsiDriverValues,
} from './alicloud/nas-csi-driver/plan';
export { NAS_CSI_SUBPATH_ACTIONS, type PolicyStatement, ecsTrustPolicy, permissionPolicy } from './alicloud/node-role/policy';

export {
  BackupBucket,
  type BackupBucketProps,
  DEFAULT_BACKUP_ABORT_MULTIPART_UPLOAD_DAYS,
  DEFAULT_BACKUP_NONCURRENT_VERSION_DAYS,
} from './alicloud/backup-bucket/backup-bucket';
export { BackupWriter, type BackupWriterProps } from './alicloud/backup-bucket/backup-writer';
export {
  DEFAULT_NAS_BACKUP_INTERVAL_HOURS,
  DEFAULT_NAS_BACKUP_RETENTION_DAYS,
  DEFAULT_NAS_BACKUP_START,
  NasBackup,
  type NasBackupProps,
  hbrSchedule,
} from './alicloud/nas-backup/nas-backup';
export {
  type BackupAccess,
  type BackupLifecycleDays,
  type BackupRetention,
  backupLifecycleRules,
  backupWriterStatements,
} from './alicloud/backup-bucket/documents';

export { type InstanceSize, KUBESPHERE_MIN_NODE, instanceSize } from './alicloud/instance-types';

export * as kubekey from './kubekey/public';
export * as k8s from './k8s';
export * as devops from './k8s/devops';
export * as offline from './offline';
export * as diagram from './offline/diagram';
export * as ci from './ci';
export * as policy from './policy';
