import * as fs from 'fs';
import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import { validateKubeSpherePlatform } from '../../../constructs/alicloud/kubesphere-platform/kubesphere-platform';
import { SECRET_PLACEHOLDER } from '../../../constructs/core/secret';
import { ValidationError } from '../../../constructs/core/validation';
import { SECRET_PLACEHOLDER as OFFLINE_PLACEHOLDER } from '../../../constructs/offline';
import { ManifestObject, computeDiff } from '../../../constructs/offline/diff';
import { scrubSecrets } from '../../../constructs/offline/values';

const ROOT = path.join(__dirname, '..', '..', '..');

/** Every TypeScript source file of the product (tests and generated bindings aside). */
function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'imports' ? [] : sources(rel);
    return e.name.endsWith('.ts') ? [rel] : [];
  });
}

test("'[secret]' is written down once, and every place that hides a secret shows that one value", () => {
  expect(SECRET_PLACEHOLDER).toBe('[secret]');
  const literal = /(['"])\[secret\]\1/;
  const defining = ['constructs', 'stacks', 'infra', 'policy']
    .flatMap(sources)
    .filter((f) => literal.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
  expect(defining).toEqual([path.join('constructs', 'core', 'secret.ts')]);

  // The offline config and plan.json (re-exported by the offline run, not a copy).
  expect(OFFLINE_PLACEHOLDER).toBe(SECRET_PLACEHOLDER);
  expect(scrubSecrets({ a: { '4dabf18193072939515e22adb298388d': '1b47061264138c4ac30d75fd1eb44270', value: 'x' } })).toEqual({
    a: SECRET_PLACEHOLDER,
  });

  // The diff of two offline runs: a Secret's values change, never what to.
  const secret = (password: string): ManifestObject => ({
    group: '',
    kind: 'Secret',
    namespace: 'ns',
    name: 'db',
    body: { kind: 'Secret', data: { password } },
    source: 'k8s/prod/x.yaml',
  });
  const out = (password: string) => ({ stacks: new Map(), manifests: new Map([['prod', [secret(password)]]]), kubekey: new Map() });
  const [change] = computeDiff(out('aHVudGVyMg=='), out('c3dvcmRmaXNo')).manifests[0].changed[0].changes;
  expect(change).toEqual({ path: ['data', 'password'], kind: 'changed', before: SECRET_PLACEHOLDER, after: SECRET_PLACEHOLDER });

  // A validation message names a secret prop without its value.
  try {
    validateKubeSpherePlatform({
      region: 'cn-hangzhou',
      vpcCidr: '172.16.0.0/16',
      zones: ['cn-hangzhou-h'],
      nodes: { instanceType: 'ecs.c7.2xlarge', imageId: 'ubuntu', keyPairName: 'ops' },
      adminCidrs: ['203.0.113.0/24'],
      kubeconfig: pulumi.secret('apiVersion: v1'),
      bootstrap: {} as never,
    });
    throw new Error('not refused');
  } catch (e) {
    expect((e as ValidationError).issues).toContainEqual(expect.objectContaining({ key: 'kubeconfig', value: SECRET_PLACEHOLDER }));
  }
});
