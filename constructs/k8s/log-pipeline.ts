import { Construct } from 'constructs';
import { ImageRewrite, NO_IMAGE_REWRITE, Validator } from '../core';
import { Labels, ResourceRequirements } from './common';
import { checkImage } from './workload/image';
import { checkCount, checkName, checkObjectName, checkPort } from './workload/names';
import { parseMemoryMiB, resolveResources } from './workload/quantities';
import {
  ELASTICSEARCH_DEFAULT_RESOURCES,
  ELASTICSEARCH_DEFAULT_STORAGE_SIZE,
  ELASTICSEARCH_HTTP_PORT,
  ELASTICSEARCH_IMAGE,
  KIBANA_DEFAULT_RESOURCES,
  KIBANA_IMAGE,
  KIBANA_PORT,
  LOGSTASH_DEFAULT_PORT,
  LOGSTASH_DEFAULT_REPLICAS,
  LOGSTASH_DEFAULT_RESOURCES,
  LOGSTASH_IMAGE,
  LOG_PIPELINE_DEFAULT_INDEX_PREFIX,
} from './logging/elastic-stack';
import { ElasticsearchWorkload } from './logging/elasticsearch';
import { KibanaWorkload } from './logging/kibana';
import { LogstashWorkload } from './logging/logstash';
import { DEFAULT_CLUSTER_DOMAIN, checkQuorumReplicas } from './middleware/middleware-props';
import { AllowTrafficPolicy, NetworkPeer, TrafficDirection, effectiveNamespace } from './network-policies';
import { DEFAULT_NAS_STORAGE_CLASS_NAME } from './storage-classes';

const URL_PATTERN = /^https?:\/\/[a-z0-9.-]+(:(?<port>\d{1,5}))?\/?$/;

/** Props of {@link LogPipeline}. */
export interface LogPipelineProps {
  /** Prefix of every object name (`<name>-logstash`, `<name>-elasticsearch`, `<name>-kibana`). @default - the construct id */
  readonly name?: string;
  /** @default - the chart's namespace */
  readonly namespace?: string;
  /** Extra labels on every object. @default - none */
  readonly labels?: Labels;
  /** PriorityClass of every pod (Logstash, Elasticsearch, Kibana). @default - none (priority 0) */
  readonly priorityClassName?: string;
  /** Logstash TCP JSON-lines input port. @default LOGSTASH_DEFAULT_PORT (5044) */
  readonly logstashPort?: number;
  /** @default LOGSTASH_DEFAULT_REPLICAS (2) */
  readonly logstashReplicas?: number;
  /** @default LOGSTASH_IMAGE */
  readonly logstashImage?: string;
  /** @default LOGSTASH_DEFAULT_RESOURCES (cpu 250m/1, memory 1536Mi/1536Mi) */
  readonly logstashResources?: ResourceRequirements;
  /** Namespaces whose pods may send logs; the pipeline's own namespace is always allowed. @default - none besides its own */
  readonly logstashClientNamespaces?: readonly string[];
  /** Further peers that may send logs, e.g. namespaces selected by label rather than by name. @default - none */
  readonly logstashClientPeers?: readonly NetworkPeer[];
  /** Index name prefix; a daily suffix is added. @default LOG_PIPELINE_DEFAULT_INDEX_PREFIX ('business-logs') */
  readonly indexPrefix?: string;
  /** Use this Elasticsearch (`http(s)://host:port`) instead of creating one. @default - an in-cluster Elasticsearch */
  readonly externalElasticsearchUrl?: string;
  /** Secret with `username`/`password` for the external Elasticsearch. @default - no authentication */
  readonly elasticsearchCredentialsSecretName?: string;
  /** 1 runs single-node discovery; 3 or more form a cluster. @default 1 */
  readonly elasticsearchReplicas?: number;
  /** @default ELASTICSEARCH_IMAGE */
  readonly elasticsearchImage?: string;
  /** @default ELASTICSEARCH_DEFAULT_RESOURCES (cpu 500m/2, memory 4Gi/4Gi) */
  readonly elasticsearchResources?: ResourceRequirements;
  /** @default DEFAULT_NAS_STORAGE_CLASS_NAME ('alicloud-nas') */
  readonly elasticsearchStorageClassName?: string;
  /** @default ELASTICSEARCH_DEFAULT_STORAGE_SIZE ('50Gi') */
  readonly elasticsearchStorageSize?: string;
  /** Create Kibana. @default true */
  readonly kibana?: boolean;
  /** @default KIBANA_IMAGE */
  readonly kibanaImage?: string;
  /** @default KIBANA_DEFAULT_RESOURCES (cpu 250m/1, memory 1Gi/1Gi) */
  readonly kibanaResources?: ResourceRequirements;
  /** Namespaces whose pods (e.g. an ingress gateway) may open Kibana. @default - none besides its own */
  readonly kibanaClientNamespaces?: readonly string[];
  /** @default DEFAULT_CLUSTER_DOMAIN ('cluster.local') */
  readonly clusterDomain?: string;
  /**
   * Maps each image reference to the one the pods pull (Logstash, Elasticsearch and its init
   * container, Kibana), e.g. `imageMirrorRewrite(mirror)` for a registry mirror.
   * @default NO_IMAGE_REWRITE (images as given)
   */
  readonly imageRewrite?: ImageRewrite;
}

