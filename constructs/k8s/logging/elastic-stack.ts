/**
 * Pinned Elastic Stack images and the defaults shared by the log-pipeline parts. Logstash, Elasticsearch and
 * Kibana must run the same version.
 */
import { ResolvedResources } from '../workload/quantities';

/**
 * Elastic Stack 8.14.3, one pinned patch release for all three images: Kibana refuses to start against an
 * Elasticsearch of another version, and Logstash's output plugin is tested against the same release.
 */
export const ELASTIC_STACK_VERSION = '8.14.3';
/** Official Elasticsearch image from Elastic's registry at {@link ELASTIC_STACK_VERSION}. */
export const ELASTICSEARCH_IMAGE: `docker.elastic.co/elasticsearch/elasticsearch:${typeof ELASTIC_STACK_VERSION}` = `docker.elastic.co/elasticsearch/elasticsearch:${ELASTIC_STACK_VERSION}`;
/** Official Logstash image from Elastic's registry at {@link ELASTIC_STACK_VERSION}. */
export const LOGSTASH_IMAGE: `docker.elastic.co/logstash/logstash:${typeof ELASTIC_STACK_VERSION}` = `docker.elastic.co/logstash/logstash:${ELASTIC_STACK_VERSION}`;
/** Official Kibana image from Elastic's registry at {@link ELASTIC_STACK_VERSION}. */
export const KIBANA_IMAGE: `docker.elastic.co/kibana/kibana:${typeof ELASTIC_STACK_VERSION}` = `docker.elastic.co/kibana/kibana:${ELASTIC_STACK_VERSION}`;
/** The user all three official images run as. */
export const ELASTIC_UID = 1000;
export const ELASTICSEARCH_HTTP_PORT = 9200;
export const ELASTICSEARCH_TRANSPORT_PORT = 9300;
export const KIBANA_PORT = 5601;
export const LOGSTASH_API_PORT = 9600;
/** TCP JSON-lines input (logstash-logback-encoder's LogstashTcpSocketAppender). */
export const LOGSTASH_DEFAULT_PORT = 5044;
export const LOG_PIPELINE_DEFAULT_INDEX_PREFIX = 'business-logs';
export const ELASTICSEARCH_DEFAULT_STORAGE_SIZE = '50Gi';
export const LOGSTASH_DEFAULT_REPLICAS = 2;

export const ELASTICSEARCH_DEFAULT_RESOURCES: ResolvedResources = {
  cpuRequest: '500m',
  cpuLimit: '2',
  memoryRequest: '4Gi',
  memoryLimit: '4Gi',
};
export const LOGSTASH_DEFAULT_RESOURCES: ResolvedResources = {
  cpuRequest: '250m',
  cpuLimit: '1',
  memoryRequest: '1536Mi',
  memoryLimit: '1536Mi',
};
export const KIBANA_DEFAULT_RESOURCES: ResolvedResources = {
  cpuRequest: '250m',
  cpuLimit: '1',
  memoryRequest: '1Gi',
  memoryLimit: '1Gi',
};
/** Keys of the optional Secret with credentials for an external Elasticsearch. */
export const ELASTICSEARCH_SECRET_KEYS = {
  /** User Logstash and Kibana authenticate as (HTTP basic auth). */
  username: 'username',
  /** Its password. */
  password: 'password',
} as const;

/** Half the memory limit for the JVM heap, the rest for Lucene's file cache / off-heap buffers. */
export function halfHeapMiB(memoryLimitMiB: number): number {
  return Math.max(256, Math.floor(memoryLimitMiB / 2));
}
