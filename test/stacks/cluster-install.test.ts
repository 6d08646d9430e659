/** The cluster stacks' install settings: the pinned KubeKey download and where refusals point. */
import * as path from 'path';
import { ConfigError, parseStackConfig } from '../../stacks/config/parse';
import { SHIPPED_RUN_TIMEOUT_MS, shippedPlan } from '../helpers/shipped-run';
import { evaluate, ofType } from '../helpers/evaluate';
import { ADMIN_CERT_EXPIRY, adminKubeconfig } from '../constructs/alicloud/kubesphere-cluster/fixtures';
import { readStackFile } from '../../stacks/config/sources';
import { INSTALLED_DOCUMENT_OUTPUT, clusterProgram, nodePoolSource } from '../../stacks/cluster';
import { ClusterSpec } from '../../stacks/config';

const ROOT = path.resolve(__dirname, '../..');

function prodWith(bootstrap: unknown) {
  const raw = readStackFile(ROOT, 'prod');
  return { ...raw, values: { ...raw.values, 'platform:bootstrap': bootstrap } };
}

function issuesOf(run: () => unknown): Array<[string, string]> {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigError) {
      return err.issues.map((i) => [i.key, i.message]);
    }
    throw err;
  }
  throw new Error('expected a ConfigError');
}

const SHA = 'd'.repeat(64);

describe('platform:bootstrap.kubeKey', () => {
  test('under the engine, an install needs the tarball digest: a config error that says where to find it', () => {
    const issues = issuesOf(() => parseStackConfig(prodWith({ enabled: true })));
    expect(issues.filter(([key]) => key.startsWith('platform:bootstrap'))).toEqual([
      [
        'platform:bootstrap.kubeKey.sha256',
        'is required with platform:bootstrap.enabled: the SHA-256 of kubekey-v3.1.12-linux-amd64.tar.gz, checked before kk runs. ' +
          'KubeKey v3 publishes no checksum file: take the digest GitHub shows for the release asset, or sha256sum a tarball you verified',
      ],
    ]);
  });

  test('offline, an unset digest is listed as still needed, not refused', () => {
    const spec = parseStackConfig(prodWith({ enabled: true }), { missingSecrets: 'placeholder' });
    // Listed with the node's SSH host key, which the committed file does not pin either.
    expect(spec.missingSettings).toEqual(['platform:bootstrap.kubeKey.sha256', 'platform:cluster.ssh.hostKey']);
  });

  test('a digest and an OSS copy are taken as given', () => {
    const url = 'https://acme-tools.oss-cn-shenzhen-internal.aliyuncs.com/kubekey/kubekey-v3.1.12-linux-amd64.tar.gz';
    const spec = parseStackConfig(prodWith({ enabled: true, kubeKey: { url, sha256: SHA } }), {
      missingSecrets: 'placeholder',
    }) as ClusterSpec;
    expect(spec.bootstrap).toEqual({ enabled: true, kubeKey: { url, sha256: SHA } });
    expect(spec.missingSettings).toEqual(['platform:cluster.ssh.hostKey']);
  });

  test.each([
    ['url', { url: 'http://mirror.example.com/kubekey.tar.gz', sha256: SHA }, 'platform:bootstrap.kubeKey.url'],
    ['sha256', { sha256: 'ABC' }, 'platform:bootstrap.kubeKey.sha256'],
  ])('a bad %s is refused by its key', (_name, kubeKey, key) => {
    const issues = issuesOf(() => parseStackConfig(prodWith({ enabled: true, kubeKey }), { missingSecrets: 'placeholder' }));
    expect(issues.map(([k]) => k)).toEqual([key]);
  });
});

test('a refused node change names the pool count that declares the node', () => {
  const spec = parseStackConfig(prodWith({ enabled: false }), { missingSecrets: 'placeholder' }) as ClusterSpec;
  const source = nodePoolSource(spec);
  expect(spec.nodePools.map((p) => p.name)).toEqual(['prod-cp', 'prod-worker']);
  expect([source('prod-cp-3'), source('prod-worker-6'), source('prod-gpu-1')]).toEqual([
    'platform:nodePools[0].count',
    'platform:nodePools[1].count',
    'platform:nodePools',
  ]);
});

describe("the previous install, read from the stack's own outputs", () => {
  let sharedOutputs: Record<string, unknown>;
  // The shared stack of the shared offline run of the shipped stacks (test/helpers/shipped-run.ts).
  beforeAll(async () => {
    sharedOutputs = (await shippedPlan()).stacks.shared.outputs;
  }, SHIPPED_RUN_TIMEOUT_MS);

  async function run(previous: Record<string, unknown>) {
    const spec = parseStackConfig(prodWith({ enabled: true, kubeKey: { sha256: SHA } }), { missingSecrets: 'placeholder' }) as ClusterSpec;
    return evaluate(() => clusterProgram(spec), { stack: 'prod', stackOutputs: { shared: sharedOutputs, prod: previous } });
  }

  let first: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    first = await run({});
  });

  test('the first deployment exports the installed document for the next one', () => {
    expect(first.outputs[INSTALLED_DOCUMENT_OUTPUT]).toEqual(
      expect.stringMatching(/^apiVersion: kubekey.kubesphere.io\/v1alpha2\nkind: Cluster\n/),
    );
    expect(ofType(first, 'pulumi:pulumi:StackReference').map((r) => r.inputs.name)).toEqual([
      'organization/platform/shared',
      'organization/platform/prod',
    ]);
  });

  test('the next deployment compares with it and times the kubeconfig re-read by its certificate', async () => {
    const next = await run({ [INSTALLED_DOCUMENT_OUTPUT]: first.outputs[INSTALLED_DOCUMENT_OUTPUT], kubeconfig: adminKubeconfig() });
    const steps = (stack: typeof first) => Object.fromEntries(ofType(stack, 'command:remote:Command').map((r) => [r.name, r.inputs]));
    // Nothing changed: every kk step has the same inputs; only the read step learns the certificate.
    for (const name of ['prod-install-kk', 'prod-upgrade', 'prod-create-cluster', 'prod-add-nodes', 'prod-wait-ready']) {
      expect([name, steps(next)[name]]).toEqual([name, steps(first)[name]]);
    }
    const trigger = (steps(next)['prod-read-kubeconfig'].triggers as string[])[2];
    expect(trigger.endsWith(`:${ADMIN_CERT_EXPIRY}`)).toBe(true);
  });
});
