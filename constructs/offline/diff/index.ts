/**
 * Compares two offline-run outputs (`npm run diff -- BASE_DIR HEAD_DIR`) and renders the
 * difference as Markdown for a pull-request comment.
 */
import { computeDiff, ComputeDiffOptions } from './compute';
import { loadOfflineOutput } from './load';
import { renderMarkdown, RenderOptions } from './render';

export * from './compute';
export * from './deep-diff';
export * from './load';
export * from './markdown';
export * from './model';
export * from './parse';
export * from './render';
export * from './replace-rules';

/** Loads both folders, diffs them and renders Markdown. Throws on unreadable or malformed input. */
export function diffOfflineOutputs(baseDir: string, headDir: string, options: ComputeDiffOptions & RenderOptions = {}): string {
  const diff = computeDiff(loadOfflineOutput(baseDir), loadOfflineOutput(headDir), options);
  return renderMarkdown(diff, options);
}
