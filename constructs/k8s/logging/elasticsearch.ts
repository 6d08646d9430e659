import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { ContainerSpec, httpProbe, plainEnv, podIdentityEnv, startupProbe, tcpProbe } from '../workload/container';
import { ResolvedResources } from '../workload/quantities';
import { StatefulWorkload } from '../workload/stateful-workload';
import { Labels } from '../common';
import { ELASTICSEARCH_HTTP_PORT, ELASTICSEARCH_TRANSPORT_PORT, ELASTIC_UID, halfHeapMiB } from './elastic-stack';

export interface ElasticsearchOptions {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Labels;
  readonly priorityClassName?: string;
  readonly image: string;
  readonly replicas: number;
  readonly resources: ResolvedResources;
  readonly memoryLimitMiB: number;
  readonly storageClassName: string;
  readonly storageSize: string;
}

const CONFIG_DIR = '/usr/share/elasticsearch/config';
const DATA_DIR = '/usr/share/elasticsearch/data';

/** elasticsearch.yml: single-node discovery for one replica, seed hosts from the headless Service otherwise. */
export function elasticsearchYaml(name: string, replicas: number): string {
  const discovery = replicas === 1 ? { 'discovery.type': 'single-node' } : { 'discovery.seed_hosts': [`${name}-headless`] };
  return stringify({
    'cluster.name': name,
    'node.name': '${POD_NAME}',
    'network.host': '0.0.0.0',
    // vm.max_map_count cannot be raised from a restricted pod; without mmap the bootstrap check does not apply.
    'node.store.allow_mmap': false,
    // Reachable only from Logstash and Kibana through NetworkPolicies; see LogPipeline.
    'xpack.security.enabled': false,
    ...discovery,
  });
}

/**
 * The bootstrap settings of a multi-node cluster (`cluster.initial_master_nodes`), or `undefined` for one node.
 * Elastic: set them only the very first time a cluster starts, remove them once it has formed, and never set them
 * on restarting or joining nodes; so {@link elasticsearchConfigScript} adds them only to a node with no cluster state.
 */
export function elasticsearchBootstrapYaml(name: string, replicas: number): string | undefined {
  if (replicas === 1) return undefined;
  return stringify({ 'cluster.initial_master_nodes': Array.from({ length: replicas }, (_, i) => `${name}-${i}`) });
}

/** Paths {@link elasticsearchConfigScript} works on, as the init container mounts them. */
export interface ElasticsearchConfigPaths {
  /** The image's config directory (source). */
  readonly imageConfig: string;
  /** The emptyDir that becomes the running node's config directory (target). */
  readonly seed: string;
  /** The ConfigMap with `elasticsearch.yml` and, for several replicas, `bootstrap.yml`. */
  readonly configMap: string;
  /** The node's data directory (its PVC). */
  readonly data: string;
}

export const ELASTICSEARCH_CONFIG_PATHS: ElasticsearchConfigPaths = {
  imageConfig: CONFIG_DIR,
  seed: '/mnt/config',
  configMap: '/mnt/configmap',
  data: DATA_DIR,
};

/**
 * The init container's script: the image's config directory (ES writes its keystore there, so it lives in an
 * emptyDir), then `elasticsearch.yml` from the ConfigMap, plus `bootstrap.yml` only when the data directory holds
 * no cluster state yet (`_state`, where ES 8 keeps the cluster metadata): a first start. Every later start, a
 * restart or a rolling update, runs without `cluster.initial_master_nodes`.
 */
export function elasticsearchConfigScript(p: ElasticsearchConfigPaths = ELASTICSEARCH_CONFIG_PATHS): string {
  return [
    'set -eu',
    `cp -R ${p.imageConfig}/. ${p.seed}/`,
    `cp ${p.configMap}/elasticsearch.yml ${p.seed}/elasticsearch.yml`,
    `if [ -f ${p.configMap}/bootstrap.yml ] && [ ! -d ${p.data}/_state ]; then`,
    `  cat ${p.configMap}/bootstrap.yml >> ${p.seed}/elasticsearch.yml`,
    'fi',
  ].join('\n');
}

/** Internal: the Elasticsearch StatefulSet of a {@link LogPipeline}. */
export class ElasticsearchWorkload extends Construct {
  public readonly workload: StatefulWorkload;

  constructor(scope: Construct, id: string, o: ElasticsearchOptions) {
    super(scope, id);
    const heap = halfHeapMiB(o.memoryLimitMiB);
    const identity = { runAsUser: ELASTIC_UID, runAsGroup: ELASTIC_UID, fsGroup: ELASTIC_UID };
    const paths = ELASTICSEARCH_CONFIG_PATHS;
    const seedConfig: ContainerSpec = {
      name: 'seed-config',
      image: o.image,
      resources: { cpuRequest: '100m', cpuLimit: '500m', memoryRequest: '128Mi', memoryLimit: '128Mi' },
      command: ['sh', '-c', elasticsearchConfigScript(paths)],
      volumeMounts: [
        { name: 'es-config', mountPath: paths.seed },
        { name: 'config', mountPath: paths.configMap, readOnly: true },
        { name: 'data', mountPath: paths.data, readOnly: true },
      ],
    };
    const bootstrap = elasticsearchBootstrapYaml(o.name, o.replicas);
    const tcp = tcpProbe('http');
    this.workload = new StatefulWorkload(this, 'Workload', {
      name: o.name,
      namespace: o.namespace,
      component: 'elasticsearch',
      extraLabels: o.labels,
      priorityClassName: o.priorityClassName,
      replicas: o.replicas,
      identity,
      ports: [
        { name: 'http', port: ELASTICSEARCH_HTTP_PORT },
        { name: 'transport', port: ELASTICSEARCH_TRANSPORT_PORT, peerOnly: true },
      ],
      volumeClaims: [{ name: 'data', size: o.storageSize, storageClassName: o.storageClassName }],
      emptyDirs: ['es-config', 'logs', 'tmp'],
      configData: {
        'elasticsearch.yml': elasticsearchYaml(o.name, o.replicas),
        ...(bootstrap !== undefined ? { 'bootstrap.yml': bootstrap } : {}),
      },
      podManagementPolicy: 'Parallel',
      terminationGracePeriodSeconds: 120,
      initContainers: [seedConfig],
      containers: [
        {
          name: 'elasticsearch',
          image: o.image,
          resources: o.resources,
          ports: [
            { name: 'http', containerPort: ELASTICSEARCH_HTTP_PORT, protocol: 'TCP' },
            { name: 'transport', containerPort: ELASTICSEARCH_TRANSPORT_PORT, protocol: 'TCP' },
          ],
          env: [...podIdentityEnv(), ...plainEnv({ ES_JAVA_OPTS: `-Xms${heap}m -Xmx${heap}m`, ES_TMPDIR: '/tmp' })],
          volumeMounts: [
            { name: 'data', mountPath: DATA_DIR },
            { name: 'logs', mountPath: '/usr/share/elasticsearch/logs' },
            { name: 'tmp', mountPath: '/tmp' },
            // elasticsearch.yml included: the init container composed it (elasticsearchConfigScript)
            { name: 'es-config', mountPath: CONFIG_DIR },
          ],
          livenessProbe: tcp,
          readinessProbe: httpProbe('/_cluster/health?local=true', 'http', 10),
          startupProbe: startupProbe(tcp, 300),
        },
      ],
    });
  }
}
