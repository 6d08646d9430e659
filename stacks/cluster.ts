/**
 * The `prod` and `test` stacks: node pools in the shared network, the security rules between them,
 * the API-server SLB (production), and the KubeSphere cluster installed on them.
 */
import { Provider } from '@pulumi/kubernetes/provider';
import * as corev1 from '@pulumi/kubernetes/core/v1';
import * as pulumi from '@pulumi/pulumi';
import {
  ApiServerLoadBalancer,
  ClusterSecurityRules,
  KubeSphereCluster,
  NodePool,
  PoolNode,
  NAS_CSI_SUBPATH_ACTIONS,
  NodeRamRole,
  NasAccessRules,
  BackupWriter,
  backupWriterStatements,
} from '../constructs';
import { type StackResult, ValidationIssue } from '../constructs/core';
import { ClusterSpec, ConfigError, SECRET_PLACEHOLDER } from './config';
import { HOST_KEY_PENDING, UNSET_KUBEKEY_SHA256 } from './config/cluster';
import { adminPasswordIssue } from '../constructs/alicloud/plan';
import { checkPlacement } from './config/cluster-checks';
import { BACKUP_PREFIXES, SharedOutputs, missingNasIssue } from './shared-outputs';
import { readSharedOutputs } from './shared-reference';
import { deployClusterDevOps, harborBootstrapEnvironment } from './devops';
import { clusterImageCatalogue, imageListPath, renderImageList } from './images/catalogue';
import { IMAGES_PASSWORD_SECRET } from './config/images';
import { imagesBootstrapEnvironment } from './images/registry';
import { EtcdShippingTarget, JWT_SECRET_ENV, kubeKeyInput, nodePoolSecurityGroups } from './config/construct-props';
import { kubeKeyConstructIssues } from './config/construct-checks';
import { MYSQL_BACKUP_STORE_SECRET, MysqlBackupOptions, deployClusterWorkloads, workloadBuildOptions } from './workloads';
import { BACKUP_STORE_SECRET_KEYS } from '../constructs/k8s';

// What config gives KubeKey is decided in the config layer, which runs KubeKey's checks on it first.
export { JWT_SECRET_ENV, type EtcdShippingTarget, etcdBackupDir, kubeKeyInput } from './config/construct-props';

export async function clusterProgram(spec: ClusterSpec): Promise<StackResult> {
  const sharedRef = new pulumi.StackReference(`${spec.stack}-shared`, { name: spec.sharedStack });
  const shared = await readSharedOutputs(sharedRef, spec.sharedStack);
  const previous = spec.bootstrap.enabled ? await readPreviousInstall(spec) : {};
  const key = (k: string) => `${spec.project}:${k}`;
  const placement = checkPlacement(spec, { ...shared.network, securityGroups: Object.keys(shared.network.securityGroupIds) }, key);
  // KubeKey's own checks on the documents, before anything is registered (offline they ran before the run).
  const documentIssues =
    placement.issues.length > 0
      ? []
      : kubeKeyConstructIssues(spec, placement.pools, shared.network.vpcCidr, key, etcdShippingTarget(spec, shared));
  const issues = [...placement.issues, ...documentIssues, ...checkClusterAccess(spec, shared, key)];
  if (issues.length > 0) {
    throw new ConfigError(spec.stack, issues);
  }
  return deployCluster(spec, shared, previous);
}

/**
 * What the install and the NAS class need, checked before anything is registered: the secrets'
 * values (known under the engine; offline they are placeholders and pass) and the shared stack's
 * jump host key and this cluster's file system.
 */
export function checkClusterAccess(spec: ClusterSpec, shared: SharedOutputs, key: (k: string) => string): ValidationIssue[] {
  return [...checkBootstrapSecrets(spec, key), ...checkSharedAccess(spec, shared, key)];
}

