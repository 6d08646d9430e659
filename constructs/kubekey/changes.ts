/**
 * Classifies the change between two rendered KubeKey files, so the bootstrap can choose between
 * `kk create cluster` (first install), `kk add nodes` (hosts appended) and a full re-apply.
 *
 * Files are compared as parsed YAML, not text, so formatting and key order do not count as changes.
 */
import { parseAllDocuments } from 'yaml';

/**
 * - `create`: there is no previous file.
 * - `unchanged`: both files describe the same documents.
 * - `add-nodes`: the only difference is hosts appended to `spec.hosts` (existing hosts identical and
 *   in the same order) and the new hosts' entries in `spec.roleGroups`; existing hosts keep exactly
 *   their previous memberships.
 * - `reapply`: anything else, including removed or edited hosts, which the caller must handle on
 *   purpose (`kk delete node` is never chosen automatically).
 */
export type ClusterChange = 'create' | 'unchanged' | 'add-nodes' | 'reapply';

type JsonRecord = Record<string, unknown>;

interface ParsedFile {
  readonly cluster: JsonRecord;
  /** Every other document (the ClusterConfiguration), in file order. */
  readonly others: readonly unknown[];
}

/**
 * Classifies the change from the KubeKey file of the last install to the one just rendered.
 * @param previousYaml - the file the cluster was last installed from, or undefined before the first install
 * @param nextYaml - the newly rendered file
 * @returns what the change needs: see {@link ClusterChange}
 * @throws Error when either file is not YAML or does not hold exactly one `kind: Cluster` document
 */
export function classifyClusterChange(previousYaml: string | undefined, nextYaml: string): ClusterChange {
  if (previousYaml === undefined) {
    return 'create';
  }
  const prev = parseKubeKeyFile(previousYaml, 'previous');
  const next = parseKubeKeyFile(nextYaml, 'next');
  if (canonical(prev) === canonical(next)) {
    return 'unchanged';
  }
  return onlyHostsAppended(prev, next) ? 'add-nodes' : 'reapply';
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

function parseKubeKeyFile(text: string, which: string): ParsedFile {
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

function withoutHosts(cluster: JsonRecord): JsonRecord {
  const spec = isRecord(cluster.spec) ? { ...cluster.spec } : {};
  delete spec.hosts;
  delete spec.roleGroups;
  return { ...cluster, spec };
}

function arrayAt(cluster: JsonRecord, key: string): readonly unknown[] {
  return isRecord(cluster.spec) ? asArray(cluster.spec[key]) : [];
}

function recordAt(cluster: JsonRecord, key: string): JsonRecord {
  const value = isRecord(cluster.spec) ? cluster.spec[key] : undefined;
  return isRecord(value) ? value : {};
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
    isRecord(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}
