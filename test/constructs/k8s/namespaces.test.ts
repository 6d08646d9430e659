import { Testing } from 'cdk8s';
import { at, find, Manifest, ofKind } from './fixtures';
import { AllowTrafficPolicy, DnsEgressPolicy, PodSecurityLevel, RestrictedNamespace, TrafficDirection } from './helpers';

function build(fn: (chart: ReturnType<typeof Testing.chart>) => void): Manifest[] {
  const chart = Testing.chart();
  fn(chart);
  return Testing.synth(chart) as Manifest[];
}

describe('RestrictedNamespace', () => {
  const objects = build((c) => {
    const ns = new RestrictedNamespace(c, 'apps');
    ns.allowIngress('gateway', {
      podLabels: { app: 'web' },
      peers: [{ namespace: 'kubesphere-controls-system', podLabels: { component: 'kubesphere-router' } }],
      ports: [{ port: 8080 }],
    });
    ns.allowEgress('mysql', {
      peers: [{ namespace: 'middleware', podLabels: { 'app.kubernetes.io/name': 'mysql' } }],
      ports: [{ port: 3306 }],
    });
  });
  const ns = find(objects, 'Namespace', 'apps');

  test('matches the snapshot', () => {
    expect(objects).toMatchSnapshot();
  });

  test('enforces, audits and warns at restricted, version v1.26', () => {
    expect(ns.metadata.labels).toEqual({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'v1.26',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/audit-version': 'v1.26',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/warn-version': 'v1.26',
    });
  });

  test('denies all ingress and egress by default', () => {
    const deny = find(objects, 'NetworkPolicy', 'default-deny');
    expect(deny.metadata.namespace).toBe('apps');
    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  });

  test('allows DNS egress to kube-dns in kube-system and to NodeLocal DNSCache', () => {
    const dns = find(objects, 'NetworkPolicy', 'allow-dns-egress');
    expect(at(dns, 'spec', 'policyTypes')).toEqual(['Egress']);
    expect(at(dns, 'spec', 'egress', 0, 'to')).toEqual([
      {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
        podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      },
      { ipBlock: { cidr: '169.254.25.10/32' } },
    ]);
    expect(at(dns, 'spec', 'egress', 0, 'ports')).toEqual([
      { port: 53, protocol: 'UDP' },
      { port: 53, protocol: 'TCP' },
    ]);
  });

  test('allowIngress selects namespace AND pods in one peer, to a port', () => {
    const p = find(objects, 'NetworkPolicy', 'allow-gateway');
    expect(at(p, 'spec', 'podSelector')).toEqual({ matchLabels: { app: 'web' } });
    expect(at(p, 'spec', 'ingress', 0)).toEqual({
      from: [
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kubesphere-controls-system' } },
          podSelector: { matchLabels: { component: 'kubesphere-router' } },
        },
      ],
      ports: [{ port: 8080, protocol: 'TCP' }],
    });
  });

  test('allowEgress renders an egress rule', () => {
    const p = find(objects, 'NetworkPolicy', 'allow-mysql');
    expect(at(p, 'spec', 'policyTypes')).toEqual(['Egress']);
    expect(at(p, 'spec', 'egress', 0, 'ports')).toEqual([{ port: 3306, protocol: 'TCP' }]);
  });

  test('levels, version and policies are configurable', () => {
    const o = build(
      (c) =>
        new RestrictedNamespace(c, 'legacy', {
          enforceLevel: PodSecurityLevel.BASELINE,
          podSecurityVersion: 'latest',
          defaultDeny: false,
        }),
    );
    expect(at(o[0], 'metadata', 'labels', 'pod-security.kubernetes.io/enforce')).toBe('baseline');
    expect(at(o[0], 'metadata', 'labels', 'pod-security.kubernetes.io/warn')).toBe('restricted');
    expect(at(o[0], 'metadata', 'labels', 'pod-security.kubernetes.io/enforce-version')).toBe('latest');
    expect(ofKind(o, 'NetworkPolicy')).toHaveLength(0);
  });

  test('namespaceLabel selects every namespace carrying the label, whatever its value, together with pods', () => {
    const o = build(
      (c) =>
        new AllowTrafficPolicy(c, 'p', {
          name: 'previews',
          direction: TrafficDirection.INGRESS,
          peers: [{ namespaceLabel: 'example.com/preview', podLabels: { app: 'x' } }],
        }),
    );
    expect(at(o[0], 'spec', 'ingress', 0, 'from')).toEqual([
      {
        namespaceSelector: { matchExpressions: [{ key: 'example.com/preview', operator: 'Exists' }] },
        podSelector: { matchLabels: { app: 'x' } },
      },
    ]);
  });

  test('a cidr peer keeps its except ranges closed', () => {
    const o = build(
      (c) =>
        new AllowTrafficPolicy(c, 'p', {
          direction: TrafficDirection.EGRESS,
          peers: [{ cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '100.64.0.0/10'] }],
          ports: [{ port: 443 }],
        }),
    );
    expect(at(o[0], 'spec', 'egress', 0, 'to')).toEqual([{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '100.64.0.0/10'] } }]);
  });

  test('an empty NodeLocal DNS list drops the ipBlock', () => {
    const o = build((c) => new DnsEgressPolicy(c, 'dns', { nodeLocalDnsIps: [] }));
    expect(at(o[0], 'spec', 'egress', 0, 'to')).toHaveLength(1);
  });

  test.each<[string, (c: ReturnType<typeof Testing.chart>) => void, string]>([
    ['bad name', (c) => new RestrictedNamespace(c, 'Apps_1'), 'name'],
    ['bad version', (c) => new RestrictedNamespace(c, 'apps', { podSecurityVersion: '1.26' }), 'podSecurityVersion'],
    ['dns without deny', (c) => new RestrictedNamespace(c, 'apps', { defaultDeny: false, allowDns: true }), 'allowDns'],
    ['no peers', (c) => new AllowTrafficPolicy(c, 'p', { direction: TrafficDirection.INGRESS, peers: [] }), 'peers'],
    ['empty peer', (c) => new AllowTrafficPolicy(c, 'p', { direction: TrafficDirection.INGRESS, peers: [{}] }), 'peers\\[0\\]'],
    [
      'cidr and namespace',
      (c) => new AllowTrafficPolicy(c, 'p', { direction: TrafficDirection.EGRESS, peers: [{ cidr: '10.0.0.0/8', namespace: 'x' }] }),
      'peers\\[0\\]',
    ],
    [
      'bad cidr',
      (c) => new AllowTrafficPolicy(c, 'p', { direction: TrafficDirection.EGRESS, peers: [{ cidr: '10.0.0.1/8' }] }),
      'peers\\[0\\]\\.cidr',
    ],
    [
      'namespace and namespaceLabel',
      (c) => new AllowTrafficPolicy(c, 'p', { direction: TrafficDirection.INGRESS, peers: [{ namespace: 'x', namespaceLabel: 'y' }] }),
      'peers\\[0\\]',
    ],
    [
      'cidr and namespaceLabel',
      (c) => new AllowTrafficPolicy(c, 'p', { direction: TrafficDirection.INGRESS, peers: [{ cidr: '10.0.0.0/8', namespaceLabel: 'y' }] }),
      'peers\\[0\\]',
    ],
    [
      'bad namespaceLabel',
      (c) => new AllowTrafficPolicy(c, 'p', { direction: TrafficDirection.INGRESS, peers: [{ namespaceLabel: 'not a label' }] }),
      'peers\\[0\\]\\.namespaceLabel',
    ],
    [
      'bad port',
      (c) => new AllowTrafficPolicy(c, 'p', { direction: TrafficDirection.EGRESS, peers: [{ namespace: 'x' }], ports: [{ port: 70000 }] }),
      'ports\\[0\\]\\.port',
    ],
    [
      'except outside cidr',
      (c) =>
        new AllowTrafficPolicy(c, 'p', { direction: TrafficDirection.EGRESS, peers: [{ cidr: '10.0.0.0/8', except: ['192.168.0.0/16'] }] }),
      'peers\\[0\\]\\.except\\[0\\]',
    ],
    [
      'except equal to cidr',
      (c) =>
        new AllowTrafficPolicy(c, 'p', { direction: TrafficDirection.EGRESS, peers: [{ cidr: '10.0.0.0/8', except: ['10.0.0.0/8'] }] }),
      'peers\\[0\\]\\.except\\[0\\]',
    ],
    [
      'malformed except',
      (c) => new AllowTrafficPolicy(c, 'p', { direction: TrafficDirection.EGRESS, peers: [{ cidr: '0.0.0.0/0', except: ['10.0.0/8'] }] }),
      'peers\\[0\\]\\.except\\[0\\]',
    ],
    [
      'except without cidr',
      (c) => new AllowTrafficPolicy(c, 'p', { direction: TrafficDirection.EGRESS, peers: [{ namespace: 'x', except: ['10.0.0.0/8'] }] }),
      'peers\\[0\\]\\.except',
    ],
  ])('rejects %s', (_n, fn, key) => {
    expect(() => fn(Testing.chart())).toThrow(new RegExp(`- ${key}:`));
  });
});
