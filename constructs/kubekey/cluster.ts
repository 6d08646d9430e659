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

export const KUBEKEY_API_VERSION = 'kubekey.kubesphere.io/v1alpha2';

/** `spec.hosts[]` (`HostCfg`). */
export interface KubeKeyHostDocument {
  readonly name: string;
  readonly address: string;
  readonly internalAddress: string;
  readonly port: number;
  readonly user: string;
  readonly privateKeyPath: string;
  readonly labels?: Readonly<Record<string, string>>;
}

/** `spec.registry.auths[<host>]`; username and password are `${ENV}` placeholders, never values. */
export interface KubeKeyRegistryAuthDocument {
  readonly username: string;
  readonly password: string;
  readonly skipTLSVerify: boolean;
  readonly plainHTTP: boolean;
}

export interface KubeKeyClusterDocument {
  readonly apiVersion: typeof KUBEKEY_API_VERSION;
  readonly kind: 'Cluster';
  readonly metadata: { readonly name: string };
  readonly spec: {
    readonly hosts: readonly KubeKeyHostDocument[];
    readonly roleGroups: Readonly<Record<HostRole, readonly string[]>>;
    readonly controlPlaneEndpoint: {
      readonly internalLoadbalancer?: string;
      readonly domain: string;
      readonly address: string;
      readonly port: number;
    };
    readonly kubernetes: {
      readonly version: string;
      readonly clusterName: string;
      readonly autoRenewCerts: boolean;
      readonly containerManager: string;
      readonly apiserverCertExtraSans: readonly string[];
      readonly proxyMode: string;
      readonly maxPods: number;
    };
    readonly etcd: {
      readonly type: string;
      readonly backupDir: string;
      readonly backupPeriod: number;
      readonly keepBackupNumber: number;
    };
    readonly network: {
      readonly plugin: string;
      readonly kubePodsCIDR: string;
      readonly kubeServiceCIDR: string;
      readonly calico: { readonly ipipMode: string; readonly vxlanMode: string };
      readonly multusCNI: { readonly enabled: boolean };
    };
    readonly registry: {
      readonly privateRegistry: string;
      readonly namespaceOverride: string;
      readonly registryMirrors: readonly string[];
      readonly insecureRegistries: readonly string[];
      readonly auths?: Readonly<Record<string, KubeKeyRegistryAuthDocument>>;
    };
    readonly storage: { readonly openebs: { readonly basePath: string } };
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

/** Builds from an already validated, resolved input. */
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
      addons: [],
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
