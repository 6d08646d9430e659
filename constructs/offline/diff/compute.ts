/**
 * Computes what changed between two offline-run outputs: cloud resources per stack, Kubernetes
 * objects per cluster and KubeKey documents per cluster. Pure: no file system, no formatting.
 */
import { compareStrings, deepDiff, ValueChange } from './deep-diff';
import { KubeKeyDocument, ManifestObject, OfflineOutput, PlannedResource, PlannedStack } from './model';
import { SECRET_PLACEHOLDER } from '../../core';
import { DEFAULT_PROCEDURE_RULES, DEFAULT_REPLACE_RULES, ProcedureRules, ReplaceRules, replaceTriggers } from './replace-rules';

/** Why Pulumi will not simply delete a resource: `protect` fails the update, `retainOnDelete` orphans it. */
export type ProtectionFlag = 'protect' | 'retainOnDelete';

/** A Pulumi resource's identity within a stack. */
export interface ResourceRef {
  readonly type: string;
  readonly name: string;
}

/**
 * A resource present on both sides whose inputs or options differ. `ignored`: every input change is
 * in the resource's `ignoreChanges`, so `pulumi up` leaves the resource as it is.
 */
export interface ResourceChange extends ResourceRef {
  readonly action: 'update' | 'replace' | 'ignored';
  /** Top-level input keys (or `parent`) that force the replacement; empty for updates. */
  readonly replaceReasons: readonly string[];
  /** Top-level input keys whose change `pulumi up` does not apply (HEAD's `ignoreChanges`). */
  readonly ignoredKeys: readonly string[];
  /** Top-level input keys whose change needs a procedure (see {@link ProcedureRules}). */
  readonly procedureKeys: readonly string[];
  readonly inputChanges: readonly ValueChange[];
  /** Changes to the resource options recorded in the plan: `parent`, `protect`, `retainOnDelete`, `ignoreChanges`, … */
  readonly optionChanges: readonly ValueChange[];
}

/** A deletion or replacement of a resource that BASE marks `protect` or `retainOnDelete`. */
export interface ProtectedWarning extends ResourceRef {
  readonly stack: string;
  readonly action: 'delete' | 'replace';
  readonly flags: readonly ProtectionFlag[];
  readonly replaceReasons: readonly string[];
}

/** A config edit that `pulumi up` refuses or leaves undone: it needs the procedure named. */
export interface ProcedureWarning extends ResourceRef {
  readonly stack: string;
  readonly procedure: string;
  /** The changes to the procedure's keys. */
  readonly changes: readonly ValueChange[];
}

/** `added` / `removed`: the whole stack (or cluster, or document) exists on one side only. */
export type PresenceStatus = 'added' | 'removed' | 'changed';

export interface StackDiff {
  readonly stack: string;
  readonly status: PresenceStatus;
  readonly added: readonly ResourceRef[];
  readonly removed: readonly ResourceRef[];
  readonly changed: readonly ResourceChange[];
  readonly outputChanges: readonly ValueChange[];
}

