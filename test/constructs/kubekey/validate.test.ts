import {
  HAPROXY_WITH_ADDRESS_MESSAGE,
  validateKubeKeyInput,
  type KubeKeyClusterInput,
  type KubeSphereSettings,
  type LoggingBackend,
} from '../../../constructs/kubekey';
import { ValidationError, type ValidationIssue } from '../../../constructs/lib/validation';
import { productionInput, testInput, withHost } from './fixtures';

/** Runs validation and returns the issues it threw (none if it passed). */
function issuesOf(input: KubeKeyClusterInput): readonly ValidationIssue[] {
  try {
    validateKubeKeyInput(input);
    return [];
  } catch (e) {
    if (e instanceof ValidationError) {
      return e.issues;
    }
    throw e;
  }
}

// Config files bypass the types: these casts model such input.
const bad = <T>(value: unknown): T => value as T;
const ks = (settings: KubeSphereSettings): KubeKeyClusterInput => ({ ...productionInput, kubesphere: settings });
const sys = (preInstall: NonNullable<KubeKeyClusterInput['system']>['preInstall']): KubeKeyClusterInput => ({ ...testInput, system: { preInstall } });
const es = (backend: LoggingBackend): KubeKeyClusterInput => ks({ loggingBackend: backend });
const rolesOf = (roles: KubeKeyClusterInput['hosts'][number]['roles']): KubeKeyClusterInput => ({
  ...testInput,
  hosts: testInput.hosts.map((h) => ({ ...h, roles })),
});

test.each([
  ['the production-like example', productionInput],
  ['the test-like example', testInput],
])('%s is valid', (_name, input) => {
  expect(issuesOf(input)).toEqual([]);
});

