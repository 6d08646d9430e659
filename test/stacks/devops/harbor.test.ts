/** Harbor on prod: a pinned chart on the NAS class, the admin password only through a Secret; KubeKey pulls from it by reference. */
import * as path from 'path';
import * as k8s from '@pulumi/kubernetes';
import { ClusterSpec, parseStackConfig, readStackFile, RawConfig, ConfigError } from '../../../stacks/config';
import { kubeKeyInput } from '../../../stacks/cluster';
import { HARBOR_ADMIN_SECRET, HARBOR_PASSWORD_ENV, HARBOR_USERNAME_ENV, deployClusterDevOps, harborBootstrapEnvironment, harborValues } from '../../../stacks/devops';
import { HostRole, buildClusterDocument } from '../../../constructs/kubekey';
import { evaluate, ofType } from '../../helpers/evaluate';

const ROOT = path.resolve(__dirname, '../../..');
const ADMIN = 'Harbor-admin-S3cret!';
const TLS_CERT = '-----BEGIN CERTIFICATE-----\nMIIB-test-cert\n-----END CERTIFICATE-----\n';
const TLS_KEY = '-----BEGIN PRIVATE KEY-----\nMIIE-test-key\n-----END PRIVATE KEY-----\n';

interface HarborValues {
  readonly existingSecretAdminPassword: string;
  readonly externalURL: string;
  readonly expose: unknown;
  readonly persistence: { readonly persistentVolumeClaim: Record<string, { readonly storageClass: string; readonly size: string }> };
}

function raw(stack: string): RawConfig {
  return readStackFile(ROOT, stack);
}

function spec(stack: string, values: Record<string, unknown> = {}): ClusterSpec {
  const r = raw(stack);
  const s = parseStackConfig({ ...r, values: { ...r.values, ...values } }, { missingSecrets: 'placeholder' });
  if (s.kind !== 'cluster') throw new Error('not a cluster stack');
  return s;
}

describe('Harbor release on prod', () => {
  const run = () => {
    const s = spec('prod');
    const given = (value: string) => ({ secret: true as const, value });
    const withSecret = { ...s, secrets: { ...s.secrets, harborAdminPassword: given(ADMIN), harborTlsCert: given(TLS_CERT), harborTlsKey: given(TLS_KEY) } };
    return evaluate(() => {
      const provider = new k8s.Provider('prod-k8s', { kubeconfig: 'apiVersion: v1' });
      return { outputs: {}, artifacts: deployClusterDevOps(withSecret, provider).artifacts };
    });
  };

  test('pins the chart, keeps data on the NAS class, and reads the admin password from a Secret', async () => {
    const stack = await run();
    const [release] = ofType(stack, 'kubernetes:helm.sh/v3:Release');
    expect(release.protect).toBe(true);
    expect(release.inputs).toMatchObject({ chart: 'harbor', version: '1.14.3', repositoryOpts: { repo: 'https://helm.goharbor.io' }, namespace: 'harbor', name: 'harbor' });
    const values = release.inputs.values as HarborValues;
    expect(values.existingSecretAdminPassword).toBe(HARBOR_ADMIN_SECRET);
    expect(values).not.toHaveProperty('harborAdminPassword');
    expect(values.externalURL).toBe('https://harbor.iot.example.com');
    expect(values.expose).toMatchObject({ type: 'ingress', ingress: { hosts: { core: 'harbor.iot.example.com' } } });
    // a certificate the nodes and Jenkins trust, from the Secret the stack creates; the Ingress names its class
    expect(values.expose).toMatchObject({ tls: { enabled: true, certSource: 'secret', secret: { secretName: 'harbor-tls' } }, ingress: { className: 'kubesphere-router-kubesphere-system' } });
    for (const volume of ['registry', 'database', 'redis', 'trivy']) {
      expect(values.persistence.persistentVolumeClaim[volume].storageClass).toBe('alicloud-nas');
    }
    expect(values.persistence.persistentVolumeClaim.registry.size).toBe('200Gi');
  });

  test('the password is a secret input of the Secret and nowhere else', async () => {
    const stack = await run();
    const [secret] = ofType(stack, 'kubernetes:core/v1:Secret');
    expect(secret.inputs).toMatchObject({ metadata: { name: HARBOR_ADMIN_SECRET, namespace: 'harbor' }, stringData: '[secret]' });
    expect(JSON.stringify(stack)).not.toContain(ADMIN);
  });

  test('creates the TLS Secret the chart reads from platform:secrets.harborTlsCert/harborTlsKey, values secret, before the release', async () => {
    const stack = await run();
    const tls = ofType(stack, 'kubernetes:core/v1:Secret').find((r) => (r.inputs.metadata as { name: string }).name === 'harbor-tls');
    expect(tls?.inputs).toMatchObject({ metadata: { name: 'harbor-tls', namespace: 'harbor' }, type: 'kubernetes.io/tls' });
    expect(JSON.stringify(tls?.inputs.stringData)).not.toContain('MIIB');
    expect(JSON.stringify(stack)).not.toContain('MIIE-test-key');
    const [release] = ofType(stack, 'kubernetes:helm.sh/v3:Release');
    expect(JSON.stringify(release)).toContain('harbor-tls');
  });

  test('test does not install Harbor', async () => {
    const stack = await evaluate(() => {
      deployClusterDevOps(spec('test'), new k8s.Provider('test-k8s', { kubeconfig: 'apiVersion: v1' }));
    });
    expect(ofType(stack, 'kubernetes:helm.sh/v3:Release')).toEqual([]);
  });
});

