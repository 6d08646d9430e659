import { classifyClusterChange, renderKubeKeyFile, type ClusterChange, type KubeKeyClusterInput } from '../../../constructs/kubekey';
import { productionInput, testInput, withHost } from './fixtures';

const render = renderKubeKeyFile;
const worker6 = { name: 'worker-6', internalAddress: '172.16.2.16', roles: ['worker'] } as const;
const worker7 = { name: 'worker-7', internalAddress: '172.16.2.17', roles: ['worker'] } as const;
const withHosts = (input: KubeKeyClusterInput, hosts: KubeKeyClusterInput['hosts']): KubeKeyClusterInput => ({ ...input, hosts });

const table: [string, string | undefined, string, ClusterChange][] = [
  ['no previous file', undefined, render(productionInput), 'create'],
  ['same input', render(productionInput), render(productionInput), 'unchanged'],
  ['one worker appended', render(productionInput), render(withHosts(productionInput, [...productionInput.hosts, worker6])), 'add-nodes'],
  ['two workers appended', render(productionInput), render(withHosts(productionInput, [...productionInput.hosts, worker6, worker7])), 'add-nodes'],
  [
    'a host appended with two new role memberships',
    render(testInput),
    render(withHosts(testInput, [...testInput.hosts, { name: 'node-4', internalAddress: '192.168.10.4', roles: ['worker', 'control-plane'] }])),
    'add-nodes',
  ],
  ['a host removed', render(productionInput), render(withHosts(productionInput, productionInput.hosts.slice(0, -1))), 'reapply'],
  ['a host inserted in the middle', render(productionInput), render(withHosts(productionInput, [productionInput.hosts[0], worker6, ...productionInput.hosts.slice(1)])), 'reapply'],
  ['a host appended while an existing host changes', render(productionInput), render(withHosts(withHost(productionInput, 3, { labels: { a: 'b' } }), [...withHost(productionInput, 3, { labels: { a: 'b' } }).hosts, worker6])), 'reapply'],
  ['an existing host gains a role', render(productionInput), render(withHost(productionInput, 3, { roles: ['worker', 'control-plane'] })), 'reapply'],
  ['a host appended together with a version change', render(productionInput), render({ ...withHosts(productionInput, [...productionInput.hosts, worker6]), kubernetes: { ...productionInput.kubernetes, version: 'v1.26.12' } }), 'reapply'],
  ['a host appended together with a KubeSphere change', render(productionInput), render({ ...withHosts(productionInput, [...productionInput.hosts, worker6]), kubesphere: {} }), 'reapply'],
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
