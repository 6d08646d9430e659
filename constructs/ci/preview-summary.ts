/**
 * The summary of one stack's `pulumi preview --json` that a pull-request comment shows: the count per
 * operation, every resource that would change with the property keys that change it, the protected
 * resources the change would replace or delete, and the errors. Pure: a digest in, a summary out.
 *
 * The summary carries names, operations and property keys only, never values: it travels from the
 * preview job (which holds the stack's credentials) to the job that posts the comment as an artifact,
 * and the values of a real stack's inputs are not for a comment.
 *
 * The digest's shape is Pulumi's `PreviewDigest` (`sdk/go/common/display/json.go`): `steps` with `op`,
 * `urn`, `oldState`/`newState` (`protect`, `retainOnDelete`), `replaceReasons`, `diffReasons`,
 * `detailedDiff`; `diagnostics`; `changeSummary`. A preview that would replace a protected resource
 * still prints the digest, with an error diagnostic for it, and exits non-zero.
 */
import { Validator } from '../core';

/** The operations a reviewer reads; `same` and the halves of a replacement are left out. */
export const SHOWN_OPS = ['create', 'update', 'replace', 'delete', 'import', 'read', 'discard'] as const;

/** An operation of {@link SHOWN_OPS}. */
export type ShownOp = (typeof SHOWN_OPS)[number];

/** The operations that end a resource's life in the cloud: the ones that matter for protected resources. */
const DESTRUCTIVE_OPS: ReadonlySet<string> = new Set(['replace', 'delete', 'delete-replaced', 'discard', 'discard-replaced']);

/** How Pulumi words the error for a protected resource it refuses to replace or delete. */
const PROTECTED_ERROR = /as it is currently marked for protection/;

/** A protection a resource carries in the stack's state. */
export type PreviewProtectionFlag = 'protect' | 'retainOnDelete';

/** One resource that would change. */
export interface PreviewChange {
  /** What Pulumi would do. */
  readonly op: ShownOp;
  /** Pulumi type token. */
  readonly type: string;
  /** The resource's name (the last part of its URN). */
  readonly name: string;
  /** The property keys that force the replacement (`replace`) or differ (`update`). */
  readonly keys: readonly string[];
}

/** A protected (or retained) resource that the preview would replace or delete. */
export interface ProtectedPreviewChange {
  /** `replace` or `delete`. */
  readonly op: 'replace' | 'delete';
  /** Pulumi type token. */
  readonly type: string;
  /** The resource's name. */
  readonly name: string;
  /** Which protections it carries in the stack's state. */
  readonly flags: readonly PreviewProtectionFlag[];
  /** The property keys that force the replacement, when Pulumi names them. */
  readonly keys: readonly string[];
}

/** One stack's preview, as the comment shows it. JSON-serializable. */
export interface StackPreviewSummary {
  /** The stack's name. */
  readonly stack: string;
  /** Resources per operation, `same` included, as Pulumi counts them. */
  readonly counts: Readonly<Record<string, number>>;
  /** The changes, ordered: replacements, deletions, updates, creations, then the rest. */
  readonly changes: readonly PreviewChange[];
  /** Protected or retained resources replaced or deleted: the comment lists these first. */
  readonly protectedChanges: readonly ProtectedPreviewChange[];
  /** The preview's error diagnostics. */
  readonly errors: readonly string[];
  /** The preview failed: it exited non-zero or reported an error. */
  readonly failed: boolean;
}

/** The part of a resource's state in a digest step the summary reads. */
export interface DigestState {
  /** `pulumi up` refuses to delete or replace it. */
  readonly protect?: boolean;
  /** Deleting it leaves the cloud resource in place. */
  readonly retainOnDelete?: boolean;
}

/** One step of a digest. */
export interface DigestStep {
  /** The operation: `same`, `create`, `update`, `replace`, `create-replacement`, `delete-replaced`, … */
  readonly op: string;
  /** The resource's URN. */
  readonly urn: string;
  /** The resource's state before the step. */
  readonly oldState?: DigestState;
  /** The property keys that force a replacement. */
  readonly replaceReasons?: readonly string[];
  /** The property keys that differ. */
  readonly diffReasons?: readonly string[];
  /** Per property path, how it differs. */
  readonly detailedDiff?: Readonly<Record<string, unknown>> | null;
}

