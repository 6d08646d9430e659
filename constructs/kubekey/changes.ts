/**
 * The one place that decides what a change between two rendered KubeKey files needs: a first
 * install (`kk create cluster`), hosts appended (`kk add nodes`), a version change (`kk upgrade`),
 * another settings change (a re-apply with `kk create cluster`), or something KubeKey must not be
 * asked to do from a config edit (removing nodes, or nodes and versions at once).
 *
 * {@link kubeKeyFileAspects} splits a file's documents into the parts each step depends on; the
 * installer wires each step's re-run to one aspect's fingerprint (`renderKubeKey` computes them
 * with the YAML, from the same documents), and {@link describeClusterChange} compares the file of
 * the last install with the one just rendered through the same parts, so what it reports is what
 * the steps will do. This is the one change-detection path: `KubeSphereCluster` uses it, and
 * through it the stacks.
 *
 * Files are compared as data, not text, so formatting and key order do not count as changes.
 */
import { createHash } from 'crypto';
import { parseAllDocuments } from 'yaml';
import type { ClusterVersions } from './versions';

/**
 * - `create`: there is no previous file.
 * - `unchanged`: both files describe the same documents.
 * - `add-nodes`: the only difference is hosts appended to `spec.hosts` (existing hosts identical and
 *   in the same order) and the new hosts' entries in `spec.roleGroups`; existing hosts keep exactly
 *   their previous memberships.
 * - `upgrade`: the Kubernetes or KubeSphere version changed and the hosts did not; other settings may
 *   change with it (`kk upgrade` reads the whole file).
 * - `reapply`: any other change with every previous host still present (an edited host, a settings
 *   change, hosts added together with a settings change).
 * - `remove-nodes`: a previous host is gone. Never done from a config edit: `kk delete node` first.
 * - `nodes-and-versions`: hosts and versions changed together; refused, one change at a time.
 */
export type ClusterChange = 'create' | 'unchanged' | 'add-nodes' | 'upgrade' | 'reapply' | 'remove-nodes' | 'nodes-and-versions';

/** A classified change with what it touches. */
export interface ClusterChangeDetails {
  /** What the change needs. */
  readonly change: ClusterChange;
  /** Hosts of the previous file missing from the next, in the previous file's order. */
  readonly removedHosts: readonly string[];
  /** Versions of the previous file; undefined for `create`. */
  readonly from?: ClusterVersions;
  /** Versions of the next file. */
  readonly to: ClusterVersions;
}

/**
 * The documents of a KubeKey file as plain data: the one `kind: Cluster` document, and every other
 * document (the ClusterConfiguration) in file order. `renderKubeKey` gives them for the file it
 * renders; {@link parseKubeKeyFile} reads them back from a file's text (the last install's file).
 */
export interface KubeKeyFileDocuments {
  /** The `kind: Cluster` document. */
  readonly cluster: object;
  /** Every other document, in file order. */
  readonly others: readonly unknown[];
}

/** The parts of a KubeKey file that decide which step a change re-runs. */
export interface ClusterFileAspects {
  /** `spec.hosts` and `spec.roleGroups`: a change runs `kk add nodes`. */
  readonly hosts: unknown;
  /** The versions installed: a change runs `kk upgrade`. */
  readonly versions: ClusterVersions;
  /** Everything else, both documents without hosts and versions: a change re-applies the file. */
  readonly settings: unknown;
}

/** SHA-256 digests of {@link ClusterFileAspects}, for the installer's re-run triggers. */
export interface ClusterFileFingerprints {
  /** Digest of {@link ClusterFileAspects.hosts}. */
  readonly hosts: string;
  /** Digest of {@link ClusterFileAspects.versions}. */
  readonly versions: string;
  /** Digest of {@link ClusterFileAspects.settings}. */
  readonly settings: string;
}

type JsonRecord = Readonly<Record<string, unknown>>;
type ParsedFile = KubeKeyFileDocuments;

/** Splits a KubeKey file's documents into the parts each install step depends on. */
export function kubeKeyFileAspects(documents: KubeKeyFileDocuments): ClusterFileAspects {
  return aspectsOf(documents);
}

/** SHA-256 digests of {@link kubeKeyFileAspects}: equal exactly when the aspect is equal as data (key order aside). */
export function kubeKeyFileFingerprints(documents: KubeKeyFileDocuments): ClusterFileFingerprints {
  const aspects = aspectsOf(documents);
  const digest = (value: unknown) => createHash('sha256').update(canonical(value)).digest('hex');
  return { hosts: digest(aspects.hosts), versions: digest(aspects.versions), settings: digest(aspects.settings) };
}

/**
 * Describes the change from the KubeKey file of the last install to the one just rendered: what it
 * needs (see {@link ClusterChange}), the removed hosts and both files' versions.
 * @param previousYaml - the file the cluster was last installed from, or undefined before the first install
 * @param next - the documents just rendered (`renderKubeKey(input).documents`)
 * @throws Error when the previous file is not YAML or does not hold exactly one `kind: Cluster` document
 */
