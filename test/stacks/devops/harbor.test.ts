/** Harbor on prod: a pinned chart on the NAS class, the admin password only through a Secret; KubeKey pulls from it by reference. */
import * as path from 'path';
import { Provider } from '@pulumi/kubernetes/provider';
import * as yamlv2 from '@pulumi/kubernetes/yaml/v2';
import { ClusterSpec, parseStackConfig, readStackFile, RawConfig, ConfigError } from '../../../stacks/config';
import { kubeKeyInput } from '../../../stacks/cluster';
import * as pulumi from '@pulumi/pulumi';
import {
  HARBOR_ADMIN_SECRET,
  HARBOR_PASSWORD_ENV,
  HARBOR_REGISTRY_USER,
  HARBOR_USERNAME_ENV,
  deployClusterDevOps,
  harborBootstrapEnvironment,
  harborNetworkPolicies,
  harborValues,
  withHarborSecrets,
} from '../../../stacks/devops';
import { K8sObject } from '../../../stacks/workloads';
import { KUBESPHERE_GATEWAY_NAMESPACE } from '../../../stacks/workloads/names';
import { resolveInput } from '../../../constructs/offline/values';
import { validateSchemas } from '../workloads/helpers';
import { HostRole, buildClusterDocument } from '../../../constructs/kubekey';
import { evaluate, evaluatedOnce, ofType } from '../../helpers/evaluate';

const ROOT = path.resolve(__dirname, '../../..');
const ADMIN = 'Harbor-admin-S3cret!';
const TLS_CERT = '-----BEGIN CERTIFICATE-----\nMIIB-test-cert\n-----END CERTIFICATE-----\n';
const TLS_KEY = '-----BEGIN PRIVATE KEY-----\nMIIE-test-key\n-----END PRIVATE KEY-----\n';
const SECRET_KEY = 'Sk-0123456789abc';
const DB_PASSWORD = 'Db-S3cret-pw';
const REGISTRY_PASSWORD = 'Reg-S3cret-pw';

interface HarborValues {
  readonly existingSecretAdminPassword: string;
  readonly existingSecretSecretKey: string;
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
  // Every test here reads the same stack: evaluated once.
  const run = evaluatedOnce(() => {
    const s = spec('prod');
    const given = (value: string) => ({ secret: true as const, value });
    const withSecret = {
      ...s,
      secrets: {
        ...s.secrets,
        harborAdminPassword: given(ADMIN),
        harborTlsCert: given(TLS_CERT),
        harborTlsKey: given(TLS_KEY),
        harborSecretKey: given(SECRET_KEY),
        harborDatabasePassword: given(DB_PASSWORD),
        harborRegistryPassword: given(REGISTRY_PASSWORD),
      },
    };
    return evaluate(() => {
      const provider = new Provider('prod-k8s', { kubeconfig: 'apiVersion: v1' });
      return { outputs: {}, artifacts: deployClusterDevOps(withSecret, provider).artifacts };
    });
  });

  test('pins the chart; the plan shows its values, the two passwords in them as [secret]', async () => {
    const stack = await run();
    const [release] = ofType(stack, 'kubernetes:helm.sh/v3:Release');
    expect(release.protect).toBe(true);
    expect(release.inputs).toMatchObject({
      chart: 'harbor',
      version: '1.14.3',
      repositoryOpts: { repo: 'https://helm.goharbor.io' },
      namespace: 'harbor',
      name: 'harbor',
    });
    const values = release.inputs.values as any;
    expect(values.database.internal.password).toBe('[secret]');
    expect(values.registry.credentials).toEqual({ username: HARBOR_REGISTRY_USER, password: '[secret]' });
    expect(values.existingSecretSecretKey).toBe('harbor-secret-key');
    expect(values.expose.ingress).toEqual({ hosts: { core: 'harbor.iot.example.com' } });
  });