/** One warning or error of a digest. */
export interface DigestDiagnostic {
  /** The resource it is about, if any. */
  readonly urn?: string;
  /** The text. */
  readonly message?: string;
  /** `error`, `warning`, `info`, … */
  readonly severity?: string;
}

/** The part of Pulumi's `PreviewDigest` the summary reads. */
export interface PreviewDigest {
  /** Every step the engine would take. */
  readonly steps?: readonly DigestStep[];
  /** Warnings and errors of the preview. */
  readonly diagnostics?: readonly DigestDiagnostic[];
  /** Resources per operation. */
  readonly changeSummary?: Readonly<Record<string, number>>;
}

const ORDER: Readonly<Record<ShownOp, number>> = { replace: 0, delete: 1, discard: 2, update: 3, create: 4, import: 5, read: 6 };

/** The parts of a URN a reader needs. */
export interface UrnParts {
  /** The resource's own type token (the last of the `$`-joined parent types). */
  readonly type: string;
  /** The resource's name; the whole input when it is not a URN. */
  readonly name: string;
}

/** `urn:pulumi:<stack>::<project>::<parent$…$type>::<name>` → the type and the name. */
export function parseUrn(urn: string): UrnParts {
  const parts = urn.split('::');
  if (parts.length < 4 || !parts[0].startsWith('urn:pulumi:')) {
    return { type: '', name: urn };
  }
  const types = parts[2].split('$');
  return { type: types[types.length - 1], name: parts.slice(3).join('::') };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * Checks that `json` (parsed `pulumi preview --json` output) has the digest's shape, naming every
 * field that does not, and returns it typed.
 * @throws ValidationError naming each bad field
 */
export function parsePreviewDigest(json: unknown, source = 'preview'): PreviewDigest {
  const v = new Validator();
  if (!isObject(json)) {
    v.add(source, json, 'must be the JSON object `pulumi preview --json` prints');
    v.throwIfAny('Invalid preview digest');
  }
  const digest = json as Record<string, unknown>;
  const steps = digest.steps ?? [];
  if (!Array.isArray(steps)) v.add(`${source}.steps`, steps, 'must be a list');
  else
    steps.forEach((s: unknown, i) => {
      const at = `${source}.steps[${i}]`;
      if (!isObject(s) || typeof s.op !== 'string' || typeof s.urn !== 'string') v.add(at, s, 'must have the strings `op` and `urn`');
      else {
        for (const k of ['replaceReasons', 'diffReasons'] as const)
          if (s[k] !== undefined && !isStringArray(s[k])) v.add(`${at}.${k}`, s[k], 'must be a list of property keys');
        if (s.oldState !== undefined && s.oldState !== null && !isObject(s.oldState))
          v.add(`${at}.oldState`, s.oldState, 'must be an object');
      }
    });
  const diagnostics = digest.diagnostics ?? [];
  if (!Array.isArray(diagnostics) || !diagnostics.every(isObject)) v.add(`${source}.diagnostics`, diagnostics, 'must be a list of objects');
  const summary = digest.changeSummary ?? {};
  if (!isObject(summary) || !Object.values(summary).every((n) => Number.isInteger(n)))
    v.add(`${source}.changeSummary`, summary, 'must map operations to counts');
  v.throwIfAny('Invalid preview digest');
  return digest as PreviewDigest;
}

function isShown(op: string): op is ShownOp {
  return (SHOWN_OPS as readonly string[]).includes(op);
}

function flagsOf(state: DigestState | undefined): PreviewProtectionFlag[] {
  return [
    ...(state?.protect === true ? (['protect'] as const) : []),
    ...(state?.retainOnDelete === true ? (['retainOnDelete'] as const) : []),
  ];
}

/** The keys that explain a step: what forces a replacement, else what differs. */
function keysOf(step: DigestStep): string[] {
  if (step.op === 'replace' && (step.replaceReasons ?? []).length > 0) return [...(step.replaceReasons ?? [])];
  if ((step.diffReasons ?? []).length > 0) return [...(step.diffReasons ?? [])];
  return Object.keys(step.detailedDiff ?? {});
}

/**
 * One stack's summary from its digest.
 * @param exitedNonZero - `pulumi preview` exited non-zero (a failed login, a crashed program, a refused protected replacement)
 */
export function summarizePreview(stack: string, digest: PreviewDigest, exitedNonZero = false): StackPreviewSummary {
  const steps = digest.steps ?? [];
  const seen = new Set<string>();
  const changes: PreviewChange[] = [];
  for (const step of steps) {
    const key = `${step.op} ${step.urn}`;
    if (!isShown(step.op) || seen.has(key)) continue;
    seen.add(key);
    changes.push({ op: step.op, ...parseUrn(step.urn), keys: keysOf(step) });
  }
  changes.sort((a, b) => ORDER[a.op] - ORDER[b.op] || a.type.localeCompare(b.type) || a.name.localeCompare(b.name));

  const protectedByUrn = new Map<string, ProtectedPreviewChange>();
  for (const step of steps) {
    const flags = flagsOf(step.oldState);
    if (!DESTRUCTIVE_OPS.has(step.op) || flags.length === 0 || protectedByUrn.has(step.urn)) continue;
    const op = step.op === 'delete' || step.op === 'discard' ? 'delete' : 'replace';
    protectedByUrn.set(step.urn, { op, ...parseUrn(step.urn), flags, keys: [...(step.replaceReasons ?? [])] });
  }
  const errors = (digest.diagnostics ?? [])
    .filter((d) => d.severity === 'error' && typeof d.message === 'string')
    .map((d) => (d.message ?? '').trim());
  // Pulumi refuses a protected replacement with an error and may leave the step out: the error names the URN.
  for (const d of digest.diagnostics ?? []) {
    if (d.severity !== 'error' || !PROTECTED_ERROR.test(d.message ?? '')) continue;
    const urn = d.urn ?? /"(urn:pulumi:[^"]+)"/.exec(d.message ?? '')?.[1];
    if (urn === undefined || protectedByUrn.has(urn)) continue;
    protectedByUrn.set(urn, {
      op: /unable to delete/.test(d.message ?? '') ? 'delete' : 'replace',
      ...parseUrn(urn),
      flags: ['protect'],
      keys: [],
    });
  }
  const protectedChanges = [...protectedByUrn.values()].sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
  return {
    stack,
    counts: { ...(digest.changeSummary ?? {}) },
    changes,
    protectedChanges,
    errors,
    failed: exitedNonZero || errors.length > 0,
  };
}

