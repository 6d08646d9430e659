/**
 * Renders an {@link OfflineDiff} as Markdown for a pull-request comment. Pure: same diff, same text.
 *
 * Layout: title, then the changes that need a procedure (a node re-addressed by a config edit) and
 * the protected-resource warnings (the things a reviewer must not scroll past), then cloud resources per stack, Kubernetes objects per cluster, KubeKey documents per
 * cluster. Sections without changes are left out; no changes at all gives a single line.
 */
import {
  ClusterKubeKeyDiff,
  ClusterManifestDiff,
  hasChanges,
  ObjectRef,
  OfflineDiff,
  ProcedureWarning,
  ProtectedWarning,
  ProtectionFlag,
  ResourceChange,
  ResourceRef,
  StackDiff,
} from './compute';
import { formatPath, ValueChange } from './deep-diff';
import { code, DEFAULT_MAX_VALUE_LENGTH, escapeText, formatValue } from './markdown';

/** How the Markdown of a diff is rendered. */
export interface RenderOptions {
  /** Heading of the comment; also lets a bot find and update its earlier comment. @default 'Offline plan diff' */
  readonly title?: string;
  /** @default DEFAULT_MAX_VALUE_LENGTH (80) */
  readonly maxValueLength?: number;
  /** Changed input paths listed per cloud resource before "and N more". @default 10 */
  readonly maxChangesPerResource?: number;
  /** Changed fields listed per Kubernetes object; manifests are verbose, so fewer. @default 5 */
  readonly maxChangesPerObject?: number;
  /** Changed fields listed per KubeKey document. @default 20 */
  readonly maxChangesPerDocument?: number;
}

export const DEFAULT_TITLE = 'Offline plan diff';
export const NO_CHANGES_LINE = 'No changes.';
const DEFAULT_MAX_CHANGES_PER_RESOURCE = 10;
const DEFAULT_MAX_CHANGES_PER_OBJECT = 5;
const DEFAULT_MAX_CHANGES_PER_DOCUMENT = 20;

interface Limits {
  readonly value: number;
  readonly resource: number;
  readonly object: number;
  readonly document: number;
}

/** What each protection flag means for `pulumi up`, shown under the warnings that carry it. */
export const FLAG_CONSEQUENCES: Readonly<Record<ProtectionFlag, string>> = {
  protect: '`protect`: `pulumi up` fails on this resource until protection is lifted on purpose.',
  retainOnDelete: '`retainOnDelete`: the old cloud resource is left running, unmanaged and still billed.',
};

export function renderMarkdown(diff: OfflineDiff, options: RenderOptions = {}): string {
  const limits: Limits = {
    value: options.maxValueLength ?? DEFAULT_MAX_VALUE_LENGTH,
    resource: options.maxChangesPerResource ?? DEFAULT_MAX_CHANGES_PER_RESOURCE,
    object: options.maxChangesPerObject ?? DEFAULT_MAX_CHANGES_PER_OBJECT,
    document: options.maxChangesPerDocument ?? DEFAULT_MAX_CHANGES_PER_DOCUMENT,
  };
  const lines = [`## ${escapeText(options.title ?? DEFAULT_TITLE)}`, ''];
  if (!hasChanges(diff)) {
    return [...lines, NO_CHANGES_LINE, ''].join('\n');
  }
  if (diff.procedures.length > 0) {
    lines.push(...renderProcedures(diff.procedures, limits));
  }
  if (diff.warnings.length > 0) {
    lines.push(...renderWarnings(diff.warnings));
  }
  if (diff.stacks.length > 0) {
    lines.push('### Cloud resources', '');
    for (const stack of diff.stacks) lines.push(...renderStack(stack, limits));
  }
  if (diff.manifests.length > 0) {
    lines.push('### Kubernetes objects', '');
    for (const cluster of diff.manifests) lines.push(...renderManifests(cluster, limits));
  }
  if (diff.kubekey.length > 0) {
    lines.push('### KubeKey documents', '');
    for (const cluster of diff.kubekey) lines.push(...renderKubeKey(cluster, limits));
  }
  return lines.join('\n');
}

