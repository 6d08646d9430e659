import { HAPROXY_WITH_ADDRESS_MESSAGE } from '../../../constructs/kubekey/validate-hosts';
import { validateKubeKeyInput } from '../../../constructs/kubekey/validate';
import { type KubeKeyClusterInput, type KubeSphereSettings, type LoggingBackend } from '../../../constructs/kubekey';
import { ValidationError, type ValidationIssue } from '../../../constructs/core/validation';
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
const sys = (preInstall: NonNullable<KubeKeyClusterInput['system']>['preInstall']): KubeKeyClusterInput => ({
  ...testInput,
  system: { preInstall },
});
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
  [
    'duplicate internal address',
    withHost(productionInput, 4, { internalAddress: '172.16.2.11' }),
    'hosts[4].internalAddress',
    'duplicates hosts[3]',
  ],
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
  [
    'haproxy with an address',
    { ...productionInput, controlPlaneEndpoint: { internalLoadbalancer: 'haproxy', address: '172.16.0.100' } },
    'controlPlaneEndpoint.address',
    HAPROXY_WITH_ADDRESS_MESSAGE,
  ],
  ['LB address not an IP', { ...testInput, controlPlaneEndpoint: { address: 'lb.example.com' } }, 'controlPlaneEndpoint.address', 'IPv4'],
  [
    'kube-vip without a VIP',
    { ...testInput, controlPlaneEndpoint: { internalLoadbalancer: 'kube-vip' } },
    'controlPlaneEndpoint.address',
    'virtual IP',
  ],
  [
    'unknown internal LB',
    { ...testInput, controlPlaneEndpoint: { internalLoadbalancer: bad('nginx') } },
    'controlPlaneEndpoint.internalLoadbalancer',
    'not supported',
  ],
  ['LB port out of range', { ...testInput, controlPlaneEndpoint: { port: 70000 } }, 'controlPlaneEndpoint.port', '1 to 65535'],
  ['LB port as a string', { ...testInput, controlPlaneEndpoint: { port: bad('6443') } }, 'controlPlaneEndpoint.port', 'integer port'],
  ['LB domain', { ...testInput, controlPlaneEndpoint: { domain: 'LB_local' } }, 'controlPlaneEndpoint.domain', 'DNS name'],
  ['SSH port', { ...testInput, ssh: { port: 0 } }, 'ssh.port', '1 to 65535'],
  ['SSH user', { ...testInput, ssh: { user: '' } }, 'ssh.user', 'non-empty'],
  ['SSH key path', { ...testInput, ssh: { privateKeyPath: '' } }, 'ssh.privateKeyPath', 'non-empty'],
  ['unsupported Kubernetes', { ...testInput, kubernetes: { version: 'v1.29.3' } }, 'kubernetes.version', 'allowUnsupportedVersion'],
  [
    'too old Kubernetes',
    { ...testInput, kubernetes: { version: 'v1.18.20', allowUnsupportedVersion: true } },
    'kubernetes.version',
    'cannot be installed',
  ],
  [
    'too new Kubernetes',
    { ...testInput, kubernetes: { version: 'v1.40.0', allowUnsupportedVersion: true } },
    'kubernetes.version',
    'cannot be installed',
  ],
  ['malformed Kubernetes', { ...testInput, kubernetes: { version: '1.26' } }, 'kubernetes.version', 'not a Kubernetes version'],
  ['cluster DNS name', { ...testInput, kubernetes: { clusterName: 'Cluster Local' } }, 'kubernetes.clusterName', 'DNS name'],
  [
    'container manager',
    { ...testInput, kubernetes: { containerManager: bad('crio') } },
    'kubernetes.containerManager',
    'containerd, docker',
  ],
  ['proxy mode', { ...testInput, kubernetes: { proxyMode: bad('nftables') } }, 'kubernetes.proxyMode', 'ipvs, iptables'],
  ['maxPods', { ...testInput, kubernetes: { maxPods: 1.5 } }, 'kubernetes.maxPods', 'positive integer'],
  [
    'certificate SAN',
    { ...testInput, kubernetes: { apiserverCertExtraSans: ['ok.example.com', 'https://x'] } },
    'kubernetes.apiserverCertExtraSans[1]',
    'IPv4 address or',
  ],
  ['etcd type', { ...testInput, etcd: { type: bad('external') } }, 'etcd.type', 'kubekey'],
  ['etcd backup dir', { ...testInput, etcd: { backupDir: 'backups' } }, 'etcd.backupDir', 'absolute path'],
  ['etcd backup period', { ...testInput, etcd: { backupPeriod: 0 } }, 'etcd.backupPeriod', 'positive integer'],
  ['etcd backups kept', { ...testInput, etcd: { keepBackupNumber: -1 } }, 'etcd.keepBackupNumber', 'positive integer'],
  ['network plugin', { ...testInput, network: { plugin: bad('flannel') } }, 'network.plugin', 'calico'],
  ['malformed pod CIDR', { ...testInput, network: { kubePodsCIDR: '10.233.64.0/40' } }, 'network.kubePodsCIDR', 'prefix length'],
  ['pod CIDR with host bits', { ...testInput, network: { kubePodsCIDR: '10.233.64.1/18' } }, 'network.kubePodsCIDR', 'host bits'],
  [
    'pod and service CIDRs overlap',
    { ...testInput, network: { kubePodsCIDR: '10.233.0.0/17' } },
    'network.kubeServiceCIDR',
    'overlaps network.kubePodsCIDR',
  ],
  ['VPC overlaps the cluster CIDRs', { ...testInput, vpcCidr: '10.233.96.0/19' }, 'vpcCidr', 'overlaps network.kubePodsCIDR'],
  ['malformed VPC CIDR', { ...testInput, vpcCidr: '192.168.0.0' }, 'vpcCidr', 'not an IPv4 CIDR'],
  ['IPIP and VXLAN together', { ...testInput, network: { calico: { vxlanMode: 'Always' } } }, 'network.calico.vxlanMode', 'must be Never'],
  [
    'private registry with a scheme',
    { ...testInput, registry: { privateRegistry: 'https://harbor.example.internal' } },
    'registry.privateRegistry',
    'no scheme',
  ],
  [
    'private registry KubeKey would sed away',
    { ...testInput, registry: { privateRegistry: 'harbor.zone-b.example.internal' } },
    'registry.privateRegistry',
    "contain 'zone'",
  ],
  [
    'namespace override with a slash',
    { ...testInput, registry: { namespaceOverride: 'team/ks' } },
    'registry.namespaceOverride',
    'project name',
  ],
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
  [
    'NTP server with a space',
    { ...testInput, system: { ntpServers: ['ntp.aliyun.com iburst'] } },
    'system.ntpServers[0]',
    'IPv4 address or',
  ],
  [
    'NTP server twice',
    { ...testInput, system: { ntpServers: ['10.0.0.1', '10.0.0.1'] } },
    'system.ntpServers[1]',
    'duplicates system.ntpServers[0]',
  ],
  ['time zone', { ...testInput, system: { timezone: 'Shanghai; reboot' } }, 'system.timezone', 'IANA time zone'],
  ['preInstall role', sys([{ name: 'a', bash: 'true', role: bad('master') }]), 'system.preInstall[0].role', 'etcd, control-plane, worker'],
  ['preInstall name', sys([{ name: 'Disk Setup', bash: 'true' }]), 'system.preInstall[0].name', 'DNS-1123 label'],
  [
    'preInstall name twice',
    sys([
      { name: 'a', bash: 'true' },
      { name: 'a', bash: 'false' },
    ]),
    'system.preInstall[1].name',
    'duplicates system.preInstall[0].name',
  ],
  ['empty preInstall script', sys([{ name: 'a', bash: ' ' }]), 'system.preInstall[0].bash', 'non-empty'],
  [
    'preInstall script starting with a line break',
    sys([{ name: 'a', bash: '\necho a\necho b\n' }]),
    'system.preInstall[0].bash',
    'must not begin',
  ],
  [
    'preInstall materials with one base name',
    sys([{ name: 'a', bash: 'true', materials: ['x/pkg.tgz', 'y/pkg.tgz'] }]),
    'system.preInstall[0].materials[1]',
    'same base name',
  ],
  ['storage class name', ks({ persistence: { storageClass: 'Local_SC' } }), 'kubesphere.persistence.storageClass', 'StorageClass name'],
  [
    'storage class KubeSphere would sed away',
    ks({ persistence: { storageClass: 'zone-ssd' } }),
    'kubesphere.persistence.storageClass',
    "contain 'zone'",
  ],
  [
    'monitoring storage class',
    ks({ monitoring: { storageClass: 'Fast' } }),
    'kubesphere.monitoring.storageClass',
    'StorageClass name (lowercase DNS name, or empty for the default class)',
  ],
  ['multicluster role', ks({ multicluster: { clusterRole: bad('primary') } }), 'kubesphere.multicluster.clusterRole', 'host, member, none'],
  [
    'JWT secret given as a value',
    ks({ multicluster: { jwtSecretEnv: 'abc.def' } }),
    'kubesphere.multicluster.jwtSecretEnv',
    'environment variable NAME',
  ],
  ['Jenkins memory unit', ks({ devops: { jenkinsMemoryReq: '4G' } }), 'kubesphere.devops.jenkinsMemoryReq', 'Mi or Gi'],
  [
    'Jenkins memory request above limit',
    ks({ devops: { jenkinsMemoryReq: '8Gi' } }),
    'kubesphere.devops.jenkinsMemoryReq',
    'must not exceed jenkinsMemoryLim 4Gi',
  ],
  [
    'Jenkins CPU request above limit',
    ks({ devops: { jenkinsCpuReq: 2 } }),
    'kubesphere.devops.jenkinsCpuReq',
    'must not exceed jenkinsCpuLim 1',
  ],
  ['Jenkins volume', ks({ devops: { jenkinsVolumeSize: '16' } }), 'kubesphere.devops.jenkinsVolumeSize', 'Mi or Gi'],
  [
    'Elasticsearch host with a scheme',
    es({ kind: 'external-elasticsearch', host: 'http://es.example.internal', port: 9200 }),
    'kubesphere.loggingBackend.host',
    'no scheme',
  ],
  [
    'Elasticsearch host KubeKey would sed away',
    es({ kind: 'external-elasticsearch', host: 'es.zone-a.example.internal', port: 9200 }),
    'kubesphere.loggingBackend.host',
    "contain 'zone'",
  ],
  [
    'Elasticsearch port',
    es({ kind: 'external-elasticsearch', host: 'es.example.internal', port: bad('9200') }),
    'kubesphere.loggingBackend.port',
    'integer port',
  ],
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
  expect(message).toContain(
    `  - controlPlaneEndpoint.address: "172.16.0.100" must be empty with internalLoadbalancer haproxy: KubeKey refuses it ("${HAPROXY_WITH_ADDRESS_MESSAGE}")`,
  );
  expect(message).toContain('  - network.kubeServiceCIDR: "10.233.0.0/18" overlaps network.kubePodsCIDR 10.233.0.0/16');
});

