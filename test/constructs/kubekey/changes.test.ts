import {
  describeClusterChange,
  kubeKeyFileFingerprints,
  parseKubeKeyFile,
  renderKubeKey,
  renderKubeKeyFile,
  type ClusterChange,
  type KubeKeyClusterInput,
} from '../../../constructs/kubekey';
import { productionInput, testInput, withHost } from './fixtures';

const render = renderKubeKeyFile;
const worker6 = { name: 'worker-6', internalAddress: '172.16.2.16', roles: ['worker'] } as const;
const worker7 = { name: 'worker-7', internalAddress: '172.16.2.17', roles: ['worker'] } as const;
const withHosts = (input: KubeKeyClusterInput, hosts: KubeKeyClusterInput['hosts']): KubeKeyClusterInput => ({ ...input, hosts });

// Rows of inputs: the previous file is the text a deployment exported, the next the documents just rendered.
const table: [string, KubeKeyClusterInput | undefined, KubeKeyClusterInput, ClusterChange][] = [
  ['no previous file', undefined, productionInput, 'create'],
  ['same input', productionInput, productionInput, 'unchanged'],
  ['one worker appended', productionInput, withHosts(productionInput, [...productionInput.hosts, worker6]), 'add-nodes'],
  ['two workers appended', productionInput, withHosts(productionInput, [...productionInput.hosts, worker6, worker7]), 'add-nodes'],
  [
    'a host appended with two new role memberships',
    testInput,
    withHosts(testInput, [...testInput.hosts, { name: 'node-4', internalAddress: '192.168.10.4', roles: ['worker', 'control-plane'] }]),
    'add-nodes',
  ],
  ['a host removed', productionInput, withHosts(productionInput, productionInput.hosts.slice(0, -1)), 'remove-nodes'],
  ['a host renamed', productionInput, withHost(productionInput, 3, { name: 'worker-9' }), 'remove-nodes'],
  [
    'a host removed while another is appended',
    productionInput,
    withHosts(productionInput, [...productionInput.hosts.slice(0, -1), worker6]),
    'remove-nodes',
  ],
  [
    'the Kubernetes patch changes',
    productionInput,
    { ...productionInput, kubernetes: { ...productionInput.kubernetes, version: 'v1.26.12' } },
    'upgrade',
  ],
  [
    'the Kubernetes version and a KubeSphere option change together',
    productionInput,
    { ...productionInput, kubernetes: { ...productionInput.kubernetes, version: 'v1.26.12' }, kubesphere: {} },
    'upgrade',
  ],
  [
    'a host inserted in the middle',
    productionInput,
    withHosts(productionInput, [productionInput.hosts[0], worker6, ...productionInput.hosts.slice(1)]),
    'reapply',
  ],
  [
    'a host appended while an existing host changes',
    productionInput,
    withHosts(withHost(productionInput, 3, { labels: { a: 'b' } }), [
      ...withHost(productionInput, 3, { labels: { a: 'b' } }).hosts,
      worker6,
    ]),
    'reapply',
  ],
  ['an existing host gains a role', productionInput, withHost(productionInput, 3, { roles: ['worker', 'control-plane'] }), 'reapply'],
  [
    'a host appended together with a version change',
    productionInput,
    {
      ...withHosts(productionInput, [...productionInput.hosts, worker6]),
      kubernetes: { ...productionInput.kubernetes, version: 'v1.26.12' },
    },
    'nodes-and-versions',
  ],
  [
    'a host appended together with a KubeSphere change',
    productionInput,
    { ...withHosts(productionInput, [...productionInput.hosts, worker6]), kubesphere: {} },
    'reapply',
  ],
  ['a KubeSphere option changes', productionInput, { ...productionInput, kubesphere: {} }, 'reapply'],
  ['the network changes', testInput, { ...testInput, network: { kubePodsCIDR: '10.234.0.0/18' } }, 'reapply'],
];

