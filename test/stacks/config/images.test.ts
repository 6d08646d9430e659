import * as path from 'path';
import { ConfigError, parseStackConfig } from '../../../stacks/config/parse';
import { readStackFile } from '../../../stacks/config/sources';

const ROOT = path.resolve(__dirname, '../../..');

/** The shipped stack's config with `changes` applied to its `platform:` keys (undefined removes one). */
function shipped(stack: string, changes: Record<string, unknown>) {
  const raw = readStackFile(ROOT, stack);
  const values = { ...raw.values };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete values[`platform:${key}`];
    else values[`platform:${key}`] = value;
  }
  return { ...raw, values };
}

function parse(stack: string, changes: Record<string, unknown>) {
  const spec = parseStackConfig(shipped(stack, changes), { missingSecrets: 'placeholder' });
  if (spec.kind !== 'cluster') throw new Error('not a cluster stack');
  return spec;
}

function issuesOf(stack: string, changes: Record<string, unknown>): Array<[string, unknown, string]> {
  try {
    parseStackConfig(shipped(stack, changes), { missingSecrets: 'placeholder' });
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((i) => [i.key, i.value, i.message]);
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('platform:images', () => {
  test('absent on the shipped stacks: no mirror', () => {
    expect(parse('prod', {}).images).toBeUndefined();
    expect(parse('test', {}).images).toBeUndefined();
  });

  test('registry reads as host and namespace', () => {
    expect(parse('test', { images: { registry: 'registry-vpc.cn-shenzhen.aliyuncs.com/acme-mirror' } }).images).toEqual({
      registry: 'registry-vpc.cn-shenzhen.aliyuncs.com/acme-mirror',
      mirror: { host: 'registry-vpc.cn-shenzhen.aliyuncs.com', namespace: 'acme-mirror' },
    });
  });

  test.each([
    [{ registry: 'registry.cn-shenzhen.aliyuncs.com' }, 'platform:images.registry', /^must be <registry host>\/<namespace>/],
    [{ registry: 'registry.cn-shenzhen.aliyuncs.com/a/b' }, 'platform:images.registry', /^must be <registry host>\/<namespace>/],
    [{ registry: 'https://registry.cn-shenzhen.aliyuncs.com/acme' }, 'platform:images.registry', /^must be <registry host>\/<namespace>/],
    [
      { registry: 'registry.cn-shenzhen.aliyuncs.com/timezone' },
      'platform:images.registry',
      /^must not contain 'zone': KubeKey edits the ClusterConfiguration/,
    ],
    [{}, 'platform:images.registry', /^is required$/],
    [{ registry: 'r.example.com/m', mirror: 'x' }, 'platform:images.mirror', /^is not a known key; expected one of registry, username$/],
  ])('%j is refused under %s', (images, key, message) => {
    const issues = issuesOf('test', { images });
    expect(issues).toHaveLength(1);
    expect(issues[0][0]).toBe(key);
    expect(issues[0][2]).toMatch(message);
  });

  test('refused together with harbor.clusterImages: both would set KubeKey privateRegistry', () => {
    const harbor = { host: 'harbor.iot.example.com', project: 'iot', clusterImages: true };
    expect(issuesOf('test', { images: { registry: 'registry.cn-shenzhen.aliyuncs.com/acme-mirror' }, harbor })).toEqual([
      [
        'platform:harbor.clusterImages',
        true,
        expect.stringMatching(/^conflicts with platform:images\.registry: both set KubeKey's privateRegistry/),
      ],
    ]);
  });

  test('refuses chart versions whose images are not pinned, naming the ones that are', () => {
    const prod = shipped('prod', {}).values['platform:harbor'] as { install: Record<string, unknown> };
    const issues = issuesOf('prod', {
      images: { registry: 'registry.cn-shenzhen.aliyuncs.com/acme-mirror' },
      csiDriver: { chartVersion: '1.37.0' },
      harbor: { ...prod, install: { ...prod.install, chartVersion: '1.15.0' } },
    });
    expect(issues).toEqual([
      [
        'platform:csiDriver.chartVersion',
        '1.37.0',
        expect.stringMatching(/^has no pinned image list for the mirror; expected one of 1\.36\.2 with platform:images/),
      ],
      [
        'platform:harbor.install.chartVersion',
        '1.15.0',
        expect.stringMatching(/^has no pinned image list for the mirror; expected one of 1\.14\.3 with platform:images/),
      ],
    ]);
  });

  test('other chart versions stay allowed without a mirror', () => {
    expect(parse('test', { csiDriver: { chartVersion: '1.37.0' } }).csiDriver.chartVersion).toBe('1.37.0');
  });

  test('refuses the Harbor the stack installs as its own mirror', () => {
    expect(issuesOf('prod', { images: { registry: 'harbor.iot.example.com/mirror' } })).toEqual([
      [
        'platform:images.registry',
        'harbor.iot.example.com/mirror',
        expect.stringMatching(/^is the Harbor this stack installs \(platform:harbor\.install\)/),
      ],
    ]);
  });
});

describe('platform:images.username', () => {
  const registry = 'registry-vpc.cn-shenzhen.aliyuncs.com/acme-mirror';

  test('needs platform:secrets.imagesPassword under the engine', () => {
    const raw = shipped('test', { images: { registry, username: 'mirror-puller' } });
    let issues: Array<[string, string]> = [];
    try {
      parseStackConfig(raw);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      issues = err.issues.map((i) => [i.key, i.message]);
    }
    expect(issues).toContainEqual([
      'platform:secrets.imagesPassword',
      "is required; set it with 'pulumi config set --secret --path platform:secrets.imagesPassword <value>'",
    ]);
    expect(parse('test', { images: { registry, username: 'mirror-puller' } }).missingSecrets).toContain('imagesPassword');
  });

  test('is refused when the mirror is the Harbor the nodes already log in to', () => {
    expect(issuesOf('test', { images: { registry: 'harbor.iot.example.com/mirror', username: 'x' } })).toEqual([
      ['platform:images.username', 'x', expect.stringMatching(/^is not needed: the mirror is Harbor \(platform:harbor\.host\)/)],
    ]);
  });
});