test('an acknowledged unsupported version passes with a warning', () => {
  const warnings = validateKubeKeyInput({ ...testInput, kubernetes: { version: 'v1.29.3', allowUnsupportedVersion: true } });
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatch(
    /^Kubernetes v1\.29\.3 is installable but unsupported: KubeSphere v3\.4\.1 supports Kubernetes v1\.21–v1\.26 only/,
  );
});

test('a supported version gives no warning', () => {
  expect(validateKubeKeyInput(testInput)).toEqual([]);
});

// Each rule refused one step past its edge, naming its key (issue 18: rules that could be deleted,
// parsers whose anchors could be dropped, the Mi/Gi conversion).
const edgeFailures: [string, KubeKeyClusterInput, string, string][] = [
  ['cluster name of 64 characters', { ...testInput, name: 'a'.repeat(64) }, 'name', 'DNS-1123 label'],
  ['cluster name ending in -', { ...testInput, name: 'test-' }, 'name', 'DNS-1123 label'],
  ['cluster name not a string', { ...testInput, name: bad(7) }, 'name', 'DNS-1123 label'],
  ['SSH user not a string', { ...testInput, ssh: { user: bad(5) } }, 'ssh.user', 'non-empty user name'],
  ['SSH key path not a string', { ...testInput, ssh: { privateKeyPath: bad(5) } }, 'ssh.privateKeyPath', 'non-empty path'],
  ['cluster DNS name not a string', { ...testInput, kubernetes: { clusterName: bad(5) } }, 'kubernetes.clusterName', 'DNS name'],
  [
    'VXLAN mode',
    { ...testInput, network: { calico: { ipipMode: 'Never', vxlanMode: bad('Sometimes') } } },
    'network.calico.vxlanMode',
    'Always, CrossSubnet, Never',
  ],
  // A list whose text reads as a valid value: refused because it is not a string.
  ['VPC CIDR as a list', { ...testInput, vpcCidr: bad(['192.168.0.0/16']) }, 'vpcCidr', 'is not an IPv4 CIDR'],
  ['time zone as a list', { ...testInput, system: { timezone: bad(['UTC']) } }, 'system.timezone', 'IANA time zone'],
  ['preInstall name as a list', sys([{ name: bad(['a']), bash: 'true' }]), 'system.preInstall[0].name', 'DNS-1123 label'],
  [
    'storage class as a list',
    ks({ persistence: { storageClass: bad(['local']) } }),
    'kubesphere.persistence.storageClass',
    'StorageClass name',
  ],
  [
    'JWT secret variable as a list',
    ks({ multicluster: { jwtSecretEnv: bad(['KS_JWT']) } }),
    'kubesphere.multicluster.jwtSecretEnv',
    'environment variable NAME',
  ],
  ['Jenkins memory as a list', ks({ devops: { jenkinsMemoryReq: bad(['4Gi']) } }), 'kubesphere.devops.jenkinsMemoryReq', 'Mi or Gi'],
  [
    'certificate SAN as a list',
    { ...testInput, kubernetes: { apiserverCertExtraSans: [bad(['ok.example.com'])] } },
    'kubernetes.apiserverCertExtraSans[0]',
    'IPv4 address or',
  ],
  ['maxPods 0', { ...testInput, kubernetes: { maxPods: 0 } }, 'kubernetes.maxPods', 'positive integer'],
  ['maxPods as a string', { ...testInput, kubernetes: { maxPods: bad('110') } }, 'kubernetes.maxPods', 'positive integer'],
  ['etcd backups kept 0', { ...testInput, etcd: { keepBackupNumber: 0 } }, 'etcd.keepBackupNumber', 'positive integer'],
  ['etcd backup dir not a string', { ...testInput, etcd: { backupDir: bad(1) } }, 'etcd.backupDir', 'absolute path'],
  ['VPC CIDR not a string', { ...testInput, vpcCidr: bad(42) }, 'vpcCidr', 'is not an IPv4 CIDR'],
  [
    'pod CIDR with trailing digits',
    { ...testInput, network: { kubePodsCIDR: '10.233.64.0/163' } },
    'network.kubePodsCIDR',
    'expected a.b.c.d/n',
  ],
  [
    'IPIP mode',
    { ...testInput, network: { calico: { ipipMode: bad('Sometimes') } } },
    'network.calico.ipipMode',
    'Always, CrossSubnet, Never',
  ],
  [
    'certificate SAN with a scheme before an address',
    { ...testInput, kubernetes: { apiserverCertExtraSans: ['https://1.2.3.4'] } },
    'kubernetes.apiserverCertExtraSans[0]',
    'IPv4 address or',
  ],
  [
    'certificate SAN not a string',
    { ...testInput, kubernetes: { apiserverCertExtraSans: [bad(1)] } },
    'kubernetes.apiserverCertExtraSans[0]',
    'IPv4 address or',
  ],
  [
    'private registry with a path',
    { ...testInput, registry: { privateRegistry: 'harbor.example.internal/library' } },
    'registry.privateRegistry',
    'no scheme, no path',
  ],
  [
    'private registry port of six digits',
    { ...testInput, registry: { privateRegistry: 'harbor.example.internal:123456' } },
    'registry.privateRegistry',
    'host[:port]',
  ],
  [
    'namespace override ending in -',
    { ...testInput, registry: { namespaceOverride: 'kubesphere-' } },
    'registry.namespaceOverride',
    'project name',
  ],
  [
    'namespace override with a leading /',
    { ...testInput, registry: { namespaceOverride: '/kubesphere' } },
    'registry.namespaceOverride',
    'project name',
  ],
  ...KUBEKEY_SED_TOKENS_IN_NAMESPACES(),
  [
    'registry mirror entry',
    { ...testInput, registry: { registryMirrors: ['https://mirror.example.internal', ''] } },
    'registry.registryMirrors[1]',
    'non-empty registry address',
  ],
  [
    'insecure registry not a string',
    { ...testInput, registry: { insecureRegistries: [bad(5000)] } },
    'registry.insecureRegistries[0]',
    'non-empty registry address',
  ],
  ...authHostFailures(),
  ...envNameFailures(),
  ['NTP server address with a port', { ...testInput, system: { ntpServers: ['1.2.3.4:123'] } }, 'system.ntpServers[0]', 'IPv4 address or'],
  ['NTP server not a string', { ...testInput, system: { ntpServers: [bad(1)] } }, 'system.ntpServers[0]', 'IPv4 address or'],
  ...[['Asia'], ['xUTC'], ['UTC+8'], [' Asia/Shanghai'], ['Asia/Shanghai '], [bad<string>(8)]].map(
    ([timezone]): [string, KubeKeyClusterInput, string, string] => [
      `time zone ${JSON.stringify(timezone)}`,
      { ...testInput, system: { timezone } },
      'system.timezone',
      'IANA time zone',
    ],
  ),
  ['preInstall name of 64 characters', sys([{ name: 'a'.repeat(64), bash: 'true' }]), 'system.preInstall[0].name', 'DNS-1123 label'],
  ['preInstall name ending in -', sys([{ name: 'disk-', bash: 'true' }]), 'system.preInstall[0].name', 'DNS-1123 label'],
  ['preInstall script not a string', sys([{ name: 'a', bash: bad(1) }]), 'system.preInstall[0].bash', 'non-empty'],
  [
    'preInstall script starting with a space',
    sys([{ name: 'a', bash: ' echo a' }]),
    'system.preInstall[0].bash',
    'must not begin with whitespace',
  ],
  [
    'preInstall material that is only a slash',
    sys([{ name: 'a', bash: 'true', materials: ['/'] }]),
    'system.preInstall[0].materials[0]',
    'local file or directory path',
  ],
  [
    'preInstall material not a string',
    sys([{ name: 'a', bash: 'true', materials: [bad(1)] }]),
    'system.preInstall[0].materials[0]',
    'local file or directory path',
  ],
  [
    'preInstall directories with one base name',
    sys([{ name: 'a', bash: 'true', materials: ['x/pkg//', 'y/pkg'] }]),
    'system.preInstall[0].materials[1]',
    'same base name as materials[0]',
  ],
  [
    'empty persistence storage class',
    ks({ persistence: { storageClass: '' } }),
    'kubesphere.persistence.storageClass',
    'StorageClass name (lowercase DNS name)',
  ],
  [
    'monitoring storage class KubeSphere would sed away',
    ks({ monitoring: { storageClass: 'zone-ssd' } }),
    'kubesphere.monitoring.storageClass',
    "contain 'zone'",
  ],
  [
    'OpenEBS base path not a string',
    { ...testInput, storage: { openebs: { basePath: bad(1) } } },
    'storage.openebs.basePath',
    'absolute path',
  ],
  ['Jenkins CPU request 0', ks({ devops: { jenkinsCpuReq: 0 } }), 'kubesphere.devops.jenkinsCpuReq', 'positive number of cores'],
  ['Jenkins CPU request negative', ks({ devops: { jenkinsCpuReq: -0.5 } }), 'kubesphere.devops.jenkinsCpuReq', 'positive number of cores'],
  [
    'Jenkins CPU request as a string',
    ks({ devops: { jenkinsCpuReq: bad('0.5') } }),
    'kubesphere.devops.jenkinsCpuReq',
    'positive number of cores',
  ],
  [
    'Jenkins CPU limit infinite',
    ks({ devops: { jenkinsCpuLim: Number.POSITIVE_INFINITY } }),
    'kubesphere.devops.jenkinsCpuLim',
    'positive number of cores',
  ],
  [
    'Jenkins CPU limit not a number',
    ks({ devops: { jenkinsCpuLim: Number.NaN } }),
    'kubesphere.devops.jenkinsCpuLim',
    'positive number of cores',
  ],
  [
    'Jenkins CPU request just above the limit',
    ks({ devops: { jenkinsCpuReq: 1.01 } }),
    'kubesphere.devops.jenkinsCpuReq',
    'must not exceed jenkinsCpuLim 1',
  ],
  [
    'Jenkins memory 4097Mi over a 4Gi limit',
    ks({ devops: { jenkinsMemoryReq: '4097Mi' } }),
    'kubesphere.devops.jenkinsMemoryReq',
    'must not exceed jenkinsMemoryLim 4Gi',
  ],
  [
    'Jenkins memory 4Gi over a 4095Mi limit',
    ks({ devops: { jenkinsMemoryLim: '4095Mi' } }),
    'kubesphere.devops.jenkinsMemoryReq',
    'must not exceed jenkinsMemoryLim 4095Mi',
  ],
  [
    'Jenkins memory 1537Mi over a 1.5Gi limit',
    ks({ devops: { jenkinsMemoryReq: '1537Mi', jenkinsMemoryLim: '1.5Gi' } }),
    'kubesphere.devops.jenkinsMemoryReq',
    'must not exceed jenkinsMemoryLim 1.5Gi',
  ],
  ['Jenkins memory limit unit', ks({ devops: { jenkinsMemoryLim: '4G' } }), 'kubesphere.devops.jenkinsMemoryLim', 'Mi or Gi'],
  ...[['x4Gi'], ['4Gi '], ['4.Gi'], ['.5Gi'], ['4Ki'], [bad<string>(4096)]].map(
    ([jenkinsMemoryReq]): [string, KubeKeyClusterInput, string, string] => [
      `Jenkins memory ${JSON.stringify(jenkinsMemoryReq)}`,
      ks({ devops: { jenkinsMemoryReq } }),
      'kubesphere.devops.jenkinsMemoryReq',
      'must be a quantity in Mi or Gi, for example 4Gi',
    ],
  ),
  [
    'Elasticsearch host not a string',
    es({ kind: 'external-elasticsearch', host: bad(1), port: 9200 }),
    'kubesphere.loggingBackend.host',
    'no scheme, no port',
  ],
  [
    'Elasticsearch protocol',
    es({ kind: 'external-elasticsearch', host: 'es.example.internal', port: 9200, protocol: bad('ftp') }),
    'kubesphere.loggingBackend.protocol',
    'http, https',
  ],
];

