/**
 * A KubeSphere cluster on existing nodes: builds the KubeKey `Cluster` and ks-installer
 * `ClusterConfiguration` documents from the nodes' planned addresses and roles, and (when
 * `bootstrap` is set) installs the cluster with KubeKey over SSH through a jump host.
 */
import * as command from '@pulumi/command';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { ClusterFileFingerprints, ClusterVersions, HostRole, KubeKeyClusterInput, RenderedKubeKeyFile, renderKubeKey } from '../../kubekey';
import { DEFAULT_SSH_PRIVATE_KEY_PATH, kubeKeyReleaseUrl } from '../../kubekey';
import { checkProps } from './check-props';
import { NodeSource } from './install-change';
import { DEFAULT_KUBECONFIG_REFRESH_DAYS, kubeconfigRefresh } from './kubeconfig-refresh';
import {
  BootstrapScriptInput,
  DEFAULT_READY_TIMEOUT_MINUTES,
  DEFAULT_WORK_DIR,
  READ_KUBECONFIG_SCRIPT,
  DEFAULT_KUBEKEY_ZONE,
  SSH_KEY_ENV,
  encodeSecretStdin,
  addNodesScript,
  createClusterScript,
  installSshKeyScript,
  installKubeKeyScript,
  recordVersionsScript,
  rewriteKubeconfigServer,
  templatePath,
  upgradeScript,
  waitReadyScript,
} from './scripts';
import { ADMIN_PASSWORD_ENV, setAdminPasswordScript } from './access';

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

/** Props of {@link KubeSphereCluster}. */
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

/**
 * A KubeSphere cluster on existing nodes: the KubeKey `Cluster` and ks-installer
 * `ClusterConfiguration` documents rendered from the nodes (see `kubekey.renderKubeKeyFile`), the
 * optional installation with KubeKey over SSH, the admin kubeconfig and a Kubernetes provider for it.
 *
 * The documents are validated when the component is constructed, so bad input fails before any
 * child is registered. With `bootstrap`, `kk create cluster` re-runs only when the cluster-wide
 * settings change, and `kk add nodes` only when hosts change.
 *
 * @see https://github.com/kubesphere/kubekey/blob/v3.1.12/docs/config-example.md
 */
export class KubeSphereCluster extends pulumi.ComponentResource {
  /** Pulumi type token of the component. Part of every child's URN: renaming it replaces the resources. */
  public static readonly TYPE = 'aliyun-kubesphere:alicloud:KubeSphereCluster';

  /** The KubeKey file: the `Cluster` document, then the `ClusterConfiguration`. */
  public readonly document: pulumi.Output<string>;
  /** Warnings to show the user (for example an acknowledged unsupported Kubernetes version). */
  public readonly warnings: readonly string[];
  /** The admin kubeconfig (secret), pointed at the endpoint clients use. */
  public readonly kubeconfig: pulumi.Output<string>;
  /** A Kubernetes provider for this cluster. */
  public readonly provider: k8s.Provider;
  /** The install steps, in order; empty without `bootstrap`. */
  public readonly commands: readonly pulumi.Resource[];
  /**
   * The KubeKey file once every install step has succeeded (the `document` itself without
   * `bootstrap`). Export it and pass it back as `bootstrap.previousDocument` on the next deployment.
   */
  public readonly installedDocument: pulumi.Output<string>;

  constructor(name: string, props: KubeSphereClusterProps, opts?: pulumi.ComponentResourceOptions) {
    // Every check runs before the component registers: bad input leaves nothing behind.
    const { input, known, knownSans, warnings } = checkProps(name, props);
    super(KubeSphereCluster.TYPE, name, {}, opts);
    // Rendered once with the external endpoints' addresses (`renderKubeKey`: the YAML with its
    // fingerprints and versions); the checks' render is reused when every address is already known.
    const rendered: pulumi.Output<InstallFacts> = knownSans
      ? pulumi.output(installFacts(known))
      : pulumi.all([...(props.externalEndpoints ?? [])]).apply((sans) => installFacts(renderKubeKey(input(sans))));
    this.document = rendered.apply((file) => file.yaml);

    const firstControlPlane = props.nodes.find((n) => n.roles.includes('control-plane'));
    const server = pulumi
      .all([props.externalEndpoints?.[0] ?? firstControlPlane?.privateIp ?? '', props.kubeKey.controlPlaneEndpoint?.port ?? 6443])
      .apply(([host, port]) => `https://${host}:${port}`);

    if (props.bootstrap && firstControlPlane) {
      const privateKeyPath = props.kubeKey.ssh?.privateKeyPath ?? DEFAULT_SSH_PRIVATE_KEY_PATH;
      const installed = this.install(name, props.bootstrap, props.nodes, firstControlPlane, server, privateKeyPath, rendered);
      this.commands = installed.commands;
      this.kubeconfig = installed.kubeconfig;
      this.installedDocument = installed.installedDocument;
      warnings.push(...installed.warnings);
    } else {
      this.commands = [];
      this.kubeconfig = pulumi.secret(props.kubeconfig ?? '');
      this.installedDocument = this.document;
    }
    this.warnings = warnings;
    this.provider = new k8s.Provider(`${name}-k8s`, { kubeconfig: this.kubeconfig }, { parent: this });
    this.registerOutputs({ document: this.document, kubeconfig: this.kubeconfig });
  }

