/**
 * What a diagram takes from the offline run's files besides the plan: the KubeKey documents (which
 * node has which role in which cluster, and the versions) and the Kubernetes manifests (each
 * cluster's namespaces and workloads). Documents are recognised by `apiVersion` and `kind`, not by
 * file name; manifests are grouped by cluster through their folder.
 */
import { parseAllDocuments } from 'yaml';

/** A workload found in a cluster's manifests. */
export interface WorkloadFacts {
  /** `Deployment`, `StatefulSet`, `DaemonSet`, `CronJob` or `Job`. */
  readonly kind: string;
  /** `metadata.name`. */
  readonly name: string;
  /** `spec.replicas`, when set. */
  readonly replicas?: number;
}

/** A namespace and the workloads in it. */
export interface NamespaceFacts {
  /** Namespace name. */
  readonly name: string;
  /** Its workloads, sorted by kind and name. */
  readonly workloads: readonly WorkloadFacts[];
}

/** A host of a KubeKey `Cluster` document. */
export interface ClusterHostFacts {
  /** Host (and node) name. */
  readonly name: string;
  /** `internalAddress`. */
  readonly address?: string;
  /** The role groups that list it. */
  readonly roles: readonly string[];
}

/** One KubeSphere cluster as its documents and manifests describe it. */
export interface ClusterFacts {
  /** Cluster name (`metadata.name` of the KubeKey document, or the manifests' folder). */
  readonly name: string;
  /** `spec.kubernetes.version` of the KubeKey document. */
  readonly kubernetesVersion?: string;
  /** The `version` label of the ks-installer `ClusterConfiguration` (ks-installer reads it there). */
  readonly kubesphereVersion?: string;
  /** `spec.multicluster.clusterRole` of the `ClusterConfiguration` (`host`, `member` or `none`). */
  readonly multiclusterRole?: string;
  /** Its hosts, from the KubeKey document. */
  readonly hosts: readonly ClusterHostFacts[];
  /** Its namespaces and workloads, from the manifests. */
  readonly namespaces: readonly NamespaceFacts[];
}

/** Facts found in the offline run's files, for {@link describeEstate}. */
export interface DiagramInputs {
  /**
   * KubeSphere clusters, with hosts, versions, namespaces and workloads.
   * @default [] - roles then come from the instance descriptions `NodePool` writes
   */
  readonly clusters?: readonly ClusterFacts[];
}

/** A file of the offline run, as `synthesize` hands it to `extraFiles`. */
export interface DiagramArtifact {
  /** Path relative to the output folder. */
  readonly path: string;
  /** File content. */
  readonly content: string;
  /**
   * The YAML documents of `content`, as data, when the producer has them (see `Artifact.documents`).
   * @default - parsed from `content`
   */
  readonly documents?: readonly unknown[];
}

/** Options of {@link readDiagramInputs}. */
export interface ReadDiagramInputsOptions {
  /**
   * The cluster a manifest file belongs to, from its path; `undefined` leaves the file out.
   * @default - the folder after `k8s/`: `k8s/<cluster>/...yaml`
   */
  readonly manifestCluster?: (path: string) => string | undefined;
}

/** Workload kinds the diagram shows. */
export const WORKLOAD_KINDS: readonly string[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'Job'];

type Doc = Readonly<Record<string, unknown>>;

function isDoc(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(doc: unknown, ...path: string[]): unknown {
  return path.reduce<unknown>((at, key) => (isDoc(at) ? at[key] : undefined), doc);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function defaultManifestCluster(path: string): string | undefined {
  return /^k8s\/([^/]+)\/.+\.ya?ml$/.exec(path)?.[1];
}

function documentsOf(content: string): Doc[] {
  return parseAllDocuments(content)
    .map((d) => d.toJS() as unknown)
    .filter(isDoc);
}

interface ClusterDraft {
  name: string;
  kubernetesVersion?: string;
  kubesphereVersion?: string;
  multiclusterRole?: string;
  hosts: ClusterHostFacts[];
  namespaces: Map<string, WorkloadFacts[]>;
}

function kubeKeyHosts(doc: Doc): ClusterHostFacts[] {
  const roleGroups = field(doc, 'spec', 'roleGroups');
  const hosts = field(doc, 'spec', 'hosts');
  return (Array.isArray(hosts) ? hosts : []).filter(isDoc).map((h) => {
    const name = text(h.name) ?? '';
    const roles = isDoc(roleGroups)
      ? Object.entries(roleGroups)
          .filter(([, members]) => Array.isArray(members) && members.includes(name))
          .map(([role]) => role)
      : [];
    return { name, address: text(h.internalAddress) ?? text(h.address), roles };
  });
}

/** Reads the clusters' hosts, versions, namespaces and workloads out of the offline run's files. */
export function readDiagramInputs(artifacts: readonly DiagramArtifact[], options: ReadDiagramInputsOptions = {}): DiagramInputs {
  const manifestCluster = options.manifestCluster ?? defaultManifestCluster;
  const drafts = new Map<string, ClusterDraft>();
  const draft = (name: string): ClusterDraft => {
    const found = drafts.get(name) ?? { name, hosts: [], namespaces: new Map() };
    drafts.set(name, found);
    return found;
  };
  for (const artifact of artifacts.filter((a) => /\.ya?ml$/.test(a.path))) {
    // A manifest of thousands of objects takes longer to parse than to draw: use the data when given.
    const docs = artifact.documents?.filter(isDoc) ?? documentsOf(artifact.content);
    // The ClusterConfiguration follows the KubeKey Cluster document it belongs to.
    let current: ClusterDraft | undefined;
    for (const doc of docs) {
      const apiVersion = text(doc.apiVersion) ?? '';
      if (apiVersion.startsWith('kubekey.kubesphere.io/') && doc.kind === 'Cluster') {
        current = draft(text(field(doc, 'metadata', 'name')) ?? artifact.path);
        current.kubernetesVersion = text(field(doc, 'spec', 'kubernetes', 'version'));
        current.hosts = kubeKeyHosts(doc);
      } else if (apiVersion.startsWith('installer.kubesphere.io/') && doc.kind === 'ClusterConfiguration' && current !== undefined) {
        current.kubesphereVersion = text(field(doc, 'metadata', 'labels', 'version')) ?? text(field(doc, 'spec', 'version'));
        current.multiclusterRole = text(field(doc, 'spec', 'multicluster', 'clusterRole'));
      }
    }
    const cluster = manifestCluster(artifact.path);
    if (cluster === undefined) {
      continue;
    }
    const namespaces = draft(cluster).namespaces;
    for (const doc of docs) {
      const kind = text(doc.kind) ?? '';
      const name = text(field(doc, 'metadata', 'name')) ?? '';
      if (kind === 'Namespace' && !namespaces.has(name)) {
        namespaces.set(name, []);
      } else if (WORKLOAD_KINDS.includes(kind)) {
        const namespace = text(field(doc, 'metadata', 'namespace')) ?? 'default';
        const replicas = field(doc, 'spec', 'replicas');
        namespaces.set(namespace, [
          ...(namespaces.get(namespace) ?? []),
          { kind, name, replicas: typeof replicas === 'number' ? replicas : undefined },
        ]);
      }
    }
  }
  const clusters = [...drafts.values()].map((d) => ({
    name: d.name,
    kubernetesVersion: d.kubernetesVersion,
    kubesphereVersion: d.kubesphereVersion,
    multiclusterRole: d.multiclusterRole,
    hosts: d.hosts,
    namespaces: [...d.namespaces.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, workloads]) => ({
        name,
        workloads: [...workloads].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name)),
      })),
  }));
  return { clusters };
}