  test('values: data on the NAS class, admin password and encryption key from Secrets, the TLS Secret, an Ingress without a class', () => {
    const s = spec('prod');
    const values = harborValues(s.harbor!.host, s.harbor!.install!) as unknown as HarborValues;
    expect(values.existingSecretAdminPassword).toBe(HARBOR_ADMIN_SECRET);
    expect(values.existingSecretSecretKey).toBe('harbor-secret-key');
    expect(values).not.toHaveProperty('harborAdminPassword');
    expect(values).not.toHaveProperty('secretKey');
    expect(values.externalURL).toBe('https://harbor.iot.example.com');
    // KubeSphere 3.4's gateway: ingressClass nginx, no IngressClass object, watchIngressWithoutClass: true
    expect(values.expose).toEqual({
      type: 'ingress',
      tls: { enabled: true, certSource: 'secret', secret: { secretName: 'harbor-tls' } },
      ingress: { hosts: { core: 'harbor.iot.example.com' } },
    });
    for (const volume of ['registry', 'database', 'redis', 'trivy']) {
      expect(values.persistence.persistentVolumeClaim[volume].storageClass).toBe('alicloud-nas');
    }
    expect(values.persistence.persistentVolumeClaim.registry.size).toBe('200Gi');
  });

  test('the internal database and registry passwords replace the chart defaults, as Pulumi secrets, next to the other values', async () => {
    const s = spec('prod');
    const plain = harborValues(s.harbor!.host, s.harbor!.install!);
    const values = withHarborSecrets(plain, { databasePassword: DB_PASSWORD, registryPassword: REGISTRY_PASSWORD }) as any;
    expect(Object.keys(values).sort()).toEqual(Object.keys(plain).sort());
    expect(values.registry.credentials.username).toBe(HARBOR_REGISTRY_USER);
    // the other keys of those sections stay
    expect(values.database.internal.priorityClassName).toBe('iot-platform');
    expect(values.registry.priorityClassName).toBe('iot-platform');
    for (const [output, value] of [
      [values.database.internal.password, DB_PASSWORD],
      [values.registry.credentials.password, REGISTRY_PASSWORD],
    ]) {
      expect(await pulumi.isSecret(output)).toBe(true);
      expect(await resolveInput(output)).toBe(value);
    }
  });

  test("Harbor's pods take the platform's PriorityClass and state their ephemeral storage (merged into the chart's resources)", () => {
    const s = spec('prod');
    const values = harborValues(s.harbor!.host, s.harbor!.install!) as any;
    const disk = { requests: { 'ephemeral-storage': '256Mi' }, limits: { 'ephemeral-storage': '2Gi' } };
    for (const pod of [
      values.nginx,
      values.portal,
      values.core,
      values.jobservice,
      values.trivy,
      values.database.internal,
      values.redis.internal,
    ]) {
      expect(pod).toMatchObject({ priorityClassName: 'iot-platform', resources: disk });
    }
    expect(values.registry).toMatchObject({
      priorityClassName: 'iot-platform',
      registry: { resources: disk },
      controller: { resources: disk },
    });
    expect(values.database.internal.initContainer).toEqual({ migrator: { resources: disk }, permissions: { resources: disk } });
  });

  test('the release waits for what it is given to wait for: the platform chart (NAS StorageClass, PriorityClass)', async () => {
    const s = spec('prod');
    const given = (value: string) => ({ secret: true as const, value });
    const secrets = {
      ...s.secrets,
      harborAdminPassword: given(ADMIN),
      harborTlsCert: given(TLS_CERT),
      harborTlsKey: given(TLS_KEY),
      harborSecretKey: given(SECRET_KEY),
      harborDatabasePassword: given(DB_PASSWORD),
      harborRegistryPassword: given(REGISTRY_PASSWORD),
    };
    let dependsOn: unknown[] = [];
    let platform: unknown;
    await evaluate(() => {
      pulumi.runtime.registerStackTransformation((args) => {
        if (args.type === 'kubernetes:helm.sh/v3:Release') dependsOn = [args.opts.dependsOn ?? []].flat();
        return undefined;
      });
      const provider = new Provider('prod-k8s', { kubeconfig: 'apiVersion: v1' });
      platform = new yamlv2.ConfigGroup('prod-platform', { objs: [] }, { provider });
      deployClusterDevOps({ ...s, secrets }, provider, undefined, [platform as pulumi.Resource]);
    });
    expect(dependsOn).toContain(platform);
  });

