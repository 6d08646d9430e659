/** The offline run writes, for prod and test, the DevOps project and one Pipeline per catalogue service. */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { ClusterSpec, ConfigError, parseStackConfig, readStackFile } from '../../../stacks/config';
import { devopsArtifactPath, devopsWorkspaceProps } from '../../../stacks/devops/pipelines';
import { K8sObject } from '../../../stacks/workloads';
import { validateSchemas } from '../workloads/helpers';
import { SHIPPED_RUN_TIMEOUT_MS, shippedOutput } from '../../helpers/shipped-run';
import { blockBody, shellCommands, stageNames } from '../../constructs/k8s/devops/jenkinsfile-parse';

const ROOT = path.resolve(__dirname, '../../..');
/** The shared offline run's output folder (test/helpers/shipped-run.ts). */
let OUT: string;

interface Manifest {
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: { type: string; pipeline: { name: string; jenkinsfile: string } };
}

function spec(stack: string): ClusterSpec {
  const s = parseStackConfig(readStackFile(ROOT, stack), { missingSecrets: 'placeholder' });
  if (s.kind !== 'cluster') throw new Error('not a cluster stack');
  return s;
}

interface DeploymentManifest {
  kind: string;
  metadata: { name: string; namespace?: string };
  spec: { template: { spec: { containers: { name: string; image: string }[] } } };
}

/** The Deployments of the cluster's apps chart, as the offline run writes them. */
function appDeployments(stack: string): DeploymentManifest[] {
  const text = fs.readFileSync(path.join(OUT, 'k8s', stack, 'apps.k8s.yaml'), 'utf8');
  return parseAllDocuments(text)
    .map((d) => d.toJS() as DeploymentManifest)
    .filter((d) => d.kind === 'Deployment');
}

function allManifests(stack: string): Manifest[] {
  const text = fs.readFileSync(path.join(OUT, devopsArtifactPath(stack)), 'utf8');
  return parseAllDocuments(text).map((d) => d.toJS() as Manifest);
}

/** The project, then its Pipelines (the workspace, where there is one, comes first: see below). */
function manifests(stack: string): Manifest[] {
  return allManifests(stack).filter((d) => d.kind !== 'WorkspaceTemplate');
}

beforeAll(async () => {
  OUT = await shippedOutput();
}, SHIPPED_RUN_TIMEOUT_MS);

const EXPECTED = {
  test: { deploy: 'Deploy to test', filter: "'^refs/heads/main$'", credential: 'kubeconfig-test' },
  prod: { deploy: 'Deploy to production', filter: "'^(refs/heads/main|refs/tags/[A-Za-z0-9._/-]+)$'", credential: 'kubeconfig-prod' },
} as const;