function resource(r: ResourceRef): string {
  return `${code(r.type)} ${code(r.name)}`;
}

function renderWarnings(warnings: readonly ProtectedWarning[]): string[] {
  const noun = warnings.length === 1 ? 'resource' : 'resources';
  const lines = [`### ⚠️ ${warnings.length} protected ${noun} deleted or replaced`, ''];
  for (const w of warnings) {
    const forced = w.replaceReasons.length > 0 ? `, forced by ${w.replaceReasons.map(code).join(', ')}` : '';
    lines.push(`- **${w.action}** ${resource(w)} in stack ${code(w.stack)} (${w.flags.join(', ')}${forced})`);
  }
  lines.push('');
  const flags = new Set(warnings.flatMap((w) => w.flags));
  for (const flag of ['protect', 'retainOnDelete'] as const) {
    if (flags.has(flag)) lines.push(`> ${FLAG_CONSEQUENCES[flag]}`);
  }
  lines.push('');
  return lines;
}

/** Grouped by procedure; each resource with the changes that need it. */
function renderProcedures(procedures: readonly ProcedureWarning[], limits: Limits): string[] {
  const lines: string[] = [];
  for (const procedure of [...new Set(procedures.map((p) => p.procedure))]) {
    const items = procedures.filter((p) => p.procedure === procedure);
    lines.push(`### ⛔ ${items.length} ${items.length === 1 ? 'change' : 'changes'}: ${escapeText(procedure)}`, '');
    for (const p of items) {
      lines.push(`- ${resource(p)} in stack ${code(p.stack)}`);
      lines.push(...renderChanges(p.changes, limits.resource, limits.value));
    }
    lines.push('', '> `pulumi up` does not apply these: `pulumi preview` and `pulumi up` refuse them until the procedure is followed.', '');
  }
  return lines;
}

/** `+added ~changed -removed`, the line a reviewer scans first. */
function counts(added: number, changed: number, removed: number): string {
  return `+${added} ~${changed} -${removed}`;
}

function presenceNote(status: 'added' | 'removed' | 'changed', what: string): string {
  return status === 'changed' ? '' : ` (${what} ${status})`;
}

function renderStack(stack: StackDiff, limits: Limits): string[] {
  const lines = [
    `#### Stack ${escapeText(stack.stack)}`,
    '',
    `${counts(stack.added.length, stack.changed.length, stack.removed.length)}${presenceNote(stack.status, 'stack')}`,
    '',
  ];
  for (const r of stack.added) lines.push(`- **create** ${resource(r)}`);
  for (const r of stack.changed) lines.push(...renderResourceChange(r, limits));
  for (const r of stack.removed) lines.push(`- **delete** ${resource(r)}`);
  if (stack.outputChanges.length > 0) {
    lines.push('- **outputs** changed:');
    lines.push(...renderChanges(stack.outputChanges, limits.resource, limits.value));
  }
  lines.push('');
  return lines;
}

function renderResourceChange(r: ResourceChange, limits: Limits): string[] {
  const forcing = new Set(r.replaceReasons);
  const procedure = new Set(r.procedureKeys);
  const ignored = new Set(r.ignoredKeys);
  const entries = [
    ...r.inputChanges.map((change) => {
      const key = String(change.path[0]);
      const note = procedure.has(key) ? 'needs a procedure, see above' : ignored.has(key) ? 'ignored by `pulumi up`' : '';
      return { change, option: false, forces: forcing.has(key), note };
    }),
    // `parent` is the only option that can force a replacement (see `diffResource`).
    ...r.optionChanges.map((change) => ({ change, option: true, forces: change.path[0] === 'parent' && forcing.has('parent'), note: '' })),
  ];
  // Replace-triggering paths go first so "and N more" can never hide the reason for a replacement.
  const ordered = [...entries.filter((e) => e.forces), ...entries.filter((e) => !e.forces)];
  const shown = ordered.slice(0, limits.resource);
  const lines = [`- **${r.action === 'ignored' ? 'no change (ignored)' : r.action}** ${resource(r)}`];
  for (const e of shown) {
    const tags = [e.option ? 'option' : '', e.forces ? 'forces replacement' : '', e.note].filter((t) => t !== '');
    const suffix = tags.length > 0 ? ` (${tags.join(', ')})` : '';
    lines.push(`  - ${describeChange(e.change, limits.value)}${suffix}`);
  }
  lines.push(...more(ordered.length - shown.length));
  return lines;
}