/** Every substring KubeKey seds, in a registry project name (lowercase, `_` allowed). */
function KUBEKEY_SED_TOKENS_IN_NAMESPACES(): [string, KubeKeyClusterInput, string, string][] {
  return ['zone', 'containerruntime', 'local_registry', 'namespace_override'].map((token) => [
    `namespace override containing ${token}`,
    { ...testInput, registry: { namespaceOverride: `team-${token}` } },
    'registry.namespaceOverride',
    `must not contain '${token}': KubeKey rewrites or deletes every ClusterConfiguration line containing it`,
  ]);
}

/** The registry auth host is a host[:port], anchored at both ends. */
function authHostFailures(): [string, KubeKeyClusterInput, string, string][] {
  return [
    'https://harbor.example.internal',
    'harbor.example.internal/library',
    'harbor.example.internal:123456',
    'harbor example',
    bad<string>(443),
    bad<string>(['harbor.example.internal']),
  ].map((host) => [
    `registry auth host ${JSON.stringify(host)}`,
    { ...testInput, registry: { auths: [{ host, usernameEnv: 'KK_USER', passwordEnv: 'KK_PASSWORD' }] } },
    'registry.auths[0].host',
    'must be a registry host[:port]',
  ]);
}

/** An ENV_NAME is a whole upper-case name: a pasted secret around or instead of it is refused. */
function envNameFailures(): [string, KubeKeyClusterInput, string, string][] {
  return ['kk_user', 'x_PASSWORD', 'KK_PASSWORD=hunter2', '1KK', 'KK-USER', '', bad<string>(1), bad<string>(['KK_USER'])].map(
    (usernameEnv) => [
      `registry usernameEnv ${JSON.stringify(usernameEnv)}`,
      { ...testInput, registry: { auths: [{ host: 'harbor.example.internal', usernameEnv, passwordEnv: 'KK_PASSWORD' }] } },
      'registry.auths[0].usernameEnv',
      'must be an environment variable NAME ([A-Z_][A-Z0-9_]*), never the secret itself',
    ],
  );
}