// [rule, input, the one key expected, a fragment of its message]
const singleFailures: [string, KubeKeyClusterInput, string, string][] = [
  ['cluster name', { ...testInput, name: 'Test_1' }, 'name', 'DNS-1123 label'],
  ['no hosts', { ...testInput, hosts: [] }, 'hosts', 'at least one host'],
  ['host name', withHost(testInput, 1, { name: 'Node_2' }), 'hosts[1].name', 'DNS-1123 subdomain'],
  ['internal address', withHost(testInput, 2, { internalAddress: '192.168.10.300' }), 'hosts[2].internalAddress', 'not a valid IPv4'],
  ['SSH address', withHost(testInput, 0, { address: 'not-an-ip' }), 'hosts[0].address', 'not a valid IPv4'],
  ['empty roles', withHost(productionInput, 3, { roles: [] }), 'hosts[3].roles', 'at least one role'],
  ['unknown role', withHost(productionInput, 3, { roles: bad(['worker', 'master']) }), 'hosts[3].roles[1]', 'is not a role'],
  ['repeated role', withHost(productionInput, 3, { roles: ['worker', 'worker'] }), 'hosts[3].roles[1]', 'listed twice'],
  ['duplicate name', withHost(productionInput, 4, { name: 'worker-1' }), 'hosts[4].name', 'duplicates hosts[3].name'],
  ['duplicate internal address', withHost(productionInput, 4, { internalAddress: '172.16.2.11' }), 'hosts[4].internalAddress', 'duplicates hosts[3]'],
  ['duplicate SSH address', withHost(productionInput, 4, { address: '172.16.2.11' }), 'hosts[4].address', 'SSH address of hosts[3]'],
  ['label', withHost(productionInput, 3, { labels: { 'bad key': 'x' } }), 'hosts[3].labels.bad key', 'not a valid Kubernetes label'],
  ['even etcd count', withHost(testInput, 2, { roles: ['control-plane', 'worker'] }), 'hosts (role etcd)', 'odd number'],
  ['no etcd host', rolesOf(['control-plane', 'worker']), 'hosts (role etcd)', 'odd number of at least 1'],
  ['no control-plane host', rolesOf(['etcd', 'worker']), 'hosts (role control-plane)', 'at least 1 is required'],
  [
    'HA with one etcd host',
    withHost(withHost(productionInput, 1, { roles: ['control-plane'] }), 2, { roles: ['control-plane'] }),
    'hosts (role etcd)',
    'at least 3',
  ],
  [
    'HA with one control-plane host',
    withHost(withHost(productionInput, 1, { roles: ['etcd', 'worker'] }), 2, { roles: ['etcd', 'worker'] }),
    'hosts (role control-plane)',
    'at least 2',
  ],
  ['HA without a load balancer', { ...productionInput, controlPlaneEndpoint: {} }, 'controlPlaneEndpoint', 'internalLoadbalancer or address'],
  [
    'haproxy with an address',
    { ...productionInput, controlPlaneEndpoint: { internalLoadbalancer: 'haproxy', address: '172.16.0.100' } },
    'controlPlaneEndpoint.address',
    HAPROXY_WITH_ADDRESS_MESSAGE,
  ],
  ['LB address not an IP', { ...testInput, controlPlaneEndpoint: { address: 'lb.example.com' } }, 'controlPlaneEndpoint.address', 'IPv4'],
  ['kube-vip without a VIP', { ...testInput, controlPlaneEndpoint: { internalLoadbalancer: 'kube-vip' } }, 'controlPlaneEndpoint.address', 'virtual IP'],
  ['unknown internal LB', { ...testInput, controlPlaneEndpoint: { internalLoadbalancer: bad('nginx') } }, 'controlPlaneEndpoint.internalLoadbalancer', 'not supported'],
  ['LB port out of range', { ...testInput, controlPlaneEndpoint: { port: 70000 } }, 'controlPlaneEndpoint.port', '1 to 65535'],
  ['LB port as a string', { ...testInput, controlPlaneEndpoint: { port: bad('6443') } }, 'controlPlaneEndpoint.port', 'integer port'],
  ['LB domain', { ...testInput, controlPlaneEndpoint: { domain: 'LB_local' } }, 'controlPlaneEndpoint.domain', 'DNS name'],
  ['SSH port', { ...testInput, ssh: { port: 0 } }, 'ssh.port', '1 to 65535'],
  ['SSH user', { ...testInput, ssh: { user: '' } }, 'ssh.user', 'non-empty'],
  ['SSH key path', { ...testInput, ssh: { privateKeyPath: '' } }, 'ssh.privateKeyPath', 'non-empty'],
  ['unsupported Kubernetes', { ...testInput, kubernetes: { version: 'v1.29.3' } }, 'kubernetes.version', 'allowUnsupportedVersion'],
  ['too old Kubernetes', { ...testInput, kubernetes: { version: 'v1.18.20', allowUnsupportedVersion: true } }, 'kubernetes.version', 'cannot be installed'],
  ['too new Kubernetes', { ...testInput, kubernetes: { version: 'v1.40.0', allowUnsupportedVersion: true } }, 'kubernetes.version', 'cannot be installed'],
  ['malformed Kubernetes', { ...testInput, kubernetes: { version: '1.26' } }, 'kubernetes.version', 'not a Kubernetes version'],
  ['cluster DNS name', { ...testInput, kubernetes: { clusterName: 'Cluster Local' } }, 'kubernetes.clusterName', 'DNS name'],
  ['container manager', { ...testInput, kubernetes: { containerManager: bad('crio') } }, 'kubernetes.containerManager', 'containerd, docker'],
  ['proxy mode', { ...testInput, kubernetes: { proxyMode: bad('nftables') } }, 'kubernetes.proxyMode', 'ipvs, iptables'],
  ['maxPods', { ...testInput, kubernetes: { maxPods: 1.5 } }, 'kubernetes.maxPods', 'positive integer'],
  ['certificate SAN', { ...testInput, kubernetes: { apiserverCertExtraSans: ['ok.example.com', 'https://x'] } }, 'kubernetes.apiserverCertExtraSans[1]', 'IPv4 address or'],
  ['etcd type', { ...testInput, etcd: { type: bad('external') } }, 'etcd.type', 'kubekey'],
  ['etcd backup dir', { ...testInput, etcd: { backupDir: 'backups' } }, 'etcd.backupDir', 'absolute path'],
  ['etcd backup period', { ...testInput, etcd: { backupPeriod: 0 } }, 'etcd.backupPeriod', 'positive integer'],
  ['etcd backups kept', { ...testInput, etcd: { keepBackupNumber: -1 } }, 'etcd.keepBackupNumber', 'positive integer'],
  ['network plugin', { ...testInput, network: { plugin: bad('flannel') } }, 'network.plugin', 'calico'],
  ['malformed pod CIDR', { ...testInput, network: { kubePodsCIDR: '10.233.64.0/40' } }, 'network.kubePodsCIDR', 'prefix length'],
  ['pod CIDR with host bits', { ...testInput, network: { kubePodsCIDR: '10.233.64.1/18' } }, 'network.kubePodsCIDR', 'host bits'],
  ['pod and service CIDRs overlap', { ...testInput, network: { kubePodsCIDR: '10.233.0.0/17' } }, 'network.kubeServiceCIDR', 'overlaps network.kubePodsCIDR'],
  ['VPC overlaps the cluster CIDRs', { ...testInput, vpcCidr: '10.233.96.0/19' }, 'vpcCidr', 'overlaps network.kubePodsCIDR'],
  ['malformed VPC CIDR', { ...testInput, vpcCidr: '192.168.0.0' }, 'vpcCidr', 'not an IPv4 CIDR'],
  ['IPIP and VXLAN together', { ...testInput, network: { calico: { vxlanMode: 'Always' } } }, 'network.calico.vxlanMode', 'must be Never'],
  ['private registry with a scheme', { ...testInput, registry: { privateRegistry: 'https://harbor.example.internal' } }, 'registry.privateRegistry', 'no scheme'],
  ['private registry KubeKey would sed away', { ...testInput, registry: { privateRegistry: 'harbor.zone-b.example.internal' } }, 'registry.privateRegistry', "contain 'zone'"],
  ['namespace override with a slash', { ...testInput, registry: { namespaceOverride: 'team/ks' } }, 'registry.namespaceOverride', 'project name'],
  [
    'registry password given as a value',
    { ...testInput, registry: { auths: [{ host: 'harbor.example.internal', usernameEnv: 'KK_USER', passwordEnv: 'Hunter2!' }] } },
    'registry.auths[0].passwordEnv',
    'environment variable NAME',
  ],
  [
    'duplicate registry auth',
    {
      ...testInput,
      registry: {
        auths: [
          { host: 'harbor.example.internal', usernameEnv: 'A', passwordEnv: 'B' },
          { host: 'harbor.example.internal', usernameEnv: 'C', passwordEnv: 'D' },
        ],
      },
    },
    'registry.auths[1].host',
    'duplicates registry.auths[0].host',
  ],
  ['insecure registry entry', { ...testInput, registry: { insecureRegistries: [''] } }, 'registry.insecureRegistries[0]', 'non-empty'],
  ['OpenEBS base path', { ...testInput, storage: { openebs: { basePath: 'var/openebs' } } }, 'storage.openebs.basePath', 'absolute path'],
  ['NTP server with a space', { ...testInput, system: { ntpServers: ['ntp.aliyun.com iburst'] } }, 'system.ntpServers[0]', 'IPv4 address or'],
  ['NTP server twice', { ...testInput, system: { ntpServers: ['10.0.0.1', '10.0.0.1'] } }, 'system.ntpServers[1]', 'duplicates system.ntpServers[0]'],
  ['time zone', { ...testInput, system: { timezone: 'Shanghai; reboot' } }, 'system.timezone', 'IANA time zone'],
  ['preInstall role', sys([{ name: 'a', bash: 'true', role: bad('master') }]), 'system.preInstall[0].role', 'etcd, control-plane, worker'],
  ['preInstall name', sys([{ name: 'Disk Setup', bash: 'true' }]), 'system.preInstall[0].name', 'DNS-1123 label'],
  ['preInstall name twice', sys([{ name: 'a', bash: 'true' }, { name: 'a', bash: 'false' }]), 'system.preInstall[1].name', 'duplicates system.preInstall[0].name'],
  ['empty preInstall script', sys([{ name: 'a', bash: ' ' }]), 'system.preInstall[0].bash', 'non-empty'],
  ['preInstall script starting with a line break', sys([{ name: 'a', bash: '\necho a\necho b\n' }]), 'system.preInstall[0].bash', 'must not begin'],
  ['preInstall materials with one base name', sys([{ name: 'a', bash: 'true', materials: ['x/pkg.tgz', 'y/pkg.tgz'] }]), 'system.preInstall[0].materials[1]', 'same base name'],
  ['storage class name', ks({ persistence: { storageClass: 'Local_SC' } }), 'kubesphere.persistence.storageClass', 'StorageClass name'],
  ['storage class KubeSphere would sed away', ks({ persistence: { storageClass: 'zone-ssd' } }), 'kubesphere.persistence.storageClass', "contain 'zone'"],
  ['monitoring storage class', ks({ monitoring: { storageClass: 'Fast' } }), 'kubesphere.monitoring.storageClass', 'StorageClass name'],
  ['multicluster role', ks({ multicluster: { clusterRole: bad('primary') } }), 'kubesphere.multicluster.clusterRole', 'host, member, none'],
  ['JWT secret given as a value', ks({ multicluster: { jwtSecretEnv: 'abc.def' } }), 'kubesphere.multicluster.jwtSecretEnv', 'environment variable NAME'],
  ['Jenkins memory unit', ks({ devops: { jenkinsMemoryReq: '4G' } }), 'kubesphere.devops.jenkinsMemoryReq', 'Mi or Gi'],
  ['Jenkins memory request above limit', ks({ devops: { jenkinsMemoryReq: '8Gi' } }), 'kubesphere.devops.jenkinsMemoryReq', 'must not exceed jenkinsMemoryLim 4Gi'],
  ['Jenkins CPU request above limit', ks({ devops: { jenkinsCpuReq: 2 } }), 'kubesphere.devops.jenkinsCpuReq', 'must not exceed jenkinsCpuLim 1'],
  ['Jenkins volume', ks({ devops: { jenkinsVolumeSize: '16' } }), 'kubesphere.devops.jenkinsVolumeSize', 'Mi or Gi'],
  ['Elasticsearch host with a scheme', es({ kind: 'external-elasticsearch', host: 'http://es.example.internal', port: 9200 }), 'kubesphere.loggingBackend.host', 'no scheme'],
  ['Elasticsearch host KubeKey would sed away', es({ kind: 'external-elasticsearch', host: 'es.zone-a.example.internal', port: 9200 }), 'kubesphere.loggingBackend.host', "contain 'zone'"],
  ['Elasticsearch port', es({ kind: 'external-elasticsearch', host: 'es.example.internal', port: bad('9200') }), 'kubesphere.loggingBackend.port', 'integer port'],
  ['logging backend kind', es(bad({ kind: 'loki' })), 'kubesphere.loggingBackend.kind', 'opensearch, external-elasticsearch'],
];