function more(hidden: number): string[] {
  return hidden > 0 ? [`  - … and ${hidden} more`] : [];
}

function renderChanges(changes: readonly ValueChange[], max: number, valueLength: number): string[] {
  const shown = changes.slice(0, max);
  return [...shown.map((c) => `  - ${describeChange(c, valueLength)}`), ...more(changes.length - shown.length)];
}

/** `` `path`: `old` → `new` ``, `` `path`: added `new` `` or `` `path`: removed (was `old`) ``. */
export function describeChange(change: ValueChange, valueLength: number = DEFAULT_MAX_VALUE_LENGTH): string {
  const path = change.path.length === 0 ? '(whole value)' : code(formatPath(change.path));
  const value = (v: unknown) => code(formatValue(v, valueLength));
  switch (change.kind) {
    case 'added':
      return `${path}: added ${value(change.after)}`;
    case 'removed':
      return `${path}: removed (was ${value(change.before)})`;
    case 'changed':
      return `${path}: ${value(change.before)} → ${value(change.after)}`;
  }
}

/** `Kind namespace/name`, or `Kind name` when the manifest sets no namespace. */
export function objectLabel(o: ObjectRef): string {
  return `${o.kind} ${o.namespace === '' ? o.name : `${o.namespace}/${o.name}`}`;
}

function renderManifests(cluster: ClusterManifestDiff, limits: Limits): string[] {
  const lines = [
    `#### Cluster ${escapeText(cluster.cluster)}`,
    '',
    `${counts(cluster.added.length, cluster.changed.length, cluster.removed.length)}${presenceNote(cluster.status, 'cluster')}`,
    '',
  ];
  for (const o of cluster.added) lines.push(`- **add** ${code(objectLabel(o))}`);
  for (const o of cluster.changed) {
    lines.push(`- **change** ${code(objectLabel(o))}`);
    lines.push(...renderChanges(o.changes, limits.object, limits.value));
  }
  for (const o of cluster.removed) lines.push(`- **remove** ${code(objectLabel(o))}`);
  lines.push('');
  return lines;
}

/**
 * A host's `internalAddress` in KubeKey's `Cluster`: the node's instance keeps its address (the pool
 * ignores the change) unless the node is being replaced, so the line says which it takes.
 */
export const KUBEKEY_ADDRESS_NOTE = 'a node address: it changes only through the node replacement procedure';

function isHostAddress(kind: string, change: ValueChange): boolean {
  const [spec, hosts, , field] = change.path;
  return (
    kind === 'Cluster' &&
    change.kind === 'changed' &&
    change.path.length === 4 &&
    spec === 'spec' &&
    hosts === 'hosts' &&
    field === 'internalAddress'
  );
}

function renderKubeKey(cluster: ClusterKubeKeyDiff, limits: Limits): string[] {
  const lines = [`#### Cluster ${escapeText(cluster.cluster)}${presenceNote(cluster.status, 'file')}`, ''];
  for (const d of cluster.documents) {
    const label = `${code(d.kind)} ${code(d.name)}`;
    if (d.status === 'changed') {
      lines.push(`- ${label} changed:`);
      // Address changes first, so "and N more" never hides one.
      const ordered = [...d.changes.filter((c) => isHostAddress(d.kind, c)), ...d.changes.filter((c) => !isHostAddress(d.kind, c))];
      const shown = ordered.slice(0, limits.document);
      lines.push(
        ...shown.map((c) => `  - ${describeChange(c, limits.value)}${isHostAddress(d.kind, c) ? ` (${KUBEKEY_ADDRESS_NOTE})` : ''}`),
      );
      lines.push(...more(ordered.length - shown.length));
    } else {
      lines.push(`- ${label} ${d.status}`);
    }
  }
  lines.push('');
  return lines;
}
