import { Testing } from 'cdk8s';
import { DevOpsProject, DevOpsProjectProps, gitlabRepositoryUrl, renderJenkinsfile } from '../../../../constructs/k8s/devops';
import { ValidationError } from '../../../../constructs/core/validation';

const props: DevOpsProjectProps = {
  name: 'shop-devops',
  workspace: 'shop',
  gitlabUrl: 'https://gitlab.example.com/',
  harborHost: 'harbor.example.com',
  harborProject: 'shop',
  services: [
    {
      name: 'orders',
      repository: 'shop/orders',
      description: 'Order service',
      deployTargets: [{ environment: 'test', namespace: 'shop-test', kubeconfigCredentialId: 'kubeconfig-test', when: 'branch' }],
    },
    { name: 'payments', repository: 'shop/backend/payments', branch: 'develop', mavenSkipTests: true },
  ],
};

type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } } & Record<string, unknown>;

function synth(p: DevOpsProjectProps): Manifest[] {
  const chart = Testing.chart();
  new DevOpsProject(chart, 'devops', p);
  return Testing.synth(chart) as Manifest[];
}

function issueKeys(p: DevOpsProjectProps): string[] {
  try {
    synth(p);
  } catch (e) {
    if (e instanceof ValidationError) {
      return e.issues.map((i) => i.key);
    }
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe('DevOpsProject', () => {
  test('synthesizes the project first, then one Pipeline per service', () => {
    expect(synth(props).map((m) => [m.apiVersion, m.kind, m.metadata.name, m.metadata.namespace])).toEqual([
      ['devops.kubesphere.io/v1alpha3', 'DevOpsProject', 'shop-devops', undefined],
      ['devops.kubesphere.io/v1alpha3', 'Pipeline', 'orders', 'shop-devops'],
      ['devops.kubesphere.io/v1alpha3', 'Pipeline', 'payments', 'shop-devops'],
    ]);
  });

  test('labels the project with its workspace and sets no spec', () => {
    expect(synth(props)[0]).toEqual({
      apiVersion: 'devops.kubesphere.io/v1alpha3',
      kind: 'DevOpsProject',
      metadata: { name: 'shop-devops', labels: { 'kubesphere.io/workspace': 'shop' } },
    });
  });

  test('renders each Pipeline as type pipeline with the Jenkinsfile of its service', () => {
    const [, orders, payments] = synth(props);
    expect(orders).toEqual({
      apiVersion: 'devops.kubesphere.io/v1alpha3',
      kind: 'Pipeline',
      metadata: { name: 'orders', namespace: 'shop-devops' },
      spec: {
        type: 'pipeline',
        pipeline: {
          name: 'orders',
          description: 'Order service',
          discarder: { days_to_keep: '7', num_to_keep: '10' },
          disable_concurrent: true,
          jenkinsfile: renderJenkinsfile({
            serviceName: 'orders',
            repositoryUrl: 'https://gitlab.example.com/shop/orders.git',
            harborHost: 'harbor.example.com',
            harborProject: 'shop',
            deployTargets: [{ environment: 'test', namespace: 'shop-test', kubeconfigCredentialId: 'kubeconfig-test', when: 'branch' }],
          }),
        },
      },
    });
    const spec = payments.spec as { pipeline: { jenkinsfile: string; description?: string } };
    expect(spec.pipeline.description).toBeUndefined();
    expect(spec.pipeline.jenkinsfile).toContain("url: 'https://gitlab.example.com/shop/backend/payments.git'");
    expect(spec.pipeline.jenkinsfile).toContain("regexpFilterExpression: '^refs/heads/develop$'");
    expect(spec.pipeline.jenkinsfile).toContain('-DskipTests');
  });

  test('passes shared settings to every pipeline', () => {
    const manifests = synth({
      ...props,
      harborCredentialId: 'harbor-robot',
      gitlabCredentialId: 'gitlab-ci',
      tokenCredentialId: 'hook-token',
      wecomCredentialId: 'wecom-ops',
      buildsToKeep: 30,
      daysToKeepBuilds: 14,
    });
    const expectedIds = [
      ['hook-token', 'gitlab-ci', 'harbor-robot', 'kubeconfig-test', 'wecom-ops', 'wecom-ops'],
      ['hook-token', 'gitlab-ci', 'harbor-robot', 'wecom-ops', 'wecom-ops'],
    ];
    manifests.slice(1).forEach((pipeline, i) => {
      const spec = pipeline.spec as { pipeline: { jenkinsfile: string; discarder: unknown } };
      expect(spec.pipeline.discarder).toEqual({ days_to_keep: '14', num_to_keep: '30' });
      expect([...spec.pipeline.jenkinsfile.matchAll(/(credentialsId|tokenCredentialId): '([^']*)'/g)].map((m) => m[2])).toEqual(
        expectedIds[i],
      );
    });
  });

  test('exposes the objects it created', () => {
    const chart = Testing.chart();
    const project = new DevOpsProject(chart, 'devops', props);
    expect(project.projectName).toBe('shop-devops');
    expect([...project.pipelines.keys()]).toEqual(['orders', 'payments']);
    expect(project.project.name).toBe('shop-devops');
  });

  test.each([
    ['https://gitlab.example.com', 'g/p', 'https://gitlab.example.com/g/p.git'],
    ['https://gitlab.example.com/', 'g/p', 'https://gitlab.example.com/g/p.git'],
    ['ssh://git@gitlab.example.com:2222', 'a/b/c', 'ssh://git@gitlab.example.com:2222/a/b/c.git'],
  ])('joins %s and %s into a clone URL', (base, path, url) => {
    expect(gitlabRepositoryUrl(base, path)).toBe(url);
  });
});

describe('DevOpsProject validation', () => {
  test('fails on a duplicate service name', () => {
    expect(issueKeys({ ...props, services: [...props.services, { name: 'orders', repository: 'shop/orders2' }] })).toEqual([
      'services[2].name',
    ]);
  });

  test.each<[string, Partial<DevOpsProjectProps>, string[]]>([
    ['a bad project name', { name: 'Shop' }, ['name']],
    ['a missing workspace', { workspace: '' }, ['workspace']],
    ['a GitLab URL with a quote', { gitlabUrl: "https://gitlab'.example.com" }, ['gitlabUrl']],
    ['a zero build count', { buildsToKeep: 0 }, ['buildsToKeep']],
    ['a bad Harbor project', { harborProject: 'Shop Apps' }, ['harborProject']],
    ['a bad service name', { services: [{ name: 'Orders_Svc', repository: 'shop/orders' }] }, ['services[0].name']],
    ['an empty repository', { services: [{ name: 'orders', repository: '' }] }, ['services[0].repository']],
    [
      'an unguarded production target',
      {
        services: [
          {
            name: 'orders',
            repository: 'shop/orders',
            deployTargets: [{ environment: 'production', namespace: 'prod', kubeconfigCredentialId: 'kc', when: 'branch' }],
          },
        ],
      },
      ['services[0].deployTargets[0].when'],
    ],
  ])('fails on %s', (_, change, keys) => {
    expect(issueKeys({ ...props, ...change })).toEqual(keys);
  });

  test('reports every problem at once, with the project in the title', () => {
    expect(() => synth({ ...props, name: 'Bad', services: [{ name: 'x', repository: 'nope' }] })).toThrow(
      /^Invalid DevOpsProject props for "Bad" \(2 problems\):\n {2}- name: "Bad" .*\n {2}- services\[0\]\.repository: "nope" must be a GitLab project path/,
    );
  });
});
