/**
 * Structural diff of two JSON-like values, reported as dotted paths (`lifecycleRules[1].enabled`).
 *
 * Pure and dependency-free so every rule is table-tested on its own. Arrays are aligned with a
 * longest-common-subsequence on canonical JSON, so removing the first of three lifecycle rules
 * reports one removal instead of three "changed" elements shifting down.
 */

/** One step into a value: an object key or an array index. */
export type PathSegment = string | number;

/** Where a change happened, from the root of the compared value. */
export type ValuePath = readonly PathSegment[];

/** What happened at a path. `before` is absent for `added`, `after` for `removed`. */
export interface ValueChange {
  readonly path: ValuePath;
  readonly kind: 'added' | 'removed' | 'changed';
  readonly before?: unknown;
  readonly after?: unknown;
}

/**
 * Above this many element comparisons, arrays are compared index by index instead: the LCS
 * table is O(n·m) and a pathological manifest should not stall a CI job.
 */
const MAX_LCS_CELLS = 1_000_000;

/** Keys that read well unquoted after a dot; anything else (`app.kubernetes.io/name`) is bracketed. */
const BARE_KEY = /^[A-Za-z_$][\w$-]*$/;

/** Renders a path as `a.b[2]["app.kubernetes.io/name"]`; the root is the empty string. */
export function formatPath(path: ValuePath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else if (BARE_KEY.test(segment)) {
      out += out === '' ? segment : `.${segment}`;
    } else {
      out += `[${JSON.stringify(segment)}]`;
    }
  }
  return out;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON with object keys sorted, so key order never counts as a difference. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (isRecord(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort(compareStrings);
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** Code-unit order: unlike `localeCompare`, the same on every machine and CI runner. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every difference between `before` and `after`, in path order. Equal values give `[]`. */
export function deepDiff(before: unknown, after: unknown, path: ValuePath = []): ValueChange[] {
  const out: ValueChange[] = [];
  diffInto(before, after, path, out);
  return out;
}

function diffInto(before: unknown, after: unknown, path: ValuePath, out: ValueChange[]): void {
  if (Array.isArray(before) && Array.isArray(after)) {
    diffArrays(before, after, path, out);
  } else if (isRecord(before) && isRecord(after)) {
    diffRecords(before, after, path, out);
  } else if (canonicalJson(before) !== canonicalJson(after)) {
    out.push({ path, kind: 'changed', before, after });
  }
}

function diffRecords(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
  path: ValuePath,
  out: ValueChange[],
): void {
  // A key holding `undefined` is absent in JSON; treating it as present would report phantom changes.
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of [...keys].sort(compareStrings)) {
    const b = before[key];
    const a = after[key];
    const childPath = [...path, key];
    if (b === undefined && a !== undefined) {
      out.push({ path: childPath, kind: 'added', after: a });
    } else if (a === undefined && b !== undefined) {
      out.push({ path: childPath, kind: 'removed', before: b });
    } else if (a !== undefined && b !== undefined) {
      diffInto(b, a, childPath, out);
    }
  }
}

/**
 * Unmatched runs between LCS anchors are paired position by position (so an edited element
 * shows its inner change); the leftovers are additions (head index) or removals (base index).
 */
function diffArrays(before: readonly unknown[], after: readonly unknown[], path: ValuePath, out: ValueChange[]): void {
  const b = before.map(canonicalJson);
  const a = after.map(canonicalJson);
  const anchors = b.length * a.length > MAX_LCS_CELLS ? [] : lcsPairs(b, a);
  let bi = 0;
  let ai = 0;
  for (const [bAnchor, aAnchor] of [...anchors, [b.length, a.length] as const]) {
    const paired = Math.min(bAnchor - bi, aAnchor - ai);
    for (let k = 0; k < paired; k++) {
      diffInto(before[bi + k], after[ai + k], [...path, bi + k], out);
    }
    for (let k = bi + paired; k < bAnchor; k++) {
      out.push({ path: [...path, k], kind: 'removed', before: before[k] });
    }
    for (let k = ai + paired; k < aAnchor; k++) {
      out.push({ path: [...path, k], kind: 'added', after: after[k] });
    }
    bi = bAnchor + 1;
    ai = aAnchor + 1;
  }
}

/** Index pairs of one longest common subsequence, in increasing order. */
function lcsPairs(b: readonly string[], a: readonly string[]): Array<readonly [number, number]> {
  const width = a.length + 1;
  const table = new Uint32Array((b.length + 1) * width);
  for (let i = b.length - 1; i >= 0; i--) {
    for (let j = a.length - 1; j >= 0; j--) {
      table[i * width + j] =
        b[i] === a[j] ? table[(i + 1) * width + j + 1] + 1 : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
    }
  }
  const pairs: Array<readonly [number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < b.length && j < a.length) {
    if (b[i] === a[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (table[(i + 1) * width + j] >= table[i * width + j + 1]) {
      i++;
    } else {
      j++;
    }
  }
  return pairs;
}
