import { Chart, Testing } from 'cdk8s';
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse } from 'yaml';
import { elasticsearchBootstrapYaml, elasticsearchConfigScript, elasticsearchYaml } from '../../../constructs/k8s/logging/elasticsearch';
import { at, find, Manifest, ofKind } from './fixtures';
import { ELASTIC_STACK_VERSION, LogPipeline, LogPipelineProps } from './helpers';
import { describeShellcheck, shellScriptsIn } from '../../helpers/shellcheck';

function synth(props: LogPipelineProps = {}, namespace = 'logging'): { pipeline: LogPipeline; objects: Manifest[] } {
  const chart = new Chart(Testing.app(), 'test', { namespace });
  const pipeline = new LogPipeline(chart, 'logs', props);
  return { pipeline, objects: Testing.synth(chart) as Manifest[] };
}

describe('LogPipeline defaults (in-cluster Elasticsearch)', () => {
  const { pipeline, objects } = synth({ logstashClientNamespaces: ['apps'], kibanaClientNamespaces: ['kubesphere-controls-system'] });

  test('matches the snapshot', () => {
    expect(objects).toMatchSnapshot();
  });

  test('exposes the Logstash destination for services', () => {
    expect(pipeline.logstashDestination).toBe('logs-logstash.logging.svc.cluster.local:5044');
    expect(pipeline.elasticsearchUrl).toBe('http://logs-elasticsearch:9200');
  });

  test('all three run the same pinned version', () => {
    for (const [kind, name] of [
      ['Deployment', 'logs-logstash'],
      ['Deployment', 'logs-kibana'],
      ['StatefulSet', 'logs-elasticsearch'],
    ]) {
      expect(at(find(objects, kind, name), 'spec', 'template', 'spec', 'containers', 0, 'image')).toMatch(
        new RegExp(`:${ELASTIC_STACK_VERSION}$`),
      );
    }
  });

  test('Logstash: TCP json_lines input on 5044, daily index into Elasticsearch, 2 replicas', () => {
    const conf = at(find(objects, 'ConfigMap', 'logs-logstash-config'), 'data', 'logstash.conf');
    expect(conf).toContain('port => 5044');
    expect(conf).toContain('codec => json_lines');
    expect(conf).toContain('hosts => ["http://logs-elasticsearch:9200"]');
    expect(conf).toContain('index => "business-logs-%{+YYYY.MM.dd}"');
    expect(at(find(objects, 'Deployment', 'logs-logstash'), 'spec', 'replicas')).toBe(2);
    expect(find(objects, 'PodDisruptionBudget', 'logs-logstash')).toBeDefined();
  });

  test('Elasticsearch: single-node discovery, NAS claim, no mmap', () => {
    const yml = parse(at(find(objects, 'ConfigMap', 'logs-elasticsearch-config'), 'data', 'elasticsearch.yml'));
    expect(yml['discovery.type']).toBe('single-node');
    expect(yml['node.store.allow_mmap']).toBe(false);
    const sts = find(objects, 'StatefulSet', 'logs-elasticsearch');
    expect(at(sts, 'spec', 'volumeClaimTemplates', 0, 'spec', 'storageClassName')).toBe('alicloud-nas');
    expect(at(sts, 'spec', 'volumeClaimTemplates', 0, 'spec', 'resources', 'requests', 'storage')).toBe('50Gi');
  });

  test('Kibana points at Elasticsearch', () => {
    const yml = parse(at(find(objects, 'ConfigMap', 'logs-kibana-config'), 'data', 'kibana.yml'));
    expect(yml['elasticsearch.hosts']).toEqual(['http://logs-elasticsearch:9200']);
  });

  test('NetworkPolicies: clients to Logstash, Logstash and Kibana to Elasticsearch', () => {
    const lsIn = find(objects, 'NetworkPolicy', 'logs-logstash-ingress');
    expect(at(lsIn, 'spec', 'ingress', 0, 'from')).toContainEqual({
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'apps' } },
    });
    expect(at(lsIn, 'spec', 'ingress', 0, 'ports')).toEqual([{ port: 5044, protocol: 'TCP' }]);
    const esIn = find(objects, 'NetworkPolicy', 'logs-elasticsearch-ingress');
    expect(at(esIn, 'spec', 'ingress', 0, 'from').map((p: any) => p.podSelector.matchLabels['app.kubernetes.io/name'])).toEqual([
      'logstash',
      'kibana',
    ]);
    expect(find(objects, 'NetworkPolicy', 'logs-logstash-egress')).toBeDefined();
    expect(find(objects, 'NetworkPolicy', 'logs-kibana-egress')).toBeDefined();
    expect(at(find(objects, 'NetworkPolicy', 'logs-kibana-ingress'), 'spec', 'ingress', 0, 'from')).toHaveLength(2);
  });
});

