/**
 * The `logging` chart: the business-log pipeline (Logstash → Elasticsearch → Kibana) that the
 * services ship their JSON log lines to. KubeSphere keeps cluster and container logs in its own
 * store; this one is for API business logs only (seed).
 */
import { Chart } from 'cdk8s';
import { ELASTICSEARCH_SECRET_KEYS, LOGSTASH_DEFAULT_PORT, LogPipeline } from '../../constructs/k8s';
import type { ImageRewrite } from '../../constructs/core';
import { LoggingSpec, NamespacesSpec } from '../config/workloads';
import {
  ELASTICSEARCH_CREDENTIALS_SECRET,
  KUBESPHERE_GATEWAY_NAMESPACE,
  LOG_PIPELINE_NAME,
  PRIORITY_CLASSES,
  SecretRequirement,
  serviceHost,
} from './names';

export interface LoggingChartProps {
  readonly logging: LoggingSpec;
  readonly namespaces: NamespacesSpec;
  readonly storageClassName: string;
  /** Label of the preview namespaces whose services may send logs too. @default - none admitted */
  readonly previewNamespaceLabel?: string;
  /** Where the pipeline's images are pulled from. @default - as pinned */
  readonly imageRewrite?: ImageRewrite;
}

/** Logstash's `host:port` as this chart creates it, for clients outside the stack's build (preview namespaces). */
export function logstashDestination(namespaces: NamespacesSpec): string {
  return `${serviceHost(`${LOG_PIPELINE_NAME}-logstash`, namespaces.logging)}:${LOGSTASH_DEFAULT_PORT}`;
}

export function addLoggingChart(chart: Chart, p: LoggingChartProps): { logstashDestination: string; secrets: SecretRequirement[] } {
  const l = p.logging;
  const es = l.elasticsearch;
  const authenticated = es?.username !== undefined;
  const pipeline = new LogPipeline(chart, LOG_PIPELINE_NAME, {
    name: LOG_PIPELINE_NAME,
    priorityClassName: PRIORITY_CLASSES.platform.name,
    indexPrefix: l.indexPrefix,
    logstashReplicas: l.logstash?.replicas,
    logstashResources: l.logstash?.resources,
    logstashClientNamespaces: [p.namespaces.apps],
    logstashClientPeers: p.previewNamespaceLabel !== undefined ? [{ namespaceLabel: p.previewNamespaceLabel }] : undefined,
    externalElasticsearchUrl: es?.externalUrl,
    elasticsearchCredentialsSecretName: authenticated ? ELASTICSEARCH_CREDENTIALS_SECRET : undefined,
    elasticsearchReplicas: es?.replicas,
    elasticsearchResources: es?.resources,
    elasticsearchStorageClassName: p.storageClassName,
    elasticsearchStorageSize: es?.storageSize,
    kibana: l.kibana?.enabled ?? true,
    kibanaResources: l.kibana?.resources,
    // People open Kibana through the KubeSphere gateway.
    kibanaClientNamespaces: [KUBESPHERE_GATEWAY_NAMESPACE],
    imageRewrite: p.imageRewrite,
  });
  const secrets: SecretRequirement[] = authenticated
    ? [
        {
          name: ELASTICSEARCH_CREDENTIALS_SECRET,
          namespace: p.namespaces.logging,
          data: {
            [ELASTICSEARCH_SECRET_KEYS.username]: { value: es?.username ?? '' },
            [ELASTICSEARCH_SECRET_KEYS.password]: { fromConfig: 'elasticsearchPassword' },
          },
        },
      ]
    : [];
  return { logstashDestination: pipeline.logstashDestination, secrets };
}
