/**
 * Issue 14: bad input refused early and precisely. Each case starts from a shipped stack file,
 * breaks one thing, and expects exactly the root cause, under the user's config key.
 */
import * as path from 'path';
import { ConfigError, parseStackConfig } from '../../../stacks/config/parse';
import { RawConfig, readStackFile } from '../../../stacks/config/sources';

const ROOT = path.resolve(__dirname, '../../..');

/** A shipped stack file's config, deep-copied, with `mutate` applied. */
export function shipped(stack: string, mutate: (values: Record<string, any>) => void = () => undefined): RawConfig {
  const raw = readStackFile(ROOT, stack);
  const values = JSON.parse(JSON.stringify(raw.values)) as Record<string, any>;
  mutate(values);
  return { ...raw, values };
}

function issuesOf(raw: RawConfig): Array<[string, string]> {
  try {
    parseStackConfig(raw, { missingSecrets: 'placeholder' });
  } catch (err) {
    if (err instanceof ConfigError) {
      return err.issues.map((i) => [i.key, i.message]);
    }
    throw err;
  }
  return [];
}

describe('the shipped stack files', () => {
  test.each(['shared', 'prod', 'test'])('%s is accepted', (stack) => {
    expect(issuesOf(shipped(stack))).toEqual([]);
  });
});

describe('config namespaces', () => {
  test('a typo in the namespace is refused', () => {
    expect(issuesOf(shipped('test', (v) => (v['platfrom:kubesphere'] = { devops: false })))).toEqual([
      ['platfrom:kubesphere', "is not in a known config namespace; expected one of 'platform:', 'alicloud:', 'kubernetes:', 'command:', 'pulumi:' (keys are <namespace>:<key>)"],
    ]);
  });

  test("the providers' namespaces are theirs", () => {
    expect(issuesOf(shipped('test', (v) => Object.assign(v, { 'alicloud:profile': 'ops', 'kubernetes:context': 'x', 'pulumi:disable-default-providers': ['*'] })))).toEqual([]);
  });
});

describe('one root cause, not a cascade', () => {
  test('a bad middleware key is the only problem reported', () => {
    expect(issuesOf(shipped('test', (v) => (v['platform:middleware'].mysql.bogus = 1)))).toEqual([
      ['platform:middleware.mysql.bogus', 'is not a known key; expected one of storageSize, resources, database, user'],
    ]);
  });

  test('a withdrawn SLB spec does not add "apiServer is required"', () => {
    const issues = issuesOf(shipped('prod', (v) => (v['platform:apiServer'].loadBalancer.spec = 'slb.s2.small')));
    expect(issues.map(([k]) => k)).toEqual(['platform:apiServer.loadBalancer.spec']);
  });
});