/** A Kubernetes object's identity: API group (not version), kind, namespace and name. */
export interface ObjectRef {
  readonly group: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

export interface ObjectChange extends ObjectRef {
  readonly changes: readonly ValueChange[];
}

export interface ClusterManifestDiff {
  readonly cluster: string;
  readonly status: PresenceStatus;
  readonly added: readonly ObjectRef[];
  readonly removed: readonly ObjectRef[];
  readonly changed: readonly ObjectChange[];
}

export interface KubeKeyDocumentDiff {
  readonly kind: string;
  readonly name: string;
  readonly status: PresenceStatus;
  /** Field changes; for an added or removed document, one root change holding the whole document. */
  readonly changes: readonly ValueChange[];
}

export interface ClusterKubeKeyDiff {
  readonly cluster: string;
  readonly status: PresenceStatus;
  readonly documents: readonly KubeKeyDocumentDiff[];
}

/** The whole comparison. Only stacks, clusters and documents with a difference are listed. */
export interface OfflineDiff {
  /** Changes that need a procedure, listed before anything else. */
  readonly procedures: readonly ProcedureWarning[];
  readonly warnings: readonly ProtectedWarning[];
  readonly stacks: readonly StackDiff[];
  readonly manifests: readonly ClusterManifestDiff[];
  readonly kubekey: readonly ClusterKubeKeyDiff[];
}

/** The rule tables a diff applies; each defaults to this package's. */
export interface ComputeDiffOptions {
  /** @default DEFAULT_REPLACE_RULES */
  readonly replaceRules?: ReplaceRules;
  /** @default DEFAULT_PROCEDURE_RULES */
  readonly procedureRules?: ProcedureRules;
}

/** The rule tables a stack diff applies. */
interface Rules {
  readonly replace: ReplaceRules;
  readonly procedure: ProcedureRules;
}

export function hasChanges(diff: OfflineDiff): boolean {
  return diff.stacks.length + diff.manifests.length + diff.kubekey.length > 0;
}

export function computeDiff(base: OfflineOutput, head: OfflineOutput, options: ComputeDiffOptions = {}): OfflineDiff {
  const rules: Rules = {
    replace: options.replaceRules ?? DEFAULT_REPLACE_RULES,
    procedure: options.procedureRules ?? DEFAULT_PROCEDURE_RULES,
  };
  const warnings: ProtectedWarning[] = [];
  const procedures: ProcedureWarning[] = [];
  const stacks: StackDiff[] = [];
  for (const name of unionKeys(base.stacks, head.stacks)) {
    const d = diffStack(name, base.stacks.get(name), head.stacks.get(name), rules, warnings, procedures);
    if (d.added.length + d.removed.length + d.changed.length + d.outputChanges.length > 0 || d.status !== 'changed') {
      stacks.push(d);
    }
  }
  const manifests: ClusterManifestDiff[] = [];
  for (const cluster of unionKeys(base.manifests, head.manifests)) {
    const d = diffManifests(cluster, base.manifests.get(cluster), head.manifests.get(cluster));
    if (d.added.length + d.removed.length + d.changed.length > 0 || d.status !== 'changed') {
      manifests.push(d);
    }
  }
  const kubekey: ClusterKubeKeyDiff[] = [];
  for (const cluster of unionKeys(base.kubekey, head.kubekey)) {
    const d = diffKubeKey(cluster, base.kubekey.get(cluster), head.kubekey.get(cluster));
    if (d.documents.length > 0 || d.status !== 'changed') {
      kubekey.push(d);
    }
  }
  return { procedures: procedures.sort(compareWarnings), warnings: warnings.sort(compareWarnings), stacks, manifests, kubekey };
}

function presence(before: unknown, after: unknown): PresenceStatus {
  return before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
}

function unionKeys(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].sort(compareStrings);
}

/** Indexes by identity key; loading has already rejected duplicates. */
function indexBy<T>(items: readonly T[] | undefined, key: (item: T) => string): Map<string, T> {
  return new Map((items ?? []).map((item) => [key(item), item] as const));
}

function resourceKey(r: ResourceRef): string {
  return `${r.type}\u0000${r.name}`;
}

function compareResources(a: ResourceRef, b: ResourceRef): number {
  return compareStrings(a.type, b.type) || compareStrings(a.name, b.name);
}

function compareWarnings(a: ResourceRef & { readonly stack: string }, b: ResourceRef & { readonly stack: string }): number {
  return compareStrings(a.stack, b.stack) || compareResources(a, b);
}

function protectionFlags(r: PlannedResource): ProtectionFlag[] {
  const flags: ProtectionFlag[] = [];
  if (r.protect) flags.push('protect');
  if (r.retainOnDelete) flags.push('retainOnDelete');
  return flags;
}