  test('every Harbor secret is a secret input of a Secret or the release, and nowhere in clear', async () => {
    const stack = await run();
    const secrets = ofType(stack, 'kubernetes:core/v1:Secret');
    const byName = (name: string) => secrets.find((r) => (r.inputs.metadata as { name: string }).name === name);
    expect(byName(HARBOR_ADMIN_SECRET)?.inputs).toMatchObject({ metadata: { namespace: 'harbor' }, stringData: '[secret]' });
    expect(byName('harbor-secret-key')?.inputs).toMatchObject({
      metadata: { namespace: 'harbor' },
      type: 'Opaque',
      stringData: '[secret]',
    });
    const text = JSON.stringify(stack);
    for (const value of [ADMIN, SECRET_KEY, DB_PASSWORD, REGISTRY_PASSWORD]) expect(text).not.toContain(value);
  });

  test('creates the TLS Secret the chart reads from platform:secrets.harborTlsCert/harborTlsKey, values secret', async () => {
    const stack = await run();
    const tls = ofType(stack, 'kubernetes:core/v1:Secret').find((r) => (r.inputs.metadata as { name: string }).name === 'harbor-tls');
    expect(tls?.inputs).toMatchObject({ metadata: { name: 'harbor-tls', namespace: 'harbor' }, type: 'kubernetes.io/tls' });
    expect(JSON.stringify(tls?.inputs.stringData)).not.toContain('MIIB');
    expect(JSON.stringify(stack)).not.toContain('MIIE-test-key');
  });

  test('fences the harbor namespace: default deny, DNS, Harbor internally, the gateway in, HTTPS out', async () => {
    const stack = await run();
    const groups = ofType(stack, 'kubernetes:yaml/v2:ConfigGroup').filter((g) => g.name === 'prod-harbor-network');
    expect(groups).toHaveLength(1);
    const objs = groups[0].inputs.objs as K8sObject[];
    expect(objs.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'NetworkPolicy/harbor/default-deny',
      'NetworkPolicy/harbor/allow-dns-egress',
      'NetworkPolicy/harbor/allow-harbor-internal-ingress',
      'NetworkPolicy/harbor/allow-harbor-internal-egress',
      'NetworkPolicy/harbor/allow-harbor-from-gateway',
      'NetworkPolicy/harbor/allow-harbor-https-egress',
    ]);
    expect(objs[0]).toMatchObject({ spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } });
    expect((objs[4] as any).spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': KUBESPHERE_GATEWAY_NAMESPACE } } }],
          ports: [{ port: 8080, protocol: 'TCP' }],
        },
      ],
    });
    expect(validateSchemas(objs)).toEqual({ errors: [], skipped: [] });
  });

  test('with a node port, only harbor-nginx is open, on its ports, from anywhere', () => {
    const objs = harborNetworkPolicies({ namespace: 'harbor', expose: 'nodePort' });
    const nodePort = objs.find((o) => o.metadata.name === 'allow-harbor-node-port') as any;
    expect(nodePort.spec).toEqual({
      podSelector: { matchLabels: { component: 'nginx' } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [{ ipBlock: { cidr: '0.0.0.0/0' } }],
          ports: [
            { port: 8080, protocol: 'TCP' },
            { port: 8443, protocol: 'TCP' },
          ],
        },
      ],
    });
    expect(objs.map((o) => o.metadata.name)).not.toContain('allow-harbor-from-gateway');
  });

  test('test does not install Harbor', async () => {
    const stack = await evaluate(() => {
      deployClusterDevOps(spec('test'), new Provider('test-k8s', { kubeconfig: 'apiVersion: v1' }));
    });
    expect(ofType(stack, 'kubernetes:helm.sh/v3:Release')).toEqual([]);
  });
});