test.each(table)('%s → %s', (_name, previous, next, expected) => {
  const previousYaml = previous === undefined ? undefined : render(previous);
  // The component's path: the typed documents of the one render.
  expect(describeClusterChange(previousYaml, renderKubeKey(next).documents).change).toBe(expected);
  // The same documents read back from their YAML compare the same: rendering loses nothing the check reads.
  expect(describeClusterChange(previousYaml, parseKubeKeyFile(render(next))).change).toBe(expected);
});

test('formatting and key order are not changes', () => {
  const text = render(testInput);
  const reformatted = text.replace('kind: Cluster\nmetadata:\n  name: test\n', 'metadata: { name: test }\nkind: Cluster\n');
  expect(reformatted).not.toBe(text);
  expect(describeClusterChange(reformatted, renderKubeKey(testInput).documents).change).toBe('unchanged');
});

test('a previous file without a Cluster document is an error, not a guess', () => {
  const next = renderKubeKey(testInput).documents;
  expect(() => describeClusterChange('kind: ConfigMap\n', next)).toThrow(
    /The previous KubeKey file must contain exactly one kind: Cluster document \(found 0\)/,
  );
  expect(() => describeClusterChange('a: [', next)).toThrow(/The previous KubeKey file is not valid YAML/);
});

test('describeClusterChange names the removed hosts and both versions', () => {
  const previous = render(productionInput);
  const next = renderKubeKey({
    ...withHosts(productionInput, productionInput.hosts.slice(0, -2)),
    kubernetes: { ...productionInput.kubernetes, version: 'v1.26.12' },
  }).documents;
  const names = productionInput.hosts.slice(-2).map((h) => h.name);
  expect(describeClusterChange(previous, next)).toEqual({
    change: 'remove-nodes',
    removedHosts: names,
    from: { kubernetes: 'v1.26.15', kubesphere: 'v3.4.1' },
    to: { kubernetes: 'v1.26.12', kubesphere: 'v3.4.1' },
  });
});

describe('kubeKeyFileFingerprints: the aspect each install step re-runs on', () => {
  const base = `kind: Cluster
spec:
  hosts: [{name: a, internalAddress: 10.0.0.1}]
  roleGroups: {worker: [a]}
  kubernetes: {version: v1.26.15, clusterName: cluster.local}
---
kind: ClusterConfiguration
metadata: {name: ks-installer, labels: {version: v3.4.1}}
spec: {devops: {enabled: true}}
`;
  test.each([
    [
      'a host appended',
      'same',
      'different',
      'same',
      base
        .replace('[{name: a, internalAddress: 10.0.0.1}]', '[{name: a, internalAddress: 10.0.0.1}, {name: b, internalAddress: 10.0.0.2}]')
        .replace('[a]', '[a, b]'),
    ],
    ['the Kubernetes version', 'same', 'same', 'different', base.replace('v1.26.15', 'v1.26.12')],
    ['the KubeSphere version', 'same', 'same', 'different', base.replace('v3.4.1', 'v3.4.2')],
    ['another Kubernetes setting', 'different', 'same', 'same', base.replace('cluster.local', 'cluster.internal')],
    ['the ClusterConfiguration', 'different', 'same', 'same', base.replace('enabled: true', 'enabled: false')],
    ['formatting only', 'same', 'same', 'same', base.replace('kind: Cluster\n', 'kind:   Cluster\n')],
  ])('%s changes settings: %s, hosts: %s, versions: %s', (_name, settings, hosts, versions, changed) => {
    const before = kubeKeyFileFingerprints(parseKubeKeyFile(base));
    const after = kubeKeyFileFingerprints(parseKubeKeyFile(changed));
    const same = (a: string, b: string) => (a === b ? 'same' : 'different');
    expect([same(after.settings, before.settings), same(after.hosts, before.hosts), same(after.versions, before.versions)]).toEqual([
      settings,
      hosts,
      versions,
    ]);
  });
});
