/**
 * Named defaults and the one place they are applied. Builders and validation read only the resolved
 * model, so a default is chosen exactly once.
 */
import { DEFAULT_KUBERNETES_VERSION } from './versions';
import type {
  CalicoEncapsulationMode,
  ContainerManager,
  CustomScript,
  HostRole,
  InternalLoadbalancer,
  KubeKeyClusterInput,
  LoggingBackend,
  MulticlusterRole,
  ProxyMode,
  RegistryAuthReference,
} from './types';

export const DEFAULT_SSH_USER = 'root';
/** The SSH private key KubeKey connects with, on the host that runs `kk`. */
export const DEFAULT_SSH_PRIVATE_KEY_PATH = '~/.ssh/id_rsa';
export const DEFAULT_SSH_PORT = 22;

export const DEFAULT_LB_DOMAIN = 'lb.kubesphere.local';
export const DEFAULT_LB_ADDRESS = '';
export const DEFAULT_APISERVER_PORT = 6443;

export const DEFAULT_CLUSTER_NAME = 'cluster.local';
// KubeKey defaults to docker, which from Kubernetes v1.24 on needs cri-dockerd; `kk create config`
// itself writes containerd for those versions.
export const DEFAULT_CONTAINER_MANAGER: ContainerManager = 'containerd';
// KubeKey leaves certificates to expire after a year unless this is set; its own template sets it.
export const DEFAULT_AUTO_RENEW_CERTS = true;
export const DEFAULT_PROXY_MODE: ProxyMode = 'ipvs';
export const DEFAULT_MAX_PODS = 110;

export const DEFAULT_ETCD_TYPE = 'kubekey';
/** Where KubeKey's etcd backups land on each etcd host. */
export const DEFAULT_ETCD_BACKUP_DIR = '/var/backups/kube_etcd';
export const DEFAULT_ETCD_BACKUP_PERIOD_MINUTES = 1440;
export const DEFAULT_ETCD_KEEP_BACKUP_NUMBER = 5;

export const DEFAULT_NETWORK_PLUGIN = 'calico';
export const DEFAULT_KUBE_PODS_CIDR = '10.233.64.0/18';
export const DEFAULT_KUBE_SERVICE_CIDR = '10.233.0.0/18';
export const DEFAULT_CALICO_IPIP_MODE: CalicoEncapsulationMode = 'Always';
export const DEFAULT_CALICO_VXLAN_MODE: CalicoEncapsulationMode = 'Never';

export const DEFAULT_OPENEBS_BASE_PATH = '/var/openebs/local';

/** The default StorageClass of the cluster: KubeKey's OpenEBS local PV class. */
export const DEFAULT_STORAGE_CLASS = 'local';
export const DEFAULT_MONITORING_STORAGE_CLASS = '';
export const DEFAULT_JENKINS_CPU_REQ = 0.5;
export const DEFAULT_JENKINS_CPU_LIM = 1;
// 4Gi, not the 2G of older KubeSphere releases: the seed cluster's Jenkins kept restarting (OOM) at 2G.
// ks-installer v3.4 sizes the JVM from the limit (-XX:MaxRAMPercentage=70 -XX:MaxRAM=<limit>), so the
// heap grows with it; request = limit keeps the pod from being evicted under node memory pressure.
export const DEFAULT_JENKINS_MEMORY_REQ = '4Gi';
export const DEFAULT_JENKINS_MEMORY_LIM = '4Gi';
export const DEFAULT_JENKINS_VOLUME_SIZE = '16Gi';
export const DEFAULT_MULTICLUSTER_ROLE: MulticlusterRole = 'none';
export const DEFAULT_LOGGING_BACKEND: LoggingBackend = { kind: 'opensearch' };
export const DEFAULT_EXTERNAL_ES_PROTOCOL = 'http';

/**
 * The internal load balancer a cluster gets when its input names none: `haproxy` whenever there are
 * several control-plane hosts and no load-balancer `address`, else none.
 *
 * Why haproxy: with several control planes and nothing else, KubeKey points every node at the first
 * control-plane host alone (kubekey#162). The tempting fix, `address` at an Alibaba Cloud layer-4 SLB,
 * is the hairpin trap: the SLB does not let a backend reach itself through it, so `kubeadm init` on a
 * control-plane node times out talking to its own apiserver through the SLB. With haproxy, KubeKey
 * maps the endpoint to 127.0.0.1 on every node (its own apiserver on control planes, a local haproxy
 * static pod on workers); an SLB for clients outside the cluster goes into `apiserverCertExtraSans`.
 * A given `address` (an external load balancer) is kept: KubeKey refuses haproxy together with one.
 */
