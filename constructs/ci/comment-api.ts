/**
 * Posts the pull-request comment once and updates it in place afterwards, on GitHub (issue comments)
 * or GitLab (merge-request notes), through their REST APIs with an injected `fetch`.
 *
 * The comment to update is the first one that carries {@link COMMENT_MARKER} *and* was written by the
 * token's own user: anyone can paste the marker into a comment, and that comment must neither be
 * overwritten nor read as state. Before writing, the pull request's head commit must be the commit the
 * parts were made from, so an artifact that names another pull request cannot move the comment there.
 */
import { COMMENT_MARKER, type CommentOptions, type CommentParts, updateCommentBody } from './pr-comment';

/** The part of a Fetch API response the clients read. */
export interface FetchResponse {
  /** The status is 2xx. */
  readonly ok: boolean;
  /** The HTTP status. */
  readonly status: number;
  /** The body as JSON. */
  json(): Promise<unknown>;
  /** The body as text. */
  text(): Promise<string>;
}

/** The request options the clients pass. */
export interface FetchInit {
  /** @default 'GET' */
  readonly method?: string;
  /** Request headers. */
  readonly headers?: Record<string, string>;
  /** The JSON body. */
  readonly body?: string;
}

/** The subset of the Fetch API the clients use (Node.js 18+ has it as `fetch`). */
export type FetchLike = (url: string, init?: FetchInit) => Promise<FetchResponse>;

/** One existing comment. */
export interface ExistingComment {
  /** The platform's id of the comment. */
  readonly id: number;
  /** Its Markdown. */
  readonly body: string;
  /** Written by the token's own user (the CI bot). */
  readonly mine: boolean;
}

/** The comment operations of one pull request. */
export interface PullRequestComments {
  /** The commit the pull request's head is at now. */
  headSha(): Promise<string>;
  /** Every comment, oldest first. */
  list(): Promise<ExistingComment[]>;
  /** Posts a new comment. */
  create(body: string): Promise<void>;
  /** Replaces the body of comment `id`. */
  update(id: number, body: string): Promise<void>;
}

/** Comments per page requested (the maximum both APIs allow). */
const PAGE_SIZE = 100;

async function call(
  fetchImpl: FetchLike,
  url: string,
  init: { method?: string; headers: Record<string, string>; body?: unknown },
): Promise<unknown> {
  const response = await fetchImpl(url, {
    method: init.method ?? 'GET',
    headers: { ...init.headers, ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) {
    // The URL, never the headers: they hold the token.
    throw new Error(`${init.method ?? 'GET'} ${url} failed with HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`);
  }
  return response.status === 204 ? undefined : response.json();
}

async function allPages<T>(fetchPage: (page: number) => Promise<T[]>): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; ; page++) {
    const items = await fetchPage(page);
    all.push(...items);
    if (items.length < PAGE_SIZE) return all;
  }
}

/** Where a GitHub pull request is. */
export interface GitHubTarget {
  /** A token with `pull-requests: write` (the workflow's `GITHUB_TOKEN`). */
  readonly token: string;
  /** `owner/name`. */
  readonly repository: string;
  /** The pull request's number. */
  readonly number: number;
  /** @default 'https://api.github.com' */
  readonly apiUrl?: string;
  /** The login the token writes as. @default 'github-actions[bot]' (the workflow's `GITHUB_TOKEN`) */
  readonly botLogin?: string;
}

/** The comments of a GitHub pull request (issue comments: the conversation tab). */
export function githubComments(target: GitHubTarget, fetchImpl: FetchLike): PullRequestComments {
  const api = `${target.apiUrl ?? 'https://api.github.com'}/repos/${target.repository}`;
  const headers = { Authorization: `Bearer ${target.token}`, Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' };
  const bot = target.botLogin ?? 'github-actions[bot]';
  return {
    headSha: async () => ((await call(fetchImpl, `${api}/pulls/${target.number}`, { headers })) as { head: { sha: string } }).head.sha,
    list: () =>
      allPages(async (page) => {
        const items = (await call(fetchImpl, `${api}/issues/${target.number}/comments?per_page=${PAGE_SIZE}&page=${page}`, {
          headers,
        })) as Array<{ id: number; body?: string; user?: { login?: string } }>;
        return items.map((c) => ({ id: c.id, body: c.body ?? '', mine: c.user?.login === bot }));
      }),
    create: async (body) => {
      await call(fetchImpl, `${api}/issues/${target.number}/comments`, { method: 'POST', headers, body: { body } });
    },
    update: async (id, body) => {
      await call(fetchImpl, `${api}/issues/comments/${id}`, { method: 'PATCH', headers, body: { body } });
    },
  };
}

/** Where a GitLab merge request is. */
export interface GitLabTarget {
  /** A project access token (role Reporter, scope `api`) that may write notes. */
  readonly token: string;
  /** `CI_API_V4_URL`, for example `https://git.example.com/api/v4`. */
  readonly apiUrl: string;
  /** `CI_PROJECT_ID`. */
  readonly projectId: string;
  /** `CI_MERGE_REQUEST_IID`. */
  readonly mergeRequestIid: number;
}

/** The notes of a GitLab merge request. */
export function gitlabComments(target: GitLabTarget, fetchImpl: FetchLike): PullRequestComments {
  const mr = `${target.apiUrl}/projects/${encodeURIComponent(target.projectId)}/merge_requests/${target.mergeRequestIid}`;
  const headers = { 'PRIVATE-TOKEN': target.token };
  let me: Promise<number> | undefined;
  const myId = () => (me ??= call(fetchImpl, `${target.apiUrl}/user`, { headers }).then((u) => (u as { id: number }).id));
  return {
    headSha: async () => ((await call(fetchImpl, mr, { headers })) as { sha: string }).sha,
    list: async () => {
      const id = await myId();
      return allPages(async (page) => {
        const items = (await call(fetchImpl, `${mr}/notes?sort=asc&order_by=created_at&per_page=${PAGE_SIZE}&page=${page}`, {
          headers,
        })) as Array<{ id: number; body?: string; system?: boolean; author?: { id?: number } }>;
        return items.filter((n) => n.system !== true).map((n) => ({ id: n.id, body: n.body ?? '', mine: n.author?.id === id }));
      });
    },
    create: async (body) => {
      await call(fetchImpl, `${mr}/notes`, { method: 'POST', headers, body: { body } });
    },
    update: async (id, body) => {
      await call(fetchImpl, `${mr}/notes/${id}`, { method: 'PUT', headers, body: { body } });
    },
  };
}

/**
 * Merges `parts` into the pull request's comment: updates the bot's comment in place, or posts it.
 * @throws Error when the pull request's head is not `parts.commit` (a newer push, or a wrong pull request)
 */
export async function upsertComment(
  comments: PullRequestComments,
  parts: CommentParts,
  options: CommentOptions = {},
): Promise<'created' | 'updated'> {
  const head = await comments.headSha();
  if (head !== parts.commit) {
    throw new Error(`the pull request's head is ${head}, not ${parts.commit}: not commenting (a newer push comments for itself)`);
  }
  const existing = (await comments.list()).find((c) => c.mine && c.body.startsWith(COMMENT_MARKER));
  const body = updateCommentBody(existing?.body, parts, options);
  if (existing === undefined) {
    await comments.create(body);
    return 'created';
  }
  await comments.update(existing.id, body);
  return 'updated';
}