/** The secrets' values, known under the engine (offline they are placeholders and pass). */
function checkBootstrapSecrets(spec: ClusterSpec, key: (k: string) => string): ValidationIssue[] {
  if (!spec.bootstrap.enabled) {
    return [];
  }
  const known = (name: string): string | undefined => {
    const value = spec.secrets[name]?.value;
    return value === undefined || value === SECRET_PLACEHOLDER ? undefined : value;
  };
  const issues: ValidationIssue[] = [];
  const password = known('kubesphereAdminPassword');
  const passwordIssue = password === undefined ? undefined : adminPasswordIssue(password);
  if (passwordIssue !== undefined) {
    issues.push({ key: key('secrets.kubesphereAdminPassword'), value: '(secret, not shown)', message: passwordIssue });
  }
  const nodeKey = known('sshPrivateKey');
  if (nodeKey !== undefined && nodeKey === known('jumpHostSshPrivateKey')) {
    issues.push({
      key: key('secrets.jumpHostSshPrivateKey'),
      value: '(secret, not shown)',
      message: `is the cluster's own key (secrets.sshPrivateKey); the jump host needs a key pair of its own, so that one cluster's key opens nothing else`,
    });
  }
  return issues;
}

/** What the install and the NAS class need from the shared stack. */
function checkSharedAccess(spec: ClusterSpec, shared: SharedOutputs, key: (k: string) => string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const installing = spec.bootstrap.enabled && spec.cluster.ssh.hostKey !== HOST_KEY_PENDING;
  if (installing && shared.devtools !== undefined && !shared.devtools.sshHostKey) {
    issues.push({
      key: key('bootstrap.enabled'),
      value: true,
      message: `needs the jump host's SSH host key, which stack '${spec.sharedStack}' does not export yet: set platform:devtools.sshHostKey there (the content of /etc/ssh/ssh_host_ed25519_key.pub on the dev-tools host) and run 'pulumi up' on it`,
    });
  }
  const nasIssue = missingNasIssue(spec.cluster, spec.sharedStack, shared.nas, key);
  if (nasIssue !== undefined) {
    issues.push(nasIssue);
  }
  return issues;
}

/** What the last deployment of this stack installed, from its own outputs. */
interface PreviousInstall {
  readonly document?: string;
  readonly kubeconfig?: string;
}

/**
 * Reads this stack's previous outputs through a `StackReference` to itself (the pattern Pulumi's
 * maintainers show in pulumi/pulumi#3722), in the shared stack's organization and project: the
 * KubeKey file of the last successful install and the kubeconfig read then. Nothing on the first
 * deployment, and nothing offline.
 */
async function readPreviousInstall(spec: ClusterSpec): Promise<PreviousInstall> {
  const self = spec.sharedStack.replace(/[^/]+$/, spec.stack);
  const ref = new pulumi.StackReference(`${spec.stack}-previous`, { name: self });
  const read = async (key: string): Promise<string | undefined> => {
    const details = await ref.getOutputDetails(key);
    const value = details.value ?? details.secretValue;
    return typeof value === 'string' ? value : undefined;
  };
  return { document: await read(INSTALLED_DOCUMENT_OUTPUT), kubeconfig: await read('kubeconfig') };
}

/**
 * The config key that declares a node, present or removed: its pool's `count` (pools name their
 * nodes `<pool>-<n>`), or the pool list for a node of a pool that is gone.
 */
export function nodePoolSource(spec: ClusterSpec): (node: string) => string {
  return (node) => {
    const pool = spec.nodePools.findIndex((p) => node.startsWith(`${p.name}-`) && /^\d+$/.test(node.slice(p.name.length + 1)));
    return pool < 0 ? `${spec.project}:nodePools` : `${spec.project}:nodePools[${pool}].count`;
  };
}

/** The stack output holding the KubeKey file of the last successful install. */
export const INSTALLED_DOCUMENT_OUTPUT = 'kubekeyDocument';