export function defaultInternalLoadbalancer(
  hosts: readonly { readonly roles: readonly HostRole[] }[],
  address: string,
): InternalLoadbalancer | undefined {
  const controlPlanes = hosts.filter((h) => h.roles.includes('control-plane')).length;
  return controlPlanes >= 2 && address === '' ? 'haproxy' : undefined;
}

/** A host with every default applied. */
export interface ResolvedHost {
  readonly name: string;
  readonly internalAddress: string;
  readonly address: string;
  /** Whether `address` was given (rather than copied from internalAddress); validation reports it. */
  readonly addressGiven: boolean;
  readonly roles: readonly HostRole[];
  readonly labels: Readonly<Record<string, string>> | undefined;
}

/** The input with every default applied. */
export interface ResolvedKubeKeyInput {
  readonly name: string;
  readonly hosts: readonly ResolvedHost[];
  readonly ssh: { readonly user: string; readonly privateKeyPath: string; readonly port: number };
  readonly controlPlaneEndpoint: {
    readonly internalLoadbalancer: InternalLoadbalancer | undefined;
    readonly domain: string;
    readonly address: string;
    readonly port: number;
  };
  readonly kubernetes: {
    readonly version: string;
    readonly allowUnsupportedVersion: boolean;
    readonly clusterName: string;
    readonly containerManager: ContainerManager;
    readonly apiserverCertExtraSans: readonly string[];
    readonly autoRenewCerts: boolean;
    readonly proxyMode: ProxyMode;
    readonly maxPods: number;
  };
  readonly etcd: {
    readonly type: 'kubekey';
    readonly backupDir: string;
    readonly backupPeriod: number;
    readonly keepBackupNumber: number;
  };
  readonly network: {
    readonly plugin: 'calico';
    readonly kubePodsCIDR: string;
    readonly kubeServiceCIDR: string;
    readonly ipipMode: CalicoEncapsulationMode;
    readonly vxlanMode: CalicoEncapsulationMode;
  };
  readonly vpcCidr: string | undefined;
  readonly registry: {
    readonly privateRegistry: string;
    readonly namespaceOverride: string;
    readonly registryMirrors: readonly string[];
    readonly insecureRegistries: readonly string[];
    readonly auths: readonly RegistryAuthReference[];
  };
  readonly openebsBasePath: string;
  readonly system: {
    readonly ntpServers: readonly string[];
    readonly timezone: string;
    readonly preInstall: readonly CustomScript[];
  };
  readonly kubesphere: {
    readonly storageClass: string;
    readonly devops: {
      readonly enabled: boolean;
      readonly jenkinsCpuReq: number;
      readonly jenkinsCpuLim: number;
      readonly jenkinsMemoryReq: string;
      readonly jenkinsMemoryLim: string;
      readonly jenkinsVolumeSize: string;
    };
    readonly logging: boolean;
    readonly events: boolean;
    readonly auditing: boolean;
    readonly alerting: boolean;
    readonly etcdMonitoring: boolean;
    readonly metricsServer: boolean;
    readonly monitoringStorageClass: string;
    readonly appStore: boolean;
    readonly clusterRole: MulticlusterRole;
    readonly jwtSecretEnv: string | undefined;
    readonly loggingBackend: LoggingBackend;
  };
  readonly requireHighAvailability: boolean;
}

