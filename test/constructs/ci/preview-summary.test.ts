import { parsePreviewDigest, parseStackPreviewSummary, parseUrn, summarizePreview } from '../../../constructs/ci/preview-summary';
import { ValidationError } from '../../../constructs/core/validation';
import { DIGEST, EIP, NAS, STACK } from './digest';

describe('parseUrn', () => {
  test.each([
    [NAS, { type: 'alicloud:nas/fileSystem:FileSystem', name: 'shared-data' }],
    ['urn:pulumi:s::p::pulumi:pulumi:Stack::p-s', { type: 'pulumi:pulumi:Stack', name: 'p-s' }],
    ['urn:pulumi:s::p::t::a::b', { type: 't', name: 'a::b' }],
    ['not-a-urn', { type: '', name: 'not-a-urn' }],
  ])('%s', (urn, expected) => {
    expect(parseUrn(urn)).toEqual(expected);
  });
});

describe('summarizePreview', () => {
  const summary = summarizePreview(STACK, parsePreviewDigest(DIGEST));

  test('lists each change once, replacements first, with the keys that force or differ', () => {
    expect(summary.changes).toEqual([
      { op: 'replace', type: 'alicloud:nas/fileSystem:FileSystem', name: 'shared-data', keys: ['storageType'] },
      { op: 'update', type: 'alicloud:ecs/instance:Instance', name: 'shared-devtools', keys: ['tags.owner'] },
      { op: 'update', type: 'alicloud:vpc/switch:Switch', name: 'shared-a', keys: ['tags', 'description'] },
      { op: 'create', type: 'alicloud:ecs/securityGroupRule:SecurityGroupRule', name: 'shared-ssh', keys: [] },
    ]);
  });

  test('the protected replacement from its steps, and the refused delete from its error alone', () => {
    expect(summary.protectedChanges).toEqual([
      { op: 'delete', type: 'alicloud:ecs/eipAddress:EipAddress', name: 'shared-nat-eip', flags: ['protect'], keys: [] },
      { op: 'replace', type: 'alicloud:nas/fileSystem:FileSystem', name: 'shared-data', flags: ['protect'], keys: ['storageType'] },
    ]);
    expect(EIP).toContain('shared-nat-eip');
  });

  test('counts as Pulumi counts, errors only (no warnings), failed because of them', () => {
    expect(summary.counts).toEqual({ same: 40, create: 1, update: 2, replace: 1 });
    expect(summary.errors).toHaveLength(2);
    expect(summary.errors[0]).toMatch(/^unable to replace resource ".*shared-data"\nas it is currently marked for protection/);
    expect(summary.failed).toBe(true);
  });

  test('a retained resource deleted is listed with retainOnDelete; a clean preview has not failed', () => {
    const s = summarizePreview('test', {
      steps: [{ op: 'delete', urn: 'urn:pulumi:test::p::alicloud:ecs/eipAddress:EipAddress::e', oldState: { retainOnDelete: true } }],
    });
    expect(s.protectedChanges).toEqual([
      { op: 'delete', type: 'alicloud:ecs/eipAddress:EipAddress', name: 'e', flags: ['retainOnDelete'], keys: [] },
    ]);
    expect(s.failed).toBe(false);
    expect(summarizePreview('test', {}, true).failed).toBe(true);
  });

  test('carries no values: the config and the inputs stay out', () => {
    expect(JSON.stringify(summary)).not.toMatch(/cn-shenzhen|\[secret\]/);
  });

  test('round-trips through its own parser', () => {
    expect(parseStackPreviewSummary(JSON.parse(JSON.stringify(summary)))).toEqual(summary);
  });
});

describe('bad input names every bad field', () => {
  test('a digest', () => {
    expect(() =>
      parsePreviewDigest(
        { steps: [{ op: 'update' }, { op: 'replace', urn: 'u', replaceReasons: 'x' }], changeSummary: { update: 'two' } },
        'preview-shared.json',
      ),
    ).toThrow(
      new ValidationError(
        [
          { key: 'preview-shared.json.steps[0]', value: { op: 'update' }, message: 'must have the strings `op` and `urn`' },
          { key: 'preview-shared.json.steps[1].replaceReasons', value: 'x', message: 'must be a list of property keys' },
          { key: 'preview-shared.json.changeSummary', value: { update: 'two' }, message: 'must map operations to counts' },
        ],
        'Invalid preview digest',
      ),
    );
    expect(() => parsePreviewDigest('', 'p')).toThrow(/p: "" must be the JSON object `pulumi preview --json` prints/);
  });

  test('a summary', () => {
    expect(() =>
      parseStackPreviewSummary(
        {
          stack: '../x',
          counts: {},
          changes: [{ op: 'rm -rf', type: 't', name: 'n', keys: [] }],
          protectedChanges: [],
          errors: [],
          failed: 'no',
        },
        'f',
      ),
    ).toThrow(
      /f\.stack: "\.\.\/x" must be a stack name\n {2}- f\.changes: .* must be a list of \{ op, type, name, keys \}\n {2}- f\.failed: "no" must be true or false/,
    );
  });
});
