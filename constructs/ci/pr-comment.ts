/**
 * The one pull-request comment that shows what a change does to the estate, updated in place on every
 * push: protected resources that `pulumi preview` would replace or delete first, then the offline diff,
 * then each stack's preview. Pure: the previous body and the new parts in, the new body out.
 *
 * Its parts arrive separately (the offline diff from one job, each stack's preview from another, prod's
 * only after an approval), so the comment keeps what it needs to render itself again: the offline diff
 * between two markers, and the preview summaries (names, operations and keys, never values) as base64
 * JSON in an HTML comment. A part replaces the same part of the previous body; the others stay, each
 * labelled with the commit it was made from.
 */
import { FLAG_CONSEQUENCES, code, escapeText } from '../offline/diff';
import { parseStackPreviewSummary, type PreviewProtectionFlag, type StackPreviewSummary } from './preview-summary';

/** The first line of the comment: how the job that posts it finds it again. */
export const COMMENT_MARKER = '<!-- aliyun-kubesphere:pr-comment -->';

/** GitHub refuses a comment longer than 65,536 characters; GitLab allows more. Some room is left. */
export const DEFAULT_MAX_COMMENT_LENGTH = 65_000;

/** Changes listed per stack before "and N more". */
export const DEFAULT_MAX_CHANGES_PER_STACK = 30;

const OFFLINE_START = '<!-- aliyun-kubesphere:offline-diff -->';
const OFFLINE_END = '<!-- aliyun-kubesphere:offline-diff-end -->';
const STATE_START = '<!-- aliyun-kubesphere:state ';
const STATE_END = ' -->';
const SHORT_SHA = 7;

/** A stack whose preview did not run, and why. */
export interface NotRunPreview {
  /** The stack's name. */
  readonly stack: string;
  /** Why there is no preview, shown as is (for example `pull request from a fork: offline diff only`). */
  readonly reason: string;
}

/** What one job contributes to the comment. */
export interface CommentParts {
  /** The commit the parts were made from. */
  readonly commit: string;
  /** `npm run diff`'s Markdown. */
  readonly offlineDiff?: string;
  /** One summary per previewed stack. */
  readonly previews?: readonly StackPreviewSummary[];
  /** Stacks expected but not previewed. */
  readonly notRun?: readonly NotRunPreview[];
}

/** Limits of {@link updateCommentBody}. */
export interface CommentOptions {
  /** @default DEFAULT_MAX_COMMENT_LENGTH (65,000) */
  readonly maxLength?: number;
  /** @default DEFAULT_MAX_CHANGES_PER_STACK (30) */
  readonly maxChangesPerStack?: number;
}

/** A stack's preview summary in the comment. */
export interface SummarizedPreview {
  /** The commit it was made from. */
  readonly commit: string;
  /** The summary. */
  readonly summary: StackPreviewSummary;
}

/** A stack without a preview in the comment. */
export interface MissingPreview {
  /** The commit whose pipeline did not preview it. */
  readonly commit: string;
  /** Why. */
  readonly notRun: string;
}

/** One stack's part of the comment: its summary, or why it has none. */
export type PreviewEntry = SummarizedPreview | MissingPreview;

/** What the comment keeps to render itself again. */
export interface CommentState {
  /** The commit of the offline diff the comment shows, if any. */
  readonly offlineCommit?: string;
  /** Per stack name. */
  readonly previews: Readonly<Record<string, PreviewEntry>>;
}

/** The text between the last `start` and the `end` after it. */
function between(body: string, start: string, end: string): string | undefined {
  const from = body.lastIndexOf(start);
  const to = from < 0 ? -1 : body.indexOf(end, from + start.length);
  return to < 0 ? undefined : body.slice(from + start.length, to);
}

/** What a previous body holds. */
export interface ReadComment {
  /** Its state; empty for a body that is not this comment or does not parse. */
  readonly state: CommentState;
  /** The offline diff it shows, if any. */
  readonly offlineDiff?: string;
}

/** The state a previous body carries; an unreadable one counts as none (the comment is rebuilt). */
export function readCommentState(body: string | undefined): ReadComment {
  const empty = { state: { previews: {} } };
  if (body === undefined || !body.startsWith(COMMENT_MARKER)) return empty;
  const encoded = between(body, STATE_START, STATE_END);
  let state: CommentState = { previews: {} };
  try {
    const raw = JSON.parse(Buffer.from(encoded ?? '', 'base64').toString('utf8')) as {
      offlineCommit?: unknown;
      previews?: Record<string, unknown>;
    };
    const previews: Record<string, PreviewEntry> = {};
    for (const [stack, entry] of Object.entries(raw.previews ?? {})) {
      const e = entry as { commit?: unknown; summary?: unknown; notRun?: unknown };
      if (typeof e.commit !== 'string') continue;
      if (typeof e.notRun === 'string') previews[stack] = { commit: e.commit, notRun: e.notRun };
      else previews[stack] = { commit: e.commit, summary: parseStackPreviewSummary(e.summary, `previews.${stack}`) };
    }
    state = { offlineCommit: typeof raw.offlineCommit === 'string' ? raw.offlineCommit : undefined, previews };
  } catch {
    return empty;
  }
  const offline = between(body, OFFLINE_START, OFFLINE_END);
  return {
    state,
    offlineDiff:
      state.offlineCommit === undefined || offline === undefined
        ? undefined
        : offline.replace(/^\n/, '').replace(/\n_from commit [^\n]*_\n$/, ''),
  };
}