/** Applies every default. Does not validate: see `validateKubeKeyInput`. */
export function resolveKubeKeyInput(input: KubeKeyClusterInput): ResolvedKubeKeyInput {
  const k8s = input.kubernetes ?? {};
  const cpe = input.controlPlaneEndpoint ?? {};
  const net = input.network ?? {};
  const reg = input.registry ?? {};
  const ks = input.kubesphere ?? {};
  const devops = ks.devops ?? {};
  const hosts = (input.hosts ?? []).map((h): ResolvedHost => ({
    name: h.name,
    internalAddress: h.internalAddress,
    address: h.address ?? h.internalAddress,
    addressGiven: h.address !== undefined,
    roles: h.roles ?? [],
    labels: h.labels,
  }));
  const address = cpe.address ?? DEFAULT_LB_ADDRESS;
  return {
    name: input.name,
    hosts,
    ssh: {
      user: input.ssh?.user ?? DEFAULT_SSH_USER,
      privateKeyPath: input.ssh?.privateKeyPath ?? DEFAULT_SSH_PRIVATE_KEY_PATH,
      port: input.ssh?.port ?? DEFAULT_SSH_PORT,
    },
    controlPlaneEndpoint: {
      internalLoadbalancer: cpe.internalLoadbalancer ?? defaultInternalLoadbalancer(hosts, address),
      domain: cpe.domain ?? DEFAULT_LB_DOMAIN,
      address,
      port: cpe.port ?? DEFAULT_APISERVER_PORT,
    },
    kubernetes: {
      version: k8s.version ?? DEFAULT_KUBERNETES_VERSION,
      allowUnsupportedVersion: k8s.allowUnsupportedVersion ?? false,
      clusterName: k8s.clusterName ?? DEFAULT_CLUSTER_NAME,
      containerManager: k8s.containerManager ?? DEFAULT_CONTAINER_MANAGER,
      apiserverCertExtraSans: k8s.apiserverCertExtraSans ?? [],
      autoRenewCerts: k8s.autoRenewCerts ?? DEFAULT_AUTO_RENEW_CERTS,
      proxyMode: k8s.proxyMode ?? DEFAULT_PROXY_MODE,
      maxPods: k8s.maxPods ?? DEFAULT_MAX_PODS,
    },
    etcd: {
      type: input.etcd?.type ?? DEFAULT_ETCD_TYPE,
      backupDir: input.etcd?.backupDir ?? DEFAULT_ETCD_BACKUP_DIR,
      backupPeriod: input.etcd?.backupPeriod ?? DEFAULT_ETCD_BACKUP_PERIOD_MINUTES,
      keepBackupNumber: input.etcd?.keepBackupNumber ?? DEFAULT_ETCD_KEEP_BACKUP_NUMBER,
    },
    network: {
      plugin: net.plugin ?? DEFAULT_NETWORK_PLUGIN,
      kubePodsCIDR: net.kubePodsCIDR ?? DEFAULT_KUBE_PODS_CIDR,
      kubeServiceCIDR: net.kubeServiceCIDR ?? DEFAULT_KUBE_SERVICE_CIDR,
      ipipMode: net.calico?.ipipMode ?? DEFAULT_CALICO_IPIP_MODE,
      vxlanMode: net.calico?.vxlanMode ?? DEFAULT_CALICO_VXLAN_MODE,
    },
    vpcCidr: input.vpcCidr,
    registry: {
      privateRegistry: reg.privateRegistry ?? '',
      namespaceOverride: reg.namespaceOverride ?? '',
      registryMirrors: reg.registryMirrors ?? [],
      insecureRegistries: reg.insecureRegistries ?? [],
      auths: reg.auths ?? [],
    },
    openebsBasePath: input.storage?.openebs?.basePath ?? DEFAULT_OPENEBS_BASE_PATH,
    system: {
      ntpServers: input.system?.ntpServers ?? [],
      timezone: input.system?.timezone ?? '',
      preInstall: input.system?.preInstall ?? [],
    },
    kubesphere: {
      storageClass: ks.persistence?.storageClass ?? DEFAULT_STORAGE_CLASS,
      devops: {
        enabled: devops.enabled ?? false,
        jenkinsCpuReq: devops.jenkinsCpuReq ?? DEFAULT_JENKINS_CPU_REQ,
        jenkinsCpuLim: devops.jenkinsCpuLim ?? DEFAULT_JENKINS_CPU_LIM,
        jenkinsMemoryReq: devops.jenkinsMemoryReq ?? DEFAULT_JENKINS_MEMORY_REQ,
        jenkinsMemoryLim: devops.jenkinsMemoryLim ?? DEFAULT_JENKINS_MEMORY_LIM,
        jenkinsVolumeSize: devops.jenkinsVolumeSize ?? DEFAULT_JENKINS_VOLUME_SIZE,
      },
      logging: ks.logging?.enabled ?? false,
      events: ks.events?.enabled ?? false,
      auditing: ks.auditing?.enabled ?? false,
      alerting: ks.alerting?.enabled ?? false,
      etcdMonitoring: ks.monitoring?.etcd ?? false,
      metricsServer: ks.monitoring?.metricsServer ?? false,
      monitoringStorageClass: ks.monitoring?.storageClass ?? DEFAULT_MONITORING_STORAGE_CLASS,
      appStore: ks.openpitrix?.store?.enabled ?? false,
      clusterRole: ks.multicluster?.clusterRole ?? DEFAULT_MULTICLUSTER_ROLE,
      jwtSecretEnv: ks.multicluster?.jwtSecretEnv,
      loggingBackend: ks.loggingBackend ?? DEFAULT_LOGGING_BACKEND,
    },
    requireHighAvailability: input.requireHighAvailability ?? false,
  };
}
