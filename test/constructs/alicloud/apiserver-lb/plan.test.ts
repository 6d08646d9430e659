import { ApiServerLbInput, resolveApiServerLb } from '../../../../constructs/alicloud/apiserver-lb/plan';
import { issuesOf } from '../../../helpers/issues';

const CP = ['etcd', 'control-plane'] as const;
const OK: ApiServerLbInput = {
  nodes: [1, 2, 3].map((i) => ({ name: `m-${i}`, roles: [...CP] })),
  allowedCidrs: ['198.51.100.0/24'],
  hasVSwitch: false,
};

describe('resolveApiServerLb', () => {
  test.each<[string, Partial<ApiServerLbInput>, object]>([
    // Billed by LCU, never by spec: pay-by-spec CLBs can no longer be created (help doc 127268).
    ['defaults: internet, billed by LCU, 6443', {}, { addressType: 'internet', instanceChargeType: 'PayByCLCU', port: 6443 }],
    [
      'intranet with a vSwitch',
      { addressType: 'intranet', hasVSwitch: true },
      { addressType: 'intranet', instanceChargeType: 'PayByCLCU', port: 6443 },
    ],
    ['another port', { port: 8443 }, { addressType: 'internet', instanceChargeType: 'PayByCLCU', port: 8443 }],
  ])('%s', (_title, change, expected) => {
    expect(resolveApiServerLb({ ...OK, ...change })).toEqual(expected);
  });

  test.each<[string, Partial<ApiServerLbInput>, Array<[string, string]>]>([
    ['no backends', { nodes: [] }, [['controlPlaneNodes', 'is empty; expected the control-plane nodes the apiserver runs on']]],
    [
      'a worker as backend',
      { nodes: [...OK.nodes, { name: 'w-1', roles: ['worker'] }] },
      [['controlPlaneNodes[3]', 'has roles ["worker"]; only control-plane nodes run kube-apiserver']],
    ],
    ['a node listed twice', { nodes: [...OK.nodes, OK.nodes[0]] }, [['controlPlaneNodes[3]', 'is listed twice']]],
    ['an empty ACL', { allowedCidrs: [] }, [['allowedCidrs', 'is empty; list the CIDRs allowed to reach the Kubernetes API']]],
    [
      'an open ACL',
      { allowedCidrs: ['198.51.100.0/24', '0.0.0.0/0'] },
      [
        [
          'allowedCidrs[1]',
          'is the whole internet; the Kubernetes API must only be reachable from known networks (list the office, VPN or CI ranges)',
        ],
      ],
    ],
    ['a bad ACL entry', { allowedCidrs: ['198.51.100.0/33'] }, [['allowedCidrs[0]', 'is not an IPv4 CIDR (prefix length must be 0-32)']]],
    [
      'intranet without a vSwitch',
      { addressType: 'intranet' },
      [['vswitchId', 'is required for an intranet SLB (the address is taken from that vSwitch)']],
    ],
    [
      'internet with a vSwitch',
      { hasVSwitch: true },
      [['vswitchId', 'is ignored by an internet SLB; leave it out, or set addressType: intranet']],
    ],
    ['port 0', { port: 0 }, [['port', 'must be a TCP port (1-65535)']]],
  ])('refuses %s', (_title, change, expected) => {
    expect(issuesOf(() => resolveApiServerLb({ ...OK, ...change }))).toEqual(expected);
  });
});
