/**
 * What the stacks hand each construct, derived from config alone: the KubeKey input, the registry
 * settings, the DevOps project's props, the catalogue's CI/CD view. Pure, so the config layer can
 * run each construct's own checks on exactly these values (construct-checks.ts) before any
 * resource is registered, and the compositions pass the very same values on.
 */
import {
  DEFAULT_ETCD_BACKUP_DIR,
  DEFAULT_KUBERNETES_VERSION,
  DEFAULT_NODE_DATA_DISK_MOUNT_POINT,
  EtcdBackupShippingOptions,
  KubeKeyClusterInput,
  RegistrySettings,
  etcdBackupShippingPreInstall,
  nodeDataDiskPreInstall,
} from '../../constructs/kubekey';
import { type DevOpsProjectProps, type DevOpsServiceProps, SPRING_BOOT_CONTAINER_NAME } from '../../constructs/k8s';
import type { ClusterSpec } from './spec';
import type { DevOpsSpec, HarborSpec } from './devops';
import type { ImagesSpec } from './images';
import type { NodePoolSpec } from './cluster';

// KubeKey

/** The placeholder the KubeSphere JWT secret takes in the ClusterConfiguration. */
export const JWT_SECRET_ENV = 'KS_JWT_SECRET';

/** The KubeKey input a cluster spec describes (everything but the hosts, which come from the pools). */
export function kubeKeyInput(spec: ClusterSpec, vpcCidr: string, etcdShipping?: EtcdShippingTarget): Omit<KubeKeyClusterInput, 'hosts'> {
  const ks = spec.kubesphere;
  const backupDir = etcdBackupDir(spec);
  const preInstall = [
    ...(spec.cluster.prepareDataDisks && spec.nodePools.length > 0 ? [nodeDataDiskPreInstall()] : []),
    ...(etcdShipping ? [etcdBackupShippingPreInstall({ ...etcdShipping, backupDir })] : []),
  ];
  return {
    name: spec.cluster.name,
    ssh: { user: spec.cluster.ssh.user, privateKeyPath: spec.cluster.ssh.privateKeyPath },
    // No controlPlaneEndpoint: KubeKey's defaults give haproxy whenever there are several
    // control-plane nodes, never the SLB (the hairpin trap; kubekey.defaultInternalLoadbalancer).
    kubernetes: {
      version: spec.kubernetes.version ?? DEFAULT_KUBERNETES_VERSION,
      allowUnsupportedVersion: spec.kubernetes.allowUnsupportedVersion,
    },
    network: { kubePodsCIDR: spec.kubernetes.podCidr, kubeServiceCIDR: spec.kubernetes.serviceCidr },
    vpcCidr,
    requireHighAvailability: spec.cluster.highAvailability,
    // Both clusters pull the services' images from Harbor, with credentials by reference; KubeKey's
    // and KubeSphere's own images come from the mirror when platform:images names one.
    registry: clusterRegistrySettings(spec),
    // Every pool attaches exactly one data disk (see deployCluster); without this script it stays raw
    // and OpenEBS volumes and images fill the system disk. Default paths: KubeKey's OpenEBS base
    // path and containerd's root, which is what this stack leaves them at.
    ...(preInstall.length > 0 ? { system: { preInstall } } : {}),
    // KubeKey's etcd snapshots: on the data disk (not the system disk, lost with a rebuilt node),
    // at the period and count of platform:backup.etcd; shipped off the node when there is a bucket.
    etcd: { backupDir, backupPeriod: spec.backup.etcd.periodMinutes, keepBackupNumber: spec.backup.etcd.keepBackupNumber },
    kubesphere: {
      devops: { enabled: ks.devops },
      // The services' HorizontalPodAutoscalers read CPU from metrics-server.
      monitoring: { metricsServer: true },
      logging: { enabled: ks.logging },
      events: { enabled: ks.events },
      auditing: { enabled: ks.auditing },
      alerting: { enabled: ks.alerting },
      openpitrix: { store: { enabled: ks.appStore } },
      // A member cluster must share the host's JWT secret, so both take it from secret config.
      multicluster: { clusterRole: ks.multiclusterRole, jwtSecretEnv: ks.multiclusterRole === 'none' ? undefined : JWT_SECRET_ENV },
      loggingBackend: { kind: ks.logStore },
    },
  };
}

/** Where KubeKey keeps etcd snapshots: on the data disk when the stack prepares it, else KubeKey's default. */
export function etcdBackupDir(spec: ClusterSpec): string {
  return spec.cluster.prepareDataDisks ? `${DEFAULT_NODE_DATA_DISK_MOUNT_POINT}/etcd-backups` : DEFAULT_ETCD_BACKUP_DIR;
}

/** Where the etcd nodes ship their snapshots, and the role they do it with. */
export type EtcdShippingTarget = Omit<EtcdBackupShippingOptions, 'backupDir'>;

// Node pools

/**
 * The security groups (by name) a pool's nodes join: workers the worker group, every other role the
 * control-plane group; one group when both names are the same.
 */
export function nodePoolSecurityGroups(spec: ClusterSpec, pool: NodePoolSpec): string[] {
  const { controlPlane, worker } = spec.cluster.securityGroups;
  return [
    ...new Set([...(pool.roles.includes('worker') ? [worker] : []), ...(pool.roles.some((r) => r !== 'worker') ? [controlPlane] : [])]),
  ];
}

