// `aliyun-kubesphere/k8s` (the main entry's `k8s` namespace): the cdk8s constructs, DevOps included. Loads no
// Pulumi module and creates no cloud resource, so the Kubernetes-only path (`cdk8s synth`) runs without Pulumi.
// Everything under workload/ and logging/ is internal, except the types that public fields and constants
// expose, which are exported as types only.
export type { Labels, ResourceRequirements, SecretEnvVar, SecretKeyReference, WorkloadCommonProps } from './common';
export {
  CSI_FSTYPE_PARAMETER,
  DEFAULT_CLASS_ANNOTATION,
  DEFAULT_LOCAL_STORAGE_CLASS_NAME,
  DEFAULT_NAS_MODE,
  DEFAULT_NAS_STORAGE_CLASS_NAME,
  DEFAULT_OPENEBS_BASE_PATH,
  NAS_FS_TYPE,
  NAS_MOUNT_OPTIONS,
  NAS_PROVISIONER,
  NasStorageClass,
  type NasStorageClassProps,
  OPENEBS_LOCAL_PROVISIONER,
  OpenEbsLocalStorageClass,
  type OpenEbsLocalStorageClassProps,
  PlatformStorageClasses,
  type PlatformStorageClassesProps,
} from './storage-classes';
export {
  DEFAULT_POD_PRIORITY,
  MAX_USER_PRIORITY,
  MIN_PRIORITY,
  WorkloadPriorityClass,
  type WorkloadPriorityClassProps,
} from './priority-class';
export {
  type AllowRuleOptions,
  DEFAULT_POD_SECURITY_LEVEL,
  DEFAULT_POD_SECURITY_VERSION,
  PodSecurityLevel,
  RestrictedNamespace,
  type RestrictedNamespaceProps,
} from './namespaces';
export {
  AllowTrafficPolicy,
  type AllowTrafficPolicyProps,
  DEFAULT_DNS_NAMESPACE,
  DEFAULT_DNS_POD_LABELS,
  DEFAULT_NODE_LOCAL_DNS_IPS,
  DefaultDenyPolicy,
  type DefaultDenyPolicyProps,
  DnsEgressPolicy,
  type DnsEgressPolicyProps,
  NAMESPACE_NAME_LABEL,
  type NetworkPeer,
  type NetworkPolicyPort,
  TrafficDirection,
} from './network-policies';
export {
  SENTINEL_CLIENT_DEFAULT_PORT,
  SPRING_BOOT_CONTAINER_NAME,
  SPRING_BOOT_DEFAULT_HEAP_PERCENTAGE,
  SPRING_BOOT_DEFAULT_MAX_STARTUP_SECONDS,
  SPRING_BOOT_DEFAULT_PORT,
  SPRING_BOOT_DEFAULT_REPLICAS,
  SPRING_BOOT_DEFAULT_RESOURCES,
  SPRING_BOOT_DEFAULT_SCRAPE_INTERVAL,
  SPRING_BOOT_DEFAULT_TARGET_CPU_PERCENT,
  SPRING_BOOT_DEFAULT_UID,
  SPRING_CONFIG_DIR,
  SpringBootService,
  type SpringBootServiceProps,
} from './spring-boot-service';
export { synthCharts } from './synth';
export { CDK8S_YAML_OPTIONS, type YamlWriteOptions, fastYaml, manifestYaml } from './manifest-yaml';
export {
  type ConfigTree,
  checkJvmSizing,
  deepMerge,
  jvmOptions,
  renderApplicationYaml,
  type SpringApplicationConfig,
} from './spring-boot-config';
export {
  DEFAULT_EPHEMERAL_STORAGE_LIMIT,
  DEFAULT_EPHEMERAL_STORAGE_REQUEST,
  type ResolvedResources,
  parseCpuMillis,
  parseMemoryMiB,
} from './workload/quantities';
export type { StatefulWorkload } from './workload/stateful-workload';
export type { NacosAdminBootstrap } from './middleware/nacos-bootstrap';
export { DEFAULT_CLUSTER_DOMAIN, type MiddlewareProps } from './middleware/middleware-props';
export {
  type DeployedAddOn,
  type MiddlewareAddOn,
  type MiddlewareTable,
  type SecretData,
  type SecretKeySource,
  configSecretNames,
  deployedAddOns,
} from './middleware/add-on';
export {
  MYSQL_CLIENT_PORTS,
  MYSQL_DEFAULT_MAX_CONNECTIONS,
  MYSQL_DEFAULT_RESOURCES,
  MYSQL_DEFAULT_STORAGE_SIZE,
  MYSQL_IMAGE,
  MYSQL_PORT,
  MYSQL_SECRET_KEYS,
  MYSQL_UID,
  MySql,
  type MySqlProps,
} from './middleware/mysql';
export {
  BACKUP_STORE_SECRET_KEYS,
  type BackupDestination,
  DEFAULT_MYSQL_BACKUP_DUMP_STORAGE,
  DEFAULT_MYSQL_BACKUP_RESOURCES,
  DEFAULT_OBJECT_STORE_CIDRS,
  MySqlBackup,
  type MySqlBackupProps,
  RCLONE_IMAGE,
} from './backup/mysql-backup';
export { MYSQL_BACKUP_ENV, MYSQL_SYSTEM_SCHEMAS, renderMysqlBackupScript } from './backup/mysql-backup-script';
export { MYSQL_DATABASES_SCRIPT, MYSQL_INITDB_DIR, type MySqlDatabase, renderDatabasesScript } from './middleware/mysql-init';
export {
  REDIS_AUTH_FILE,
  REDIS_AUTH_SCRIPT,
  REDIS_CLIENT_PORTS,
  REDIS_DEFAULT_MAXMEMORY_POLICY,
  REDIS_DEFAULT_RESOURCES,
  REDIS_DEFAULT_STORAGE_SIZE,
  REDIS_IMAGE,
  REDIS_PORT,
  REDIS_SECRET_KEYS,
  REDIS_UID,
  Redis,
  type RedisProps,
} from './middleware/redis';
export {
  RABBITMQ_AMQP_PORT,
  RABBITMQ_CLIENT_PORTS,
  RABBITMQ_DEFAULT_RESOURCES,
  RABBITMQ_DEFAULT_STORAGE_SIZE,
  RABBITMQ_IMAGE,
  RABBITMQ_MANAGEMENT_PORT,
  RABBITMQ_PROMETHEUS_PORT,
  RABBITMQ_SECRET_KEYS,
  RABBITMQ_UID,
  RabbitMq,
  type RabbitMqProps,
} from './middleware/rabbitmq';
export {
  NACOS_CLIENT_PORTS,
  NACOS_CLIENT_RPC_PORT,
  NACOS_CLUSTER_DEFAULT_REPLICAS,
  NACOS_DEFAULT_MYSQL_DATABASE,
  NACOS_DEFAULT_MYSQL_USER,
  NACOS_DEFAULT_RESOURCES,
  NACOS_DEFAULT_STORAGE_SIZE,
  NACOS_HTTP_PORT,
  NACOS_IMAGE,
  NACOS_MYSQL_DB_PARAMS,
  NACOS_RAFT_PORT,
  NACOS_RAFT_RPC_PORT,
  NACOS_SECRET_KEYS,
  NACOS_UID,
  Nacos,
  NacosMode,
  type NacosMysqlProps,
  type NacosProps,
} from './middleware/nacos';
export {
  NACOS_ADMIN_USER,
  NACOS_BOOTSTRAP_DEFAULT_RESOURCES,
  NACOS_BOOTSTRAP_IMAGE,
  NACOS_DEFAULT_ADMIN_PASSWORD,
  type NacosAdminBootstrapProps,
  nacosBootstrapScript,
} from './middleware/nacos-bootstrap';
export { NACOS_MYSQL_SCHEMA_SOURCE, NACOS_MYSQL_TABLES, nacosMysqlSchema } from './middleware/nacos-mysql-schema';
export {
  SENTINEL_DASHBOARD_CLIENT_PORTS,
  SENTINEL_DASHBOARD_DEFAULT_RESOURCES,
  SENTINEL_DASHBOARD_IMAGE,
  SENTINEL_DASHBOARD_PORT,
  SENTINEL_DASHBOARD_SECRET_KEYS,
  SENTINEL_DASHBOARD_UID,
  SentinelDashboard,
  type SentinelDashboardProps,
} from './middleware/sentinel-dashboard';
export {
  EMQX_CLIENT_PORTS,
  EMQX_DASHBOARD_PORT,
  EMQX_DEFAULT_RESOURCES,
  EMQX_DEFAULT_STORAGE_SIZE,
  EMQX_IMAGE,
  EMQX_MQTT_PORT,
  EMQX_SECRET_KEYS,
  EMQX_UID,
  EMQX_WS_PORT,
  Emqx,
  type EmqxProps,
} from './middleware/emqx';
export { LogPipeline, type LogPipelineProps } from './log-pipeline';
export {
  ELASTICSEARCH_IMAGE,
  ELASTICSEARCH_SECRET_KEYS,
  ELASTIC_STACK_VERSION,
  KIBANA_IMAGE,
  LOGSTASH_DEFAULT_PORT,
  LOGSTASH_IMAGE,
} from './logging/elastic-stack';
export {
  type MonitoringLabelSelector,
  type MonitoringSecretKeySelector,
  type PrometheusDuration,
  PrometheusRule,
  type PrometheusRuleGroup,
  type PrometheusRuleProps,
  type PrometheusRuleRule,
  type RelabelConfig,
  ServiceMonitor,
  type ServiceMonitorEndpoint,
  type ServiceMonitorProps,
  type ServiceMonitorSpec,
} from './imports/monitoring.coreos.com';
export * from './devops';
