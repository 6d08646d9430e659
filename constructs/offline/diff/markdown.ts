/**
 * Markdown building blocks for the pull-request comment: escaping, code spans and value shortening.
 *
 * Every user-controlled string (names, paths, values) goes through {@link code} or
 * {@link escapeText}, so a value can neither break the comment's layout nor inject links or HTML.
 * The comment uses lists, never tables: inside a table GitHub would need `\|` even in code spans,
 * outside one a `|` in a code span is literal, so values keep their pipes verbatim.
 */
import { canonicalJson } from './deep-diff';

/** @default for {@link formatValue}: long enough for an image reference, short enough for one line. */
export const DEFAULT_MAX_VALUE_LENGTH = 80;

const ELLIPSIS = '…';

/** Shortens to at most `max` code points (not UTF-16 units, so emoji are never split in half). */
export function truncate(text: string, max: number): string {
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, Math.max(0, max - 1)).join('')}${ELLIPSIS}`;
}

/**
 * Plain strings are shown bare. Those that would read as another JSON value (`"8"` vs `8`,
 * `"true"`), vanish (`""`) or hide whitespace keep their quotes, so a type change stays visible.
 */
function showsBare(value: string): boolean {
  if (value === '' || value.trim() !== value || /[\r\n]/.test(value)) {
    return false;
  }
  try {
    JSON.parse(value);
    return false;
  } catch {
    return true;
  }
}

/**
 * One-line rendering of a JSON value: plain strings bare, everything else as canonical JSON
 * (sorted keys, so the same value always renders the same way), then truncated.
 */
export function formatValue(value: unknown, max: number = DEFAULT_MAX_VALUE_LENGTH): string {
  const text = typeof value === 'string' && showsBare(value) ? value : canonicalJson(value);
  return truncate(text, max);
}

/** An inline code span that survives backticks and line breaks in its content. */
export function code(text: string): string {
  const oneLine = text.replace(/\r?\n/g, '⏎');
  const longestRun = Math.max(0, ...(oneLine.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // CommonMark strips one space from each side when both are present; pad only when a backtick
  // touches the fence, which is the one case that would otherwise merge with it.
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

/** Escapes text shown outside code spans (headings, prose) so it renders literally. */
export function escapeText(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/[\\`*_[\]<>|~#!&]/g, (c) => `\\${c}`);
}
