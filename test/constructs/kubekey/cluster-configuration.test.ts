import { buildClusterConfiguration, KUBEKEY_SED_TOKENS, renderKubeKeyFile } from '../../../constructs/kubekey';
import { productionInput, testInput } from './fixtures';

const keys = (value: object): string[] => Object.keys(value).sort();

describe('field names match ks-installer v3.4.1 deploy/cluster-configuration.yaml', () => {
  const cc = buildClusterConfiguration(testInput);

  test('header', () => {
    expect(cc.apiVersion).toBe('installer.kubesphere.io/v1alpha1');
    expect(cc.kind).toBe('ClusterConfiguration');
    expect(cc.metadata).toEqual({ name: 'ks-installer', namespace: 'kubesphere-system', labels: { version: 'v3.4.1' } });
  });

  test("spec sections (no containerruntime or empty registry keys; zone as KubeKey's template has it)", () => {
    expect(keys(cc.spec)).toEqual(
      [
        'persistence',
        'authentication',
        'etcd',
        'common',
        'alerting',
        'auditing',
        'devops',
        'events',
        'logging',
        'metrics_server',
        'monitoring',
        'multicluster',
        'network',
        'openpitrix',
        'servicemesh',
        'edgeruntime',
        'gatekeeper',
        'terminal',
        'zone',
      ].sort(),
    );
    // KubeKey turns it into `zone: cn` under KKZONE=cn, and deletes the line otherwise.
    expect(cc.spec.zone).toBe('');
  });

  test('registry keys KubeKey rewrites appear only when a private registry is set', () => {
    const spec = buildClusterConfiguration(productionInput).spec;
    expect(spec.local_registry).toBe('harbor.example.internal');
    expect(spec.namespace_override).toBe('kubesphereio');
  });

  test('no zone line with a private registry: under KKZONE=cn, ks-installer would prefer zone: cn over local_registry', () => {
    const spec = buildClusterConfiguration(productionInput).spec;
    expect(spec).not.toHaveProperty('zone');
  });

  test('section keys', () => {
    expect(keys(cc.spec.persistence)).toEqual(['storageClass']);
    expect(keys(cc.spec.authentication)).toEqual(['jwtSecret']);
    expect(keys(cc.spec.etcd)).toEqual(['endpointIps', 'monitoring', 'port', 'tlsEnable']);
    expect(keys(cc.spec.common)).toEqual(['core', 'es', 'gpu', 'minio', 'monitoring', 'openldap', 'opensearch', 'redis']);
    expect(keys(cc.spec.devops)).toEqual([
      'enabled',
      'jenkinsCpuLim',
      'jenkinsCpuReq',
      'jenkinsMemoryLim',
      'jenkinsMemoryReq',
      'jenkinsVolumeSize',
    ]);
    expect(keys(cc.spec.events)).toEqual(['enabled', 'ruler']);
    expect(keys(cc.spec.logging)).toEqual(['enabled', 'logsidecar']);
    expect(keys(cc.spec.monitoring)).toEqual(['gpu', 'node_exporter', 'storageClass']);
    expect(keys(cc.spec.multicluster)).toEqual(['clusterRole']);
    expect(keys(cc.spec.openpitrix)).toEqual(['store']);
    expect(keys(cc.spec.network)).toEqual(['ippool', 'networkpolicy', 'topology']);
    for (const section of ['alerting', 'auditing', 'metrics_server', 'gatekeeper'] as const) {
      expect(keys(cc.spec[section])).toEqual(['enabled']);
    }
  });
});

describe('logging backend', () => {
  test('OpenSearch (the v3.4.1 default): built-in OpenSearch on, es off, no external keys', () => {
    const common = buildClusterConfiguration(testInput).spec.common;
    expect(common.es).toEqual({ enabled: false, logMaxAge: 7, elkPrefix: 'logstash', basicAuth: { enabled: false } });
    expect(common.opensearch).toEqual({
      enabled: true,
      logMaxAge: 7,
      opensearchPrefix: 'whizard',
      basicAuth: { enabled: true, username: 'admin', password: 'admin' },
      dashboard: { enabled: false },
    });
  });

  test('external Elasticsearch: es on with host and numeric port, OpenSearch off', () => {
    const common = buildClusterConfiguration({
      ...testInput,
      kubesphere: { loggingBackend: { kind: 'external-elasticsearch', host: 'es.example.internal', port: 9200, protocol: 'https' } },
    }).spec.common;
    expect(common.es).toEqual({
      enabled: true,
      logMaxAge: 7,
      elkPrefix: 'logstash',
      basicAuth: { enabled: false },
      externalElasticsearchProtocol: 'https',
      externalElasticsearchHost: 'es.example.internal',
      externalElasticsearchPort: 9200,
    });
    expect(common.opensearch).toMatchObject({ enabled: false });
  });
});

