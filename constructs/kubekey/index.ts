/**
 * `aliyun-kubesphere/kubekey` (the main entry's `kubekey` namespace): the input model, the document
 * types and the pure builders of the KubeKey `Cluster` and ks-installer `ClusterConfiguration`
 * documents. Loads neither Pulumi nor cdk8s.
 *
 * The resolved model and the per-field validators are implementation details and stay inside the
 * module (its tests import them from their files).
 */
export {
  DEFAULT_KUBERNETES_VERSION,
  KUBEKEY_KUBERNETES_MINORS,
  KUBEKEY_VERSION,
  KUBESPHERE_KUBERNETES_MINORS,
  KUBESPHERE_VERSION,
  type ClusterVersions,
  type KubernetesVersion,
  type VersionCheck,
  checkKubernetesVersion,
  checkUpgrade,
  kubeKeyArchiveName,
  kubeKeyReleaseUrl,
  parseKubernetesVersion,
} from './versions';
export {
  type CalicoEncapsulationMode,
  type ComponentToggle,
  type ContainerManager,
  type ControlPlaneEndpointSettings,
  type CustomScript,
  type DevOpsSettings,
  type EtcdSettings,
  HOST_ROLES,
  MULTICLUSTER_ROLES,
  type HostRole,
  type InternalLoadbalancer,
  type KubeKeyClusterInput,
  type KubeKeyHost,
  type KubeSphereSettings,
  type KubernetesSettings,
  type LoggingBackend,
  type MulticlusterRole,
  type NetworkSettings,
  type ProxyMode,
  type RegistryAuthReference,
  type RegistrySettings,
  type SshSettings,
  type StorageSettings,
  type SystemSettings,
} from './types';
export { DEFAULT_ETCD_BACKUP_DIR, DEFAULT_SSH_PRIVATE_KEY_PATH, DEFAULT_STORAGE_CLASS, defaultInternalLoadbalancer } from './defaults';
export { KUBEKEY_SED_TOKENS, type PreparedKubeKeyInput, prepareKubeKeyInput } from './validate';
export {
  KUBEKEY_API_VERSION,
  type KubeKeyClusterDocument,
  type KubeKeyCustomScriptDocument,
  type KubeKeyHostDocument,
  type KubeKeyRegistryAuthDocument,
  buildClusterDocument,
} from './cluster';
export {
  KS_INSTALLER_API_VERSION,
  type ClusterConfigurationDocument,
  type JsonObject,
  type JsonValue,
  buildClusterConfiguration,
} from './cluster-configuration';
export { type RenderedKubeKeyDocuments, type RenderedKubeKeyFile, listSecretEnvVars, renderKubeKey, renderKubeKeyFile } from './render';
export {
  type ClusterChange,
  type ClusterChangeDetails,
  type ClusterFileAspects,
  type ClusterFileFingerprints,
  type KubeKeyFileDocuments,
  describeClusterChange,
  kubeKeyFileAspects,
  kubeKeyFileFingerprints,
  parseKubeKeyFile,
} from './changes';
export {
  CONTAINERD_ROOT,
  DEFAULT_NODE_DATA_DISK_LABEL,
  DEFAULT_NODE_DATA_DISK_MOUNT_POINT,
  DEFAULT_NODE_DATA_DISK_PATHS,
  DEFAULT_NODE_DATA_DISK_SERVICES,
  NODE_DATA_DISK_SCRIPT_NAME,
  type NodeDataDiskOptions,
  nodeDataDiskIssues,
  nodeDataDiskPreInstall,
  renderNodeDataDiskScript,
} from './node-disks';
export {
  DEFAULT_ETCD_SHIP_ON_CALENDAR,
  ETCD_BACKUP_SHIPPER_PATH,
  ETCD_RESTORE_PATH,
  type EtcdBackupShippingOptions,
  etcdBackupShippingPreInstall,
  renderEtcdRestoreScript,
  renderEtcdShipper,
} from './etcd-backup-shipping';
