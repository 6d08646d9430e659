/** plan.json keeps an input readable when only a leaf inside it is secret; a wholly secret input stays `[secret]`. */
import { Provider } from '@pulumi/kubernetes/provider';
import * as helmv3 from '@pulumi/kubernetes/helm/v3';
import * as pulumi from '@pulumi/pulumi';
import { evaluate, ofType } from '../../helpers/evaluate';
import { SECRET_PLACEHOLDER } from '../../../constructs/core/secret';
import { scrubSecrets } from '../../../constructs/offline/values';

test('a nested secret is [secret] at its leaf, the rest of the input readable; a secret input stays [secret]', async () => {
  const stack = await evaluate(() => {
    const provider = new Provider('k', { kubeconfig: 'apiVersion: v1' });
    new helmv3.Release(
      'r',
      {
        chart: 'c',
        values: { a: { password: pulumi.secret('S3cret-leaf'), user: 'u' }, list: [1, pulumi.secret('S3cret-item')], plain: true },
      },
      { provider },
    );
    new helmv3.Release('whole', { chart: 'c', values: pulumi.secret({ a: 'S3cret-whole' }) }, { provider });
  });
  const [r, whole] = ofType(stack, 'kubernetes:helm.sh/v3:Release');
  expect(r.inputs.values).toEqual({ a: { password: '[secret]', user: 'u' }, list: [1, '[secret]'], plain: true });
  expect(whole.inputs.values).toBe('[secret]');
  expect(JSON.stringify(stack)).not.toMatch(/S3cret/);
});

describe('scrubSecrets shares what holds no secret', () => {
  const secret = { '4dabf18193072939515e22adb298388d': '1b47061264138c4ac30d75fd1eb44270', value: 'hunter2' };

  test('a value without secrets comes back as it is, not copied', () => {
    const manifests = { objs: [{ kind: 'Deployment', metadata: { name: 'orders', labels: { app: 'orders' } } }] };
    expect(scrubSecrets(manifests)).toBe(manifests);
  });

  test('a secret is replaced on a copy of the path to it; the rest is shared', () => {
    const env = [{ name: 'A', value: '1' }];
    const given = { env, spec: { password: secret, user: 'app' }, list: ['x', secret] };
    const scrubbed = scrubSecrets(given) as typeof given;
    expect(scrubbed).toEqual({ env, spec: { password: SECRET_PLACEHOLDER, user: 'app' }, list: ['x', SECRET_PLACEHOLDER] });
    expect(scrubbed).not.toBe(given);
    expect(scrubbed.env).toBe(env);
    expect(given.spec.password).toBe(secret);
  });

  test('anything but a plain object or list becomes the plain object of its enumerable keys', () => {
    const pending = Promise.resolve('text');
    const scrubbed = scrubSecrets({ source: { text: pending } }) as { source: { text: unknown } };
    expect(scrubbed.source.text).not.toBe(pending);
    expect(Object.getPrototypeOf(scrubbed.source.text)).toBe(Object.prototype);
    expect(scrubbed).toEqual({ source: { text: {} } });
  });
});
