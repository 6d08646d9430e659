import { planVSwitches } from '../../../../constructs/alicloud/network/plan';
import { issuesOf } from '../../../helpers/issues';

describe('planVSwitches', () => {
  test.each([
    // The default splits the VPC evenly, but no vSwitch is larger than a /20.
    ['10.20.0.0/16', ['a-z1-e', 'a-z1-f'], undefined, ['10.20.0.0/20', '10.20.16.0/20']],
    ['10.20.0.0/22', ['a-z1-e', 'a-z1-f'], undefined, ['10.20.0.0/23', '10.20.2.0/23']],
    ['10.20.0.0/24', ['a-z1-e', 'a-z1-f', 'a-z1-g'], undefined, ['10.20.0.0/26', '10.20.0.64/26', '10.20.0.128/26']],
    ['172.16.0.0/12', ['a-z1-e'], 24, ['172.16.0.0/24']],
    ['192.168.0.0/16', ['a-z1-e', 'a-z1-f'], 16, undefined],
  ])('%s over %j (prefix %s)', (vpcCidr, zones, prefix, expected) => {
    if (expected === undefined) {
      // Two /16 vSwitches cannot fit in one /16 VPC.
      expect(issuesOf(() => planVSwitches({ vpcCidr, zones, vswitchPrefixLength: prefix }))).toEqual([
        ['zones', 'has 2 zones, but 192.168.0.0/16 holds only 1 vSwitches of /16'],
      ]);
      return;
    }
    expect(planVSwitches({ vpcCidr, zones, vswitchPrefixLength: prefix })).toEqual(zones.map((zone, i) => ({ zone, cidr: expected[i] })));
  });

  test.each([
    ['a VPC too small for its zones', { vpcCidr: '10.0.0.0/28', zones: ['z-a-a', 'z-a-b', 'z-a-c'] }, [['vpcCidr', 'leaves vSwitches of /30 for 3 zone(s); Alibaba vSwitches take /16 to /29 inside the VPC']]],
    ['a public VPC range', { vpcCidr: '8.8.0.0/16', zones: ['z-a-a'] }, [['vpcCidr', 'is not a private range; expected a block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16']]],
    ['a bad CIDR', { vpcCidr: '10.0.0/16', zones: ['z-a-a'] }, [['vpcCidr', 'is not an IPv4 CIDR (expected a.b.c.d/n)']]],
    ['no zones', { vpcCidr: '10.0.0.0/16', zones: [] }, [['zones', 'is empty; expected at least one zone']]],
    ['a repeated zone', { vpcCidr: '10.0.0.0/16', zones: ['z-a-a', 'z-a-a'] }, [['zones', 'repeats z-a-a; each zone gets one vSwitch']]],
    ['a prefix outside the VPC', { vpcCidr: '10.0.0.0/24', zones: ['z-a-a'], vswitchPrefixLength: 20 }, [['vswitchPrefixLength', 'leaves vSwitches of /20 for 1 zone(s); Alibaba vSwitches take /16 to /29 inside the VPC']]],
  ])('refuses %s', (_name, input, expected) => {
    expect(issuesOf(() => planVSwitches(input))).toEqual(expected);
  });
});