export function describeClusterChange(previousYaml: string | undefined, next: KubeKeyFileDocuments): ClusterChangeDetails {
  const to = aspectsOf(next).versions;
  if (previousYaml === undefined) {
    return { change: 'create', removedHosts: [], to };
  }
  const prev = parseKubeKeyFile(previousYaml, 'previous');
  const [before, after] = [aspectsOf(prev), aspectsOf(next)];
  const nextNames = new Set(arrayAt(next.cluster, 'hosts').map(hostName));
  const removedHosts = arrayAt(prev.cluster, 'hosts')
    .map(hostName)
    .filter((n) => !nextNames.has(n));
  const details = (change: ClusterChange): ClusterChangeDetails => ({ change, removedHosts, from: before.versions, to });
  if (canonical(prev) === canonical(next)) {
    return details('unchanged');
  }
  if (removedHosts.length > 0) {
    return details('remove-nodes');
  }
  const versionsChanged = canonical(before.versions) !== canonical(after.versions);
  const hostsChanged = canonical(before.hosts) !== canonical(after.hosts);
  if (versionsChanged) {
    return details(hostsChanged ? 'nodes-and-versions' : 'upgrade');
  }
  return details(onlyHostsAppended(prev, next) ? 'add-nodes' : 'reapply');
}

function aspectsOf(file: ParsedFile): ClusterFileAspects {
  const cluster = recordOf(file.cluster);
  const spec = isRecord(cluster.spec) ? cluster.spec : {};
  const { hosts, roleGroups, ...rest } = spec;
  const kubernetes = isRecord(rest.kubernetes) ? rest.kubernetes : {};
  const { version: kubernetesVersion, ...kubernetesRest } = kubernetes;
  const configuration = file.others.find((d) => isRecord(d) && d.kind === 'ClusterConfiguration');
  const kubesphere =
    isRecord(configuration) && isRecord(configuration.metadata) && isRecord(configuration.metadata.labels)
      ? configuration.metadata.labels.version
      : undefined;
  const others = file.others.map((d) => (d === configuration ? withoutVersionLabel(d as JsonRecord) : d));
  return {
    hosts: { hosts, roleGroups },
    versions: { kubernetes: String(kubernetesVersion ?? ''), ...(typeof kubesphere === 'string' ? { kubesphere } : {}) },
    settings: [{ ...cluster, spec: { ...rest, kubernetes: kubernetesRest } }, ...others],
  };
}

function withoutVersionLabel(doc: JsonRecord): JsonRecord {
  const metadata = isRecord(doc.metadata) ? doc.metadata : {};
  const labels = isRecord(metadata.labels) ? { ...metadata.labels } : {};
  delete labels.version;
  return { ...doc, metadata: { ...metadata, labels } };
}

function onlyHostsAppended(prev: ParsedFile, next: ParsedFile): boolean {
  if (canonical(prev.others) !== canonical(next.others)) {
    return false;
  }
  if (canonical(withoutHosts(prev.cluster)) !== canonical(withoutHosts(next.cluster))) {
    return false;
  }
  const prevHosts = arrayAt(prev.cluster, 'hosts');
  const nextHosts = arrayAt(next.cluster, 'hosts');
  if (nextHosts.length <= prevHosts.length || prevHosts.some((h, i) => canonical(h) !== canonical(nextHosts[i]))) {
    return false;
  }
  const added = new Set(nextHosts.slice(prevHosts.length).map(hostName));
  const prevGroups = recordAt(prev.cluster, 'roleGroups');
  const nextGroups = recordAt(next.cluster, 'roleGroups');
  const roles = new Set([...Object.keys(prevGroups), ...Object.keys(nextGroups)]);
  for (const role of roles) {
    const before = asArray(prevGroups[role]);
    const after = asArray(nextGroups[role]);
    // Dropping the added hosts from the new group must give back the old group exactly.
    const kept = after.filter((name) => !(typeof name === 'string' && added.has(name)));
    if (canonical(kept) !== canonical(before)) {
      return false;
    }
  }
  return true;
}

/**
 * Reads a KubeKey file's text back into its documents as plain data.
 * @param which - names the file in errors, for example 'previous'
 * @throws Error when the text is not YAML or does not hold exactly one `kind: Cluster` document
 */
export function parseKubeKeyFile(text: string, which = 'KubeKey'): KubeKeyFileDocuments {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) {
    throw new Error(`The ${which} KubeKey file is not a YAML stream`);
  }
  const values: unknown[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      throw new Error(`The ${which} KubeKey file is not valid YAML: ${doc.errors[0].message}`);
    }
    values.push(doc.toJS());
  }
  const clusters = values.filter((v) => isRecord(v) && v.kind === 'Cluster');
  if (clusters.length !== 1 || !isRecord(clusters[0])) {
    throw new Error(`The ${which} KubeKey file must contain exactly one kind: Cluster document (found ${clusters.length})`);
  }
  return { cluster: clusters[0], others: values.filter((v) => v !== clusters[0]) };
}

function withoutHosts(document: object): JsonRecord {
  const cluster = recordOf(document);
  const spec = isRecord(cluster.spec) ? { ...cluster.spec } : {};
  delete spec.hosts;
  delete spec.roleGroups;
  return { ...cluster, spec };
}

function arrayAt(document: object, key: string): readonly unknown[] {
  const cluster = recordOf(document);
  return isRecord(cluster.spec) ? asArray(cluster.spec[key]) : [];
}

function recordAt(document: object, key: string): JsonRecord {
  const cluster = recordOf(document);
  const value = isRecord(cluster.spec) ? cluster.spec[key] : undefined;
  return isRecord(value) ? value : {};
}

/** A document's own fields by name (a typed document and parsed YAML alike). */
function recordOf(document: object): JsonRecord {
  return Object.fromEntries(Object.entries(document));
}

function hostName(host: unknown): string {
  return isRecord(host) && typeof host.name === 'string' ? host.name : '';
}

function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON with object keys sorted at every level, so key order never counts as a difference. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isRecord(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}