  private install(
    name: string,
    bootstrap: KubeSphereBootstrapProps,
    nodes: readonly KubeSphereClusterNode[],
    target: KubeSphereClusterNode,
    server: pulumi.Output<string>,
    privateKeyPath: string,
    rendered: pulumi.Output<InstallFacts>,
  ): { commands: pulumi.Resource[]; kubeconfig: pulumi.Output<string>; installedDocument: pulumi.Output<string>; warnings: string[] } {
    const environment = bootstrap.environment ?? {};
    const refreshDays = bootstrap.kubeconfigRefreshDays ?? DEFAULT_KUBECONFIG_REFRESH_DAYS;
    const script: BootstrapScriptInput = {
      clusterName: name,
      zone: bootstrap.kubeKeyZone ?? DEFAULT_KUBEKEY_ZONE,
      kubeKeyUrl: bootstrap.kubeKeyUrl ?? kubeKeyReleaseUrl(),
      kubeKeySha256: bootstrap.kubeKeySha256.toLowerCase(),
      workDir: DEFAULT_WORK_DIR,
      timeoutMinutes: bootstrap.readyTimeoutMinutes ?? DEFAULT_READY_TIMEOUT_MINUTES,
      secretEnvNames: Object.keys(environment),
    };
    // Both host keys pinned: without them pulumi-command accepts whatever key answers, and the
    // install would hand the cluster's key, secrets and kubeconfig to an impostor.
    const connection: command.types.input.remote.ConnectionArgs = {
      host: target.privateIp,
      user: bootstrap.sshUser ?? 'root',
      privateKey: pulumi.secret(bootstrap.sshPrivateKey),
      hostKey: bootstrap.hostKey,
      proxy: {
        host: bootstrap.jumpHost,
        user: bootstrap.jumpUser ?? 'root',
        privateKey: pulumi.secret(bootstrap.jumpPrivateKey ?? bootstrap.sshPrivateKey),
        hostKey: bootstrap.jumpHostKey,
      },
    };
    // One change-detection path: each step re-runs on the aspect of the file it applies, fingerprinted
    // from the rendered documents (kubekey/changes.ts), the same aspects the change check compared.
    const fingerprints = rendered.apply((file) => file.fingerprints);
    const versions = rendered.apply((file) => file.versions);
    const instances = nodes.flatMap((n) => [...(n.instance ? [n.instance] : []), ...(n.readyWith ?? [])]);
    // Secrets travel on standard input: sshd refuses environment variables it does not AcceptEnv.
    const secretStdin = pulumi.secret(pulumi.all(environment).apply((values) => encodeSecretStdin(values)));
    const keyStdin = pulumi.secret(pulumi.output(bootstrap.sshPrivateKey).apply((key) => encodeSecretStdin({ [SSH_KEY_ENV]: key })));
    // The provider would send the previous stdout back as environment variables: refused the same way.
    const noPreviousOutput = { addPreviousOutputInEnv: false };
    // What each step prints, audited: the kk download and kk itself print progress and versions
    // (their logs are what an operator debugs a failed install with, so they stay in the display);
    // the secrets they use exist only in the rendered file on the host, never in argv or output.
    // Their output is still kept secret in state, in case a kk error quotes a file. The steps that
    // handle a private key print nothing and log nothing.
    const secretOutputs = (): string[] => ['stdout', 'stderr'];

    const kk = new command.remote.Command(
      `${name}-install-kk`,
      { connection, create: installKubeKeyScript(script), ...noPreviousOutput },
      { parent: this, dependsOn: instances },
    );
    // kk reaches the other hosts with the key the documents name, so it has to be on this host.
    // The key travels on stdin; the script prints nothing, and its output stays out of the logs anyway.
    const key = new command.remote.Command(
      `${name}-install-ssh-key`,
      { connection, create: installSshKeyScript(privateKeyPath), stdin: keyStdin, logging: 'none', ...noPreviousOutput },
      { parent: this, dependsOn: [kk], additionalSecretOutputs: secretOutputs() },
    );
    const copy = new command.remote.CopyToRemote(
      `${name}-documents`,
      {
        connection,
        source: this.document.apply((doc) => new pulumi.asset.StringAsset(doc)),
        remotePath: templatePath(script),
        triggers: [fingerprints.settings, fingerprints.hosts, fingerprints.versions],
      },
      { parent: this, dependsOn: [key] },
    );
    // A version change runs `kk upgrade`, never a re-create: the first run only records the
    // versions, and the update (a change of versions) upgrades. It runs before the re-apply below,
    // so a change of versions and settings together re-applies at the new versions.
    const upgrade = new command.remote.Command(
      `${name}-upgrade`,
      {
        connection,
        create: versions.apply(recordVersionsScript),
        update: versions.apply((v) => upgradeScript(script, v.kubernetes)),
        stdin: secretStdin,
        triggers: [fingerprints.versions],
        ...noPreviousOutput,
      },
      { parent: this, dependsOn: [copy], additionalSecretOutputs: secretOutputs() },
    );
    // Replaced (so re-run) only when the other cluster-wide settings change; versions and hosts
    // have their own steps.
    const create = new command.remote.Command(
      `${name}-create-cluster`,
      { connection, create: createClusterScript(script), stdin: secretStdin, triggers: [fingerprints.settings], ...noPreviousOutput },
      { parent: this, dependsOn: [upgrade], additionalSecretOutputs: secretOutputs() },
    );
    // Replaced only when hosts change: appended nodes join with `kk add nodes`.
    const addNodes = new command.remote.Command(
      `${name}-add-nodes`,
      { connection, create: addNodesScript(script), stdin: secretStdin, triggers: [fingerprints.hosts], ...noPreviousOutput },
      { parent: this, dependsOn: [create], additionalSecretOutputs: secretOutputs() },
    );
    const ready = new command.remote.Command(
      `${name}-wait-ready`,
      {
        connection,
        create: waitReadyScript(script),
        triggers: [fingerprints.settings, fingerprints.hosts, fingerprints.versions],
        ...noPreviousOutput,
      },
      { parent: this, dependsOn: [addNodes] },
    );
    const password = new command.remote.Command(
      `${name}-admin-password`,
      {
        connection,
        create: setAdminPasswordScript(),
        stdin: pulumi.secret(pulumi.output(bootstrap.adminPassword).apply((value) => encodeSecretStdin({ [ADMIN_PASSWORD_ENV]: value }))),
        // Again after every re-install or upgrade, which re-runs ks-installer.
        triggers: [fingerprints.settings, fingerprints.versions],
        ...noPreviousOutput,
      },
      { parent: this, dependsOn: [ready], additionalSecretOutputs: secretOutputs() },
    );
    // The admin kubeconfig holds the cluster-admin client key: never in the update display or CI
    // logs (pulumi-command logs stdout unless told not to, pulumi/pulumi-command#401), and secret in
    // state. Read again after an upgrade (kubeadm renews the certificates) and before the
    // certificate expires (see kubeconfig-refresh.ts).
    const refresh = kubeconfigRefresh(bootstrap.previousKubeconfig, bootstrap.now ?? new Date(), refreshDays);
    const read = new command.remote.Command(
      `${name}-read-kubeconfig`,
      {
        connection,
        create: READ_KUBECONFIG_SCRIPT,
        logging: 'none',
        triggers: [fingerprints.settings, fingerprints.versions, refresh.trigger],
        ...noPreviousOutput,
      },
      { parent: this, dependsOn: [ready], additionalSecretOutputs: secretOutputs() },
    );
    const kubeconfig = pulumi.secret(pulumi.all([read.stdout, server]).apply(([raw, url]) => rewriteKubeconfigServer(raw, url)));
    // Resolves only once the last step succeeded: a failed upgrade is tried again next time.
    const installedDocument = pulumi.all([this.document, read.id]).apply(([doc]) => doc);
    return {
      commands: [kk, key, copy, upgrade, create, addNodes, ready, password, read],
      kubeconfig,
      installedDocument,
      warnings: refresh.warning ? [refresh.warning] : [],
    };
  }
}

/** What the install steps take from the rendered file. */
interface InstallFacts {
  readonly yaml: string;
  readonly fingerprints: ClusterFileFingerprints;
  readonly versions: ClusterVersions;
}

function installFacts(file: RenderedKubeKeyFile): InstallFacts {
  return { yaml: file.yaml, fingerprints: file.fingerprints, versions: file.versions };
}