describe.each(['prod', 'test'])('the KubeKey registry of %s', (stack) => {
  test('authenticates to Harbor with placeholders, never values', () => {
    const input = {
      ...kubeKeyInput(spec(stack), '10.20.0.0/16'),
      hosts: [1, 2, 3].map((i) => ({
        name: `n${i}`,
        internalAddress: `10.20.0.4${i}`,
        roles: ['etcd', 'control-plane', 'worker'] as HostRole[],
      })),
    };
    const doc = buildClusterDocument(input);
    expect(doc.spec.registry.auths).toEqual({
      'harbor.iot.example.com': {
        username: `\${${HARBOR_USERNAME_ENV}}`,
        password: `\${${HARBOR_PASSWORD_ENV}}`,
        skipTLSVerify: false,
        plainHTTP: false,
      },
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
    [
      'a chart range',
      { host: 'harbor.iot.example.com', project: 'iot', install: { chartVersion: '1.14.x' } },
      'platform:harbor.install.chartVersion',
    ],
    [
      'cluster images from the Harbor the cluster runs',
      { host: 'harbor.iot.example.com', project: 'iot', clusterImages: true, install: {} },
      'platform:harbor.clusterImages',
    ],
    [
      'a node port the host does not carry',
      { host: 'harbor.iot.example.com', project: 'iot', install: { expose: 'nodePort' } },
      'platform:harbor.host',
    ],
    ['images outside the Harbor project', { host: 'harbor.iot.example.com', project: 'other' }, 'platform:services[0].image'],
  ])('refuses %s', (_, harbor, key) => {
    expect(issues('prod', { 'platform:harbor': harbor }).join('\n')).toContain(`${key}:`);
  });

  test('refuses production on every push', () => {
    const devops = {
      ...(raw('prod').values['platform:devops'] as object),
      deploy: [{ environment: 'production', when: 'branch', kubeconfigCredentialId: 'kubeconfig-prod' }],
    };
    expect(issues('prod', { 'platform:devops': devops }).join('\n')).toContain(
      "platform:devops.deploy[0].when: deploys production on every push; expected 'tag' or 'approval'",
    );
  });

  test('asks for the Harbor secrets by name', () => {
    const s = spec('prod');
    expect(s.missingSecrets).toEqual(
      expect.arrayContaining([
        'harborAdminPassword',
        'harborPullPassword',
        'harborTlsCert',
        'harborTlsKey',
        'harborSecretKey',
        'harborDatabasePassword',
        'harborRegistryPassword',
      ]),
    );
    expect(spec('test').missingSecrets).not.toContain('harborAdminPassword');
    expect(spec('test').missingSecrets).not.toContain('harborTlsCert');
  });

  const install = (i: Record<string, unknown>, harbor: Record<string, unknown> = {}) => ({
    'platform:harbor': { host: 'harbor.iot.example.com', project: 'iot', ...harbor, install: i },
  });

  test("refuses the chart's self-signed certificate unless nodes skip verifying it, naming the key", () => {
    const found = issues('prod', install({ ingressClass: 'nginx' }));
    expect(found).toEqual([
      expect.stringMatching(/^platform:harbor\.install\.tlsSecret: is required unless platform:harbor\.skipTlsVerify is true: .*x509/),
    ]);
    expect(found[0]).toContain('platform:secrets.harborTlsCert');
    expect(issues('prod', install({ ingressClass: 'nginx' }, { skipTlsVerify: true }))).toEqual([]);
    expect(issues('prod', install({ ingressClass: 'nginx', tlsSecret: 'harbor-tls' }))).toEqual([]);
  });

  test("takes an Ingress without an IngressClass (KubeSphere 3.4's gateway serves those), or a node port", () => {
    expect(issues('prod', install({ tlsSecret: 'harbor-tls' }))).toEqual([]);
    expect(
      issues('prod', {
        'platform:harbor': {
          host: 'harbor.iot.example.com:30003',
          project: 'iot',
          install: { expose: 'nodePort', tlsSecret: 'harbor-tls' },
        },
        'platform:services': [],
      }),
    ).toEqual([]);
  });

  test('refuses a harborSecretKey that is not 16 characters, naming its length and never its value', () => {
    const withKey = (value: string) => issues('prod', { 'platform:secrets': { harborSecretKey: { secret: true, value } } });
    const found = withKey('too-short-key');
    expect(found).toEqual([
      'platform:secrets.harborSecretKey: must be exactly 16 characters: Harbor encrypts with it as an AES key (e.g. openssl rand -hex 8)',
    ]);
    expect(JSON.stringify(found)).not.toContain('too-short-key');
    expect(withKey('0123456789abcdef')).toEqual([]);
  });

  test('a self-signed Harbor, where allowed, is skipped by the nodes', () => {
    const s = spec('prod', install({ ingressClass: 'nginx' }, { skipTlsVerify: true }));
    expect(harborValues(s.harbor!.host, s.harbor!.install!).expose).toMatchObject({
      tls: { certSource: 'auto' },
      ingress: { className: 'nginx' },
    });
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