test.each(edgeFailures)('%s: fails alone, naming its key', (_rule, input, key, fragment) => {
  const issues = issuesOf(input);
  expect(issues.map((i) => i.key)).toEqual([key]);
  expect(issues[0].message).toContain(fragment);
});

// Each rule accepts the value at its edge, so an off-by-one that refuses it fails here.
test.each<[string, KubeKeyClusterInput]>([
  ['a cluster name of 63 characters', { ...testInput, name: 'a'.repeat(63) }],
  ['a one-letter cluster name', { ...testInput, name: 'a' }],
  ['maxPods 1', { ...testInput, kubernetes: { maxPods: 1 } }],
  ['etcd keepBackupNumber 1', { ...testInput, etcd: { keepBackupNumber: 1 } }],
  ['etcd backupPeriod 1', { ...testInput, etcd: { backupPeriod: 1 } }],
  ['etcd backup dir /', { ...testInput, etcd: { backupDir: '/' } }],
  ['VXLAN instead of IPIP', { ...testInput, network: { calico: { ipipMode: 'Never', vxlanMode: 'CrossSubnet' } } }],
  ['no encapsulation at all', { ...testInput, network: { calico: { ipipMode: 'Never', vxlanMode: 'Never' } } }],
  ['pod and service CIDRs side by side', { ...testInput, network: { kubePodsCIDR: '10.233.64.0/18', kubeServiceCIDR: '10.233.0.0/18' } }],
  ['a private registry with a port', { ...testInput, registry: { privateRegistry: 'Harbor.example.internal:5000' } }],
  ['a registry project with ., _ and -', { ...testInput, registry: { namespaceOverride: 'kube_sphere.io-x' } }],
  [
    'a registry auth host with a port',
    { ...testInput, registry: { auths: [{ host: 'harbor.example.internal:5000', usernameEnv: '_KK_USER1', passwordEnv: 'KK_PASSWORD' }] } },
  ],
  [
    'two registry auths for two hosts',
    {
      ...testInput,
      registry: {
        auths: [
          { host: 'a.example.internal', usernameEnv: 'A', passwordEnv: 'B' },
          { host: 'b.example.internal', usernameEnv: 'C', passwordEnv: 'D' },
        ],
      },
    },
  ],
  ['NTP servers by address and name', { ...testInput, system: { ntpServers: ['10.0.0.1', 'ntp.aliyun.com'] } }],
  ['time zone UTC', { ...testInput, system: { timezone: 'UTC' } }],
  ['time zone Etc/GMT+8', { ...testInput, system: { timezone: 'Etc/GMT+8' } }],
  ['time zone America/Argentina/Buenos_Aires', { ...testInput, system: { timezone: 'America/Argentina/Buenos_Aires' } }],
  ['a preInstall name of 63 characters', sys([{ name: 'a'.repeat(63), bash: 'true' }])],
  ['a preInstall script whose first line is a command', sys([{ name: 'a', bash: 'echo a\n echo b' }])],
  ['preInstall materials with different base names', sys([{ name: 'a', bash: 'true', materials: ['x/a.tgz', 'x/b.tgz', 'x/c/'] }])],
  ['an empty monitoring storage class (the default class)', ks({ monitoring: { storageClass: '' } })],
  ['a JWT secret named by its variable', ks({ multicluster: { jwtSecretEnv: 'KS_JWT_SECRET' } })],
  ['Jenkins CPU request equal to its limit', ks({ devops: { jenkinsCpuReq: 1, jenkinsCpuLim: 1 } })],
  ['Jenkins CPU of a fraction of a core', ks({ devops: { jenkinsCpuReq: 0.1, jenkinsCpuLim: 0.2 } })],
  ['Jenkins memory 2048Mi under a 4Gi limit', ks({ devops: { jenkinsMemoryReq: '2048Mi', jenkinsMemoryLim: '4Gi' } })],
  ['Jenkins memory 4096Mi equal to a 4Gi limit', ks({ devops: { jenkinsMemoryReq: '4096Mi', jenkinsMemoryLim: '4Gi' } })],
  ['Jenkins memory 4Gi equal to a 4096Mi limit', ks({ devops: { jenkinsMemoryReq: '4Gi', jenkinsMemoryLim: '4096Mi' } })],
  ['Jenkins memory 1.25Gi equal to a 1280Mi limit', ks({ devops: { jenkinsMemoryReq: '1.25Gi', jenkinsMemoryLim: '1280Mi' } })],
  [
    'Jenkins memory 1.5Gi equal to a 1536Mi limit',
    ks({ devops: { jenkinsMemoryReq: '1.5Gi', jenkinsMemoryLim: '1536Mi', jenkinsVolumeSize: '16384Mi' } }),
  ],
  ['NTP server by a name that is all digits', { ...testInput, system: { ntpServers: ['1.2.3.999'] } }],
  ['Elasticsearch by address over https', es({ kind: 'external-elasticsearch', host: '10.0.0.5', port: 9200, protocol: 'https' })],
])('accepts %s', (_rule, input) => {
  expect(issuesOf(input)).toEqual([]);
});

test('a script starting with whitespace is shown by its first 20 characters only', () => {
  const issues = issuesOf(sys([{ name: 'a', bash: '\techo 0123456789 0123456789 secret-tail' }]));
  expect(issues).toEqual([
    { key: 'system.preInstall[0].bash', value: '\techo 0123456789 012...', message: 'must not begin with whitespace or a line break' },
  ]);
});
