/**
 * The Alibaba Cloud module: the Pulumi components and the types and defaults their props name, and
 * (from `./plan`) their pure planning and validation. The main entry exports all of it at the top level.
 */
export { Network, type NetworkNatGateway, type NetworkProps, type NetworkVSwitch } from './network/network';
export { type INetwork, type IVSwitch } from './network/contract';
export { NODE_IGNORED_CHANGES, NodePool, type NodePoolProps, type NodePoolVSwitch, type PoolNode } from './node-pool/node-pool';
export { ClusterSecurityRules, type ClusterSecurityRule, type ClusterSecurityRulesProps } from './cluster-security/cluster-security';
export { type ApiServerBackend, ApiServerLoadBalancer, type ApiServerLoadBalancerProps } from './apiserver-lb/apiserver-lb';
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
} from './nas-storage/nas-storage';
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
} from './oss-cdn-site/oss-cdn-site';
export { OssBucket, type OssBucketProps } from './oss-bucket/oss-bucket';
export { PrivateBucketComponent } from './oss-bucket/private-bucket-component';
export {
  DevToolsHost,
  type DevToolsHostProps,
  type DevToolsPrivateDnsProps,
  type DevToolsPrivateDnsZone,
  type DevToolsSnapshotPolicyProps,
  type DevToolsVSwitchRef,
} from './devtools-host/devtools-host';
export {
  type KubeSphereBootstrapProps,
  KubeSphereCluster,
  type KubeSphereClusterNode,
  type KubeSphereClusterProps,
} from './kubesphere-cluster/kubesphere-cluster';
export {
  DEFAULT_PLATFORM_NODE_COUNT,
  KubeSpherePlatform,
  type KubeSpherePlatformNodes,
  type KubeSpherePlatformProps,
} from './kubesphere-platform/kubesphere-platform';
export { NodeRamRole, type NodeRamRoleProps, type NodeRoleInstance } from './node-role/node-role';
export {
  NasCsiDriver,
  type NasCsiAccessKey,
  type NasCsiDriverProps,
  type NasCsiDriverResources,
  createNasCsiDriver,
} from './nas-csi-driver/nas-csi-driver';
export {
  BackupBucket,
  type BackupBucketProps,
  DEFAULT_BACKUP_ABORT_MULTIPART_UPLOAD_DAYS,
  DEFAULT_BACKUP_NONCURRENT_VERSION_DAYS,
} from './backup-bucket/backup-bucket';
export { BackupWriter, type BackupWriterProps } from './backup-bucket/backup-writer';
export {
  DEFAULT_NAS_BACKUP_INTERVAL_HOURS,
  DEFAULT_NAS_BACKUP_RETENTION_DAYS,
  DEFAULT_NAS_BACKUP_START,
  NasBackup,
  type NasBackupProps,
  hbrSchedule,
} from './nas-backup/nas-backup';
export {
  type BackupAccess,
  type BackupLifecycleDays,
  type BackupRetention,
  backupLifecycleRules,
  backupWriterStatements,
} from './backup-bucket/documents';

export * from './plan';
