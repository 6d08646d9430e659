import { defaultVSwitchPrefixLength, planVSwitches } from '../../../../constructs/alicloud/network/plan';
import { mustParseCidr } from '../../../../constructs/core/cidr';
import { ValidationError } from '../../../../constructs/core/validation';
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
    [
      'a VPC too small for its zones',
      { vpcCidr: '10.0.0.0/28', zones: ['z-a-a', 'z-a-b', 'z-a-c'] },
      [['vpcCidr', 'leaves vSwitches of /30 for 3 zone(s); Alibaba vSwitches take /16 to /29 inside the VPC']],
    ],
    [
      'a public VPC range',
      { vpcCidr: '8.8.0.0/16', zones: ['z-a-a'] },
      [['vpcCidr', 'is not a private range; expected a block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16']],
    ],
    ['a bad CIDR', { vpcCidr: '10.0.0/16', zones: ['z-a-a'] }, [['vpcCidr', 'is not an IPv4 CIDR (expected a.b.c.d/n)']]],
    ['no zones', { vpcCidr: '10.0.0.0/16', zones: [] }, [['zones', 'is empty; expected at least one zone']]],
    ['a repeated zone', { vpcCidr: '10.0.0.0/16', zones: ['z-a-a', 'z-a-a'] }, [['zones', 'repeats z-a-a; each zone gets one vSwitch']]],
    [
      'a prefix outside the VPC',
      { vpcCidr: '10.0.0.0/24', zones: ['z-a-a'], vswitchPrefixLength: 20 },
      [['vswitchPrefixLength', 'leaves vSwitches of /20 for 1 zone(s); Alibaba vSwitches take /16 to /29 inside the VPC']],
    ],
  ])('refuses %s', (_name, input, expected) => {
    expect(issuesOf(() => planVSwitches(input))).toEqual(expected);
  });

  // Every limit is accepted at its edge, so an off-by-one that refuses it fails here.
  test.each([
    ['a /8 VPC, the largest Alibaba takes', '10.0.0.0/8', ['z-a-a'], undefined, ['10.0.0.0/20']],
    ['a /28 VPC, the smallest, as one vSwitch the size of the VPC', '10.0.0.0/28', ['z-a-a'], undefined, ['10.0.0.0/28']],
    ['a /28 VPC split into two /29 vSwitches', '10.0.0.0/28', ['z-a-a', 'z-a-b'], undefined, ['10.0.0.0/29', '10.0.0.8/29']],
    ['a given /29 vSwitch, the smallest', '192.168.0.0/24', ['z-a-a', 'z-a-b'], 29, ['192.168.0.0/29', '192.168.0.8/29']],
    ['a given /16 vSwitch the size of the VPC', '192.168.0.0/16', ['z-a-a'], 16, ['192.168.0.0/16']],
    [
      'as many zones as the VPC holds',
      '10.0.0.0/24',
      ['z-a-a', 'z-a-b', 'z-a-c', 'z-a-d'],
      26,
      ['10.0.0.0/26', '10.0.0.64/26', '10.0.0.128/26', '10.0.0.192/26'],
    ],
  ])('accepts %s', (_name, vpcCidr, zones, prefix, expected) => {
    expect(planVSwitches({ vpcCidr, zones, vswitchPrefixLength: prefix })).toEqual(zones.map((zone, i) => ({ zone, cidr: expected[i] })));
  });

  test.each([
    [
      'a /29 VPC, one past the smallest',
      { vpcCidr: '10.0.0.0/29', zones: ['z-a-a'] },
      [['vpcCidr', 'has a /29 mask; Alibaba VPCs take /8 to /28']],
    ],
    [
      'a /7 VPC, one past the largest',
      { vpcCidr: '10.0.0.0/7', zones: ['z-a-a'] },
      [
        ['vpcCidr', 'is not a private range; expected a block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16'],
        ['vpcCidr', 'has a /7 mask; Alibaba VPCs take /8 to /28'],
      ],
    ],
    [
      'a given /30 vSwitch, one past the smallest',
      { vpcCidr: '192.168.0.0/24', zones: ['z-a-a'], vswitchPrefixLength: 30 },
      [['vswitchPrefixLength', 'leaves vSwitches of /30 for 1 zone(s); Alibaba vSwitches take /16 to /29 inside the VPC']],
    ],
    [
      'a given /15 vSwitch, one past the largest',
      { vpcCidr: '10.0.0.0/8', zones: ['z-a-a'], vswitchPrefixLength: 15 },
      [['vswitchPrefixLength', 'leaves vSwitches of /15 for 1 zone(s); Alibaba vSwitches take /16 to /29 inside the VPC']],
    ],
    [
      'one zone more than the VPC holds',
      { vpcCidr: '10.0.0.0/24', zones: ['z-a-a', 'z-a-b', 'z-a-c', 'z-a-d', 'z-a-e'], vswitchPrefixLength: 26 },
      [['zones', 'has 5 zones, but 10.0.0.0/24 holds only 4 vSwitches of /26']],
    ],
    [
      'a VPC CIDR with trailing text',
      { vpcCidr: '10.0.0.0/163', zones: ['z-a-a'] },
      [['vpcCidr', 'is not an IPv4 CIDR (expected a.b.c.d/n)']],
    ],
  ])('refuses %s', (_name, input, expected) => {
    expect(issuesOf(() => planVSwitches(input))).toEqual(expected);
  });
});

