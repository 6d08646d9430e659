/**
 * A KubeSphere cluster on existing nodes: builds the KubeKey `Cluster` and ks-installer
 * `ClusterConfiguration` documents from the nodes' planned addresses and roles, and (when
 * `bootstrap` is set) installs the cluster with KubeKey over SSH through a jump host.
 */
import * as command from '@pulumi/command';
import { Provider } from '@pulumi/kubernetes/provider';
import * as pulumi from '@pulumi/pulumi';
import {
  ClusterFileFingerprints,
  ClusterVersions,
  DEFAULT_SSH_PRIVATE_KEY_PATH,
  RenderedKubeKeyFile,
  kubeKeyReleaseUrl,
  renderKubeKey,
} from '../../kubekey';
import { checkProps } from './check-props';
import type { KubeSphereBootstrapProps, KubeSphereClusterNode, KubeSphereClusterProps } from './props';
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

export type { KubeSphereBootstrapProps, KubeSphereClusterNode, KubeSphereClusterProps };

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
  public readonly provider: Provider;
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
    this.provider = new Provider(`${name}-k8s`, { kubeconfig: this.kubeconfig }, { parent: this });
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