function deployCluster(spec: ClusterSpec, shared: SharedOutputs, previous: PreviousInstall): StackResult {
  const name = spec.cluster.name;
  const tags = { project: spec.project, stack: spec.stack, cluster: name };
  const net = shared.network;
  const cpGroup = net.securityGroupIds[spec.cluster.securityGroups.controlPlane];
  const workerGroup = net.securityGroupIds[spec.cluster.securityGroups.worker];
  const singleGroup = spec.cluster.securityGroups.controlPlane === spec.cluster.securityGroups.worker;
  const apiClients = spec.apiServer?.loadBalancer.allowedCidrs ?? [];
  const installHost = firstControlPlaneIp(spec, net);

  // SSH and the KubeSphere console only from the jump host; SSH also from the node kk runs on.
  new ClusterSecurityRules(`${name}-rules`, {
    controlPlaneSecurityGroupId: cpGroup,
    workerSecurityGroupId: singleGroup ? undefined : workerGroup,
    vpcCidr: net.vpcCidr,
    adminCidrs: shared.devtools ? [`${shared.devtools.privateIp}/32`] : [],
    installHost,
    apiClientCidrs: apiClients,
  });

  const pools = spec.nodePools.map((pool) => {
    const groups = nodePoolSecurityGroups(spec, pool).map((group) => net.securityGroupIds[group]);
    return new NodePool(pool.name, {
      count: pool.count,
      instanceType: pool.instanceType,
      imageId: pool.imageId,
      keyName: spec.cluster.ssh.keyPairName,
      securityGroupIds: groups,
      vswitches: net.vswitches.filter((v) => (pool.zones ?? net.vswitches.map((w) => w.zone)).includes(v.zone)),
      roles: pool.roles,
      labels: pool.labels,
      addressOffset: pool.addressOffset,
      privateIps: pool.privateIps,
      replaceNodes: pool.replaceNodes,
      systemDisk: { sizeGiB: pool.systemDiskGiB },
      dataDisks: [{ sizeGiB: pool.dataDiskGiB }],
      tags,
    });
  });
  const nodes: PoolNode[] = pools.flatMap((p) => p.nodes);

  const lb = spec.apiServer
    ? new ApiServerLoadBalancer(`${name}-apiserver`, {
        controlPlaneNodes: nodes.filter((n) => n.roles.includes('control-plane')),
        allowedCidrs: spec.apiServer.loadBalancer.allowedCidrs,
        addressType: spec.apiServer.loadBalancer.addressType,
        vswitchId: spec.apiServer.loadBalancer.addressType === 'intranet' ? net.vswitches[0].id : undefined,
        tags,
      })
    : undefined;

  // This cluster's file system admits this cluster's nodes, each by its address, and nothing else.
  const nas = shared.nas?.[name];
  if (nas) {
    new NasAccessRules(`${name}-nas-clients`, {
      accessGroupName: nas.accessGroupName,
      clientCidrs: nodes.map((n) => `${n.privateIp}/32`),
      squash: nas.squash,
    });
  }

  // The nodes' instance role: the NAS CSI driver authenticates with it unless told to use an
  // AccessKey, and the etcd nodes ship their snapshots with it. An instance carries one role, so
  // both share it; the etcd statement only adds objects under this cluster's etcd prefix (no
  // read, no delete: a pod that reaches the metadata service can neither read nor destroy a
  // snapshot, and versioning keeps what it overwrites).
  const nodeRoleName = nodeRoleNameOf(spec);
  const etcdShipping = etcdShippingTarget(spec, shared);
  const nodeStatements = [
    ...(nas && spec.csiDriver.credentials === 'ramRole' ? [{ actions: NAS_CSI_SUBPATH_ACTIONS }] : []),
    ...(etcdShipping ? backupWriterStatements(etcdShipping.bucket, etcdShipping.prefix, 'write') : []),
  ];
  if (nodeStatements.length > 0) {
    new NodeRamRole(`${name}-nodes`, {
      roleName: nodeRoleName,
      statements: nodeStatements,
      instances: nodes,
      description: `Nodes of cluster ${name}: the NAS CSI driver${etcdShipping ? ', etcd snapshot shipping' : ''}`,
    });
  }

  if (spec.bootstrap.enabled && spec.cluster.ssh.hostKey === HOST_KEY_PENDING) {
    // A new cluster's first run: the nodes exist now, their host keys are readable; nothing is
    // installed, so nothing in the cluster is managed yet.
    const warning = `platform:cluster.ssh.hostKey is '${HOST_KEY_PENDING}': the nodes are created, the install waits. Read the SSH host key of ${nodes.find((n) => n.privateIp === installHost)?.name} from its console output, set platform:cluster.ssh.hostKey and run 'pulumi up' again`;
    void pulumi.log.warn(warning);
    return {
      outputs: {
        nodes: nodes.map((n) => ({ name: n.name, privateIp: n.privateIp, zone: n.zone, roles: n.roles })),
        apiServerAddress: lb?.address ?? null,
        kubeconfig: null,
      },
      artifacts: [],
      warnings: [warning],
    };
  }

  // The install needs the nodes' internet egress (the shared stack's NAT gateway and SNAT
  // entries). No dependency is wired: this stack reads the shared stack's outputs, so the shared
  // stack, NAT included, is fully up before anything here runs.
  const cluster = new KubeSphereCluster(name, {
    // The install waits for the nodes' data-disk attachments: the data-disk preInstall script
    // refuses a node whose disk is not attached yet.
    nodes: nodes.map((n) => ({ ...n, readyWith: n.dataDiskAttachments })),
    kubeKey: kubeKeyInput(spec, net.vpcCidr, etcdShipping),
    externalEndpoints: lb ? [lb.address] : [],
    bootstrap: spec.bootstrap.enabled
      ? {
          jumpHost: requireJumpHost(shared).publicIp,
          jumpHostKey: requireJumpHost(shared).sshHostKey,
          jumpPrivateKey: pulumi.secret(spec.secrets.jumpHostSshPrivateKey.value),
          sshPrivateKey: pulumi.secret(spec.secrets.sshPrivateKey.value),
          // Set or refused by the config parser (a placeholder offline).
          hostKey: spec.cluster.ssh.hostKey!,
          adminPassword: pulumi.secret(spec.secrets.kubesphereAdminPassword.value),
          sshUser: spec.cluster.ssh.user,
          kubeKeyUrl: spec.bootstrap.kubeKey.url,
          // Unset only offline (a config error under the engine): see UNSET_KUBEKEY_SHA256.
          kubeKeySha256: spec.bootstrap.kubeKey.sha256 ?? UNSET_KUBEKEY_SHA256,
          previousDocument: previous.document,
          previousKubeconfig: previous.kubeconfig,
          nodeSource: nodePoolSource(spec),
          kubernetesVersionSource: `${spec.project}:kubernetes.version`,
          environment: {
            ...(spec.kubesphere.multiclusterRole === 'none'
              ? {}
              : { [JWT_SECRET_ENV]: pulumi.secret(spec.secrets.kubesphereJwtSecret.value) }),
            ...harborBootstrapEnvironment(spec.harbor, spec.secrets.harborPullPassword?.value),
            ...imagesBootstrapEnvironment(spec.images, spec.secrets[IMAGES_PASSWORD_SECRET]?.value),
          },
        }
      : undefined,
    kubeconfig: spec.bootstrap.enabled ? undefined : pulumi.secret(spec.secrets.kubeconfig.value),
  });
  const images = clusterImageCatalogue(spec);
  const build = workloadBuildOptions(spec, shared, images);
  const mysqlBackup = build.mysqlBackup;
  const workloads = deployClusterWorkloads(spec, build, cluster.provider, images);
  // Harbor's volumes and pods use the platform chart's NAS StorageClass and PriorityClass
  const devops = deployClusterDevOps(spec, cluster.provider, images, workloads.platform !== undefined ? [workloads.platform] : []);
  if (mysqlBackup) {
    backupStoreSecret(spec, mysqlBackup, cluster.provider, workloads.platform);
  }
  const warnings = [...cluster.warnings, ...workloads.warnings];
  for (const warning of warnings) {
    void pulumi.log.warn(warning);
  }

  return {
    outputs: {
      nodes: nodes.map((n) => ({ name: n.name, privateIp: n.privateIp, zone: n.zone, roles: n.roles })),
      apiServerAddress: lb?.address ?? null,
      kubeconfig: cluster.kubeconfig,
      // Read back on the next deployment (readPreviousInstall): the change check and the upgrade path.
      ...(spec.bootstrap.enabled ? { [INSTALLED_DOCUMENT_OUTPUT]: cluster.installedDocument } : {}),
    },
    artifacts: [
      { path: `kubekey/${spec.stack}.yaml`, content: cluster.document },
      ...devops.artifacts,
      ...workloads.artifacts,
      { path: imageListPath(spec.stack), content: renderImageList(spec.stack, spec.images?.registry, images.entries()) },
    ],
    warnings,
  };
}

