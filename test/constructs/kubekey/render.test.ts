import { parseAllDocuments } from 'yaml';
import {
  buildClusterConfiguration,
  buildClusterDocument,
  listSecretEnvVars,
  renderKubeKeyFile,
  renderKubeKey,
  kubeKeyFileFingerprints,
  parseKubeKeyFile,
  renderNodeDataDiskScript,
} from '../../../constructs/kubekey';
import { productionInput, testInput } from './fixtures';

const parse = (text: string): unknown[] =>
  parseAllDocuments(text).map((d) => {
    expect(d.errors).toEqual([]);
    return d.toJS();
  });

test.each([
  ['production-like', productionInput],
  ['test-like', testInput],
])('%s: the YAML parses back into exactly the Cluster and ClusterConfiguration', (_name, input) => {
  const text = renderKubeKeyFile(input);
  expect(parse(text)).toEqual([buildClusterDocument(input), buildClusterConfiguration(input)]);
  expect(text.split('\n').filter((l) => l === '---')).toHaveLength(1);
  expect(text.startsWith('apiVersion: kubekey.kubesphere.io/v1alpha2\nkind: Cluster\n')).toBe(true);
  expect(text).toContain('\n---\napiVersion: installer.kubesphere.io/v1alpha1\nkind: ClusterConfiguration\n');
});

test('rendering is deterministic', () => {
  expect(renderKubeKeyFile(productionInput)).toBe(renderKubeKeyFile(productionInput));
  const reordered = {
    ...productionInput,
    hosts: productionInput.hosts.map((h) => ({ roles: h.roles, internalAddress: h.internalAddress, name: h.name })),
  };
  expect(renderKubeKeyFile(reordered)).toBe(renderKubeKeyFile(productionInput));
});

test('numbers are numbers, not strings', () => {
  const text = renderKubeKeyFile(productionInput);
  expect(text).toContain('\n    port: 6443\n');
  expect(text).not.toMatch(/port: ["']/);
  expect(text).toContain('\n      port: 22\n');
  expect(text).toContain('\n    maxPods: 110\n');
  expect(text).toContain('\n    jenkinsCpuReq: 0.5\n');
  const [cluster] = parse(text) as [{ spec: { controlPlaneEndpoint: { port: unknown }; hosts: { port: unknown }[] } }];
  expect(typeof cluster.spec.controlPlaneEndpoint.port).toBe('number');
  expect(cluster.spec.hosts.every((h) => typeof h.port === 'number')).toBe(true);
});

test('no anchors or aliases, and no folded lines (KubeKey sed-edits the ClusterConfiguration line by line)', () => {
  const text = renderKubeKeyFile(productionInput);
  const [cluster, configuration] = text.split('\n---\n');
  expect(text).not.toMatch(/[&*][a-z]+\d+/);
  expect(configuration).not.toMatch(/: [>|]-?\n/);
  // The Cluster document is not sed-edited: its only block scalars are the multi-line preInstall
  // scripts, as literal blocks (`|`, kept byte for byte), never folded ones (`>`).
  expect(cluster).not.toMatch(/: >[-+]?\d*\n/);
  expect(cluster.match(/^\s*[\w-]+: [|>][-+]?\d*$/gm)).toEqual(['        bash: |']);
});

test('a multi-line preInstall script is a literal block that reads back byte for byte', () => {
  const text = renderKubeKeyFile(productionInput);
  expect(text).toContain('\n    preInstall:\n      - name: node-data-disk\n        bash: |\n          #!/bin/bash\n');
  const [cluster] = parse(text) as [{ spec: { system: { preInstall: { bash: string }[] } } }];
  expect(cluster.spec.system.preInstall[0].bash).toBe(renderNodeDataDiskScript());
});

test('spec.system changes only the Cluster document, never the ClusterConfiguration', () => {
  const [, withSystem] = renderKubeKeyFile(productionInput).split('\n---\n');
  const [, without] = renderKubeKeyFile({ ...productionInput, system: undefined }).split('\n---\n');
  expect(withSystem).toBe(without);
});

describe('no secret value in the document', () => {
  test('registry credentials appear only as quoted ${ENV} placeholders', () => {
    const text = renderKubeKeyFile(productionInput);
    expect(text).toContain('        username: "${KK_REGISTRY_USER}"\n        password: "${KK_REGISTRY_PASSWORD}"\n');
    const passwordLines = text.split('\n').filter((l) => /password/i.test(l));
    // The only other password is ks-installer's fixed admin/admin for its built-in OpenSearch.
    expect(passwordLines).toEqual(['        password: "${KK_REGISTRY_PASSWORD}"', '        password: admin']);
  });

  test('secret env var names are listed for a restricted envsubst', () => {
    expect(listSecretEnvVars(productionInput)).toEqual(['KK_REGISTRY_PASSWORD', 'KK_REGISTRY_USER']);
    expect(listSecretEnvVars(testInput)).toEqual([]);
    expect(
      listSecretEnvVars({ ...productionInput, kubesphere: { multicluster: { clusterRole: 'member', jwtSecretEnv: 'KS_JWT' } } }),
    ).toEqual(['KK_REGISTRY_PASSWORD', 'KK_REGISTRY_USER', 'KS_JWT']);
  });
});

test('warnings are returned alongside the YAML', () => {
  const input = { ...testInput, kubernetes: { version: 'v1.29.3', allowUnsupportedVersion: true } };
  const { yaml, warnings } = renderKubeKey(input);
  expect(yaml).toContain('version: v1.29.3');
  expect(warnings).toHaveLength(1);
  expect(renderKubeKey(testInput).warnings).toEqual([]);
});

describe('renderKubeKey: one render gives the YAML and everything derived from it', () => {
  const file = renderKubeKey(productionInput);

  test('the YAML is the documents, and the fingerprints and versions are those of the YAML read back', () => {
    expect(file.yaml).toBe(renderKubeKeyFile(productionInput));
    const parsed = parseKubeKeyFile(file.yaml);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(file.documents)));
    expect(file.fingerprints).toEqual(kubeKeyFileFingerprints(parsed));
    expect(file.versions).toEqual({ kubernetes: 'v1.26.15', kubesphere: 'v3.4.1' });
    expect(file.fingerprints).toEqual({
      hosts: expect.stringMatching(/^[0-9a-f]{64}$/),
      versions: expect.stringMatching(/^[0-9a-f]{64}$/),
      settings: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  test('the secret variables are the placeholders found while rendering', () => {
    expect(file.secretEnvVars).toEqual(['KK_REGISTRY_PASSWORD', 'KK_REGISTRY_USER']);
    expect(file.secretEnvVars).toEqual(listSecretEnvVars(productionInput));
    for (const name of file.secretEnvVars) expect(file.yaml).toContain(`"\${${name}}"`);
  });
});
