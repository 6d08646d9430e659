/** The offline run writes, for prod and test, the DevOps project and one Pipeline per catalogue service. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { ClusterSpec, parseStackConfig, readStackFile } from '../../../stacks/config';
import { runOffline } from '../../../stacks/offline';
import { devopsArtifactPath } from '../../../stacks/devops';
import { blockBody, shellCommands, stageNames } from '../../constructs/k8s/devops/jenkinsfile-parse';

const ROOT = path.resolve(__dirname, '../../..');
const OUT = fs.mkdtempSync(path.join(os.tmpdir(), 'devops-'));

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

function manifests(stack: string): Manifest[] {
  const text = fs.readFileSync(path.join(OUT, devopsArtifactPath(stack)), 'utf8');
  return parseAllDocuments(text).map((d) => d.toJS() as Manifest);
}

beforeAll(async () => {
  await runOffline({ projectDir: ROOT, outDir: OUT });
}, 120000);

const EXPECTED = {
  test: { deploy: 'Deploy to test', filter: "'^refs/heads/main$'", credential: 'kubeconfig-test' },
  prod: { deploy: 'Deploy to production', filter: "'^(refs/heads/main|refs/tags/[A-Za-z0-9._/-]+)$'", credential: 'kubeconfig-prod' },
} as const;

describe.each(['prod', 'test'] as const)('dist/k8s/%s/devops.k8s.yaml', (stack) => {
  test('holds the project, then one Pipeline per service of the catalogue', () => {
    const s = spec(stack);
    const docs = manifests(stack);
    expect(docs[0]).toMatchObject({ kind: 'DevOpsProject', metadata: { name: 'iot-devops', labels: { 'kubesphere.io/workspace': 'iot' } } });
    expect(docs.slice(1).map((d) => [d.kind, d.metadata.name, d.metadata.namespace])).toEqual(s.services.map((svc) => ['Pipeline', svc.name, 'iot-devops']));
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
      const setImage = sh.map((c) => /^kubectl --namespace (\S+) set image deployment\/(\S+) "([^"=]+)=([^"]+)"$/.exec(c)).filter((m) => m !== null);
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

test('plan.json applies the DevOps manifests on each cluster, project before pipelines', () => {
  const plan = JSON.parse(fs.readFileSync(path.join(OUT, 'plan.json'), 'utf8')) as { stacks: Record<string, { resources: { type: string; name: string }[] }> };
  for (const stack of ['prod', 'test']) {
    const groups = plan.stacks[stack].resources.filter((r) => r.type === 'kubernetes:yaml/v2:ConfigGroup').map((r) => r.name);
    expect(groups).toEqual(expect.arrayContaining([`${stack}-devops-project`, `${stack}-devops-pipelines`]));
  }
});
