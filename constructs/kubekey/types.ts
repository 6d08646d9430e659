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

import type { KubeSphereSettings } from './kubesphere-settings';

export * from './kubesphere-settings';

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
  /**
   * SSH user on every host (`hosts[].user`). KubeKey needs root or password-less sudo.
   * @default 'root'
   */
  readonly user?: string;
  /**
   * Private key path on the machine that runs `kk`. Inline keys and passwords are deliberately not
   * supported: they would be secrets inside the document.
   * @default '~/.ssh/id_rsa'
   */
  readonly privateKeyPath?: string;
  /**
   * sshd port on every host (`hosts[].port`).
   * @default 22
   */
  readonly port?: number;
}

/**
 * KubeKey's in-cluster apiserver load balancers: `haproxy` (a static pod on every worker-only node
 * that forwards 127.0.0.1:6443 to the control-plane hosts) or `kube-vip` (a virtual IP by ARP or BGP,
 * which an Alibaba VPC does not route).
 * @see https://github.com/kubesphere/kubekey/blob/v3.1.12/docs/ha-mode.md
 */
export type InternalLoadbalancer = 'haproxy' | 'kube-vip';

/** `spec.controlPlaneEndpoint`. */
export interface ControlPlaneEndpointSettings {
  /**
   * KubeKey's internal load balancer. `haproxy` is the hairpin-safe choice on Alibaba Cloud (a layer-4
   * SLB cannot send a backend's own traffic back to itself); it requires `address` to be empty.
   * @default `haproxy` with two or more control-plane hosts and no `address` (see
   * `defaultInternalLoadbalancer`); otherwise none (all nodes reach the apiserver through `address`,
   * or the one control-plane host)
   */
  readonly internalLoadbalancer?: InternalLoadbalancer;
  /**
   * Name kubeadm uses as the control-plane endpoint; KubeKey maps it in every node's `/etc/hosts`
   * (to 127.0.0.1 with haproxy, else to `address`) and adds it to the apiserver certificate.
   * @default 'lb.kubesphere.local'
   */
  readonly domain?: string;
  /**
   * External load balancer address. Must stay empty with `internalLoadbalancer: haproxy`; put an SLB
   * used by external clients into `kubernetes.apiserverCertExtraSans` instead.
   * @default '' (KubeKey uses the first control-plane host's internal address)
   */
  readonly address?: string;
  /**
   * Port of the control-plane endpoint (the kube-apiserver's secure port).
   * @default 6443
   */
  readonly port?: number;
}

/** Container runtime KubeKey installs on every node (`kubernetes.containerManager`). */
export type ContainerManager = 'containerd' | 'docker';
/** kube-proxy mode (`kubernetes.proxyMode`). */
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
  /**
   * kubeadm's cluster name (`kubernetes.clusterName`), a lowercase DNS name. The cluster DNS domain
   * (`dnsDomain`) is left at KubeKey's default, also `cluster.local`.
   * @default 'cluster.local'
   */
  readonly clusterName?: string;
  /**
   * Container runtime of every node.
   * @default 'containerd' (KubeKey's own default is docker, which needs cri-dockerd from v1.24 on)
   */
  readonly containerManager?: ContainerManager;
  /**
   * Extra apiserver certificate SANs (IPs or DNS names), for example an SLB used by external clients.
   * @default []
   */
  readonly apiserverCertExtraSans?: readonly string[];
  /**
   * Renew the kubeadm certificates before their one-year expiry, with a systemd timer KubeKey installs on the control plane.
   * @default true (KubeKey's own default is false when the field is absent)
   */
  readonly autoRenewCerts?: boolean;
  /**
   * kube-proxy mode.
   * @default 'ipvs'
   */
  readonly proxyMode?: ProxyMode;
  /**
   * Most pods the kubelet runs on one node (`--max-pods`).
   * @default 110
   */
  readonly maxPods?: number;
}