describe('LogPipeline options', () => {
  test('external Elasticsearch: no ES objects, credentials by Secret name, egress by port', () => {
    const { pipeline, objects } = synth({
      externalElasticsearchUrl: 'https://es.example.internal:9243',
      elasticsearchCredentialsSecretName: 'es-credentials',
    });
    expect(objects.filter((o) => o.metadata.name?.startsWith('logs-elasticsearch'))).toEqual([]);
    expect(ofKind(objects, 'StatefulSet')).toHaveLength(0);
    expect(pipeline.secretNames).toEqual(['es-credentials']);
    expect(at(find(objects, 'ConfigMap', 'logs-logstash-config'), 'data', 'logstash.conf')).toContain('password => "${ES_PASSWORD}"');
    expect(at(find(objects, 'NetworkPolicy', 'logs-logstash-egress'), 'spec', 'egress', 0)).toEqual({
      to: [{ ipBlock: { cidr: '0.0.0.0/0' } }],
      ports: [{ port: 9243, protocol: 'TCP' }],
    });
  });

  test('three ES replicas form a cluster with a PDB', () => {
    const { objects } = synth({ elasticsearchReplicas: 3, kibana: false, logstashPort: 5000 });
    const yml = parse(at(find(objects, 'ConfigMap', 'logs-elasticsearch-config'), 'data', 'elasticsearch.yml'));
    expect(yml['discovery.seed_hosts']).toEqual(['logs-elasticsearch-headless']);
    // Elastic: never a permanent setting; only a node without cluster state gets it (elasticsearchConfigScript)
    expect(yml).not.toHaveProperty('cluster.initial_master_nodes');
    const bootstrap = parse(at(find(objects, 'ConfigMap', 'logs-elasticsearch-config'), 'data', 'bootstrap.yml'));
    expect(bootstrap).toEqual({ 'cluster.initial_master_nodes': ['logs-elasticsearch-0', 'logs-elasticsearch-1', 'logs-elasticsearch-2'] });
    const pod = at(find(objects, 'StatefulSet', 'logs-elasticsearch'), 'spec', 'template', 'spec');
    expect(pod.initContainers[0].command).toEqual(['sh', '-c', elasticsearchConfigScript()]);
    expect(pod.containers[0].volumeMounts.filter((m: any) => m.name === 'config')).toEqual([]);
    expect(find(objects, 'PodDisruptionBudget', 'logs-elasticsearch')).toBeDefined();
    expect(objects.filter((o) => o.metadata.name?.includes('kibana'))).toEqual([]);
  });

  test('logstashClientPeers: further senders, e.g. namespaces selected by label', () => {
    const { objects } = synth({ logstashClientNamespaces: ['apps'], logstashClientPeers: [{ namespaceLabel: 'example.com/preview' }] });
    expect(at(find(objects, 'NetworkPolicy', 'logs-logstash-ingress'), 'spec', 'ingress', 0, 'from')).toEqual([
      { podSelector: { matchLabels: {} } },
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'apps' } } },
      { namespaceSelector: { matchExpressions: [{ key: 'example.com/preview', operator: 'Exists' }] } },
    ]);
  });

  test('without a namespace the destination is the bare Service name', () => {
    const pipeline = new LogPipeline(Testing.chart(), 'logs');
    expect(pipeline.logstashDestination).toBe('logs-logstash:5044');
  });

  test.each<[string, LogPipelineProps, string]>([
    ['even ES replicas', { elasticsearchReplicas: 2 }, 'replicas'],
    ['bad port', { logstashPort: 0 }, 'logstashPort'],
    ['bad url', { externalElasticsearchUrl: 'es:9200' }, 'externalElasticsearchUrl'],
    ['credentials without external', { elasticsearchCredentialsSecretName: 'x' }, 'elasticsearchCredentialsSecretName'],
    ['bad index', { indexPrefix: 'Logs' }, 'indexPrefix'],
    ['latest kibana', { kibanaImage: 'kibana:latest' }, 'kibanaImage'],
    ['bad es memory', { elasticsearchResources: { memoryLimit: 'lots' } }, 'elasticsearchResources.memoryLimit'],
  ])('rejects %s', (_n, props, key) => {
    expect(() => synth(props)).toThrow(new RegExp(`- ${key}:`));
  });
});

describe('elasticsearchConfigScript: cluster.initial_master_nodes on a first start only', () => {
  const run = (withState: boolean, bootstrap: boolean) => {
    const dir = mkdtempSync(join(tmpdir(), 'es-config-'));
    try {
      const p = { imageConfig: join(dir, 'image'), seed: join(dir, 'seed'), configMap: join(dir, 'cm'), data: join(dir, 'data') };
      for (const d of Object.values(p)) mkdirSync(d);
      writeFileSync(join(p.imageConfig, 'jvm.options'), '-Xss1m\n');
      writeFileSync(join(p.imageConfig, 'elasticsearch.yml'), 'image: default\n');
      writeFileSync(join(p.configMap, 'elasticsearch.yml'), elasticsearchYaml('es', 3));
      if (bootstrap) writeFileSync(join(p.configMap, 'bootstrap.yml'), elasticsearchBootstrapYaml('es', 3) ?? '');
      if (withState) mkdirSync(join(p.data, '_state'));
      const result = spawnSync('sh', ['-c', elasticsearchConfigScript(p)], { encoding: 'utf8' });
      expect(result.status).toBe(0);
      return {
        yml: parse(readFileSync(join(p.seed, 'elasticsearch.yml'), 'utf8')),
        jvm: readFileSync(join(p.seed, 'jvm.options'), 'utf8'),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  test.each([
    ['first start of a 3-node cluster', false, true, ['es-0', 'es-1', 'es-2']],
    ['restart: the data holds cluster state', true, true, undefined],
    ['one node: nothing to bootstrap', false, false, undefined],
  ])('%s', (_, withState, bootstrap, masters) => {
    const { yml, jvm } = run(withState, bootstrap);
    expect(yml['cluster.initial_master_nodes']).toEqual(masters);
    expect(yml['discovery.seed_hosts']).toEqual(['es-headless']);
    expect(yml).not.toHaveProperty('image');
    expect(jvm).toBe('-Xss1m\n');
  });

  test('a single node has no bootstrap settings', () => {
    expect(elasticsearchBootstrapYaml('es', 1)).toBeUndefined();
  });
});

describeShellcheck("the log pipeline's container commands (sh -c in the images)", () =>
  synth().objects.flatMap((o) => shellScriptsIn(o, `${o.kind}/${o.metadata.name}`)),
);
