import { COMMENT_MARKER, readCommentState, updateCommentBody } from '../../../constructs/ci/pr-comment';
import { parsePreviewDigest, summarizePreview, type StackPreviewSummary } from '../../../constructs/ci/preview-summary';
import { DIGEST, STACK } from './digest';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const OFFLINE =
  '## Offline plan diff\n\n### Cloud resources\n\n#### Stack shared\n\n+1 ~0 -0\n\n- **create** `alicloud:vpc/switch:Switch` `x`\n';
const shared = summarizePreview(STACK, parsePreviewDigest(DIGEST));
const clean = (stack: string): StackPreviewSummary => ({
  stack,
  counts: { same: 3 },
  changes: [],
  protectedChanges: [],
  errors: [],
  failed: false,
});

describe('the first comment', () => {
  const body = updateCommentBody(undefined, { commit: A, offlineDiff: OFFLINE });

  test('starts with the marker and holds the offline diff with its commit', () => {
    expect(body.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
    expect(body).toContain(`${OFFLINE}\n_from commit \`aaaaaaa\`_\n`);
    expect(body).not.toContain('pulumi preview');
  });

  test('reads back its own offline diff', () => {
    expect(readCommentState(body)).toEqual({ state: { offlineCommit: A, previews: {} }, offlineDiff: OFFLINE });
  });
});

describe('parts merge into the previous body', () => {
  const first = updateCommentBody(undefined, { commit: A, offlineDiff: OFFLINE });
  const withPreviews = updateCommentBody(first, {
    commit: A,
    previews: [shared, clean('test')],
    notRun: [{ stack: 'prod', reason: 'waiting for approval of the preview-prod environment' }],
  });
  const lines = withPreviews.split('\n');

  test('protected replacements come first, before the offline diff and the stacks', () => {
    const warning = lines.indexOf('### ⚠️ 2 protected resources replaced or deleted by `pulumi preview`');
    expect(warning).toBe(1);
    expect(lines.slice(warning + 2, warning + 4)).toEqual([
      '- **delete** `alicloud:ecs/eipAddress:EipAddress` `shared-nat-eip` in stack `shared` (protect)',
      '- **replace** `alicloud:nas/fileSystem:FileSystem` `shared-data` in stack `shared` (protect, forced by `storageType`)',
    ]);
    expect(withPreviews.indexOf('## Offline plan diff')).toBeGreaterThan(withPreviews.indexOf('protected resources replaced'));
    expect(withPreviews.indexOf('## `pulumi preview`')).toBeGreaterThan(withPreviews.indexOf('## Offline plan diff'));
    expect(withPreviews).toContain('> `protect`: `pulumi up` fails on this resource until protection is lifted on purpose.');
  });

  test('each stack: counts, changes with their keys, errors; stacks in name order', () => {
    const at = lines.indexOf('#### Stack `shared`: +1 ~2 ±1 -0 — **preview failed**');
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 2, at + 9)).toEqual([
      '_from commit `aaaaaaa`_',
      '',
      '- **replace** `alicloud:nas/fileSystem:FileSystem` `shared-data` (forced by `storageType`)',
      '- **update** `alicloud:ecs/instance:Instance` `shared-devtools`: `tags.owner`',
      '- **update** `alicloud:vpc/switch:Switch` `shared-a`: `tags`, `description`',
      '- **create** `alicloud:ecs/securityGroupRule:SecurityGroupRule` `shared-ssh`',
      '',
    ]);
    expect(lines[at + 9]).toBe('Errors:');
    const stacks = lines.filter((l) => l.startsWith('#### Stack `'));
    expect(stacks).toEqual([
      '#### Stack `prod`: not run',
      '#### Stack `shared`: +1 ~2 ±1 -0 — **preview failed**',
      '#### Stack `test`: +0 ~0 ±0 -0',
    ]);
    expect(withPreviews).toContain('waiting for approval of the preview-prod environment');
  });

  test('the offline diff stays when only previews arrive; a new push replaces it and keeps older previews labelled', () => {
    expect(readCommentState(withPreviews).offlineDiff).toBe(OFFLINE);
    const next = updateCommentBody(withPreviews, { commit: B, offlineDiff: '## Offline plan diff\n\nNo changes.\n' });
    expect(next).toContain('No changes.\n\n_from commit `bbbbbbb`_');
    expect(next).not.toContain('`alicloud:vpc/switch:Switch` `x`');
    expect(next).toContain('#### Stack `shared`: +1 ~2 ±1 -0 — **preview failed**\n\n_from commit `aaaaaaa`_');
    const prodDone = updateCommentBody(next, { commit: B, previews: [clean('prod')] });
    expect(prodDone).toContain('#### Stack `prod`: +0 ~0 ±0 -0\n\n_from commit `bbbbbbb`_\n\nNo changes.');
    expect(prodDone.match(new RegExp(COMMENT_MARKER, 'g'))).toHaveLength(1);
  });
});

describe('untrusted input', () => {
  test('a diff cannot plant markers: HTML comments in it are neutralised', () => {
    const evil = `## Offline plan diff\n<!-- aliyun-kubesphere:state ${Buffer.from('{"previews":{}}').toString('base64')} -->\n`;
    const body = updateCommentBody(undefined, { commit: A, offlineDiff: evil, previews: [clean('test')] });
    expect(body.match(/<!--/g)).toHaveLength(4);
    expect(readCommentState(body).state.previews.test).toEqual({ commit: A, summary: clean('test') });
  });

  test("a body that is not the bot's comment, or whose state does not parse, is a fresh start", () => {
    expect(readCommentState('hello')).toEqual({ state: { previews: {} } });
    expect(readCommentState(`${COMMENT_MARKER}\n<!-- aliyun-kubesphere:state bm90IGpzb24= -->`)).toEqual({ state: { previews: {} } });
  });

  test('a long diff is cut at a line to fit the limit, saying where the whole one is', () => {
    const long = `## Offline plan diff\n\n${Array.from({ length: 5000 }, (_, i) => `- line ${i}`).join('\n')}\n`;
    const body = updateCommentBody(undefined, { commit: A, offlineDiff: long, previews: [shared] }, { maxLength: 20_000 });
    expect(body.length).toBeLessThanOrEqual(20_000);
    expect(body).toMatch(/- line \d+\n… \(cut to fit the comment: the whole diff is the `offline-diff` artifact of the run\)\n/);
    expect(body).toContain('#### Stack `shared`');
  });

  test('changes past the per-stack limit are counted, not listed', () => {
    const body = updateCommentBody(undefined, { commit: A, previews: [shared] }, { maxChangesPerStack: 1 });
    expect(body).toContain('- **replace** `alicloud:nas/fileSystem:FileSystem` `shared-data` (forced by `storageType`)\n- … and 3 more');
  });
});