function diffStack(
  stack: string,
  before: PlannedStack | undefined,
  after: PlannedStack | undefined,
  rules: Rules,
  warnings: ProtectedWarning[],
  procedures: ProcedureWarning[],
): StackDiff {
  const b = indexBy(before?.resources, resourceKey);
  const a = indexBy(after?.resources, resourceKey);
  const added: ResourceRef[] = [];
  const removed: ResourceRef[] = [];
  const changed: ResourceChange[] = [];
  for (const key of unionKeys(b, a)) {
    const old = b.get(key);
    const cur = a.get(key);
    if (old === undefined && cur !== undefined) {
      added.push({ type: cur.type, name: cur.name });
      continue;
    }
    if (old === undefined) continue;
    const flags = protectionFlags(old);
    if (cur === undefined) {
      removed.push({ type: old.type, name: old.name });
      if (flags.length > 0) {
        warnings.push({ stack, type: old.type, name: old.name, action: 'delete', flags, replaceReasons: [] });
      }
      continue;
    }
    const change = diffResource(old, cur, rules.replace);
    if (change === undefined) continue;
    const procedure = rules.procedure[cur.type];
    const procedureKeys =
      procedure === undefined
        ? []
        : change.inputChanges.map(topKey).filter((k) => procedure.keys.includes(k) && !cur.replaceOnChanges.includes(k));
    if (procedure !== undefined && procedureKeys.length > 0) {
      const keys = new Set(procedureKeys);
      procedures.push({
        stack,
        type: cur.type,
        name: cur.name,
        procedure: procedure.procedure,
        changes: change.inputChanges.filter((c) => keys.has(topKey(c))),
      });
    }
    changed.push({ ...change, procedureKeys: [...new Set(procedureKeys)].sort() });
    if (change.action === 'replace' && flags.length > 0) {
      warnings.push({ stack, type: old.type, name: old.name, action: 'replace', flags, replaceReasons: change.replaceReasons });
    }
  }
  return {
    stack,
    status: presence(before, after),
    added: added.sort(compareResources),
    removed: removed.sort(compareResources),
    changed: changed.sort(compareResources),
    outputChanges: deepDiff(before?.outputs ?? {}, after?.outputs ?? {}),
  };
}

/** The type half of a `type::name` parent reference. */
function parentType(parent: string | null): string | null {
  return parent === null ? null : parent.split('::')[0];
}

function topKey(change: ValueChange): string {
  return String(change.path[0]);
}

function diffResource(old: PlannedResource, cur: PlannedResource, rules: ReplaceRules): ResourceChange | undefined {
  const inputChanges = deepDiff(old.inputs, cur.inputs);
  const options = (r: PlannedResource) => ({
    parent: r.parent,
    protect: r.protect,
    retainOnDelete: r.retainOnDelete,
    ignoreChanges: r.ignoreChanges,
    replaceOnChanges: r.replaceOnChanges,
    deleteBeforeReplace: r.deleteBeforeReplace,
  });
  const optionChanges = deepDiff(options(old), options(cur));
  if (inputChanges.length + optionChanges.length === 0) {
    return undefined;
  }
  // Pulumi substitutes the state value for an ignored input before it diffs, so an ignored change
  // neither updates nor replaces; `replaceOnChanges` replaces whatever the provider would do.
  const ignored = new Set(cur.ignoreChanges);
  const ignoredKeys = [...new Set(inputChanges.map(topKey).filter((k) => ignored.has(k)))].sort();
  const topKeys = inputChanges.map(topKey).filter((k) => !ignored.has(k));
  const replaceReasons = [
    ...new Set([...replaceTriggers(rules, old.type, topKeys), ...topKeys.filter((k) => cur.replaceOnChanges.includes(k))]),
  ].sort();
  // The URN embeds the parent's type, not its name: re-parenting under another component type
  // (without an alias, which the plan cannot show) makes Pulumi delete and create the resource.
  if (parentType(old.parent) !== parentType(cur.parent)) {
    replaceReasons.push('parent');
  }
  const action = replaceReasons.length > 0 ? 'replace' : topKeys.length + optionChanges.length > 0 ? 'update' : 'ignored';
  return { type: old.type, name: old.name, action, replaceReasons, ignoredKeys, procedureKeys: [], inputChanges, optionChanges };
}

