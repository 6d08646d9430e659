/**
 * The KubeKey v3 `Cluster` document (`kubekey.kubesphere.io/v1alpha2`).
 *
 * KubeKey decodes it with `json.Unmarshal` and silently drops unknown fields, so every key below is
 * spelled exactly like the JSON tag in `cmd/kk/apis/kubekey/v1alpha2/*.go` (v3.1.12); a typo would not
 * fail, it would just be ignored. The tests pin each key set.
 */
import type { ResolvedKubeKeyInput } from './defaults';
import { HOST_ROLES, type HostRole, type KubeKeyClusterInput } from './types';
import { prepareKubeKeyInput } from './validate';

/** `apiVersion` of the KubeKey v3 `Cluster` document. KubeKey v4 uses `kubekey.kubesphere.io/v1` and a different format. */
export const KUBEKEY_API_VERSION = 'kubekey.kubesphere.io/v1alpha2';

/**
 * `spec.hosts[]` (`HostCfg`): one machine and how KubeKey reaches it over SSH.
 * @see https://github.com/kubesphere/kubekey/blob/v3.1.12/docs/config-example.md
 */
export interface KubeKeyHostDocument {
  /** Host name; KubeKey sets it on the machine and it becomes the Kubernetes node name. */
  readonly name: string;
  /** Address KubeKey connects to over SSH. */
  readonly address: string;
  /** Private address etcd, the kubelet and the other nodes use. */
  readonly internalAddress: string;
  /** sshd port. */
  readonly port: number;
  /** SSH user (root, or a user with password-less sudo). */
  readonly user: string;
  /** Path of the SSH private key on the machine that runs `kk`; `~/` is expanded. */
  readonly privateKeyPath: string;
  /** Node labels KubeKey applies after the node joins; left out when there are none. */
  readonly labels?: Readonly<Record<string, string>>;
}

/** `spec.registry.auths[<host>]`; username and password are `${ENV}` placeholders, never values. */
export interface KubeKeyRegistryAuthDocument {
  /** `${NAME}` placeholder of the user name, filled by `envsubst` right before `kk` runs. */
  readonly username: string;
  /** `${NAME}` placeholder of the password, filled by `envsubst` right before `kk` runs. */
  readonly password: string;
  /** Accept the registry's certificate without verifying it. */
  readonly skipTLSVerify: boolean;
  /** Use plain HTTP instead of HTTPS. */
  readonly plainHTTP: boolean;
}

/**
 * `spec.system.preInstall[]` (`CustomScripts`): a script KubeKey runs on the hosts before installing anything.
 * @see https://github.com/kubesphere/kubekey/blob/v3.1.12/cmd/kk/apis/kubekey/v1alpha2/cluster_types.go
 */
export interface KubeKeyCustomScriptDocument {
  /** Task name KubeKey prints. */
  readonly name: string;
  /** The script; a multi-line one is rendered as a YAML literal block. */
  readonly bash: string;
  /** Role group whose hosts run it; left out for every host. */
  readonly role?: string;
  /** Local paths copied to each host next to the script; left out when there are none. */
  readonly materials?: readonly string[];
}

/**
 * The KubeKey v3 `Cluster` document (`kind: Cluster`), as {@link buildClusterDocument} builds it.
 * Every optional section is written out, so the file says exactly what `kk` will do.
 * @see https://github.com/kubesphere/kubekey/blob/v3.1.12/docs/config-example.md
 */
