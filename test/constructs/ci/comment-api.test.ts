import { type FetchLike, githubComments, gitlabComments, upsertComment } from '../../../constructs/ci/comment-api';
import { COMMENT_MARKER } from '../../../constructs/ci/pr-comment';

const SHA = 'c'.repeat(40);

interface Call {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
}

/** A fake API: answers GETs from `routes` (by URL), records every call, 201s every write. */
function fakeFetch(routes: Record<string, unknown>): { fetch: FetchLike; calls: Call[] } {
  const calls: Call[] = [];
  const fetch: FetchLike = async (url, init) => {
    const method = init?.method ?? 'GET';
    calls.push({ method, url, headers: init?.headers ?? {}, body: init?.body === undefined ? undefined : JSON.parse(init.body) });
    const found = method === 'GET' ? routes[url] : {};
    const status = found === undefined ? 404 : method === 'GET' ? 200 : 201;
    return { ok: status < 300, status, json: async () => found, text: async () => (found === undefined ? 'Not Found' : '') };
  };
  return { fetch, calls };
}

const GH = 'https://api.github.com/repos/acme/platform';
const ghTarget = { token: 't0ken', repository: 'acme/platform', number: 7 };

describe('GitHub', () => {
  const page1 = [
    { id: 1, body: `${COMMENT_MARKER}\nforged by a person`, user: { login: 'mallory' } },
    ...Array.from({ length: 99 }, (_, i) => ({ id: 100 + i, body: 'lgtm', user: { login: 'alice' } })),
  ];

  test('updates the bot’s own comment in place, reading every page, never the forged one', async () => {
    const { fetch, calls } = fakeFetch({
      [`${GH}/pulls/7`]: { head: { sha: SHA } },
      [`${GH}/issues/7/comments?per_page=100&page=1`]: page1,
      [`${GH}/issues/7/comments?per_page=100&page=2`]: [
        { id: 555, body: `${COMMENT_MARKER}\nold`, user: { login: 'github-actions[bot]' } },
      ],
    });
    expect(
      await upsertComment(githubComments(ghTarget, fetch), { commit: SHA, offlineDiff: '## Offline plan diff\n\nNo changes.\n' }),
    ).toBe('updated');
    const write = calls.filter((c) => c.method !== 'GET');
    expect(write.map((c) => [c.method, c.url])).toEqual([['PATCH', `${GH}/issues/comments/555`]]);
    expect((write[0].body as { body: string }).body).toContain('No changes.');
    expect(calls.every((c) => c.headers.Authorization === 'Bearer t0ken')).toBe(true);
  });

  test('posts a new comment when the bot has none', async () => {
    const { fetch, calls } = fakeFetch({
      [`${GH}/pulls/7`]: { head: { sha: SHA } },
      [`${GH}/issues/7/comments?per_page=100&page=1`]: page1,
      [`${GH}/issues/7/comments?per_page=100&page=2`]: [],
    });
    expect(await upsertComment(githubComments(ghTarget, fetch), { commit: SHA, offlineDiff: 'x\n' })).toBe('created');
    expect(calls.filter((c) => c.method !== 'GET').map((c) => [c.method, c.url])).toEqual([['POST', `${GH}/issues/7/comments`]]);
  });

  test('refuses when the pull request is at another commit: an artifact cannot move the comment', async () => {
    const { fetch, calls } = fakeFetch({ [`${GH}/pulls/7`]: { head: { sha: 'd'.repeat(40) } } });
    await expect(upsertComment(githubComments(ghTarget, fetch), { commit: SHA, offlineDiff: 'x\n' })).rejects.toThrow(
      `the pull request's head is ${'d'.repeat(40)}, not ${SHA}`,
    );
    expect(calls.map((c) => c.method)).toEqual(['GET']);
  });

  test('an HTTP error names the request, not the token', async () => {
    const { fetch } = fakeFetch({});
    await expect(upsertComment(githubComments(ghTarget, fetch), { commit: SHA })).rejects.toThrow(
      `GET ${GH}/pulls/7 failed with HTTP 404: Not Found`,
    );
  });
});

describe('GitLab', () => {
  const API = 'https://git.example.com/api/v4';
  const MR = `${API}/projects/group%2Fplatform/merge_requests/42`;

  test('updates the note written by the token’s own user, skipping system notes', async () => {
    const { fetch, calls } = fakeFetch({
      [MR]: { sha: SHA },
      [`${API}/user`]: { id: 9 },
      [`${MR}/notes?sort=asc&order_by=created_at&per_page=100&page=1`]: [
        { id: 1, body: `${COMMENT_MARKER}\nforged`, author: { id: 3 } },
        { id: 2, body: `${COMMENT_MARKER}\nsystem`, system: true, author: { id: 9 } },
        { id: 3, body: `${COMMENT_MARKER}\nmine`, author: { id: 9 } },
      ],
    });
    const comments = gitlabComments({ token: 'glpat', apiUrl: API, projectId: 'group/platform', mergeRequestIid: 42 }, fetch);
    expect(await upsertComment(comments, { commit: SHA, offlineDiff: 'x\n' })).toBe('updated');
    expect(calls.filter((c) => c.method !== 'GET').map((c) => [c.method, c.url])).toEqual([['PUT', `${MR}/notes/3`]]);
    expect(calls.every((c) => c.headers['PRIVATE-TOKEN'] === 'glpat')).toBe(true);
  });
});
