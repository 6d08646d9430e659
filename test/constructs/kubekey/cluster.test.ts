import { buildClusterDocument, renderNodeDataDiskScript } from '../../../constructs/kubekey';
import { ValidationError } from '../../../constructs/core/validation';
import { productionInput, SLB_ADDRESS, testInput, withHost } from './fixtures';

const keys = (value: object): string[] => Object.keys(value).sort();

describe('field names match KubeKey v3.1.12 JSON tags (unknown fields are silently dropped)', () => {
  const doc = buildClusterDocument(productionInput);
  const spec = doc.spec;

  test('top level', () => {
    expect(keys(doc)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(doc.apiVersion).toBe('kubekey.kubesphere.io/v1alpha2');
    expect(doc.kind).toBe('Cluster');
    expect(doc.metadata).toEqual({ name: 'production' });
  });

  test('spec', () => {
    expect(keys(spec)).toEqual(
      ['addons', 'controlPlaneEndpoint', 'etcd', 'hosts', 'kubernetes', 'network', 'registry', 'roleGroups', 'storage', 'system'].sort(),
    );
    // Without NTP servers, time zone or scripts the section is left out, so an installed cluster's
    // file does not change (a change would trigger a re-apply).
    expect(keys(buildClusterDocument(testInput).spec)).toEqual(
      ['addons', 'controlPlaneEndpoint', 'etcd', 'hosts', 'kubernetes', 'network', 'registry', 'roleGroups', 'storage'].sort(),
    );
  });

  test('spec.system and its preInstall[] (CustomScripts)', () => {
    expect(keys(spec.system ?? {})).toEqual(['ntpServers', 'preInstall', 'timezone']);
    expect(keys(spec.system?.preInstall[0] ?? {})).toEqual(['bash', 'name']);
    expect(keys(spec.system?.preInstall[1] ?? {})).toEqual(['bash', 'materials', 'name', 'role']);
    const scriptsOnly = buildClusterDocument({ ...testInput, system: { preInstall: [{ name: 'a', bash: 'true' }] } });
    expect(scriptsOnly.spec.system).toEqual({ preInstall: [{ name: 'a', bash: 'true' }] });
  });

  test('spec.hosts[] (HostCfg)', () => {
    expect(keys(spec.hosts[0])).toEqual(['address', 'internalAddress', 'name', 'port', 'privateKeyPath', 'user']);
    const labelled = buildClusterDocument({ ...testInput, hosts: testInput.hosts.map((h) => ({ ...h, labels: { tier: 'a' } })) });
    expect(keys(labelled.spec.hosts[0])).toEqual(['address', 'internalAddress', 'labels', 'name', 'port', 'privateKeyPath', 'user']);
  });

  test('spec.roleGroups keys are exactly etcd, control-plane, worker', () => {
    expect(Object.keys(spec.roleGroups)).toEqual(['etcd', 'control-plane', 'worker']);
  });

  test('spec.controlPlaneEndpoint', () => {
    expect(keys(spec.controlPlaneEndpoint)).toEqual(['address', 'domain', 'internalLoadbalancer', 'port']);
    const oneControlPlane = withHost(withHost(testInput, 1, { roles: ['etcd', 'worker'] }), 2, { roles: ['etcd', 'worker'] });
    expect(keys(buildClusterDocument(oneControlPlane).spec.controlPlaneEndpoint)).toEqual(['address', 'domain', 'port']);
  });

  test('spec.kubernetes', () => {
    expect(keys(spec.kubernetes)).toEqual([
      'apiserverCertExtraSans',
      'autoRenewCerts',
      'clusterName',
      'containerManager',
      'maxPods',
      'proxyMode',
      'version',
    ]);
  });

  test('spec.etcd', () => {
    expect(keys(spec.etcd)).toEqual(['backupDir', 'backupPeriod', 'keepBackupNumber', 'type']);
  });

  test('spec.network', () => {
    expect(keys(spec.network)).toEqual(['calico', 'kubePodsCIDR', 'kubeServiceCIDR', 'multusCNI', 'plugin']);
    expect(keys(spec.network.calico)).toEqual(['ipipMode', 'vxlanMode']);
    expect(keys(spec.network.multusCNI)).toEqual(['enabled']);
  });

  test('spec.registry and its auths', () => {
    expect(keys(spec.registry)).toEqual(['auths', 'insecureRegistries', 'namespaceOverride', 'privateRegistry', 'registryMirrors']);
    expect(keys(spec.registry.auths?.['harbor.example.internal'] ?? {})).toEqual(['password', 'plainHTTP', 'skipTLSVerify', 'username']);
    expect(keys(buildClusterDocument(testInput).spec.registry)).toEqual([
      'insecureRegistries',
      'namespaceOverride',
      'privateRegistry',
      'registryMirrors',
    ]);
  });

  test('spec.storage', () => {
    expect(spec.storage).toEqual({ openebs: { basePath: '/var/openebs/local' } });
  });
});

test('production-like example: 3 control-plane+etcd, 5 workers, haproxy, empty address, SLB in SANs', () => {
  const { spec } = buildClusterDocument(productionInput);
  expect(spec.hosts).toEqual([
    ...[1, 2, 3].map((n) => ({
      name: `master-${n}`,
      address: `172.16.1.${10 + n}`,
      internalAddress: `172.16.1.${10 + n}`,
      port: 22,
      user: 'root',
      privateKeyPath: '~/.ssh/id_rsa',
    })),
    ...[1, 2, 3, 4, 5].map((n) => ({
      name: `worker-${n}`,
      address: `172.16.2.${10 + n}`,
      internalAddress: `172.16.2.${10 + n}`,
      port: 22,
      user: 'root',
      privateKeyPath: '~/.ssh/id_rsa',
    })),
  ]);
  expect(spec.roleGroups).toEqual({
    etcd: ['master-1', 'master-2', 'master-3'],
    'control-plane': ['master-1', 'master-2', 'master-3'],
    worker: ['worker-1', 'worker-2', 'worker-3', 'worker-4', 'worker-5'],
  });
  expect(spec.controlPlaneEndpoint).toEqual({ internalLoadbalancer: 'haproxy', domain: 'lb.kubesphere.local', address: '', port: 6443 });
  expect(spec.kubernetes).toEqual({
    version: 'v1.26.15',
    clusterName: 'cluster.local',
    autoRenewCerts: true,
    containerManager: 'containerd',
    apiserverCertExtraSans: [SLB_ADDRESS],
    proxyMode: 'ipvs',
    maxPods: 110,
  });
  expect(spec.etcd).toEqual({ type: 'kubekey', backupDir: '/var/backups/kube_etcd', backupPeriod: 1440, keepBackupNumber: 5 });
  expect(spec.network).toEqual({
    plugin: 'calico',
    kubePodsCIDR: '10.233.64.0/18',
    kubeServiceCIDR: '10.233.0.0/18',
    calico: { ipipMode: 'Always', vxlanMode: 'Never' },
    multusCNI: { enabled: false },
  });
  expect(spec.registry).toEqual({
    privateRegistry: 'harbor.example.internal',
    namespaceOverride: 'kubesphereio',
    registryMirrors: [],
    insecureRegistries: ['harbor.example.internal'],
    auths: {
      'harbor.example.internal': {
        username: '${KK_REGISTRY_USER}',
        password: '${KK_REGISTRY_PASSWORD}',
        skipTLSVerify: false,
        plainHTTP: false,
      },
    },
  });
  expect(spec.system).toEqual({
    ntpServers: ['ntp.aliyun.com'],
    timezone: 'Asia/Shanghai',
    preInstall: [
      { name: 'node-data-disk', bash: renderNodeDataDiskScript() },
      { name: 'workers-only', bash: 'echo worker', role: 'worker', materials: ['./files/a.tgz'] },
    ],
  });
  expect(spec.addons).toEqual([]);
});

test('test-like example: 3 hosts in every role group, haproxy by default (no haproxy pod: no worker-only node)', () => {
  const doc = buildClusterDocument(testInput);
  expect(doc.metadata.name).toBe('test');
  expect(doc.spec.hosts.map((h) => [h.name, h.internalAddress, h.address])).toEqual([
    ['node-1', '192.168.10.1', '192.168.10.1'],
    ['node-2', '192.168.10.2', '192.168.10.2'],
    ['node-3', '192.168.10.3', '192.168.10.3'],
  ]);
  const all = ['node-1', 'node-2', 'node-3'];
  expect(doc.spec.roleGroups).toEqual({ etcd: all, 'control-plane': all, worker: all });
  expect(doc.spec.controlPlaneEndpoint).toEqual({
    internalLoadbalancer: 'haproxy',
    domain: 'lb.kubesphere.local',
    address: '',
    port: 6443,
  });
  expect(doc.spec.kubernetes.apiserverCertExtraSans).toEqual([]);
  expect(doc.spec.registry).toEqual({ privateRegistry: '', namespaceOverride: '', registryMirrors: [], insecureRegistries: [] });
});

test('explicit settings override every default', () => {
  const doc = buildClusterDocument({
    ...testInput,
    hosts: testInput.hosts.map((h, i) => ({ ...h, address: `10.1.0.${i + 1}`, labels: { z: '1', a: '2' } })),
    ssh: { user: 'ops', privateKeyPath: '/keys/id_ed25519', port: 2222 },
    controlPlaneEndpoint: { internalLoadbalancer: 'kube-vip', domain: 'api.example.internal', address: '192.168.10.250', port: 8443 },
    kubernetes: { clusterName: 'k8s.internal', containerManager: 'docker', autoRenewCerts: false, proxyMode: 'iptables', maxPods: 64 },
    etcd: { backupDir: '/data/etcd-backups', backupPeriod: 60, keepBackupNumber: 24 },
    network: { kubePodsCIDR: '10.100.0.0/16', kubeServiceCIDR: '10.101.0.0/16', calico: { ipipMode: 'Never', vxlanMode: 'CrossSubnet' } },
    storage: { openebs: { basePath: '/data/openebs' } },
  });
  expect(doc.spec.hosts[0]).toEqual({
    name: 'node-1',
    address: '10.1.0.1',
    internalAddress: '192.168.10.1',
    port: 2222,
    user: 'ops',
    privateKeyPath: '/keys/id_ed25519',
    labels: { a: '2', z: '1' },
  });
  expect(Object.keys(doc.spec.hosts[0].labels ?? {})).toEqual(['a', 'z']);
  expect(doc.spec.controlPlaneEndpoint).toEqual({
    internalLoadbalancer: 'kube-vip',
    domain: 'api.example.internal',
    address: '192.168.10.250',
    port: 8443,
  });
  expect(doc.spec.kubernetes).toMatchObject({
    clusterName: 'k8s.internal',
    containerManager: 'docker',
    autoRenewCerts: false,
    proxyMode: 'iptables',
    maxPods: 64,
  });
  expect(doc.spec.etcd).toEqual({ type: 'kubekey', backupDir: '/data/etcd-backups', backupPeriod: 60, keepBackupNumber: 24 });
  expect(doc.spec.network.calico).toEqual({ ipipMode: 'Never', vxlanMode: 'CrossSubnet' });
  expect(doc.spec.storage.openebs.basePath).toBe('/data/openebs');
});

test('role groups keep host order, since kubeadm init runs on the first control-plane host', () => {
  const doc = buildClusterDocument({ ...testInput, hosts: [...testInput.hosts].reverse() });
  expect(doc.spec.roleGroups['control-plane']).toEqual(['node-3', 'node-2', 'node-1']);
});

test('invalid input throws before anything is built', () => {
  expect(() => buildClusterDocument({ ...testInput, hosts: [] })).toThrow(ValidationError);
});
