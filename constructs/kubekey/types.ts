/**
 * The input model for the KubeKey `Cluster` and ks-installer `ClusterConfiguration` documents.
 *
 * Names follow KubeKey's and ks-installer's own spelling wherever a prop maps to one field, so a
 * reader can look the field up upstream. Defaults live in `defaults.ts`.
 *
 * Secrets are never values here: a registry password, for example, is given as the NAME of an
 * environment variable and rendered as a `${NAME}` placeholder, which the bootstrap step fills in with
 * `envsubst` on the install host just before `kk` runs (see {@link RegistryAuthReference}).
 */

/** KubeKey role groups this library emits (`spec.roleGroups` keys). */
export type HostRole = 'etcd' | 'control-plane' | 'worker';

/** Every {@link HostRole}, in the order `spec.roleGroups` is rendered. */
export const HOST_ROLES: readonly HostRole[] = ['etcd', 'control-plane', 'worker'];

/** One machine of the cluster (`spec.hosts[]`). */
export interface KubeKeyHost {
  /** Host name; becomes the Kubernetes node name, so it must be a lowercase DNS-1123 subdomain. */
  readonly name: string;
  /** Private IPv4 address. etcd and the kubelet bind to it (kubekey PR #870), so never a public IP. */
  readonly internalAddress: string;
  /**
   * Address KubeKey SSHes to.
   * @default the internalAddress (KubeKey's own default)
   */
  readonly address?: string;
  /** Role groups the host joins. At least one. */
  readonly roles: readonly HostRole[];
  /**
   * Node labels KubeKey applies.
   * @default no labels
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/** SSH settings shared by every host. */
export interface SshSettings {
  /** @default 'root' */
  readonly user?: string;
  /**
   * Private key path on the machine that runs `kk`. Inline keys and passwords are deliberately not
   * supported: they would be secrets inside the document.
   * @default '~/.ssh/id_rsa'
   */
  readonly privateKeyPath?: string;
  /** @default 22 */
  readonly port?: number;
}

/** KubeKey's in-cluster apiserver load balancers. */
export type InternalLoadbalancer = 'haproxy' | 'kube-vip';

/** `spec.controlPlaneEndpoint`. */
export interface ControlPlaneEndpointSettings {
  /**
   * KubeKey's internal load balancer. `haproxy` is the hairpin-safe choice on Alibaba Cloud (a layer-4
   * SLB cannot send a backend's own traffic back to itself); it requires `address` to be empty.
   * @default none (all nodes reach the apiserver through `address`, or the first control-plane host)
   */
  readonly internalLoadbalancer?: InternalLoadbalancer;
  /** @default 'lb.kubesphere.local' */
  readonly domain?: string;
  /**
   * External load balancer address. Must stay empty with `internalLoadbalancer: haproxy`; put an SLB
   * used by external clients into `kubernetes.apiserverCertExtraSans` instead.
   * @default '' (KubeKey uses the first control-plane host's internal address)
   */
  readonly address?: string;
  /** @default 6443 */
  readonly port?: number;
}

export type ContainerManager = 'containerd' | 'docker';
export type ProxyMode = 'ipvs' | 'iptables';

/** `spec.kubernetes`. */
export interface KubernetesSettings {
  /**
   * Kubernetes version. Checked with `checkKubernetesVersion`.
   * @default DEFAULT_KUBERNETES_VERSION ('v1.26.15')
   */
  readonly version?: string;
  /**
   * Accept a version KubeKey can install but KubeSphere 3.4.1 does not support; a warning is returned
   * instead of an error.
   * @default false
   */
  readonly allowUnsupportedVersion?: boolean;
  /** @default 'cluster.local' */
  readonly clusterName?: string;
  /** @default 'containerd' (KubeKey's own default is docker, which needs cri-dockerd from v1.24 on) */
  readonly containerManager?: ContainerManager;
  /** Extra apiserver certificate SANs (IPs or DNS names), for example an SLB used by external clients. @default [] */
  readonly apiserverCertExtraSans?: readonly string[];
  /** @default true (KubeKey's own default is false when the field is absent) */
  readonly autoRenewCerts?: boolean;
  /** @default 'ipvs' */
  readonly proxyMode?: ProxyMode;
  /** @default 110 */
  readonly maxPods?: number;
}

/** `spec.etcd`. Only KubeKey-managed etcd (binary, on the `etcd` role group) is supported. */
export interface EtcdSettings {
  /** @default 'kubekey' */
  readonly type?: 'kubekey';
  /** Directory of the periodic etcd snapshots on each etcd host. @default '/var/backups/kube_etcd' */
  readonly backupDir?: string;
  /** Minutes between snapshots. @default 1440 */
  readonly backupPeriod?: number;
  /** Snapshots kept per host. @default 5 */
  readonly keepBackupNumber?: number;
}

export type CalicoEncapsulationMode = 'Always' | 'CrossSubnet' | 'Never';

/** `spec.network`. Only Calico is supported. */
export interface NetworkSettings {
  /** @default 'calico' */
  readonly plugin?: 'calico';
  /** Pod CIDR; must not overlap the service CIDR or the VPC. @default '10.233.64.0/18' */
  readonly kubePodsCIDR?: string;
  /** Service CIDR; must not overlap the pod CIDR or the VPC. @default '10.233.0.0/18' */
  readonly kubeServiceCIDR?: string;
  readonly calico?: {
    /** IP-in-IP mode; the security group must allow the IPIP protocol between nodes. @default 'Always' */
    readonly ipipMode?: CalicoEncapsulationMode;
    /** VXLAN mode; at most one of ipipMode and vxlanMode may be other than Never. @default 'Never' */
    readonly vxlanMode?: CalicoEncapsulationMode;
  };
}

/**
 * Credentials for one registry, given by reference. Rendered into `spec.registry.auths` as
 * `username: ${<usernameEnv>}` and `password: ${<passwordEnv>}`; the bootstrap step substitutes them
 * with `envsubst '<the names from listSecretEnvVars>'` right before running `kk`, so the password
 * exists only in that process's environment and the transient file it writes, never in this
 * document, the Pulumi state or `dist/`.
 */
export interface RegistryAuthReference {
  /** Registry host (and optional port), for example `harbor.example.internal`. */
  readonly host: string;
  /** Name of the environment variable holding the user name (`[A-Z_][A-Z0-9_]*`). */
  readonly usernameEnv: string;
  /** Name of the environment variable holding the password (`[A-Z_][A-Z0-9_]*`). */
  readonly passwordEnv: string;
  /** @default false */
  readonly skipTLSVerify?: boolean;
  /** @default false */
  readonly plainHTTP?: boolean;
}

/** `spec.registry`. */
export interface RegistrySettings {
  /**
   * Registry all images are pulled from (for example a Harbor). Also written to the
   * ClusterConfiguration's `local_registry` so ks-installer pulls from it too.
   * @default '' (public registries)
   */
  readonly privateRegistry?: string;
  /** Project/namespace inside `privateRegistry` that replaces upstream namespaces. @default '' */
  readonly namespaceOverride?: string;
  /** @default [] */
  readonly registryMirrors?: readonly string[];
  /** @default [] */
  readonly insecureRegistries?: readonly string[];
  /** @default [] */
  readonly auths?: readonly RegistryAuthReference[];
}

/** `spec.storage`. */
export interface StorageSettings {
  readonly openebs?: {
    /** Host directory of OpenEBS local (hostpath) volumes. @default '/var/openebs/local' */
    readonly basePath?: string;
  };
}

/** Where KubeSphere logging, events and auditing store their data. */
export type LoggingBackend =
  /** KubeSphere's built-in OpenSearch (the v3.4.1 default; v3.4 no longer bundles Elasticsearch). */
  | { readonly kind: 'opensearch' }
  /** An Elasticsearch outside the cluster; built-in OpenSearch is then disabled. */
  | {
      readonly kind: 'external-elasticsearch';
      readonly host: string;
      readonly port: number;
      /** @default 'http' */
      readonly protocol?: 'http' | 'https';
    };

export type MulticlusterRole = 'host' | 'member' | 'none';

/** The KubeSphere DevOps (Jenkins) component. */
export interface DevOpsSettings {
  /** @default false */
  readonly enabled?: boolean;
  /** Jenkins CPU request in cores. @default 0.5 */
  readonly jenkinsCpuReq?: number;
  /** Jenkins CPU limit in cores. @default 1 */
  readonly jenkinsCpuLim?: number;
  /** Jenkins memory request (`Mi`/`Gi` quantity). @default '4Gi' */
  readonly jenkinsMemoryReq?: string;
  /** Jenkins memory limit (`Mi`/`Gi` quantity). @default '4Gi' */
  readonly jenkinsMemoryLim?: string;
  /** Jenkins home volume size. @default '16Gi' */
  readonly jenkinsVolumeSize?: string;
}

/** An on/off switch of one KubeSphere component. */
export interface ComponentToggle {
  /** @default false (ks-installer's default) */
  readonly enabled?: boolean;
}

/**
 * Options of the ks-installer `ClusterConfiguration` (v3.4.1). Nested like ks-installer's `spec`, so
 * `persistence.storageClass` here is `spec.persistence.storageClass` there.
 */
export interface KubeSphereSettings {
  readonly persistence?: {
    /** StorageClass for KubeSphere's own volumes. @default 'local' (the OpenEBS class KubeKey installs) */
    readonly storageClass?: string;
  };
  readonly devops?: DevOpsSettings;
  /** Log search (fluent-bit into the logging backend). */
  readonly logging?: ComponentToggle;
  /** Kubernetes events export. */
  readonly events?: ComponentToggle;
  /** KubeSphere audit log. */
  readonly auditing?: ComponentToggle;
  /** Custom alerting policies (Thanos ruler). */
  readonly alerting?: ComponentToggle;
  /**
   * Monitoring extras. ks-installer v3.4.1 always installs the Prometheus stack (`controller/
   * installRunner.py` hard-codes it), so these are the only monitoring switches that exist.
   */
  readonly monitoring?: {
    /** etcd dashboards (`etcd.monitoring`); KubeKey creates the etcd client-cert secret they need. @default false */
    readonly etcd?: boolean;
    /** metrics-server (`metrics_server.enabled`), needed by the HorizontalPodAutoscaler. @default false */
    readonly metricsServer?: boolean;
    /** StorageClass of the Prometheus volume. @default '' (the cluster's default class) */
    readonly storageClass?: string;
  };
  /** Built-in App Store; Harbor is installed from it. */
  readonly openpitrix?: { readonly store?: ComponentToggle };
  readonly multicluster?: {
    /** @default 'none' */
    readonly clusterRole?: MulticlusterRole;
    /**
     * Environment variable holding the JWT secret (`authentication.jwtSecret`), rendered as a `${NAME}`
     * placeholder like registry passwords. A member cluster's secret must equal its host cluster's.
     * @default none (ks-installer generates one)
     */
    readonly jwtSecretEnv?: string;
  };
  /** Store of logging, events and auditing. @default { kind: 'opensearch' } */
  readonly loggingBackend?: LoggingBackend;
}

/** Everything needed to render one KubeKey file. */
export interface KubeKeyClusterInput {
  /** `metadata.name` of the Cluster document (DNS-1123 label). */
  readonly name: string;
  readonly hosts: readonly KubeKeyHost[];
  readonly ssh?: SshSettings;
  readonly controlPlaneEndpoint?: ControlPlaneEndpointSettings;
  readonly kubernetes?: KubernetesSettings;
  readonly etcd?: EtcdSettings;
  readonly network?: NetworkSettings;
  /**
   * The VPC's CIDR. Not rendered; checked not to overlap the pod and service CIDRs, since overlapping
   * routes make nodes unreachable from pods.
   * @default not checked
   */
  readonly vpcCidr?: string;
  readonly registry?: RegistrySettings;
  readonly storage?: StorageSettings;
  readonly kubesphere?: KubeSphereSettings;
  /**
   * Refuse layouts that cannot survive the loss of one control-plane host: fewer than 3 etcd hosts,
   * fewer than 2 control-plane hosts, or several control-plane hosts without a load balancer.
   * @default false
   */
  readonly requireHighAvailability?: boolean;
}
