import { nodeDataDiskPreInstall, type KubeKeyClusterInput, type KubeKeyHost } from '../../../constructs/kubekey';

/** Production-like: 3 control-plane+etcd hosts, 5 workers, KubeKey haproxy, an SLB for external clients. */
export const SLB_ADDRESS = '172.16.0.100';

const controlPlanes: KubeKeyHost[] = [1, 2, 3].map((n) => ({
  name: `master-${n}`,
  internalAddress: `172.16.1.${10 + n}`,
  roles: ['etcd', 'control-plane'],
}));
const workers: KubeKeyHost[] = [1, 2, 3, 4, 5].map((n) => ({
  name: `worker-${n}`,
  internalAddress: `172.16.2.${10 + n}`,
  roles: ['worker'],
}));

export const productionInput: KubeKeyClusterInput = {
  name: 'production',
  hosts: [...controlPlanes, ...workers],
  controlPlaneEndpoint: { internalLoadbalancer: 'haproxy', address: '' },
  kubernetes: { apiserverCertExtraSans: [SLB_ADDRESS] },
  vpcCidr: '172.16.0.0/12',
  registry: {
    privateRegistry: 'harbor.example.internal',
    namespaceOverride: 'kubesphereio',
    insecureRegistries: ['harbor.example.internal'],
    auths: [{ host: 'harbor.example.internal', usernameEnv: 'KK_REGISTRY_USER', passwordEnv: 'KK_REGISTRY_PASSWORD' }],
  },
  system: {
    ntpServers: ['ntp.aliyun.com'],
    timezone: 'Asia/Shanghai',
    preInstall: [nodeDataDiskPreInstall(), { name: 'workers-only', bash: 'echo worker', role: 'worker', materials: ['./files/a.tgz'] }],
  },
  kubesphere: {
    devops: { enabled: true },
    logging: { enabled: true },
    events: { enabled: true },
    auditing: { enabled: true },
    alerting: { enabled: true },
    openpitrix: { store: { enabled: true } },
    multicluster: { clusterRole: 'host' },
  },
  requireHighAvailability: true,
};

/** Test-like: 3 hosts, each etcd + control-plane + worker; no load balancer given (the defaults add haproxy). */
export const testInput: KubeKeyClusterInput = {
  name: 'test',
  hosts: [1, 2, 3].map((n) => ({
    name: `node-${n}`,
    internalAddress: `192.168.10.${n}`,
    roles: ['etcd', 'control-plane', 'worker'],
  })),
  vpcCidr: '192.168.0.0/16',
};

/** Returns a copy of `input` with `hosts[index]` patched. */
export function withHost(input: KubeKeyClusterInput, index: number, patch: Partial<KubeKeyHost>): KubeKeyClusterInput {
  return { ...input, hosts: input.hosts.map((h, i) => (i === index ? { ...h, ...patch } : h)) };
}
