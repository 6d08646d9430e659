import {
  classifyClusterChange,
  clusterFileAspects,
  clusterFileFingerprints,
  describeClusterChange,
  renderKubeKeyFile,
  type ClusterChange,
  type KubeKeyClusterInput,
} from '../../../constructs/kubekey';
import { productionInput, testInput, withHost } from './fixtures';

const render = renderKubeKeyFile;
const worker6 = { name: 'worker-6', internalAddress: '172.16.2.16', roles: ['worker'] } as const;
const worker7 = { name: 'worker-7', internalAddress: '172.16.2.17', roles: ['worker'] } as const;
const withHosts = (input: KubeKeyClusterInput, hosts: KubeKeyClusterInput['hosts']): KubeKeyClusterInput => ({ ...input, hosts });

const table: [string, string | undefined, string, ClusterChange][] = [
  ['no previous file', undefined, render(productionInput), 'create'],
  ['same input', render(productionInput), render(productionInput), 'unchanged'],
  ['one worker appended', render(productionInput), render(withHosts(productionInput, [...productionInput.hosts, worker6])), 'add-nodes'],
  [
    'two workers appended',
    render(productionInput),
    render(withHosts(productionInput, [...productionInput.hosts, worker6, worker7])),
    'add-nodes',
  ],
  [
    'a host appended with two new role memberships',
    render(testInput),
    render(
      withHosts(testInput, [...testInput.hosts, { name: 'node-4', internalAddress: '192.168.10.4', roles: ['worker', 'control-plane'] }]),
    ),
    'add-nodes',
  ],
  ['a host removed', render(productionInput), render(withHosts(productionInput, productionInput.hosts.slice(0, -1))), 'remove-nodes'],
  ['a host renamed', render(productionInput), render(withHost(productionInput, 3, { name: 'worker-9' })), 'remove-nodes'],
  [
    'a host removed while another is appended',
    render(productionInput),
    render(withHosts(productionInput, [...productionInput.hosts.slice(0, -1), worker6])),
    'remove-nodes',
  ],
  [
    'the Kubernetes patch changes',
    render(productionInput),
    render({ ...productionInput, kubernetes: { ...productionInput.kubernetes, version: 'v1.26.12' } }),
    'upgrade',
  ],
  [
    'the Kubernetes version and a KubeSphere option change together',
    render(productionInput),
    render({ ...productionInput, kubernetes: { ...productionInput.kubernetes, version: 'v1.26.12' }, kubesphere: {} }),
    'upgrade',
  ],
  [
    'a host inserted in the middle',
    render(productionInput),
    render(withHosts(productionInput, [productionInput.hosts[0], worker6, ...productionInput.hosts.slice(1)])),
    'reapply',
  ],
  [
    'a host appended while an existing host changes',
    render(productionInput),
    render(
      withHosts(withHost(productionInput, 3, { labels: { a: 'b' } }), [
        ...withHost(productionInput, 3, { labels: { a: 'b' } }).hosts,
        worker6,
      ]),
    ),
    'reapply',
  ],
  [
    'an existing host gains a role',
    render(productionInput),
    render(withHost(productionInput, 3, { roles: ['worker', 'control-plane'] })),
    'reapply',
  ],
  [
    'a host appended together with a version change',
    render(productionInput),
    render({
      ...withHosts(productionInput, [...productionInput.hosts, worker6]),
      kubernetes: { ...productionInput.kubernetes, version: 'v1.26.12' },
    }),
    'nodes-and-versions',
  ],
  [
    'a host appended together with a KubeSphere change',
    render(productionInput),
    render({ ...withHosts(productionInput, [...productionInput.hosts, worker6]), kubesphere: {} }),
    'reapply',
  ],
  ['a KubeSphere option changes', render(productionInput), render({ ...productionInput, kubesphere: {} }), 'reapply'],
  ['the network changes', render(testInput), render({ ...testInput, network: { kubePodsCIDR: '10.234.0.0/18' } }), 'reapply'],
];

test.each(table)('%s → %s', (_name, previous, next, expected) => {
  expect(classifyClusterChange(previous, next)).toBe(expected);
});

test('formatting and key order are not changes', () => {
  const text = render(testInput);
  const reformatted = text.replace('kind: Cluster\nmetadata:\n  name: test\n', 'metadata: { name: test }\nkind: Cluster\n');
  expect(reformatted).not.toBe(text);
  expect(classifyClusterChange(text, reformatted)).toBe('unchanged');
});

test('a previous file without a Cluster document is an error, not a guess', () => {
  expect(() => classifyClusterChange('kind: ConfigMap\n', render(testInput))).toThrow(/exactly one kind: Cluster document/);
  expect(() => classifyClusterChange('a: [', render(testInput))).toThrow(/not valid YAML/);
});

test('describeClusterChange names the removed hosts and both versions', () => {
  const previous = render(productionInput);
  const next = render({
    ...withHosts(productionInput, productionInput.hosts.slice(0, -2)),
    kubernetes: { ...productionInput.kubernetes, version: 'v1.26.12' },
  });
  const names = productionInput.hosts.slice(-2).map((h) => h.name);
  expect(describeClusterChange(previous, next)).toEqual({
    change: 'remove-nodes',
    removedHosts: names,
    from: { kubernetes: 'v1.26.15', kubesphere: 'v3.4.1' },
    to: { kubernetes: 'v1.26.12', kubesphere: 'v3.4.1' },
  });
});

describe('clusterFileFingerprints: the aspect each install step re-runs on', () => {
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
    const before = clusterFileFingerprints(base);
    const after = clusterFileFingerprints(changed);
    const same = (a: string, b: string) => (a === b ? 'same' : 'different');
    expect([same(after.settings, before.settings), same(after.hosts, before.hosts), same(after.versions, before.versions)]).toEqual([
      settings,
      hosts,
      versions,
    ]);
  });
});

describe('a rendered file is parsed once however many questions are asked of it', () => {
  test('fingerprints, versions and the change check share one parse; a new text is parsed anew', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const yaml = require('yaml') as typeof import('yaml');
    const parse = jest.spyOn(yaml, 'parseAllDocuments');
    try {
      const text = render(testInput).replace('name: test\n', 'name: parsed-once\n');
      const first = clusterFileFingerprints(text);
      expect(clusterFileAspects(text).versions).toEqual({ kubernetes: 'v1.26.15', kubesphere: 'v3.4.1' });
      expect(describeClusterChange(undefined, text).change).toBe('create');
      expect(clusterFileFingerprints(text)).toEqual(first);
      expect(parse).toHaveBeenCalledTimes(1);
      clusterFileFingerprints(`${text}# edited\n`);
      expect(parse).toHaveBeenCalledTimes(2);
    } finally {
      parse.mockRestore();
    }
  });

  test('a bad file is refused every time, named as the caller names it', () => {
    expect(() => classifyClusterChange('a: [', render(testInput))).toThrow('The previous KubeKey file is not valid YAML');
    expect(() => classifyClusterChange(render(testInput), 'a: [')).toThrow('The next KubeKey file is not valid YAML');
  });
});