/** `spec.etcd`. Only KubeKey-managed etcd (binary, on the `etcd` role group) is supported. */
export interface EtcdSettings {
  /**
   * Who deploys etcd: `kubekey` runs it as a binary service on the `etcd` hosts.
   * @default 'kubekey'
   */
  readonly type?: 'kubekey';
  /**
   * Directory of the periodic etcd snapshots on each etcd host.
   * @default '/var/backups/kube_etcd'
   */
  readonly backupDir?: string;
  /**
   * Minutes between snapshots.
   * @default 1440
   */
  readonly backupPeriod?: number;
  /**
   * Snapshots kept per host; older ones are deleted.
   * @default 5
   */
  readonly keepBackupNumber?: number;
}

/**
 * When Calico encapsulates pod traffic between nodes: always, only between nodes in different
 * subnets, or never (plain routing, which an Alibaba VPC does not do for pod CIDRs).
 */
export type CalicoEncapsulationMode = 'Always' | 'CrossSubnet' | 'Never';

/** `spec.network`. Only Calico is supported. */
export interface NetworkSettings {
  /**
   * CNI plugin KubeKey installs.
   * @default 'calico'
   */
  readonly plugin?: 'calico';
  /**
   * Pod CIDR; must not overlap the service CIDR or the VPC.
   * @default '10.233.64.0/18'
   */
  readonly kubePodsCIDR?: string;
  /**
   * Service CIDR; must not overlap the pod CIDR or the VPC.
   * @default '10.233.0.0/18'
   */
  readonly kubeServiceCIDR?: string;
  /**
   * Calico's encapsulation (`network.calico`).
   * @default { ipipMode: 'Always', vxlanMode: 'Never' }
   */
  readonly calico?: {
    /**
     * IP-in-IP mode; the security group must allow the IPIP protocol between nodes.
     * @default 'Always'
     */
    readonly ipipMode?: CalicoEncapsulationMode;
    /**
     * VXLAN mode (UDP 4789); at most one of ipipMode and vxlanMode may be other than Never.
     * @default 'Never'
     */
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
  /**
   * Accept the registry's certificate without verifying it (self-signed Harbor).
   * @default false
   */
  readonly skipTLSVerify?: boolean;
  /**
   * Talk to the registry over plain HTTP instead of HTTPS.
   * @default false
   */
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
  /**
   * Project/namespace inside `privateRegistry` that replaces upstream namespaces
   * (`kubesphere/ks-apiserver` is pulled as `<privateRegistry>/<namespaceOverride>/ks-apiserver`).
   * @default '' (keep upstream namespaces)
   */
  readonly namespaceOverride?: string;
  /**
   * Docker Hub mirrors the container runtime tries first, as URLs (`https://mirror.example.com`).
   * @default []
   */
  readonly registryMirrors?: readonly string[];
  /**
   * Registries the runtime may reach over plain HTTP or with an untrusted certificate (`host[:port]`).
   * @default []
   */
  readonly insecureRegistries?: readonly string[];
  /**
   * Credentials per registry host, by environment-variable reference.
   * @default [] (anonymous pulls)
   */
  readonly auths?: readonly RegistryAuthReference[];
}

/** `spec.storage`. */
export interface StorageSettings {
  /**
   * The OpenEBS local (hostpath) provisioner KubeKey installs as the `local` StorageClass when
   * KubeSphere is installed and no default StorageClass exists yet.
   * @default { basePath: '/var/openebs/local' }
   */
  readonly openebs?: {
    /** Host directory of OpenEBS local (hostpath) volumes. @default '/var/openebs/local' */
    readonly basePath?: string;
  };
}

/**
 * One `spec.system.preInstall[]` entry (KubeKey's `CustomScripts`). KubeKey runs preInstall scripts
 * first, before its node checks and before it installs the container runtime, on every
 * `kk create cluster` and `kk add nodes`, on every host of `role` (all hosts, already installed ones
 * too): a script must be idempotent. Never put a secret in one: the script is part of the document.
 * @see https://github.com/kubesphere/kubekey/blob/v3.1.12/cmd/kk/pkg/bootstrap/customscripts/tasks.go
 */
export interface CustomScript {
  /** Name KubeKey shows in its task list; a lowercase DNS-1123 label, unique among the entries. */
  readonly name: string;
  /**
   * The script. A multi-line script is copied to each host as a file and run with `/bin/bash`
   * (start it with a `#!/bin/bash` line, never with a line break); a one-line script runs as a
   * command under `sudo`.
   */
  readonly bash: string;
  /**
   * Role group whose hosts run it.
   * @default every host
   */
  readonly role?: HostRole;
  /**
   * Local files or directories (on the machine that runs `kk`) copied next to the script on each
   * host first; their base names must differ.
   * @default []
   */
  readonly materials?: readonly string[];
}

/** `spec.system`: operating-system settings KubeKey applies to every host. */
export interface SystemSettings {
  /**
   * NTP servers (IPv4 addresses or host names; a host of the cluster by name becomes the others'
   * server) KubeKey writes into chrony's configuration.
   * @default [] (chrony is left as the image configures it; Alibaba images use Alibaba's NTP servers)
   */
  readonly ntpServers?: readonly string[];
  /**
   * IANA time zone KubeKey sets with `timedatectl`, for example `Asia/Shanghai`.
   * @default '' (the image's time zone is kept)
   */
  readonly timezone?: string;
  /**
   * Scripts run on the hosts before anything else is installed, in this order.
   * @default []
   */
  readonly preInstall?: readonly CustomScript[];
}

/** Everything needed to render one KubeKey file. */
export interface KubeKeyClusterInput {
  /** `metadata.name` of the Cluster document (DNS-1123 label). */
  readonly name: string;
  /**
   * The machines, in order: kubeadm init runs on the first `control-plane` host listed, and
   * appending hosts (never reordering) is what lets `kk add nodes` extend a running cluster.
   */
  readonly hosts: readonly KubeKeyHost[];
  /**
   * SSH settings written on every host.
   * @default { user: 'root', privateKeyPath: '~/.ssh/id_rsa', port: 22 }
   */
  readonly ssh?: SshSettings;
  /**
   * How nodes and clients reach the kube-apiservers (`spec.controlPlaneEndpoint`).
   * @default { domain: 'lb.kubesphere.local', address: '', port: 6443 } - no internal load balancer
   */
  readonly controlPlaneEndpoint?: ControlPlaneEndpointSettings;
  /**
   * Kubernetes version and cluster-wide settings (`spec.kubernetes`).
   * @default - the defaults of each {@link KubernetesSettings} field (Kubernetes v1.26.15, containerd, ipvs)
   */
  readonly kubernetes?: KubernetesSettings;
  /**
   * etcd deployment and backups (`spec.etcd`).
   * @default { type: 'kubekey', backupDir: '/var/backups/kube_etcd', backupPeriod: 1440, keepBackupNumber: 5 }
   */
  readonly etcd?: EtcdSettings;
  /**
   * CNI and cluster CIDRs (`spec.network`).
   * @default - Calico in IPIP mode, pods 10.233.64.0/18, services 10.233.0.0/18
   */
  readonly network?: NetworkSettings;
  /**
   * The VPC's CIDR. Not rendered; checked not to overlap the pod and service CIDRs, since overlapping
   * routes make nodes unreachable from pods.
   * @default not checked
   */
  readonly vpcCidr?: string;
  /**
   * Where images are pulled from (`spec.registry`).
   * @default - public registries, no mirrors, no credentials
   */
  readonly registry?: RegistrySettings;
  /**
   * Local storage KubeKey installs (`spec.storage`).
   * @default { openebs: { basePath: '/var/openebs/local' } }
   */
  readonly storage?: StorageSettings;
  /**
   * Operating-system settings and preInstall scripts (`spec.system`); left out of the document when empty.
   * @default - no NTP servers, time zone or scripts
   */
  readonly system?: SystemSettings;
  /**
   * The ks-installer `ClusterConfiguration` options.
   * @default - KubeSphere core and monitoring only: every pluggable component off, volumes on the `local` class
   */
  readonly kubesphere?: KubeSphereSettings;
  /**
   * Refuse layouts that cannot survive the loss of one control-plane host: fewer than 3 etcd hosts,
   * fewer than 2 control-plane hosts, or several control-plane hosts without a load balancer.
   * @default false
   */
  readonly requireHighAvailability?: boolean;
}
