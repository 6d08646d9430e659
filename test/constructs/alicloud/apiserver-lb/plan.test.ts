import { ApiServerLbInput, LOAD_BALANCER_SPECS, resolveApiServerLb } from '../../../../constructs/alicloud/apiserver-lb/plan';
import { issuesOf } from '../../../helpers/issues';

/** `ApplicationLoadBalancerArgs.loadBalancerSpec` in @pulumi/alicloud, spelled out. */
const PROVIDER_SPECS = ['slb.s1.small', 'slb.s2.small', 'slb.s2.medium', 'slb.s3.small', 'slb.s3.medium', 'slb.s3.large', 'slb.s4.large'];
const SPECS = PROVIDER_SPECS.join(', ');

const CP = ['etcd', 'control-plane'] as const;
const OK: ApiServerLbInput = {
  nodes: [1, 2, 3].map((i) => ({ name: `m-${i}`, roles: [...CP] })),
  allowedCidrs: ['198.51.100.0/24'],
  hasVSwitch: false,
};

describe('resolveApiServerLb', () => {
  test.each<[string, Partial<ApiServerLbInput>, object]>([
    ['defaults: internet, slb.s1.small billed by spec, 6443', {}, { addressType: 'internet', loadBalancerSpec: 'slb.s1.small', instanceChargeType: 'PayBySpec', port: 6443 }],
    ['intranet with a vSwitch', { addressType: 'intranet', hasVSwitch: true }, { addressType: 'intranet', loadBalancerSpec: 'slb.s1.small', instanceChargeType: 'PayBySpec', port: 6443 }],
    ['capacity-unit billing has no spec', { instanceChargeType: 'PayByCLCU' }, { addressType: 'internet', loadBalancerSpec: undefined, instanceChargeType: 'PayByCLCU', port: 6443 }],
    ['a bigger spec and another port', { loadBalancerSpec: 'slb.s2.medium', port: 8443 }, { addressType: 'internet', loadBalancerSpec: 'slb.s2.medium', instanceChargeType: 'PayBySpec', port: 8443 }],
  ])('%s', (_title, change, expected) => {
    expect(resolveApiServerLb({ ...OK, ...change })).toEqual(expected);
  });

  test('the spec list is exactly what the provider accepts, and each one passes', () => {
    expect([...LOAD_BALANCER_SPECS]).toEqual(PROVIDER_SPECS);
    for (const spec of LOAD_BALANCER_SPECS) {
      expect(resolveApiServerLb({ ...OK, loadBalancerSpec: spec }).loadBalancerSpec).toBe(spec);
    }
  });

  test.each<[string, Partial<ApiServerLbInput>, Array<[string, string]>]>([
    ['no backends', { nodes: [] }, [['controlPlaneNodes', 'is empty; expected the control-plane nodes the apiserver runs on']]],
    ['a worker as backend', { nodes: [...OK.nodes, { name: 'w-1', roles: ['worker'] }] }, [['controlPlaneNodes[3]', 'has roles ["worker"]; only control-plane nodes run kube-apiserver']]],
    ['a node listed twice', { nodes: [...OK.nodes, OK.nodes[0]] }, [['controlPlaneNodes[3]', 'is listed twice']]],
    ['an empty ACL', { allowedCidrs: [] }, [['allowedCidrs', 'is empty; list the CIDRs allowed to reach the Kubernetes API']]],
    [
      'an open ACL',
      { allowedCidrs: ['198.51.100.0/24', '0.0.0.0/0'] },
      [['allowedCidrs[1]', 'is the whole internet; the Kubernetes API must only be reachable from known networks (list the office, VPN or CI ranges)']],
    ],
    ['a bad ACL entry', { allowedCidrs: ['198.51.100.0/33'] }, [['allowedCidrs[0]', 'is not an IPv4 CIDR (prefix length must be 0-32)']]],
    ['intranet without a vSwitch', { addressType: 'intranet' }, [['vswitchId', 'is required for an intranet SLB (the address is taken from that vSwitch)']]],
    ['internet with a vSwitch', { hasVSwitch: true }, [['vswitchId', 'is ignored by an internet SLB; leave it out, or set addressType: intranet']]],
    ['a spec with capacity units', { instanceChargeType: 'PayByCLCU', loadBalancerSpec: 'slb.s1.small' }, [['loadBalancerSpec', 'is ignored by a PayByCLCU SLB; leave it out, or use PayBySpec']]],
    ['an unknown spec', { loadBalancerSpec: 'slb.s9.huge' }, [['loadBalancerSpec', `is not a CLB spec; expected one of ${SPECS}`]]],
    // Shaped like a spec, but no such CLB exists: the provider only has these seven.
    ['slb.s1.large', { loadBalancerSpec: 'slb.s1.large' }, [['loadBalancerSpec', `is not a CLB spec; expected one of ${SPECS}`]]],
    ['slb.s4.small', { loadBalancerSpec: 'slb.s4.small' }, [['loadBalancerSpec', `is not a CLB spec; expected one of ${SPECS}`]]],
    ['port 0', { port: 0 }, [['port', 'must be a TCP port (1-65535)']]],
  ])('refuses %s', (_title, change, expected) => {
    expect(issuesOf(() => resolveApiServerLb({ ...OK, ...change }))).toEqual(expected);
  });
});