describe.each(['prod', 'test'] as const)('dist/k8s/%s/devops.k8s.yaml', (stack) => {
  test('holds the project, then one Pipeline per service of the catalogue', () => {
    const s = spec(stack);
    const docs = manifests(stack);
    expect(docs[0]).toMatchObject({
      kind: 'DevOpsProject',
      metadata: { name: 'iot-devops', labels: { 'kubesphere.io/workspace': 'iot' } },
    });
    expect(docs.slice(1).map((d) => [d.kind, d.metadata.name, d.metadata.namespace])).toEqual(
      s.services.map((svc) => ['Pipeline', svc.name, 'iot-devops']),
    );
    expect(s.services.length).toBeGreaterThan(0);
  });

  test('every Jenkinsfile has its stages in order, the webhook trigger, and pushes to Harbor', () => {
    const s = spec(stack);
    for (const doc of manifests(stack).slice(1)) {
      const name = doc.metadata.name;
      const jenkinsfile = doc.spec!.pipeline.jenkinsfile;
      expect(stageNames(jenkinsfile)).toEqual(['Checkout', 'Build', 'Image', EXPECTED[stack].deploy]);
      const trigger = blockBody(jenkinsfile, /^\s*triggers \{$/);
      expect(trigger).toContain("tokenCredentialId: 'gitlab-webhook-token'");
      expect(trigger).toContain(`regexpFilterExpression: ${EXPECTED[stack].filter}`);
      const image = `harbor.iot.example.com/iot/${name}`;
      expect(s.services.find((svc) => svc.name === name)?.image).toBe(image);
      const sh = shellCommands(jenkinsfile);
      expect(sh).toContain(`docker push "${image}:\${COMMIT}"`);
      // The container `set image` names is exactly the one of the rendered Deployment that runs this image.
      const setImage = sh
        .map((c) => /^kubectl --namespace (\S+) set image deployment\/(\S+) "([^"=]+)=([^"]+)"$/.exec(c))
        .filter((m) => m !== null);
      expect(setImage).toHaveLength(1);
      const [, namespace, deployment, container, newImage] = setImage[0]!;
      expect(newImage).toBe(`${image}:\${COMMIT}`);
      const deployed = appDeployments(stack).find((d) => d.metadata.name === deployment && d.metadata.namespace === namespace);
      expect(deployed).toBeDefined();
      expect(deployed!.metadata.name).toBe(name);
      const containers = deployed!.spec.template.spec.containers;
      expect(containers.map((c) => c.name)).toContain(container);
      expect(containers.find((c) => c.name === container)?.image.slice(0, image.length + 1)).toBe(`${image}:`);
      expect(jenkinsfile).toContain(`kubeconfigFile(credentialsId: '${EXPECTED[stack].credential}'`);
      expect(jenkinsfile).toContain(`url: 'https://git.iot.example.com/iot/${name}.git', credentialsId: 'gitlab'`);
    }
  });

  test('holds credential ids only: no password, token or key value', () => {
    const text = fs.readFileSync(path.join(OUT, devopsArtifactPath(stack)), 'utf8');
    expect(text).not.toContain('[secret]');
    expect(text).not.toMatch(/password\s*[:=]\s*['"]?[^'"\s$]/i);
    expect(text).not.toMatch(/\btoken:\s*'/);
    for (const doc of manifests(stack).slice(1)) {
      const jenkinsfile = doc.spec!.pipeline.jenkinsfile;
      // every secret reaches the build through withCredentials, by id
      expect(jenkinsfile.match(/credentialsId: '[a-z0-9-]+'/g)?.length).toBeGreaterThanOrEqual(4);
      expect(jenkinsfile).toContain('"$HARBOR_PASSWORD"');
    }
  });
});

test('production deploys only on a tag; test on every merge to main', () => {
  const prod = manifests('prod')[1].spec!.pipeline.jenkinsfile;
  expect(blockBody(prod, /^\s*stage\('Deploy to production'\) \{$/)).toContain('buildingTag()');
  const testFile = manifests('test')[1].spec!.pipeline.jenkinsfile;
  expect(blockBody(testFile, /^\s*stage\('Deploy to test'\) \{$/)).toContain("env.GIT_REF == 'refs/heads/main'");
});

test('plan.json applies the DevOps manifests on each cluster: workspace (prod, the host), project, pipelines', () => {
  const plan = JSON.parse(fs.readFileSync(path.join(OUT, 'plan.json'), 'utf8')) as {
    stacks: Record<string, { resources: { type: string; name: string }[] }>;
  };
  const groups = (stack: string) =>
    plan.stacks[stack].resources
      .filter((r) => r.type === 'kubernetes:yaml/v2:ConfigGroup' && r.name.startsWith(`${stack}-devops`))
      .map((r) => r.name);
  expect(groups('prod')).toEqual(['prod-devops-workspace', 'prod-devops-project', 'prod-devops-pipelines']);
  expect(groups('test')).toEqual(['test-devops-project', 'test-devops-pipelines']);
});

describe.each(['prod', 'test'])('dist/k8s/%s/devops.k8s.yaml, strictly validated', (stack) => {
  test('every object has only the fields its CRD declares', () => {
    expect(validateSchemas(allManifests(stack) as unknown as K8sObject[])).toEqual({ errors: [], skipped: [] });
  });

  test('a misspelled field is an error', () => {
    const [pipeline] = allManifests(stack).filter((d) => d.kind === 'Pipeline') as any[];
    const broken = { ...pipeline, spec: { ...pipeline.spec, pipeline: { ...pipeline.spec.pipeline, disable_concurent: true } } };
    expect(validateSchemas([broken]).errors).toEqual([
      {
        id: `devops.kubesphere.io/v1alpha3/Pipeline/${pipeline.metadata.name}`,
        message: '/spec/pipeline/disable_concurent: unknown field',
      },
    ]);
  });
});

describe('the workspace the DevOps project joins', () => {
  test('prod, the multicluster host, creates it as a WorkspaceTemplate placed on itself and on test, before the project', () => {
    const [first, second] = allManifests('prod');
    expect(first).toEqual({
      apiVersion: 'tenant.kubesphere.io/v1alpha2',
      kind: 'WorkspaceTemplate',
      metadata: { name: 'iot' },
      spec: { template: { spec: {} }, placement: { clusters: [{ name: 'host' }, { name: 'test' }] } },
    });
    expect(second).toMatchObject({ kind: 'DevOpsProject', metadata: { labels: { 'kubesphere.io/workspace': 'iot' } } });
  });

  test('test, a member, creates none: the host places the workspace there', () => {
    expect(allManifests('test').filter((d) => d.kind === 'WorkspaceTemplate' || d.kind === 'Workspace')).toEqual([]);
    expect(spec('prod').devops?.workspaceClusters).toContain('test');
  });

  test.each([
    ['host', undefined, { name: 'iot', clusters: ['host'] }],
    ['host', ['host', 'edge'], { name: 'iot', clusters: ['host', 'edge'] }],
    ['none', undefined, { name: 'iot' }],
    ['member', undefined, undefined],
  ] as const)('%s with workspaceClusters %j', (role, clusters, expected) => {
    const devops = { ...spec('prod').devops!, workspaceClusters: clusters as string[] | undefined };
    expect(devopsWorkspaceProps(devops, role)).toEqual(expected);
  });

  const issues = (stack: string, values: Record<string, unknown>) => {
    const raw = readStackFile(ROOT, stack);
    try {
      parseStackConfig({ ...raw, values: { ...raw.values, ...values } }, { missingSecrets: 'placeholder' });
    } catch (e) {
      if (e instanceof ConfigError) return e.issues.map((i) => `${i.key}: ${i.message}`);
      throw e;
    }
    return [];
  };

  test("refuses workspaceClusters on a member, naming the key and the host's part", () => {
    const devops = { ...(readStackFile(ROOT, 'test').values['platform:devops'] as object), workspaceClusters: ['test'] };
    expect(issues('test', { 'platform:devops': devops })).toEqual([
      'platform:devops.workspaceClusters: places the workspace across clusters, which only a multicluster host does (platform:kubesphere.multiclusterRole is member); leave it out: a member gets the workspace from the host, whose workspaceClusters must list this cluster',
    ]);
  });
});
