import { HostRole, KubeKeyClusterInput, buildClusterDocument, defaultInternalLoadbalancer } from '../../../constructs/kubekey';
import { productionInput } from './fixtures';

const hosts = (...roles: HostRole[][]) => roles.map((r) => ({ roles: r }));

describe('defaultInternalLoadbalancer: haproxy whenever there are several control planes (the SLB hairpin trap)', () => {
  test.each([
    [
      '3 control planes, no address',
      hosts(['etcd', 'control-plane'], ['etcd', 'control-plane'], ['etcd', 'control-plane'], ['worker']),
      '',
      'haproxy',
    ],
    ['2 control planes, no address', hosts(['control-plane'], ['control-plane', 'worker']), '', 'haproxy'],
    ['1 control plane: every node reaches it directly', hosts(['etcd', 'control-plane', 'worker'], ['worker']), '', undefined],
    ['no hosts', hosts(), '', undefined],
    [
      'an external load balancer address is kept (KubeKey refuses haproxy with one)',
      hosts(['control-plane'], ['control-plane']),
      '10.0.0.5',
      undefined,
    ],
  ])('%s', (_name, given, address, expected) => {
    expect(defaultInternalLoadbalancer(given, address)).toBe(expected);
  });
});

describe('every package user gets it in the rendered Cluster document', () => {
  const endpoint = (input: KubeKeyClusterInput) => buildClusterDocument(input).spec.controlPlaneEndpoint;

  test('several control planes and no controlPlaneEndpoint: haproxy with an empty address', () => {
    const input = { ...productionInput, controlPlaneEndpoint: undefined, requireHighAvailability: true };
    expect(endpoint(input)).toEqual({ internalLoadbalancer: 'haproxy', domain: 'lb.kubesphere.local', address: '', port: 6443 });
  });

  test('one control plane: no internal load balancer', () => {
    const input = {
      ...productionInput,
      controlPlaneEndpoint: undefined,
      requireHighAvailability: false,
      hosts: productionInput.hosts.filter((h) => h.name !== 'master-2' && h.name !== 'master-3'),
    };
    expect(endpoint(input)).toEqual({ domain: 'lb.kubesphere.local', address: '', port: 6443 });
  });

  test('a chosen load balancer stays as chosen', () => {
    const input = { ...productionInput, controlPlaneEndpoint: { internalLoadbalancer: 'kube-vip' as const, address: '172.16.0.250' } };
    expect(endpoint(input)).toEqual({
      internalLoadbalancer: 'kube-vip',
      domain: 'lb.kubesphere.local',
      address: '172.16.0.250',
      port: 6443,
    });
    expect(endpoint({ ...productionInput, controlPlaneEndpoint: { address: '172.16.0.250' } })).toEqual({
      domain: 'lb.kubesphere.local',
      address: '172.16.0.250',
      port: 6443,
    });
  });
});