/**
 * Business-log pipeline: services send JSON lines over TCP to Logstash, which indexes them into Elasticsearch
 * (in-cluster or external); Kibana reads them. NetworkPolicies open exactly those paths. The in-cluster
 * Elasticsearch runs without X-Pack security: only Logstash and Kibana can reach it.
 */
export class LogPipeline extends Construct {
  /** `host:port` of the Logstash input, for {@link SpringBootServiceProps.logstashDestination}. */
  public readonly logstashDestination: string;
  /** `http(s)://host:port` Logstash and Kibana use: `externalElasticsearchUrl`, or the in-cluster Elasticsearch Service. */
  public readonly elasticsearchUrl: string;
  /** Secrets this construct reads (the external Elasticsearch credentials, if any), created by the caller. */
  public readonly secretNames: readonly string[];

  constructor(scope: Construct, id: string, props: LogPipelineProps = {}) {
    super(scope, id);
    const name = props.name ?? id;
    const port = props.logstashPort ?? LOGSTASH_DEFAULT_PORT;
    const lsReplicas = props.logstashReplicas ?? LOGSTASH_DEFAULT_REPLICAS;
    const esReplicas = props.elasticsearchReplicas ?? 1;
    const indexPrefix = props.indexPrefix ?? LOG_PIPELINE_DEFAULT_INDEX_PREFIX;
    const lsImage = props.logstashImage ?? LOGSTASH_IMAGE;
    const esImage = props.elasticsearchImage ?? ELASTICSEARCH_IMAGE;
    const kbImage = props.kibanaImage ?? KIBANA_IMAGE;
    const external = props.externalElasticsearchUrl;
    const namespace = effectiveNamespace(this, props.namespace);
    const domain = props.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN;

    const v = new Validator();
    checkName(v, 'name', `${name}-elasticsearch`);
    if (props.priorityClassName !== undefined) checkObjectName(v, 'priorityClassName', props.priorityClassName);
    checkPort(v, 'logstashPort', port);
    checkCount(v, 'logstashReplicas', lsReplicas, 1);
    checkCount(v, 'elasticsearchReplicas', esReplicas, 1);
    checkQuorumReplicas(v, esReplicas);
    checkImage(v, 'logstashImage', lsImage);
    checkImage(v, 'elasticsearchImage', esImage);
    checkImage(v, 'kibanaImage', kbImage);
    const pulled = props.imageRewrite ?? NO_IMAGE_REWRITE;
    if (!/^[a-z0-9][a-z0-9_-]*$/.test(indexPrefix)) v.add('indexPrefix', indexPrefix, 'must be lowercase letters, digits, - or _');
    let externalPort: number | undefined;
    if (external !== undefined) {
      const m = URL_PATTERN.exec(external);
      if (!m) v.add('externalElasticsearchUrl', external, 'must be http(s)://host[:port]');
      externalPort = m?.groups?.port ? Number(m.groups.port) : external.startsWith('https') ? 443 : 80;
    } else if (props.elasticsearchCredentialsSecretName !== undefined) {
      v.add('elasticsearchCredentialsSecretName', props.elasticsearchCredentialsSecretName, 'only applies with externalElasticsearchUrl');
    }
    if (props.elasticsearchCredentialsSecretName !== undefined) {
      checkObjectName(v, 'elasticsearchCredentialsSecretName', props.elasticsearchCredentialsSecretName);
    }
    const lsRes = resolveResources(v, 'logstashResources', props.logstashResources, LOGSTASH_DEFAULT_RESOURCES);
    const esRes = resolveResources(v, 'elasticsearchResources', props.elasticsearchResources, ELASTICSEARCH_DEFAULT_RESOURCES);
    const kbRes = resolveResources(v, 'kibanaResources', props.kibanaResources, KIBANA_DEFAULT_RESOURCES);
    const storageClassName = props.elasticsearchStorageClassName ?? DEFAULT_NAS_STORAGE_CLASS_NAME;
    checkObjectName(v, 'elasticsearchStorageClassName', storageClassName);
    v.throwIfAny(`Invalid LogPipeline props (${this.node.path})`);

    const esName = `${name}-elasticsearch`;
    const lsName = `${name}-logstash`;
    const kbName = `${name}-kibana`;
    this.elasticsearchUrl = external ?? `http://${esName}:${ELASTICSEARCH_HTTP_PORT}`;
    const lsHost = namespace !== undefined ? `${lsName}.${namespace}.svc.${domain}` : lsName;
    this.logstashDestination = `${lsHost}:${port}`;
    this.secretNames = props.elasticsearchCredentialsSecretName ? [props.elasticsearchCredentialsSecretName] : [];
    const common = {
      namespace: props.namespace,
      labels: props.labels,
      priorityClassName: props.priorityClassName,
      credentialsSecretName: props.elasticsearchCredentialsSecretName,
    };

    const logstash = new LogstashWorkload(this, 'Logstash', {
      ...common,
      name: lsName,
      image: pulled(lsImage),
      replicas: lsReplicas,
      resources: lsRes,
      memoryLimitMiB: parseMemoryMiB(lsRes.memoryLimit) ?? 0,
      port,
      elasticsearchUrl: this.elasticsearchUrl,
      indexPrefix,
    });
    const lsPods = logstash.workload.selectorLabels;
    const kibana =
      (props.kibana ?? true)
        ? new KibanaWorkload(this, 'Kibana', {
            ...common,
            name: kbName,
            image: pulled(kbImage),
            resources: kbRes,
            memoryLimitMiB: parseMemoryMiB(kbRes.memoryLimit) ?? 0,
            elasticsearchUrl: this.elasticsearchUrl,
          })
        : undefined;

    const allow = (pid: string, podLabels: Labels, direction: TrafficDirection, peers: NetworkPeer[], ports: number[]) =>
      new AllowTrafficPolicy(this, pid, {
        namespace: props.namespace,
        name: `${name}-${pid.toLowerCase()}`,
        podLabels,
        direction,
        peers,
        ports: ports.map((p) => ({ port: p })),
      });
    const clientPeers = (namespaces: readonly string[] | undefined, extra: readonly NetworkPeer[] = []): NetworkPeer[] => [
      { podLabels: {} },
      ...(namespaces ?? []).map((ns) => ({ namespace: ns })),
      ...extra,
    ];
    allow('logstash-ingress', lsPods, TrafficDirection.INGRESS, clientPeers(props.logstashClientNamespaces, props.logstashClientPeers), [
      port,
    ]);
    if (kibana) {
      const kbPods = kibana.workload.selectorLabels;
      allow('kibana-ingress', kbPods, TrafficDirection.INGRESS, clientPeers(props.kibanaClientNamespaces), [KIBANA_PORT]);
    }

    if (external !== undefined) {
      // An external endpoint is known by name only, so egress is opened by port alone.
      const anywhere = [{ cidr: '0.0.0.0/0' }];
      allow('logstash-egress', lsPods, TrafficDirection.EGRESS, anywhere, [externalPort ?? 443]);
      if (kibana) allow('kibana-egress', kibana.workload.selectorLabels, TrafficDirection.EGRESS, anywhere, [externalPort ?? 443]);
      return;
    }
    const es = new ElasticsearchWorkload(this, 'Elasticsearch', {
      namespace: props.namespace,
      labels: props.labels,
      priorityClassName: props.priorityClassName,
      name: esName,
      image: pulled(esImage),
      replicas: esReplicas,
      resources: esRes,
      memoryLimitMiB: parseMemoryMiB(esRes.memoryLimit) ?? 0,
      storageClassName,
      storageSize: props.elasticsearchStorageSize ?? ELASTICSEARCH_DEFAULT_STORAGE_SIZE,
    });
    const esPods = es.workload.selectorLabels;
    const esClients: NetworkPeer[] = [{ podLabels: lsPods }, ...(kibana ? [{ podLabels: kibana.workload.selectorLabels }] : [])];
    allow('elasticsearch-ingress', esPods, TrafficDirection.INGRESS, esClients, [ELASTICSEARCH_HTTP_PORT]);
    allow('logstash-egress', lsPods, TrafficDirection.EGRESS, [{ podLabels: esPods }], [ELASTICSEARCH_HTTP_PORT]);
    if (kibana) {
      allow('kibana-egress', kibana.workload.selectorLabels, TrafficDirection.EGRESS, [{ podLabels: esPods }], [ELASTICSEARCH_HTTP_PORT]);
    }
  }
}