describe('defaultVSwitchPrefixLength', () => {
  test.each([
    // [VPC, zones, prefix]: enough bits to number the zones, never larger than a /20.
    ['10.0.0.0/16', 1, 20],
    ['10.0.0.0/24', 0, 24],
    ['10.0.0.0/24', 1, 24],
    ['10.0.0.0/24', 2, 25],
    ['10.0.0.0/24', 3, 26],
    ['10.0.0.0/24', 4, 26],
    ['10.0.0.0/24', 5, 27],
  ])('%s for %i zone(s) is /%i', (vpc, zones, expected) => {
    expect(defaultVSwitchPrefixLength(mustParseCidr(vpc), zones)).toBe(expected);
  });
});

describe('planVSwitches refusals', () => {
  /** The ValidationError planVSwitches threw. */
  function errorOf(input: Parameters<typeof planVSwitches>[0]): ValidationError {
    try {
      planVSwitches(input);
    } catch (e) {
      if (e instanceof ValidationError) {
        return e;
      }
      throw e;
    }
    throw new Error('expected a ValidationError');
  }

  test('a bad VPC CIDR stops the plan, titled and naming the value', () => {
    const error = errorOf({ vpcCidr: '10.0.0/16', zones: [] });
    expect(error.message).toMatch(/^Invalid network plan/);
    expect(error.issues).toEqual([{ key: 'vpcCidr', value: '10.0.0/16', message: 'is not an IPv4 CIDR (expected a.b.c.d/n)' }]);
  });

  test('other problems are titled the same', () => {
    expect(errorOf({ vpcCidr: '10.0.0.0/16', zones: [] }).message).toMatch(/^Invalid network plan/);
  });

  test('every repeated zone is listed', () => {
    expect(errorOf({ vpcCidr: '10.0.0.0/16', zones: ['z-a-a', 'z-a-b', 'z-a-a', 'z-a-b'] }).issues.map((i) => i.message)).toEqual([
      'repeats z-a-a, z-a-b; each zone gets one vSwitch',
    ]);
  });

  test('a bad vSwitch size shows the value the user gave: the VPC when derived, the prefix when given', () => {
    expect(errorOf({ vpcCidr: '10.0.0.0/28', zones: ['z-a-a', 'z-a-b', 'z-a-c'] }).issues.map((i) => [i.key, i.value])).toEqual([
      ['vpcCidr', '10.0.0.0/28'],
    ]);
    expect(errorOf({ vpcCidr: '10.0.0.0/24', zones: ['z-a-a'], vswitchPrefixLength: 30 }).issues.map((i) => [i.key, i.value])).toEqual([
      ['vswitchPrefixLength', 30],
    ]);
  });
});