function counts(c: Readonly<Record<string, number>>): string {
  const n = (op: string) => c[op] ?? 0;
  return `+${n('create')} ~${n('update')} ±${n('replace')} -${n('delete')}`;
}

function commitNote(commit: string): string {
  return `_from commit ${code(commit.slice(0, SHORT_SHA))}_`;
}

function renderProtected(entries: ReadonlyArray<{ stack: string; summary: StackPreviewSummary }>): string[] {
  const all = entries.flatMap(({ stack, summary }) => summary.protectedChanges.map((c) => ({ stack, ...c })));
  if (all.length === 0) return [];
  const noun = all.length === 1 ? 'resource' : 'resources';
  const lines = [`### ⚠️ ${all.length} protected ${noun} replaced or deleted by \`pulumi preview\``, ''];
  for (const c of all) {
    const forced = c.keys.length > 0 ? `, forced by ${c.keys.map(code).join(', ')}` : '';
    lines.push(`- **${c.op}** ${code(c.type)} ${code(c.name)} in stack ${code(c.stack)} (${c.flags.join(', ')}${forced})`);
  }
  lines.push('');
  const flags = new Set<PreviewProtectionFlag>(all.flatMap((c) => c.flags));
  for (const flag of ['protect', 'retainOnDelete'] as const) if (flags.has(flag)) lines.push(`> ${FLAG_CONSEQUENCES[flag]}`);
  lines.push('');
  return lines;
}

function renderStack(stack: string, entry: PreviewEntry, maxChanges: number): string[] {
  if ('notRun' in entry) return [`#### Stack ${code(stack)}: not run`, '', escapeText(entry.notRun), ''];
  const s = entry.summary;
  const status = s.failed ? ' — **preview failed**' : '';
  const lines = [`#### Stack ${code(stack)}: ${counts(s.counts)}${status}`, '', commitNote(entry.commit), ''];
  const shown = s.changes.slice(0, maxChanges);
  for (const c of shown) {
    const keys =
      c.keys.length === 0 ? '' : c.op === 'replace' ? ` (forced by ${c.keys.map(code).join(', ')})` : `: ${c.keys.map(code).join(', ')}`;
    lines.push(`- **${c.op}** ${code(c.type)} ${code(c.name)}${keys}`);
  }
  if (s.changes.length > shown.length) lines.push(`- … and ${s.changes.length - shown.length} more`);
  if (s.changes.length === 0 && !s.failed) lines.push('No changes.');
  if (s.errors.length > 0) {
    lines.push('', 'Errors:');
    for (const e of s.errors) lines.push(`- ${code(e)}`);
  }
  lines.push('');
  return lines;
}

/** Cuts Markdown at a line boundary to at most `max` characters, saying so. */
function cut(markdown: string, max: number): string {
  if (markdown.length <= max) return markdown;
  const note = '\n… (cut to fit the comment: the whole diff is the `offline-diff` artifact of the run)\n';
  const room = Math.max(0, max - note.length);
  const head = markdown.slice(0, room);
  return `${head.slice(0, Math.max(0, head.lastIndexOf('\n')))}${note}`;
}

function render(state: CommentState, offlineDiff: string | undefined, options: CommentOptions): string {
  const maxChanges = options.maxChangesPerStack ?? DEFAULT_MAX_CHANGES_PER_STACK;
  const stacks = Object.keys(state.previews).sort();
  const summaries = stacks.flatMap((stack) => {
    const e = state.previews[stack];
    return 'summary' in e ? [{ stack, summary: e.summary }] : [];
  });
  const encoded = Buffer.from(JSON.stringify(state), 'utf8').toString('base64');
  const head = [COMMENT_MARKER, ...renderProtected(summaries)];
  const previews =
    stacks.length === 0 ? [] : ['## `pulumi preview`', '', ...stacks.flatMap((s) => renderStack(s, state.previews[s], maxChanges))];
  const tail = [...previews, `${STATE_START}${encoded}${STATE_END}`, ''];
  const offlineBlock = (markdown: string) => [
    OFFLINE_START,
    markdown.replace(/\n*$/, '\n'),
    commitNote(state.offlineCommit ?? ''),
    OFFLINE_END,
    '',
  ];
  if (offlineDiff === undefined) return [...head, ...tail].join('\n');
  const fixed = [...head, ...offlineBlock(''), ...tail].join('\n').length;
  const room = (options.maxLength ?? DEFAULT_MAX_COMMENT_LENGTH) - fixed;
  return [...head, ...offlineBlock(cut(offlineDiff, room)), ...tail].join('\n');
}

/** The new body: the previous comment's parts with `parts` replacing theirs. */
export function updateCommentBody(previous: string | undefined, parts: CommentParts, options: CommentOptions = {}): string {
  const { state, offlineDiff } = readCommentState(previous);
  const previews: Record<string, PreviewEntry> = { ...state.previews };
  for (const n of parts.notRun ?? []) previews[n.stack] = { commit: parts.commit, notRun: n.reason };
  for (const s of parts.previews ?? []) previews[s.stack] = { commit: parts.commit, summary: s };
  // The diff is Markdown a pull request's code printed: it must not open HTML comments that could pose as this comment's markers.
  const offline = parts.offlineDiff === undefined ? offlineDiff : parts.offlineDiff.replace(/<!--/g, '&lt;!--');
  const next: CommentState = { offlineCommit: parts.offlineDiff === undefined ? state.offlineCommit : parts.commit, previews };
  return render(next, offline, options);
}