export interface KubeKeyClusterDocument {
  /** Always {@link KUBEKEY_API_VERSION}. */
  readonly apiVersion: typeof KUBEKEY_API_VERSION;
  /** Always `Cluster`. */
  readonly kind: 'Cluster';
  /** Object metadata. */
  readonly metadata: {
    /** The cluster's name (a DNS-1123 label). */
    readonly name: string;
  };
  /** The cluster: hosts, roles, endpoint, Kubernetes, etcd, network, registry and storage. */
  readonly spec: {
    /** Every machine of the cluster. */
    readonly hosts: readonly KubeKeyHostDocument[];
    /** Host names per role group, in host order (kubeadm init runs on the first `control-plane` host). */
    readonly roleGroups: Readonly<Record<HostRole, readonly string[]>>;
    /** How the nodes reach the kube-apiservers. */
    readonly controlPlaneEndpoint: {
      /** `haproxy` or `kube-vip`; left out for none, as KubeKey's own template does. */
      readonly internalLoadbalancer?: string;
      /** Endpoint name kubeadm uses (`controlPlaneEndpoint: <domain>:<port>`), mapped in each node's `/etc/hosts`. */
      readonly domain: string;
      /** External load balancer address; empty means the first control-plane host's internal address. */
      readonly address: string;
      /** Endpoint port. */
      readonly port: number;
    };
    /** Kubernetes version and cluster-wide kubeadm settings. */
    readonly kubernetes: {
      /** Kubernetes version, `vX.Y.Z`. */
      readonly version: string;
      /** kubeadm's cluster name. */
      readonly clusterName: string;
      /** Renew the kubeadm certificates automatically before they expire. */
      readonly autoRenewCerts: boolean;
      /** Container runtime: `containerd` or `docker`. */
      readonly containerManager: string;
      /** Extra subject alternative names of the apiserver certificate. */
      readonly apiserverCertExtraSans: readonly string[];
      /** kube-proxy mode: `ipvs` or `iptables`. */
      readonly proxyMode: string;
      /** The kubelet's `--max-pods`. */
      readonly maxPods: number;
    };
    /** etcd deployment and its periodic snapshots. */
    readonly etcd: {
      /** `kubekey`: etcd as a binary service on the `etcd` hosts. */
      readonly type: string;
      /** Directory of the snapshots on each etcd host. */
      readonly backupDir: string;
      /** Minutes between snapshots. */
      readonly backupPeriod: number;
      /** Snapshots kept per host. */
      readonly keepBackupNumber: number;
    };
    /** CNI plugin and cluster CIDRs. */
    readonly network: {
      /** CNI plugin: `calico`. */
      readonly plugin: string;
      /** Pod CIDR. */
      readonly kubePodsCIDR: string;
      /** Service CIDR. */
      readonly kubeServiceCIDR: string;
      /** Calico encapsulation. */
      readonly calico: {
        /** IP-in-IP mode: `Always`, `CrossSubnet` or `Never`. */
        readonly ipipMode: string;
        /** VXLAN mode: `Always`, `CrossSubnet` or `Never`. */
        readonly vxlanMode: string;
      };
      /** Multus meta-plugin (several network interfaces per pod). */
      readonly multusCNI: {
        /** Always false: this library installs no secondary networks. */
        readonly enabled: boolean;
      };
    };
    /** Where images are pulled from. */
    readonly registry: {
      /** Registry every image is pulled from; empty for the public registries. */
      readonly privateRegistry: string;
      /** Project inside `privateRegistry` that replaces upstream namespaces; empty to keep them. */
      readonly namespaceOverride: string;
      /** Docker Hub mirrors. */
      readonly registryMirrors: readonly string[];
      /** Registries reached over HTTP or with an untrusted certificate. */
      readonly insecureRegistries: readonly string[];
      /** Credentials by registry host; left out when there are none. */
      readonly auths?: Readonly<Record<string, KubeKeyRegistryAuthDocument>>;
    };
    /** Local storage KubeKey installs. */
    readonly storage: {
      /** OpenEBS local (hostpath) provisioner. */
      readonly openebs: {
        /** Host directory of the local volumes. */
        readonly basePath: string;
      };
    };
    /**
     * Operating-system settings and preInstall scripts; left out when there is none of them, and each
     * of `ntpServers` and `timezone` left out when unset (KubeKey then leaves chrony and the time zone alone).
     */
    readonly system?: {
      /** NTP servers written into chrony's configuration. */
      readonly ntpServers?: readonly string[];
      /** IANA time zone set with `timedatectl`. */
      readonly timezone?: string;
      /** Scripts run on the hosts first, in order. */
      readonly preInstall: readonly KubeKeyCustomScriptDocument[];
    };
    /** KubeKey add-ons (Helm charts or manifests applied after install); always empty, cdk8s manages workloads. */
    readonly addons: readonly never[];
  };
}

/** `${NAME}`: the form `envsubst` replaces. */
export function envPlaceholder(name: string): string {
  return `\${${name}}`;
}

/** Builds the KubeKey `Cluster` document. Validates first: throws `ValidationError` on bad input. */
export function buildClusterDocument(input: KubeKeyClusterInput): KubeKeyClusterDocument {
  return clusterDocumentFromResolved(prepareKubeKeyInput(input).resolved);
}

