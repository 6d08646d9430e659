/**
 * The pull-request comment of an infrastructure change: `pulumi preview` summaries (protected
 * replacements first) and the offline diff in one comment per pull request, updated in place.
 */
export {
  type DigestDiagnostic,
  type DigestState,
  type DigestStep,
  type PreviewChange,
  type PreviewProtectionFlag,
  type PreviewDigest,
  type ProtectedPreviewChange,
  SHOWN_OPS,
  type ShownOp,
  type StackPreviewSummary,
  parsePreviewDigest,
  parseStackPreviewSummary,
  parseUrn,
  summarizePreview,
  type UrnParts,
} from './preview-summary';
export {
  COMMENT_MARKER,
  type CommentOptions,
  type CommentParts,
  type CommentState,
  DEFAULT_MAX_CHANGES_PER_STACK,
  DEFAULT_MAX_COMMENT_LENGTH,
  type MissingPreview,
  type NotRunPreview,
  type PreviewEntry,
  type ReadComment,
  type SummarizedPreview,
  readCommentState,
  updateCommentBody,
} from './pr-comment';
export {
  type ExistingComment,
  type FetchInit,
  type FetchLike,
  type FetchResponse,
  type GitHubTarget,
  type GitLabTarget,
  type PullRequestComments,
  githubComments,
  gitlabComments,
  upsertComment,
} from './comment-api';
