/**
 * The props of the `KubeSphereCluster` component, apart from it so the checks (check-props.ts) can
 * name them without importing the component that runs them.
 */
import type * as pulumi from '@pulumi/pulumi';
import type { HostRole, KubeKeyClusterInput } from '../../kubekey';
import type { NodeSource } from './install-change';

/** A node as a node pool describes it: planned address, roles, and the instance behind it. */
export interface KubeSphereClusterNode {
  /** Host and Kubernetes node name (KubeKey `hosts[].name`). */
  readonly name: string;
  /** Private IPv4 address: KubeKey's `internalAddress` and the address it connects to over SSH. */
  readonly privateIp: string;
  /** KubeKey role groups the host joins (`roleGroups`). */
  readonly roles: readonly HostRole[];
  /**
   * Node labels KubeKey applies (`hosts[].labels`).
   * @default - no labels
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * The instance, so installation waits for it.
   * @default - installation does not wait for the node
   */
  readonly instance?: pulumi.Resource;
  /**
   * More resources the node needs before installation, such as its data-disk attachments (the
   * data-disk pre-install script refuses a node whose disk is not attached yet).
   * @default []
   */
  readonly readyWith?: readonly pulumi.Resource[];
}

/** How to install the cluster. */
export interface KubeSphereBootstrapProps {
  /** The SSH jump host (the dev-tools host's public address): nodes have no public IP. */
  readonly jumpHost: pulumi.Input<string>;
  /**
   * SSH user on the jump host.
   * @default 'root'
   */
  readonly jumpUser?: pulumi.Input<string>;
  /**
   * The jump host's SSH host public key (`<type> <base64> [comment]`, one line, as in
   * `/etc/ssh/ssh_host_ed25519_key.pub`): every connection is refused unless the jump host shows
   * exactly this key (pulumi-command `connection.proxy.hostKey`).
   */
  readonly jumpHostKey: pulumi.Input<string>;
  /**
   * The private key that opens the jump host; pass a secret. Give the jump host its own key pair,
   * so a cluster's key does not open it.
   * @default - `sshPrivateKey`
   */
  readonly jumpPrivateKey?: pulumi.Input<string>;
  /** The private key that opens the cluster's nodes (one key pair per cluster); pass a secret. */
  readonly sshPrivateKey: pulumi.Input<string>;
  /**
   * The SSH host public key of the install host, the first control-plane node (same format as
   * `jumpHostKey`): the install steps connect only if it matches (pulumi-command `connection.hostKey`).
   */
  readonly hostKey: pulumi.Input<string>;
  /**
   * The password of KubeSphere's `admin` user, set once the install is ready and again whenever it
   * changes (see `setAdminPasswordScript`); pass a secret. 8 to 64 characters with a lower-case
   * letter, an upper-case letter and a digit.
   */
  readonly adminPassword: pulumi.Input<string>;
  /**
   * SSH user on the nodes. The install runs as root (KubeKey's work files and kubeconfig live under
   * /root, and kk needs root on every host), so any other user is refused.
   * @default 'root'
   */
  readonly sshUser?: string;
  /**
   * KubeKey's download zone (`KKZONE`): `cn` takes binaries and images from its mirrors inside
   * mainland China, which nodes there can reach; `''` uses GitHub and Docker Hub.
   * @default DEFAULT_KUBEKEY_ZONE ('cn')
   */
  readonly kubeKeyZone?: string;
  /**
   * Where the install host downloads the KubeKey release tarball of `kubekey.KUBEKEY_VERSION`, the release
   * the documents and the version checks are written for (`kubekey-v3.1.12-linux-amd64.tar.gz`),
   * for example a copy in an OSS bucket the nodes reach inside the region. `KKZONE` does not apply to
   * this download; it only chooses where `kk` itself downloads Kubernetes binaries and images.
   * @default - its GitHub release (`kubekey.kubeKeyReleaseUrl()`)
   */
  readonly kubeKeyUrl?: string;
  /**
   * SHA-256 of that tarball, 64 hex digits. The tarball is checked against it before `kk` is
   * unpacked, and nothing runs when it does not match. Required: KubeKey v3 releases publish no
   * checksum file, so take it from the GitHub release page's asset digest or a tarball you verified.
   */
  readonly kubeKeySha256: string;
  /**
   * The KubeKey file the cluster was last installed from (this component's `installedDocument`,
   * as the previous deployment exported it). With it, a change is checked before anything runs:
   * removed nodes, nodes and versions changed together, and version changes outside the upgrade
   * rules (`kubekey.checkUpgrade`) are refused.
   * @default - none: the first install, where there is nothing to compare
   */
  readonly previousDocument?: string;
  /**
   * The admin kubeconfig read last time (this component's `kubeconfig`, as the previous deployment
   * exported it): its certificate's expiry decides when the kubeconfig is read again.
   * @default - none: read again only when the cluster's settings or versions change
   */
  readonly previousKubeconfig?: string;
  /**
   * Where a node, present or removed, is declared (for example the config key of its pool), named
   * when a change is refused.
   * @default - node names only
   */
  readonly nodeSource?: NodeSource;
  /**
   * How the user knows the Kubernetes version setting (for example its config key), named when a
   * version change is refused.
   * @default 'kubeKey.kubernetes.version'
   */
  readonly kubernetesVersionSource?: string;
  /**
   * Read the kubeconfig again once its certificate has fewer days left than this.
   * @default DEFAULT_KUBECONFIG_REFRESH_DAYS (21)
   */
  readonly kubeconfigRefreshDays?: number;
  /**
   * The current time, for the kubeconfig refresh.
   * @default - the time the program runs
   */
  readonly now?: Date;
  /**
   * Values of the document's `${NAME}` placeholders (registry credentials, the multicluster JWT
   * secret), by variable name; pass secrets. Every name `kubekey.listSecretEnvVars` returns must be here.
   * @default {}
   */
  readonly environment?: Readonly<Record<string, pulumi.Input<string>>>;
  /**
   * Minutes, in total, to wait for the apiserver to answer and then for ks-installer to report the core installed, before the step fails.
   * @default 60
   */
  readonly readyTimeoutMinutes?: number;
}

/** Props of the `KubeSphereCluster` component. */
export interface KubeSphereClusterProps {
  /** The nodes, typically `[...controlPlanePool.nodes, ...workerPool.nodes]`. */
  readonly nodes: readonly KubeSphereClusterNode[];
  /** Everything of the KubeKey input but the hosts, which come from `nodes`. */
  readonly kubeKey: Omit<KubeKeyClusterInput, 'hosts'>;
  /**
   * Addresses clients outside the cluster use (the SLB), added to `apiserverCertExtraSans`; the
   * first is also the server of the exported kubeconfig.
   * @default [] - clients use the first control-plane node's address
   */
  readonly externalEndpoints?: readonly pulumi.Input<string>[];
  /**
   * Install the cluster over SSH. Without it, only the documents are produced and the kubeconfig
   * comes from {@link kubeconfig}.
   * @default - no installation
   */
  readonly bootstrap?: KubeSphereBootstrapProps;
  /**
   * The admin kubeconfig, when the cluster is installed outside this program; pass a secret.
   * Required unless `bootstrap` is set.
   * @default - none; the kubeconfig is read from the first control-plane node after `bootstrap`
   */
  readonly kubeconfig?: pulumi.Input<string>;
}