function objectKey(o: ObjectRef): string {
  return [o.group, o.kind, o.namespace, o.name].join('\u0000');
}

function toRef(o: ObjectRef): ObjectRef {
  return { group: o.group, kind: o.kind, namespace: o.namespace, name: o.name };
}

export function compareObjects(a: ObjectRef, b: ObjectRef): number {
  return (
    compareStrings(a.kind, b.kind) ||
    compareStrings(a.namespace, b.namespace) ||
    compareStrings(a.name, b.name) ||
    compareStrings(a.group, b.group)
  );
}

function diffManifests(
  cluster: string,
  before: readonly ManifestObject[] | undefined,
  after: readonly ManifestObject[] | undefined,
): ClusterManifestDiff {
  const b = indexBy(before, objectKey);
  const a = indexBy(after, objectKey);
  const added: ObjectRef[] = [];
  const removed: ObjectRef[] = [];
  const changed: ObjectChange[] = [];
  for (const key of unionKeys(b, a)) {
    const old = b.get(key);
    const cur = a.get(key);
    if (old === undefined && cur !== undefined) {
      added.push(toRef(cur));
    } else if (old !== undefined && cur === undefined) {
      removed.push(toRef(old));
    } else if (old !== undefined && cur !== undefined) {
      const changes = deepDiff(old.body, cur.body);
      if (changes.length > 0) {
        changed.push({ ...toRef(old), changes: isSecret(old) ? changes.map(maskSecretChange) : changes });
      }
    }
  }
  return {
    cluster,
    status: presence(before, after),
    added: added.sort(compareObjects),
    removed: removed.sort(compareObjects),
    changed: changed.sort(compareObjects),
  };
}

function isSecret(o: ObjectRef): boolean {
  return o.group === '' && o.kind === 'Secret';
}

const SECRET_FIELDS = new Set(['data', 'stringData']);

/** A Secret's values may be base64 but are not encrypted: say that they changed, never what to. */
function maskSecretChange(change: ValueChange): ValueChange {
  if (change.path.length === 0 || !SECRET_FIELDS.has(String(change.path[0]))) {
    return change;
  }
  const mask = (v: unknown): unknown =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v).map((k) => [k, SECRET_PLACEHOLDER]))
      : SECRET_PLACEHOLDER;
  return {
    path: change.path,
    kind: change.kind,
    ...(change.before !== undefined ? { before: mask(change.before) } : {}),
    ...(change.after !== undefined ? { after: mask(change.after) } : {}),
  };
}

function documentKey(d: KubeKeyDocument): string {
  return `${d.kind}\u0000${d.name}`;
}

function diffKubeKey(
  cluster: string,
  before: readonly KubeKeyDocument[] | undefined,
  after: readonly KubeKeyDocument[] | undefined,
): ClusterKubeKeyDiff {
  const b = indexBy(before, documentKey);
  const a = indexBy(after, documentKey);
  const documents: KubeKeyDocumentDiff[] = [];
  // Keep the file's order (Cluster, then ClusterConfiguration) rather than sorting by kind:
  // it is fixed by KubeKey, so it is just as deterministic and reads the way the file does.
  const keys = [...new Set([...(before ?? []).map(documentKey), ...(after ?? []).map(documentKey)])];
  for (const key of keys) {
    const old = b.get(key);
    const cur = a.get(key);
    const doc = old ?? cur;
    if (doc === undefined) continue;
    const changes: ValueChange[] =
      old === undefined
        ? [{ path: [], kind: 'added', after: doc.body }]
        : cur === undefined
          ? [{ path: [], kind: 'removed', before: doc.body }]
          : deepDiff(old.body, cur.body);
    if (changes.length > 0) {
      documents.push({ kind: doc.kind, name: doc.name, status: presence(old, cur), changes });
    }
  }
  return { cluster, status: presence(before, after), documents };
}