/**
 * Checks that `json` is a {@link StackPreviewSummary} (as read back from an artifact), naming every
 * field that is not.
 * @throws ValidationError naming each bad field
 */
export function parseStackPreviewSummary(json: unknown, source = 'summary'): StackPreviewSummary {
  const v = new Validator();
  const s = isObject(json) ? json : {};
  if (!isObject(json)) v.add(source, json, 'must be an object');
  if (typeof s.stack !== 'string' || !/^[A-Za-z0-9_.-]+$/.test(s.stack)) v.add(`${source}.stack`, s.stack, 'must be a stack name');
  if (!isObject(s.counts) || !Object.values(s.counts).every((n) => Number.isInteger(n)))
    v.add(`${source}.counts`, s.counts, 'must map operations to counts');
  const entry = (e: unknown): boolean => isObject(e) && typeof e.type === 'string' && typeof e.name === 'string' && isStringArray(e.keys);
  if (!Array.isArray(s.changes) || !s.changes.every((c) => entry(c) && isShown(String((c as Record<string, unknown>).op)))) {
    v.add(`${source}.changes`, s.changes, 'must be a list of { op, type, name, keys }');
  }
  const protectedOk = (c: unknown): boolean =>
    entry(c) &&
    ['replace', 'delete'].includes(String((c as Record<string, unknown>).op)) &&
    isStringArray((c as Record<string, unknown>).flags);
  if (!Array.isArray(s.protectedChanges) || !s.protectedChanges.every(protectedOk)) {
    v.add(`${source}.protectedChanges`, s.protectedChanges, 'must be a list of { op, type, name, flags, keys }');
  }
  if (!isStringArray(s.errors)) v.add(`${source}.errors`, s.errors, 'must be a list of strings');
  if (typeof s.failed !== 'boolean') v.add(`${source}.failed`, s.failed, 'must be true or false');
  v.throwIfAny('Invalid preview summary');
  return s as unknown as StackPreviewSummary;
}