/** The nodes' instance RAM role (see deployCluster). */
function nodeRoleNameOf(spec: ClusterSpec): string {
  return `${spec.project}-${spec.cluster.name}-nodes`;
}

/** Where the etcd nodes ship their snapshots: the shared stack's backup bucket, when it has one. */
function etcdShippingTarget(spec: ClusterSpec, shared: SharedOutputs): EtcdShippingTarget | undefined {
  return shared.backup
    ? {
        bucket: shared.backup.bucketName,
        endpoint: shared.backup.intranetEndpoint,
        prefix: `${BACKUP_PREFIXES.etcd}${spec.cluster.name}/`,
        ramRoleName: nodeRoleNameOf(spec),
      }
    : undefined;
}

/** The first control-plane node's planned address: where KubeSphereCluster runs kk. */
function firstControlPlaneIp(spec: ClusterSpec, net: SharedOutputs['network']): string | undefined {
  const { pools } = checkPlacement(spec, { ...net, securityGroups: Object.keys(net.securityGroupIds) }, (k) => k);
  const pool = pools.find((p) => spec.nodePools.find((s) => s.name === p.name)?.roles.includes('control-plane'));
  return pool?.nodes[0]?.privateIp;
}

function requireJumpHost(shared: SharedOutputs): { publicIp: string; sshHostKey: string } {
  if (!shared.devtools) {
    throw new Error(
      "platform:bootstrap.enabled needs the shared stack's dev-tools host as SSH jump host: set platform:devtools on the shared stack",
    );
  }
  if (!shared.devtools.sshHostKey) {
    // checkClusterAccess refuses this first, with the whole story; this guards direct callers.
    throw new Error("platform:bootstrap.enabled needs the jump host's SSH host key: set platform:devtools.sshHostKey on the shared stack");
  }
  return { publicIp: shared.devtools.publicIp, sshHostKey: shared.devtools.sshHostKey };
}