test.each(singleFailures)('%s: fails alone, naming its key', (_rule, input, key, fragment) => {
  const issues = issuesOf(input);
  expect(issues.map((i) => i.key)).toEqual([key]);
  expect(issues[0].message).toContain(fragment);
});

test('a host inside the pod CIDR is reported for each host', () => {
  const input = { ...testInput, vpcCidr: undefined, network: { kubePodsCIDR: '192.168.0.0/18' } };
  expect(issuesOf(input).map((i) => `${i.key} ${i.message}`)).toEqual([
    'hosts[0].internalAddress lies inside network.kubePodsCIDR 192.168.0.0/18',
    'hosts[1].internalAddress lies inside network.kubePodsCIDR 192.168.0.0/18',
    'hosts[2].internalAddress lies inside network.kubePodsCIDR 192.168.0.0/18',
  ]);
});

test('several problems are reported together in one ValidationError, each naming its key', () => {
  const input: KubeKeyClusterInput = {
    ...withHost(withHost(productionInput, 3, { internalAddress: '172.16.2.256' }), 5, { name: 'worker-1' }),
    controlPlaneEndpoint: { internalLoadbalancer: 'haproxy', address: '172.16.0.100' },
    kubernetes: { version: 'v1.29.3' },
    network: { kubePodsCIDR: '10.233.0.0/16' },
    registry: { auths: [{ host: 'harbor.example.internal', usernameEnv: 'KK_USER', passwordEnv: 's3cret' }] },
  };
  let error: unknown;
  try {
    validateKubeKeyInput(input);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ValidationError);
  const { issues, message } = error as ValidationError;
  expect(issues.map((i) => i.key)).toEqual([
    'hosts[3].internalAddress',
    'hosts[5].name',
    'controlPlaneEndpoint.address',
    'kubernetes.version',
    'network.kubeServiceCIDR',
    'registry.auths[0].passwordEnv',
  ]);
  expect(message).toContain("Invalid KubeKey cluster 'production' (6 problems):");
  expect(message).toContain('  - hosts[3].internalAddress: "172.16.2.256" is not a valid IPv4 address');
  expect(message).toContain(`  - controlPlaneEndpoint.address: "172.16.0.100" must be empty with internalLoadbalancer haproxy: KubeKey refuses it ("${HAPROXY_WITH_ADDRESS_MESSAGE}")`);
  expect(message).toContain('  - network.kubeServiceCIDR: "10.233.0.0/18" overlaps network.kubePodsCIDR 10.233.0.0/16');
});

test('an acknowledged unsupported version passes with a warning', () => {
  const warnings = validateKubeKeyInput({ ...testInput, kubernetes: { version: 'v1.29.3', allowUnsupportedVersion: true } });
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatch(/^Kubernetes v1\.29\.3 is installable but unsupported: KubeSphere v3\.4\.1 supports Kubernetes v1\.21–v1\.26 only/);
});

test('a supported version gives no warning', () => {
  expect(validateKubeKeyInput(testInput)).toEqual([]);
});