// Registries

/** Placeholders of the KubeKey `registry.auths` entry, filled by the bootstrap step. */
export const HARBOR_USERNAME_ENV = 'HARBOR_PULL_USERNAME';
export const HARBOR_PASSWORD_ENV = 'HARBOR_PULL_PASSWORD';

/**
 * The KubeKey `registry` section: nodes authenticate to Harbor by reference (`${ENV}` placeholders,
 * never values), and pull the cluster's own images from it only when `clusterImages` says so.
 */
export function harborRegistrySettings(harbor: HarborSpec | undefined): RegistrySettings | undefined {
  if (harbor === undefined) {
    return undefined;
  }
  return {
    ...(harbor.clusterImages ? { privateRegistry: harbor.host } : {}),
    auths: [{ host: harbor.host, usernameEnv: HARBOR_USERNAME_ENV, passwordEnv: HARBOR_PASSWORD_ENV, skipTLSVerify: harbor.skipTlsVerify }],
  };
}

/** Placeholders of the mirror's `registry.auths` entry, filled by the bootstrap step. */
export const IMAGES_USERNAME_ENV = 'IMAGES_PULL_USERNAME';
export const IMAGES_PASSWORD_ENV = 'IMAGES_PULL_PASSWORD';

/** Whether the mirror is the Harbor whose credentials the nodes already hold. */
export function mirrorIsHarbor(spec: { readonly harbor?: Pick<HarborSpec, 'host'>; readonly images?: ImagesSpec }): boolean {
  return spec.harbor !== undefined && spec.images !== undefined && spec.harbor.host === spec.images.mirror.host;
}

/**
 * `registry` of the KubeKey document: Harbor's credentials (and Harbor as privateRegistry with
 * `clusterImages`), or with `platform:images` the mirror's host as `privateRegistry` and its
 * namespace as `namespaceOverride`, so KubeKey and ks-installer pull `<host>/<namespace>/<name>:<tag>`,
 * the names the image catalogue gives every other image. The config refuses both at once.
 */
export function clusterRegistrySettings(spec: {
  readonly harbor?: HarborSpec;
  readonly images?: ImagesSpec;
}): RegistrySettings | undefined {
  const harbor = harborRegistrySettings(spec.harbor);
  if (spec.images === undefined) {
    return harbor;
  }
  const { host, namespace } = spec.images.mirror;
  const mirrorAuth =
    spec.images.username !== undefined && !mirrorIsHarbor(spec)
      ? [{ host, usernameEnv: IMAGES_USERNAME_ENV, passwordEnv: IMAGES_PASSWORD_ENV }]
      : [];
  return { ...harbor, privateRegistry: host, namespaceOverride: namespace, auths: [...(harbor?.auths ?? []), ...mirrorAuth] };
}

// CI/CD

export interface CatalogueService {
  /** Service name (DNS-1123 label): the Pipeline, Deployment and container name. */
  readonly name: string;
  /** Namespace the service runs in on its cluster. */
  readonly namespace: string;
  /** Image repository without tag (`<harbor>/<project>/<name>`). */
  readonly imageRepository: string;
  /** The image tag Pulumi deploys (the pipelines replace it with each build's commit). */
  readonly imageTag: string;
}

/** The services of a cluster stack's catalogue, in catalogue order; none when it has none. */
export function catalogueServices(spec: ClusterSpec): readonly CatalogueService[] {
  const namespace = spec.namespaces.apps;
  return spec.services.map((s) => ({ name: s.name, namespace, imageRepository: s.image, imageTag: s.tag }));
}

/** Props of the project: names and credential ids only, never a credential value. */
export function devopsProjectProps(devops: DevOpsSpec, harbor: HarborSpec, services: readonly CatalogueService[]): DevOpsProjectProps {
  return {
    name: devops.project,
    workspace: devops.workspace,
    gitlabUrl: devops.gitlabUrl,
    harborHost: harbor.host,
    harborProject: harbor.project,
    harborCredentialId: devops.credentials.harbor,
    gitlabCredentialId: devops.credentials.gitlab,
    tokenCredentialId: devops.credentials.webhookToken,
    wecomCredentialId: devops.credentials.wecom,
    services: services.map((s) => serviceProps(devops, s)),
  };
}

function serviceProps(devops: DevOpsSpec, service: CatalogueService): DevOpsServiceProps {
  return {
    name: service.name,
    repository: devops.repositories[service.name] ?? `${devops.gitlabGroup}/${service.name}`,
    description: `${service.name}: build, push to Harbor, deploy (${devops.deploy.map((t) => `${t.environment} on ${t.when}`).join(', ')})`,
    branch: devops.branch,
    // The catalogue's repository inside the Harbor project (parseStackConfig checks the prefix).
    imageName: service.imageRepository.split('/').slice(2).join('/'),
    deployTargets: devops.deploy.map((t) => ({
      environment: t.environment,
      namespace: service.namespace,
      kubeconfigCredentialId: t.kubeconfigCredentialId,
      when: t.when,
      // Every catalogue service is a SpringBootService (stacks/workloads/apps-chart.ts): a Deployment named
      // after the service whose one container is SPRING_BOOT_CONTAINER_NAME. The library's default container
      // (the service name) would make `kubectl set image` fail on every deploy.
      deployment: service.name,
      container: SPRING_BOOT_CONTAINER_NAME,
    })),
  };
}