/**
 * The MySQL backup's identity: a RAM user that may only add objects under the cluster's MySQL
 * prefix (it can neither read nor delete a backup), its AccessKey in the Secret the CronJob reads.
 */
function backupStoreSecret(
  spec: ClusterSpec,
  target: MysqlBackupOptions,
  provider: Provider,
  namespaceReady: pulumi.Resource | undefined,
): void {
  const name = spec.cluster.name;
  const writer = new BackupWriter(`${name}-mysql-backup`, {
    bucketName: target.bucket,
    prefix: target.prefix,
    access: 'write',
    userName: `${spec.project}-${name}-mysql-backup`,
  });
  new corev1.Secret(
    `${name}-${spec.namespaces.middleware}-${MYSQL_BACKUP_STORE_SECRET}`,
    {
      metadata: {
        name: MYSQL_BACKUP_STORE_SECRET,
        namespace: spec.namespaces.middleware,
        labels: { 'app.kubernetes.io/managed-by': 'pulumi' },
      },
      type: 'Opaque',
      stringData: {
        [BACKUP_STORE_SECRET_KEYS.accessKeyId]: writer.accessKeyId,
        [BACKUP_STORE_SECRET_KEYS.accessKeySecret]: writer.accessKeySecret,
      },
    },
    { provider, dependsOn: namespaceReady ? [namespaceReady] : [] },
  );
}
