/**
 * `aliyun-kubesphere/alicloud/plan`: the Alibaba Cloud components' pure planning and validation,
 * without the components: network and node-address plans, the cluster security matrix, instance
 * sizes, disk, NAS, OSS and load-balancer choices, the dev-tools host's checks, the NAS CSI driver's
 * chart values, and the RAM policy documents. Loads no Pulumi module, so a config layer or
 * the Kubernetes-only path can check a description before any resource exists. The main entry
 * re-exports all of it next to the components.
 */
export { type VSwitchPlan, type VSwitchPlanInput, planVSwitches } from '../network/plan';
export {
  DEFAULT_NAT_BANDWIDTH_MBPS,
  NAT_BANDWIDTH_RANGE,
  type NetworkNatGatewayProps,
  type ResolvedNatGateway,
  resolveNatGateway,
} from '../network/nat';
export {
  type AddressPlanVSwitch,
  DEFAULT_ADDRESS_OFFSET,
  type NodeAddress,
  type NodeAddressInput,
  planNodeAddresses,
} from '../node-pool/addresses';
export {
  NEEDS_NODE_REPLACEMENT,
  NODE_ADDRESS_ARGS,
  NODE_REPLACEMENT_PROCEDURE,
  type NodeAddressState,
  NodeMoveError,
  type NodeMoveInput,
  nodeMoveProblem,
  unknownReplaceNodes,
} from '../node-pool/moves';
export {
  DATA_DISK_SIZE_RANGE,
  DEFAULT_DATA_DISK_DELETE_WITH_INSTANCE,
  DEFAULT_DISK_CATEGORY,
  DEFAULT_SYSTEM_DISK_SIZE_GIB,
  DISK_CATEGORIES,
  type DataDiskSpec,
  type DiskCategory,
  NODE_ROLES,
  type NodeRole,
  type NodePoolSpecInput,
  type ResolvedDisks,
  SYSTEM_DISK_SIZE_RANGE,
  type SystemDiskSpec,
  ZONE_LABEL,
  resolveNodePoolSpec,
} from '../node-pool/spec';
export { type InstanceSize, KUBESPHERE_MIN_NODE, instanceSize } from '../instance-types';
export {
  type ClusterRuleMatrixInput,
  type ClusterRuleSpec,
  DEFAULT_OVERLAY,
  type GroupRef,
  KUBESPHERE_CONSOLE_NODE_PORT,
  type Overlay,
  type RuleSource,
  SLB_BACKEND_CIDR,
  clusterRuleMatrix,
} from '../cluster-security/matrix';
export { MIN_CLIENT_PREFIX_LENGTH, checkClientCidrs } from '../cluster-security/client-cidrs';
export {
  DEFAULT_ADDRESS_TYPE,
  DEFAULT_APISERVER_PORT,
  type ApiServerLbInput,
  type ApiServerLbSettings,
  type BackendNodeInfo,
  INSTANCE_CHARGE_TYPE,
  LOAD_BALANCER_ADDRESS_TYPES,
  type LoadBalancerAddressType,
  PAY_BY_SPEC_WITHDRAWN,
  resolveApiServerLb,
} from '../apiserver-lb/plan';
export { NAS_SQUASH_MODES, NAS_STORAGE_TYPES, type NasSquash, type NasStorageType } from '../nas-storage/validate';
export { nasMountTargetName } from '../nas-storage/names';
export {
  CDN_SCOPES,
  type CdnScope,
  OSS_REDUNDANCY_TYPES,
  OSS_SSE_ALGORITHMS,
  bucketNameProblem,
  type OssRedundancyType,
  type OssSseAlgorithm,
} from '../oss-cdn-site/validate';
export {
  DEFAULT_DEVTOOLS_INSTANCE_TYPE,
  DEFAULT_EIP_BANDWIDTH_MBPS as DEFAULT_DEVTOOLS_EIP_BANDWIDTH_MBPS,
  DEFAULT_GIT_SSH_PORT as DEFAULT_DEVTOOLS_GIT_SSH_PORT,
  DEFAULT_SYSTEM_DISK_GIB as DEFAULT_DEVTOOLS_SYSTEM_DISK_GIB,
  DEFAULT_TIMEZONE as DEFAULT_DEVTOOLS_TIMEZONE,
} from '../devtools-host/defaults';
export {
  DEFAULT_DEVTOOLS_IMAGES,
  type DevToolsCloudInitOptions,
  type DevToolsImages,
  devToolsCloudInitIssues,
} from '../devtools-host/cloud-init';
export { type DevToolsHostValidationInput, devToolsHostIssues } from '../devtools-host/validate';
export { adminPasswordIssue, sshHostKeyIssue } from '../kubesphere-cluster/access';
export { BOOTSTRAP_USER } from '../kubesphere-cluster/scripts';
export { type NodeSource } from '../kubesphere-cluster/install-change';
export { DEFAULT_KUBECONFIG_REFRESH_DAYS } from '../kubesphere-cluster/kubeconfig-refresh';
export {
  DEFAULT_NAS_CSI_DRIVER_CHART_VERSION,
  NAS_CSI_CREDENTIALS,
  NAS_CSI_DRIVER_CHART,
  NAS_CSI_DRIVER_CHART_REPOSITORY,
  NAS_CSI_DRIVER_RELEASE_NAME,
  type NasCsiCredentials,
  type NasCsiDriverSettings,
  nasCsiDriverValues,
} from '../nas-csi-driver/plan';
export { NAS_CSI_SUBPATH_ACTIONS, type PolicyStatement, ecsTrustPolicy, permissionPolicy } from '../node-role/policy';