describe.each(['prod', 'test'])('the KubeKey registry of %s', (stack) => {
  test('authenticates to Harbor with placeholders, never values', () => {
    const input = { ...kubeKeyInput(spec(stack), '10.20.0.0/16'), hosts: [1, 2, 3].map((i) => ({ name: `n${i}`, internalAddress: `10.20.0.4${i}`, roles: ['etcd', 'control-plane', 'worker'] as HostRole[] })) };
    const doc = buildClusterDocument(input);
    expect(doc.spec.registry.auths).toEqual({
      'harbor.iot.example.com': { username: `\${${HARBOR_USERNAME_ENV}}`, password: `\${${HARBOR_PASSWORD_ENV}}`, skipTLSVerify: false, plainHTTP: false },
    });
    // the cluster's own images stay upstream until they are mirrored (prod runs Harbor itself)
    expect(doc.spec.registry.privateRegistry).toBe('');
  });
});

test('clusterImages points the whole cluster at Harbor', () => {
  const s = spec('test', { 'platform:harbor': { host: 'harbor.iot.example.com', project: 'iot', clusterImages: true } });
  expect(kubeKeyInput(s, '10.20.0.0/16').registry?.privateRegistry).toBe('harbor.iot.example.com');
});

describe('config checks', () => {
  const issues = (stack: string, values: Record<string, unknown>) => {
    try {
      spec(stack, values);
    } catch (e) {
      if (e instanceof ConfigError) return e.issues.map((i) => `${i.key}: ${i.message}`);
      throw e;
    }
    return [];
  };

  test.each([
    ['a chart range', { host: 'harbor.iot.example.com', project: 'iot', install: { chartVersion: '1.14.x' } }, 'platform:harbor.install.chartVersion'],
    ['cluster images from the Harbor the cluster runs', { host: 'harbor.iot.example.com', project: 'iot', clusterImages: true, install: {} }, 'platform:harbor.clusterImages'],
    ['a node port the host does not carry', { host: 'harbor.iot.example.com', project: 'iot', install: { expose: 'nodePort' } }, 'platform:harbor.host'],
    ['images outside the Harbor project', { host: 'harbor.iot.example.com', project: 'other' }, 'platform:services[0].image'],
  ])('refuses %s', (_, harbor, key) => {
    expect(issues('prod', { 'platform:harbor': harbor }).join('\n')).toContain(`${key}:`);
  });

  test('refuses production on every push', () => {
    const devops = { ...(raw('prod').values['platform:devops'] as object), deploy: [{ environment: 'production', when: 'branch', kubeconfigCredentialId: 'kubeconfig-prod' }] };
    expect(issues('prod', { 'platform:devops': devops }).join('\n')).toContain("platform:devops.deploy[0].when: deploys production on every push; expected 'tag' or 'approval'");
  });

  test('asks for the Harbor secrets by name', () => {
    const s = spec('prod');
    expect(s.missingSecrets).toEqual(expect.arrayContaining(['harborAdminPassword', 'harborPullPassword', 'harborTlsCert', 'harborTlsKey']));
    expect(spec('test').missingSecrets).not.toContain('harborAdminPassword');
    expect(spec('test').missingSecrets).not.toContain('harborTlsCert');
  });

  const install = (i: Record<string, unknown>, harbor: Record<string, unknown> = {}) => ({ 'platform:harbor': { host: 'harbor.iot.example.com', project: 'iot', ...harbor, install: i } });

  test('refuses the chart\'s self-signed certificate unless nodes skip verifying it, naming the key', () => {
    const found = issues('prod', install({ ingressClass: 'nginx' }));
    expect(found).toEqual([expect.stringMatching(/^platform:harbor\.install\.tlsSecret: is required unless platform:harbor\.skipTlsVerify is true: .*x509/)]);
    expect(found[0]).toContain('platform:secrets.harborTlsCert');
    expect(issues('prod', install({ ingressClass: 'nginx' }, { skipTlsVerify: true }))).toEqual([]);
    expect(issues('prod', install({ ingressClass: 'nginx', tlsSecret: 'harbor-tls' }))).toEqual([]);
  });

  test('requires an IngressClass with expose: ingress (KubeSphere 3.4 has no default), not with a node port', () => {
    expect(issues('prod', install({ tlsSecret: 'harbor-tls' }))).toEqual([expect.stringMatching(/^platform:harbor\.install\.ingressClass: is required with expose: ingress/)]);
    expect(issues('prod', { 'platform:harbor': { host: 'harbor.iot.example.com:30003', project: 'iot', install: { expose: 'nodePort', tlsSecret: 'harbor-tls' } }, 'platform:services': [] })).toEqual([]);
  });

  test('a self-signed Harbor, where allowed, is skipped by the nodes', () => {
    const s = spec('prod', install({ ingressClass: 'nginx' }, { skipTlsVerify: true }));
    expect(harborValues(s.harbor!.host, s.harbor!.install!).expose).toMatchObject({ tls: { certSource: 'auto' }, ingress: { className: 'nginx' } });
    expect(s.missingSecrets).not.toContain('harborTlsCert');
  });
});

describe('the Harbor pull user', () => {
  test.each([
    ['prod', {}, 'robot$iot+pull'],
    ['test', {}, 'robot$iot+pull'],
    ['test', { 'platform:harbor': { host: 'harbor.iot.example.com', project: 'shop' }, 'platform:services': [] }, 'robot$shop+pull'],
    ['test', { 'platform:harbor': { host: 'harbor.iot.example.com', project: 'iot', pullUser: 'robot$iot+nodes' } }, 'robot$iot+nodes'],
  ])('%s %j: %s', (stack, values, user) => {
    const s = spec(stack, values);
    expect(s.harbor?.pullUser).toBe(user);
    expect(harborBootstrapEnvironment(s.harbor, 'pw')[HARBOR_USERNAME_ENV]).toBe(user);
  });
});
