import { ClusterRuleMatrixInput, ClusterRuleSpec, clusterRuleMatrix } from '../../../../constructs/alicloud/cluster-security/matrix';
import { issuesOf } from '../../../helpers/issues';

/** target, policy, protocol, ports, source (`@group` or a CIDR), priority. */
function rows(specs: readonly ClusterRuleSpec[]): string[][] {
  return specs.map((s) => [
    s.target,
    s.policy,
    s.ipProtocol,
    s.portRange,
    'cidr' in s.source ? s.source.cidr : `@${s.source.group}`,
    String(s.priority),
  ]);
}

const PROD: ClusterRuleMatrixInput = {
  singleGroup: false,
  vpcCidr: '10.20.0.0/16',
  adminCidrs: ['10.20.0.5/32'],
  installHost: '10.20.0.10',
  apiClientCidrs: ['198.51.100.0/24'],
};
const TEST: ClusterRuleMatrixInput = { ...PROD, singleGroup: true };

describe('clusterRuleMatrix', () => {
  test('split control-plane / worker groups (production)', () => {
    expect(rows(clusterRuleMatrix(PROD))).toEqual([
      ['controlPlane', 'accept', 'tcp', '22/22', '10.20.0.5/32', '1'],
      ['controlPlane', 'accept', 'tcp', '22/22', '10.20.0.10/32', '1'],
      ['controlPlane', 'accept', 'tcp', '2379/2380', '@controlPlane', '1'],
      ['controlPlane', 'accept', 'tcp', '6443/6443', '@controlPlane', '1'],
      ['controlPlane', 'accept', 'tcp', '6443/6443', '@worker', '1'],
      ['controlPlane', 'accept', 'tcp', '6443/6443', '100.64.0.0/10', '1'],
      ['controlPlane', 'accept', 'tcp', '6443/6443', '198.51.100.0/24', '1'],
      ['controlPlane', 'accept', 'tcp', '10250/10250', '@controlPlane', '1'],
      ['controlPlane', 'accept', 'tcp', '10250/10250', '@worker', '1'],
      ['controlPlane', 'accept', 'tcp', '179/179', '@controlPlane', '1'],
      ['controlPlane', 'accept', 'tcp', '179/179', '@worker', '1'],
      ['controlPlane', 'accept', 'tcp', '9099/9100', '@controlPlane', '1'],
      ['controlPlane', 'accept', 'tcp', '9099/9100', '@worker', '1'],
      ['controlPlane', 'accept', 'tcp', '53/53', '@controlPlane', '1'],
      ['controlPlane', 'accept', 'tcp', '53/53', '@worker', '1'],
      ['controlPlane', 'accept', 'udp', '53/53', '@controlPlane', '1'],
      ['controlPlane', 'accept', 'udp', '53/53', '@worker', '1'],
      ['controlPlane', 'accept', 'all', '-1/-1', '@controlPlane', '100'],
      ['controlPlane', 'accept', 'all', '-1/-1', '@worker', '100'],
      ['controlPlane', 'drop', 'tcp', '2379/2380', '@worker', '1'],
      ['controlPlane', 'drop', 'tcp', '10257/10259', '@worker', '1'],
      ['worker', 'accept', 'tcp', '22/22', '10.20.0.5/32', '1'],
      ['worker', 'accept', 'tcp', '22/22', '10.20.0.10/32', '1'],
      ['worker', 'accept', 'tcp', '10250/10250', '@controlPlane', '1'],
      ['worker', 'accept', 'tcp', '10250/10250', '@worker', '1'],
      ['worker', 'accept', 'tcp', '179/179', '@controlPlane', '1'],
      ['worker', 'accept', 'tcp', '179/179', '@worker', '1'],
      ['worker', 'accept', 'tcp', '9099/9100', '@controlPlane', '1'],
      ['worker', 'accept', 'tcp', '9099/9100', '@worker', '1'],
      ['worker', 'accept', 'tcp', '53/53', '@controlPlane', '1'],
      ['worker', 'accept', 'tcp', '53/53', '@worker', '1'],
      ['worker', 'accept', 'udp', '53/53', '@controlPlane', '1'],
      ['worker', 'accept', 'udp', '53/53', '@worker', '1'],
      ['worker', 'accept', 'tcp', '30000/30879', '10.20.0.0/16', '1'],
      ['worker', 'accept', 'tcp', '30000/30879', '100.64.0.0/10', '1'],
      ['worker', 'accept', 'tcp', '30881/32767', '10.20.0.0/16', '1'],
      ['worker', 'accept', 'tcp', '30881/32767', '100.64.0.0/10', '1'],
      ['worker', 'accept', 'tcp', '30880/30880', '10.20.0.5/32', '1'],
      ['worker', 'accept', 'all', '-1/-1', '@controlPlane', '100'],
      ['worker', 'accept', 'all', '-1/-1', '@worker', '100'],
    ]);
  });

  test('one group for every role (test cluster): the same matrix, folded and deduplicated', () => {
    expect(rows(clusterRuleMatrix(TEST))).toEqual([
      ['controlPlane', 'accept', 'tcp', '22/22', '10.20.0.5/32', '1'],
      ['controlPlane', 'accept', 'tcp', '22/22', '10.20.0.10/32', '1'],
      ['controlPlane', 'accept', 'tcp', '2379/2380', '@controlPlane', '1'],
      ['controlPlane', 'accept', 'tcp', '6443/6443', '@controlPlane', '1'],
      ['controlPlane', 'accept', 'tcp', '6443/6443', '100.64.0.0/10', '1'],
      ['controlPlane', 'accept', 'tcp', '6443/6443', '198.51.100.0/24', '1'],
      ['controlPlane', 'accept', 'tcp', '10250/10250', '@controlPlane', '1'],
      ['controlPlane', 'accept', 'tcp', '179/179', '@controlPlane', '1'],
      ['controlPlane', 'accept', 'tcp', '9099/9100', '@controlPlane', '1'],
      ['controlPlane', 'accept', 'tcp', '53/53', '@controlPlane', '1'],
      ['controlPlane', 'accept', 'udp', '53/53', '@controlPlane', '1'],
      ['controlPlane', 'accept', 'tcp', '30000/30879', '10.20.0.0/16', '1'],
      ['controlPlane', 'accept', 'tcp', '30000/30879', '100.64.0.0/10', '1'],
      ['controlPlane', 'accept', 'tcp', '30881/32767', '10.20.0.0/16', '1'],
      ['controlPlane', 'accept', 'tcp', '30881/32767', '100.64.0.0/10', '1'],
      ['controlPlane', 'accept', 'tcp', '30880/30880', '10.20.0.5/32', '1'],
      ['controlPlane', 'accept', 'all', '-1/-1', '@controlPlane', '100'],
    ]);
  });

  test('VXLAN replaces the IPIP catch-all with UDP 4789, and needs no drop guards', () => {
    const specs = clusterRuleMatrix({ ...PROD, overlay: 'vxlan' });
    expect(rows(specs.filter((s) => s.ipProtocol === 'udp' && s.portRange === '4789/4789'))).toEqual([
      ['controlPlane', 'accept', 'udp', '4789/4789', '@controlPlane', '1'],
      ['controlPlane', 'accept', 'udp', '4789/4789', '@worker', '1'],
      ['worker', 'accept', 'udp', '4789/4789', '@controlPlane', '1'],
      ['worker', 'accept', 'udp', '4789/4789', '@worker', '1'],
    ]);
    expect(specs.some((s) => s.ipProtocol === 'all' || s.policy === 'drop')).toBe(false);
    expect(specs).toHaveLength(clusterRuleMatrix(PROD).length - 2);
  });

  test('keys are unique and every rule is described', () => {
    for (const input of [PROD, TEST, { ...PROD, overlay: 'vxlan' as const }]) {
      const specs = clusterRuleMatrix(input);
      expect(new Set(specs.map((s) => s.key)).size).toBe(specs.length);
      expect(specs.every((s) => s.description.length > 0 && s.description.length <= 512)).toBe(true);
    }
  });

  test('etcd accepts the control plane only', () => {
    const etcd = clusterRuleMatrix(PROD).filter((s) => s.portRange === '2379/2380' && s.policy === 'accept');
    expect(etcd.map((s) => [s.target, s.source])).toEqual([['controlPlane', { group: 'controlPlane' }]]);
  });

  test.each([
    ['22', 22],
    ['6443', 6443],
    ['2379', 2379],
    ['2380', 2380],
    ['10250', 10250],
    ['30000', 30000],
    ['32767', 32767],
  ])('nothing opens port %s to the internet', (_title, port) => {
    for (const input of [PROD, TEST]) {
      const open = clusterRuleMatrix(input).filter((s) => {
        const [from, to] = s.portRange.split('/').map(Number);
        const covers = s.ipProtocol === 'all' || (from <= port && port <= to);
        return s.policy === 'accept' && covers && 'cidr' in s.source && s.source.cidr.endsWith('/0');
      });
      expect(open).toEqual([]);
    }
  });

  test('NodePorts only from the VPC and the SLB range', () => {
    const sources = clusterRuleMatrix(PROD)
      .filter((s) => s.portRange === '30000/30879' || s.portRange === '30881/32767')
      .map((s) => s.source);
    expect(sources).toEqual([{ cidr: '10.20.0.0/16' }, { cidr: '100.64.0.0/10' }, { cidr: '10.20.0.0/16' }, { cidr: '100.64.0.0/10' }]);
  });

  /** Every CIDR source of an accepting rule that covers `port` over TCP, per target group. */
  function acceptedFrom(input: ClusterRuleMatrixInput, port: number): string[] {
    return clusterRuleMatrix(input)
      .filter((s) => {
        const [from, to] = s.portRange.split('/').map(Number);
        return s.policy === 'accept' && s.ipProtocol === 'tcp' && from <= port && port <= to && 'cidr' in s.source;
      })
      .map((s) => `${s.target} ${'cidr' in s.source ? s.source.cidr : ''}`);
  }

  test('the KubeSphere console NodePort (30880) only from the admin sources: not the VPC, not the SLBs', () => {
    expect(acceptedFrom(PROD, 30880)).toEqual(['worker 10.20.0.5/32']);
    expect(acceptedFrom(TEST, 30880)).toEqual(['controlPlane 10.20.0.5/32']);
    expect(clusterRuleMatrix(PROD).find((s) => s.portRange === '30880/30880')?.key).toBe('worker-console-from-10-20-0-5-32');
    // Its neighbours stay open to the VPC.
    expect(acceptedFrom(PROD, 30879)).toEqual(['worker 10.20.0.0/16', 'worker 100.64.0.0/10']);
    expect(acceptedFrom(PROD, 30881)).toEqual(['worker 10.20.0.0/16', 'worker 100.64.0.0/10']);
  });

  test.each([
    [30000, ['30001/32767', '30000/30000']],
    [32767, ['30000/32766', '32767/32767']],
    [31000, ['30000/30999', '31001/32767', '31000/31000']],
  ])('console NodePort %i cuts the range into %j', (consoleNodePort, ranges) => {
    const nodePortRanges = clusterRuleMatrix({ ...TEST, consoleNodePort })
      .filter((s) => Number(s.portRange.split('/')[0]) >= 30000)
      .map((s) => s.portRange);
    expect([...new Set(nodePortRanges)]).toEqual(ranges);
  });

  test('SSH only from the admin sources and the install host: never the VPC', () => {
    expect(acceptedFrom(PROD, 22)).toEqual([
      'controlPlane 10.20.0.5/32',
      'controlPlane 10.20.0.10/32',
      'worker 10.20.0.5/32',
      'worker 10.20.0.10/32',
    ]);
    expect(
      clusterRuleMatrix(PROD).find((s) => s.portRange === '22/22' && 'cidr' in s.source && s.source.cidr === '10.20.0.10/32')?.description,
    ).toBe('Allow SSH from the KubeKey install host 10.20.0.10/32');
  });

  test('no admin CIDRs and no install host: no SSH at all, and no console', () => {
    const specs = clusterRuleMatrix({ ...PROD, adminCidrs: [], installHost: undefined });
    expect(specs.filter((s) => s.portRange === '22/22' || s.portRange === '30880/30880')).toEqual([]);
  });

  test.each<[string, Partial<ClusterRuleMatrixInput>, Array<[string, string]>]>([
    [
      'SSH from the internet',
      { adminCidrs: ['10.0.0.0/8', '0.0.0.0/0'] },
      [
        [
          'adminCidrs[1]',
          'is the whole internet; SSH on the nodes must only be reachable from known networks (list the office, VPN or CI ranges)',
        ],
      ],
    ],
    [
      'the API from half the internet',
      { apiClientCidrs: ['0.0.0.0/1'] },
      [
        [
          'apiClientCidrs[0]',
          'is broader than a /8; the Kubernetes API must only be reachable from known networks (list the office, VPN or CI ranges)',
        ],
      ],
    ],
    ['a repeated admin CIDR', { adminCidrs: ['203.0.113.0/24', '203.0.113.0/24'] }, [['adminCidrs[1]', 'repeats an earlier entry']]],
    [
      'a bad client CIDR',
      { apiClientCidrs: ['198.51.100.1/24'] },
      [['apiClientCidrs[0]', 'has host bits set (did you mean 198.51.100.0/24?)']],
    ],
    ['a bad VPC CIDR', { vpcCidr: '10.20.0.0' }, [['vpcCidr', 'is not an IPv4 CIDR (expected a.b.c.d/n)']]],
    ['a /0 VPC CIDR', { vpcCidr: '0.0.0.0/0' }, [['vpcCidr', 'is the whole internet; expected the VPC CIDR']]],
    ['a bad install host', { installHost: '10.20.0.0/24' }, [['installHost', 'is not an IPv4 address (expected a.b.c.d)']]],
    [
      'a console port outside the NodePort range',
      { consoleNodePort: 8080 },
      [['consoleNodePort', 'is not a NodePort; expected 30000 to 32767']],
    ],
  ])('refuses %s', (_title, change, expected) => {
    expect(issuesOf(() => clusterRuleMatrix({ ...PROD, ...change }))).toEqual(expected);
  });

  // A rule's key names its Pulumi child: a changed key replaces the security group rule.
  test('every rule key, in order (production, split groups)', () => {
    expect(clusterRuleMatrix(PROD).map((s) => s.key)).toEqual([
      'cp-ssh-from-10-20-0-5-32',
      'cp-ssh-from-10-20-0-10-32',
      'cp-etcd-from-cp',
      'cp-apiserver-from-cp',
      'cp-apiserver-from-worker',
      'cp-apiserver-from-100-64-0-0-10',
      'cp-apiserver-from-198-51-100-0-24',
      'cp-kubelet-from-cp',
      'cp-kubelet-from-worker',
      'cp-bgp-from-cp',
      'cp-bgp-from-worker',
      'cp-calico-from-cp',
      'cp-calico-from-worker',
      'cp-dns-tcp-from-cp',
      'cp-dns-tcp-from-worker',
      'cp-dns-udp-from-cp',
      'cp-dns-udp-from-worker',
      'cp-ipip-from-cp',
      'cp-ipip-from-worker',
      'cp-deny-etcd-from-worker',
      'cp-deny-controllers-from-worker',
      'worker-ssh-from-10-20-0-5-32',
      'worker-ssh-from-10-20-0-10-32',
      'worker-kubelet-from-cp',
      'worker-kubelet-from-worker',
      'worker-bgp-from-cp',
      'worker-bgp-from-worker',
      'worker-calico-from-cp',
      'worker-calico-from-worker',
      'worker-dns-tcp-from-cp',
      'worker-dns-tcp-from-worker',
      'worker-dns-udp-from-cp',
      'worker-dns-udp-from-worker',
      'worker-nodeport-from-10-20-0-0-16',
      'worker-nodeport-from-100-64-0-0-10',
      'worker-nodeport-high-from-10-20-0-0-16',
      'worker-nodeport-high-from-100-64-0-0-10',
      'worker-console-from-10-20-0-5-32',
      'worker-ipip-from-cp',
      'worker-ipip-from-worker',
    ]);
  });

  test('one group: keys say "nodes"', () => {
    expect(clusterRuleMatrix(TEST).map((s) => s.key)).toEqual([
      'nodes-ssh-from-10-20-0-5-32',
      'nodes-ssh-from-10-20-0-10-32',
      'nodes-etcd-from-nodes',
      'nodes-apiserver-from-nodes',
      'nodes-apiserver-from-100-64-0-0-10',
      'nodes-apiserver-from-198-51-100-0-24',
      'nodes-kubelet-from-nodes',
      'nodes-bgp-from-nodes',
      'nodes-calico-from-nodes',
      'nodes-dns-tcp-from-nodes',
      'nodes-dns-udp-from-nodes',
      'nodes-nodeport-from-10-20-0-0-16',
      'nodes-nodeport-from-100-64-0-0-10',
      'nodes-nodeport-high-from-10-20-0-0-16',
      'nodes-nodeport-high-from-100-64-0-0-10',
      'nodes-console-from-10-20-0-5-32',
      'nodes-ipip-from-nodes',
    ]);
  });

  test.each([
    ['cp-ssh-from-10-20-0-5-32', 'Allow SSH from admin network 10.20.0.5/32'],
    ['worker-ssh-from-10-20-0-10-32', 'Allow SSH from the KubeKey install host 10.20.0.10/32'],
    ['cp-etcd-from-cp', 'Allow etcd client and peer from cp nodes'],
    ['cp-apiserver-from-worker', 'Allow kube-apiserver from worker nodes'],
    ['cp-apiserver-from-100-64-0-0-10', 'Allow kube-apiserver from the apiserver SLB (health checks) 100.64.0.0/10'],
    ['cp-apiserver-from-198-51-100-0-24', 'Allow kube-apiserver from API clients via the SLB 198.51.100.0/24'],
    ['worker-kubelet-from-cp', 'Allow kubelet API from cp nodes'],
    ['worker-bgp-from-worker', 'Allow Calico BGP from worker nodes'],
    ['cp-calico-from-worker', 'Allow Calico felix health / node metrics from worker nodes'],
    ['worker-dns-tcp-from-cp', 'Allow cluster DNS (TCP) from cp nodes'],
    ['worker-dns-udp-from-worker', 'Allow cluster DNS (UDP) from worker nodes'],
    ['worker-nodeport-from-10-20-0-0-16', "Allow Kubernetes NodePorts (below the console's) from the VPC 10.20.0.0/16"],
    ['worker-nodeport-high-from-10-20-0-0-16', "Allow Kubernetes NodePorts (above the console's) from the VPC 10.20.0.0/16"],
    ['worker-console-from-10-20-0-5-32', 'Allow the KubeSphere console NodePort from admin network 10.20.0.5/32'],
    ['worker-nodeport-from-100-64-0-0-10', "Allow Kubernetes NodePorts (below the console's) from Alibaba SLBs 100.64.0.0/10"],
    ['cp-ipip-from-worker', 'Allow Calico IPIP (IP protocol 4; SG rules cannot name it, so all protocols) from worker nodes'],
    ['cp-deny-etcd-from-worker', 'Deny etcd client and peer from worker nodes'],
    ['cp-deny-controllers-from-worker', 'Deny controller-manager / scheduler from worker nodes'],
  ])('%s is described as "%s"', (key, description) => {
    expect(clusterRuleMatrix(PROD).find((s) => s.key === key)?.description).toBe(description);
  });

  test('VXLAN rules are keyed and described as VXLAN', () => {
    const specs = clusterRuleMatrix({ ...PROD, overlay: 'vxlan' }).filter((s) => s.portRange === '4789/4789');
    expect(specs.map((s) => [s.key, s.description])).toEqual([
      ['cp-vxlan-from-cp', 'Allow Calico VXLAN from cp nodes'],
      ['cp-vxlan-from-worker', 'Allow Calico VXLAN from worker nodes'],
      ['worker-vxlan-from-cp', 'Allow Calico VXLAN from cp nodes'],
      ['worker-vxlan-from-worker', 'Allow Calico VXLAN from worker nodes'],
    ]);
  });

  test('drop rules keep their deny- keys and Deny descriptions; accept rules never say so', () => {
    const specs = clusterRuleMatrix(PROD);
    const drops = specs.filter((s) => s.policy === 'drop');
    expect(drops.map((s) => s.key)).toEqual(['cp-deny-etcd-from-worker', 'cp-deny-controllers-from-worker']);
    expect(drops.map((s) => [s.description.split(' ')[0], s.source, s.priority])).toEqual([
      ['Deny', { group: 'worker' }, 1],
      ['Deny', { group: 'worker' }, 1],
    ]);
    const accepts = specs.filter((s) => s.policy === 'accept');
    expect(accepts.every((s) => s.description.startsWith('Allow ') && !s.key.includes('deny'))).toBe(true);
  });

  test('the IPIP catch-all ranks below the drop guards', () => {
    const ipip = clusterRuleMatrix(PROD).filter((s) => s.ipProtocol === 'all');
    expect(ipip.map((s) => s.priority)).toEqual([100, 100, 100, 100]);
  });

  test('the default overlay is IPIP', () => {
    expect(clusterRuleMatrix({ ...PROD, overlay: 'ipip' })).toEqual(clusterRuleMatrix(PROD));
  });

  test('no API clients is allowed: the apiserver then takes the nodes and the SLB range only', () => {
    const apiserver = clusterRuleMatrix({ ...PROD, apiClientCidrs: [] }).filter((s) => s.portRange === '6443/6443');
    expect(apiserver.map((s) => s.source)).toEqual([{ group: 'controlPlane' }, { group: 'worker' }, { cidr: '100.64.0.0/10' }]);
  });

  test('the refusal is titled for the security rules', () => {
    expect(() => clusterRuleMatrix({ ...PROD, vpcCidr: 'x' })).toThrow('Invalid cluster security rules');
  });
});