test('defaults: OpenEBS storage class, Jenkins 4Gi, every optional component off, standalone cluster', () => {
  const { spec } = buildClusterConfiguration(testInput);
  expect(spec.persistence).toEqual({ storageClass: 'local' });
  expect(spec.authentication).toEqual({ jwtSecret: '' });
  expect(spec.etcd).toEqual({ monitoring: false, endpointIps: 'localhost', port: 2379, tlsEnable: true });
  expect(spec.devops).toEqual({
    enabled: false,
    jenkinsCpuReq: 0.5,
    jenkinsCpuLim: 1,
    jenkinsMemoryReq: '4Gi',
    jenkinsMemoryLim: '4Gi',
    jenkinsVolumeSize: '16Gi',
  });
  expect([spec.logging.enabled, spec.events.enabled, spec.auditing.enabled, spec.alerting.enabled]).toEqual([false, false, false, false]);
  expect(spec.metrics_server).toEqual({ enabled: false });
  expect(spec.monitoring).toEqual({ storageClass: '', node_exporter: { port: 9100 }, gpu: { nvidia_dcgm_exporter: { enabled: false } } });
  expect(spec.openpitrix).toEqual({ store: { enabled: false } });
  expect(spec.multicluster).toEqual({ clusterRole: 'none' });
});

test('production-like example turns the requested components on', () => {
  const { spec } = buildClusterConfiguration(productionInput);
  expect(spec.devops.enabled).toBe(true);
  expect([spec.logging.enabled, spec.events.enabled, spec.auditing.enabled, spec.alerting.enabled]).toEqual([true, true, true, true]);
  expect(spec.openpitrix.store.enabled).toBe(true);
  expect(spec.multicluster.clusterRole).toBe('host');
});

test('monitoring switches, storage classes and the JWT secret reference', () => {
  const { spec } = buildClusterConfiguration({
    ...testInput,
    kubesphere: {
      persistence: { storageClass: 'alicloud-nas' },
      monitoring: { etcd: true, metricsServer: true, storageClass: 'local' },
      multicluster: { clusterRole: 'member', jwtSecretEnv: 'KS_JWT_SECRET' },
      devops: {
        enabled: true,
        jenkinsCpuReq: 1,
        jenkinsCpuLim: 2,
        jenkinsMemoryReq: '6Gi',
        jenkinsMemoryLim: '6Gi',
        jenkinsVolumeSize: '50Gi',
      },
    },
  });
  expect(spec.persistence.storageClass).toBe('alicloud-nas');
  expect(spec.etcd.monitoring).toBe(true);
  expect(spec.metrics_server.enabled).toBe(true);
  expect(spec.monitoring.storageClass).toBe('local');
  expect(spec.multicluster.clusterRole).toBe('member');
  expect(spec.authentication.jwtSecret).toBe('${KS_JWT_SECRET}');
  expect(spec.devops).toEqual({
    enabled: true,
    jenkinsCpuReq: 1,
    jenkinsCpuLim: 2,
    jenkinsMemoryReq: '6Gi',
    jenkinsMemoryLim: '6Gi',
    jenkinsVolumeSize: '50Gi',
  });
});

test.each([
  ['test-like', testInput],
  ['production-like', productionInput],
])('%s: only the intended lines contain words KubeKey sed-edits', (_name, input) => {
  const ccText = renderKubeKeyFile(input).split('\n---\n')[1];
  const hits = ccText.split('\n').filter((line) => KUBEKEY_SED_TOKENS.some((t) => line.includes(t)));
  const intended =
    input === productionInput
      ? ['  local_registry: harbor.example.internal', '  namespace_override: kubesphereio', '    endpointIps: localhost']
      : ['    endpointIps: localhost', '  zone: ""'];
  expect(hits).toEqual(intended);
});
