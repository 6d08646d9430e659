/**
 * Compares two offline-run outputs (`npm run diff -- BASE_DIR HEAD_DIR`) and renders the
 * difference as Markdown for a pull-request comment.
 */
import { computeDiff, ComputeDiffOptions } from './compute';
import { loadOfflineOutput } from './load';
import { renderMarkdown, RenderOptions } from './render';

export {
  type ClusterKubeKeyDiff,
  type ClusterManifestDiff,
  type ComputeDiffOptions,
  type KubeKeyDocumentDiff,
  type ObjectChange,
  type ObjectRef,
  type OfflineDiff,
  type PresenceStatus,
  type ProcedureWarning,
  type ProtectedWarning,
  type ProtectionFlag,
  type ResourceChange,
  type ResourceRef,
  type StackDiff,
  compareObjects,
  computeDiff,
  hasChanges,
} from './compute';
export { type PathSegment, type ValueChange, type ValuePath, canonicalJson, compareStrings, deepDiff, formatPath } from './deep-diff';
export { KUBEKEY_DIR, MANIFEST_DIR, PLAN_FILE, loadOfflineOutput } from './load';
export { DEFAULT_MAX_VALUE_LENGTH, code, escapeText, formatValue, truncate } from './markdown';
export type { KubeKeyDocument, ManifestObject, OfflineOutput, PlannedResource, PlannedStack } from './model';
export { OfflineInputError, apiGroup, parseKubeKeyFile, parseManifestFile, parsePlan } from './parse';
export {
  DEFAULT_TITLE,
  FLAG_CONSEQUENCES,
  KUBEKEY_ADDRESS_NOTE,
  NO_CHANGES_LINE,
  type RenderOptions,
  describeChange,
  objectLabel,
  renderMarkdown,
} from './render';
export {
  DEFAULT_PROCEDURE_RULES,
  DEFAULT_REPLACE_RULES,
  type ProcedureRule,
  type ProcedureRules,
  type ReplaceRules,
  replaceTriggers,
} from './replace-rules';

/** Loads both folders, diffs them and renders Markdown. Throws on unreadable or malformed input. */
export function diffOfflineOutputs(baseDir: string, headDir: string, options: ComputeDiffOptions & RenderOptions = {}): string {
  const diff = computeDiff(loadOfflineOutput(baseDir), loadOfflineOutput(headDir), options);
  return renderMarkdown(diff, options);
}