/** Builds from an already validated, resolved input (the renderer validates once for both documents). */
export function clusterDocumentFromResolved(r: ResolvedKubeKeyInput): KubeKeyClusterDocument {
  const cpe = r.controlPlaneEndpoint;
  return {
    apiVersion: KUBEKEY_API_VERSION,
    kind: 'Cluster',
    metadata: { name: r.name },
    spec: {
      // SSH settings are written on every host rather than left to KubeKey's defaults, so the file
      // says exactly what kk will do.
      hosts: r.hosts.map((h) => ({
        name: h.name,
        address: h.address,
        internalAddress: h.internalAddress,
        port: r.ssh.port,
        user: r.ssh.user,
        privateKeyPath: r.ssh.privateKeyPath,
        ...(h.labels !== undefined && Object.keys(h.labels).length > 0 ? { labels: sortedRecord(h.labels) } : {}),
      })),
      roleGroups: roleGroups(r),
      controlPlaneEndpoint: {
        // Omitted rather than '' when unset: that is how KubeKey's own template spells "none".
        ...(cpe.internalLoadbalancer !== undefined ? { internalLoadbalancer: cpe.internalLoadbalancer } : {}),
        domain: cpe.domain,
        address: cpe.address,
        port: cpe.port,
      },
      kubernetes: {
        version: r.kubernetes.version,
        clusterName: r.kubernetes.clusterName,
        autoRenewCerts: r.kubernetes.autoRenewCerts,
        containerManager: r.kubernetes.containerManager,
        apiserverCertExtraSans: [...r.kubernetes.apiserverCertExtraSans],
        proxyMode: r.kubernetes.proxyMode,
        maxPods: r.kubernetes.maxPods,
      },
      etcd: {
        type: r.etcd.type,
        backupDir: r.etcd.backupDir,
        backupPeriod: r.etcd.backupPeriod,
        keepBackupNumber: r.etcd.keepBackupNumber,
      },
      network: {
        plugin: r.network.plugin,
        kubePodsCIDR: r.network.kubePodsCIDR,
        kubeServiceCIDR: r.network.kubeServiceCIDR,
        calico: { ipipMode: r.network.ipipMode, vxlanMode: r.network.vxlanMode },
        multusCNI: { enabled: false },
      },
      registry: {
        privateRegistry: r.registry.privateRegistry,
        namespaceOverride: r.registry.namespaceOverride,
        registryMirrors: [...r.registry.registryMirrors],
        insecureRegistries: [...r.registry.insecureRegistries],
        ...(r.registry.auths.length > 0 ? { auths: registryAuths(r) } : {}),
      },
      storage: { openebs: { basePath: r.openebsBasePath } },
      ...systemSection(r),
      addons: [],
    },
  };
}

function systemSection(r: ResolvedKubeKeyInput): { system?: NonNullable<KubeKeyClusterDocument['spec']['system']> } {
  const s = r.system;
  if (s.ntpServers.length === 0 && s.timezone === '' && s.preInstall.length === 0) {
    // Absent rather than empty: adding an empty section to an installed cluster's file would read as
    // a change and trigger a needless re-apply.
    return {};
  }
  return {
    system: {
      ...(s.ntpServers.length > 0 ? { ntpServers: [...s.ntpServers] } : {}),
      ...(s.timezone !== '' ? { timezone: s.timezone } : {}),
      preInstall: s.preInstall.map((p) => ({
        name: p.name,
        bash: p.bash,
        ...(p.role !== undefined ? { role: p.role } : {}),
        ...(p.materials !== undefined && p.materials.length > 0 ? { materials: [...p.materials] } : {}),
      })),
    },
  };
}

function roleGroups(r: ResolvedKubeKeyInput): Record<HostRole, string[]> {
  const groups = {} as Record<HostRole, string[]>;
  for (const role of HOST_ROLES) {
    // Host order, not sorted: kubeadm init runs on the first control-plane host listed.
    groups[role] = r.hosts.filter((h) => h.roles.includes(role)).map((h) => h.name);
  }
  return groups;
}

function registryAuths(r: ResolvedKubeKeyInput): Record<string, KubeKeyRegistryAuthDocument> {
  const auths: Record<string, KubeKeyRegistryAuthDocument> = {};
  for (const a of [...r.registry.auths].sort((x, y) => compareText(x.host, y.host))) {
    auths[a.host] = {
      username: envPlaceholder(a.usernameEnv),
      password: envPlaceholder(a.passwordEnv),
      skipTLSVerify: a.skipTLSVerify ?? false,
      plainHTTP: a.plainHTTP ?? false,
    };
  }
  return auths;
}

function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareText(a, b)));
}

// Code-unit order, not localeCompare: the output must not depend on the machine's locale.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
