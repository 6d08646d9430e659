/** plan.json keeps an input readable when only a leaf inside it is secret; a wholly secret input stays `[secret]`. */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { evaluate, ofType } from '../../helpers/evaluate';

test('a nested secret is [secret] at its leaf, the rest of the input readable; a secret input stays [secret]', async () => {
  const stack = await evaluate(() => {
    const provider = new k8s.Provider('k', { kubeconfig: 'apiVersion: v1' });
    new k8s.helm.v3.Release(
      'r',
      {
        chart: 'c',
        values: { a: { password: pulumi.secret('S3cret-leaf'), user: 'u' }, list: [1, pulumi.secret('S3cret-item')], plain: true },
      },
      { provider },
    );
    new k8s.helm.v3.Release('whole', { chart: 'c', values: pulumi.secret({ a: 'S3cret-whole' }) }, { provider });
  });
  const [r, whole] = ofType(stack, 'kubernetes:helm.sh/v3:Release');
  expect(r.inputs.values).toEqual({ a: { password: '[secret]', user: 'u' }, list: [1, '[secret]'], plain: true });
  expect(whole.inputs.values).toBe('[secret]');
  expect(JSON.stringify(stack)).not.toMatch(/S3cret/);
});
