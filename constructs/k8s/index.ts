// `aliyun-kubesphere/k8s` (the main entry's `k8s` namespace): the cdk8s constructs, DevOps included. Loads no
// Pulumi module and creates no cloud resource, so the Kubernetes-only path (`cdk8s synth`) runs without Pulumi.
// Everything under workload/ and logging/ is internal, except the types that public fields and constants
// expose, which are exported as types only.
export * from './common';
export * from './storage-classes';
export * from './priority-class';
export * from './namespaces';
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
export * from './spring-boot-service';
export { synthCharts } from './synth';
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
export * from './middleware/add-on';
export * from './middleware/mysql';
export * from './backup/mysql-backup';
export { MYSQL_BACKUP_ENV, MYSQL_SYSTEM_SCHEMAS, renderMysqlBackupScript } from './backup/mysql-backup-script';
export { MYSQL_DATABASES_SCRIPT, MYSQL_INITDB_DIR, type MySqlDatabase, renderDatabasesScript } from './middleware/mysql-init';
export * from './middleware/redis';
export * from './middleware/rabbitmq';
export * from './middleware/nacos';
export {
  NACOS_ADMIN_USER,
  NACOS_BOOTSTRAP_DEFAULT_RESOURCES,
  NACOS_BOOTSTRAP_IMAGE,
  NACOS_DEFAULT_ADMIN_PASSWORD,
  type NacosAdminBootstrapProps,
  nacosBootstrapScript,
} from './middleware/nacos-bootstrap';
export { NACOS_MYSQL_SCHEMA_SOURCE, NACOS_MYSQL_TABLES, nacosMysqlSchema } from './middleware/nacos-mysql-schema';
export * from './middleware/sentinel-dashboard';
export * from './middleware/emqx';
export * from './log-pipeline';
export {
  ELASTICSEARCH_IMAGE,
  ELASTICSEARCH_SECRET_KEYS,
  ELASTIC_STACK_VERSION,
  KIBANA_IMAGE,
  LOGSTASH_DEFAULT_PORT,
  LOGSTASH_IMAGE,
} from './logging/elastic-stack';
export * from './imports/monitoring.coreos.com';
export * from './devops';
