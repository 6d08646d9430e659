import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { ContainerSpec, httpProbe, plainEnv, podIdentityEnv, startupProbe, tcpProbe } from '../lib/container';
import { ResolvedResources } from '../lib/quantities';
import { StatefulWorkload } from '../lib/stateful-workload';
import { Labels } from '../common';
import {
  ELASTICSEARCH_HTTP_PORT,
  ELASTICSEARCH_TRANSPORT_PORT,
  ELASTIC_UID,
  halfHeapMiB,
} from './elastic-stack';

export interface ElasticsearchOptions {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Labels;
  readonly image: string;
  readonly replicas: number;
  readonly resources: ResolvedResources;
  readonly memoryLimitMiB: number;
  readonly storageClassName: string;
  readonly storageSize: string;
}

const CONFIG_DIR = '/usr/share/elasticsearch/config';

/** elasticsearch.yml: single-node discovery for one replica, seed hosts from the headless Service otherwise. */
export function elasticsearchYaml(name: string, replicas: number): string {
  const discovery =
    replicas === 1
      ? { 'discovery.type': 'single-node' }
      : {
          'discovery.seed_hosts': [`${name}-headless`],
          'cluster.initial_master_nodes': Array.from({ length: replicas }, (_, i) => `${name}-${i}`),
        };
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

/** Internal: the Elasticsearch StatefulSet of a {@link LogPipeline}. */
export class ElasticsearchWorkload extends Construct {
  public readonly workload: StatefulWorkload;

  constructor(scope: Construct, id: string, o: ElasticsearchOptions) {
    super(scope, id);
    const heap = halfHeapMiB(o.memoryLimitMiB);
    const identity = { runAsUser: ELASTIC_UID, runAsGroup: ELASTIC_UID, fsGroup: ELASTIC_UID };
    // ES writes its keystore into the config directory, so it lives in an emptyDir seeded from the image.
    const seedConfig: ContainerSpec = {
      name: 'seed-config',
      image: o.image,
      resources: { cpuRequest: '100m', cpuLimit: '500m', memoryRequest: '128Mi', memoryLimit: '128Mi' },
      command: ['sh', '-c', `cp -R ${CONFIG_DIR}/. /mnt/config/`],
      volumeMounts: [{ name: 'es-config', mountPath: '/mnt/config' }],
    };
    const tcp = tcpProbe('http');
    this.workload = new StatefulWorkload(this, 'Workload', {
      name: o.name,
      namespace: o.namespace,
      component: 'elasticsearch',
      extraLabels: o.labels,
      replicas: o.replicas,
      identity,
      ports: [
        { name: 'http', port: ELASTICSEARCH_HTTP_PORT },
        { name: 'transport', port: ELASTICSEARCH_TRANSPORT_PORT, peerOnly: true },
      ],
      volumeClaims: [{ name: 'data', size: o.storageSize, storageClassName: o.storageClassName }],
      emptyDirs: ['es-config', 'logs', 'tmp'],
      configData: { 'elasticsearch.yml': elasticsearchYaml(o.name, o.replicas) },
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
            { name: 'data', mountPath: '/usr/share/elasticsearch/data' },
            { name: 'logs', mountPath: '/usr/share/elasticsearch/logs' },
            { name: 'tmp', mountPath: '/tmp' },
            { name: 'es-config', mountPath: CONFIG_DIR },
            { name: 'config', mountPath: `${CONFIG_DIR}/elasticsearch.yml`, subPath: 'elasticsearch.yml', readOnly: true },
          ],
          livenessProbe: tcp,
          readinessProbe: httpProbe('/_cluster/health?local=true', 'http', 10),
          startupProbe: startupProbe(tcp, 300),
        },
      ],
    });
  }
}
