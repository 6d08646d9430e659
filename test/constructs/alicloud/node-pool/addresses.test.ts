import { DEFAULT_ADDRESS_OFFSET, NodeAddressInput, planNodeAddresses } from '../../../../constructs/alicloud/node-pool/addresses';
import { issuesOf } from '../../../helpers/issues';

const E = { zone: 'cn-shenzhen-e', cidr: '10.20.0.0/20' };
const F = { zone: 'cn-shenzhen-f', cidr: '10.20.16.0/20' };
const TINY = { zone: 'cn-shenzhen-e', cidr: '10.30.0.0/29' }; // 8 addresses: host indexes 1-4 usable

describe('planNodeAddresses', () => {
  test('round-robins over the zones and numbers from the offset within each vSwitch', () => {
    expect(planNodeAddresses({ vswitches: [E, F], count: 3, namePrefix: 'prod-master' })).toEqual([
      { name: 'prod-master-1', zone: 'cn-shenzhen-e', cidr: '10.20.0.0/20', vswitchIndex: 0, privateIp: '10.20.0.10' },
      { name: 'prod-master-2', zone: 'cn-shenzhen-f', cidr: '10.20.16.0/20', vswitchIndex: 1, privateIp: '10.20.16.10' },
      { name: 'prod-master-3', zone: 'cn-shenzhen-e', cidr: '10.20.0.0/20', vswitchIndex: 0, privateIp: '10.20.0.11' },
    ]);
    expect(DEFAULT_ADDRESS_OFFSET).toBe(10);
  });

  test.each<[string, NodeAddressInput, string[]]>([
    ['one zone', { vswitches: [E], count: 3, namePrefix: 'test' }, ['10.20.0.10', '10.20.0.11', '10.20.0.12']],
    [
      'workers after the masters',
      { vswitches: [E, F], count: 5, namePrefix: 'w', addressOffset: 20 },
      ['10.20.0.20', '10.20.16.20', '10.20.0.21', '10.20.16.21', '10.20.0.22'],
    ],
    // The first usable address is host index 1 (index 0 is the network address).
    ['lowest offset', { vswitches: [TINY], count: 1, namePrefix: 'n', addressOffset: 1 }, ['10.30.0.1']],
    // A /29 has 8 addresses; the last three (.5-.7) are reserved, so .1-.4 fit exactly.
    [
      'a full small vSwitch',
      { vswitches: [TINY], count: 4, namePrefix: 'n', addressOffset: 1 },
      ['10.30.0.1', '10.30.0.2', '10.30.0.3', '10.30.0.4'],
    ],
    [
      'overrides',
      { vswitches: [E, F], count: 3, namePrefix: 'n', privateIps: [undefined, '10.20.31.252', '10.20.0.1'] },
      ['10.20.0.10', '10.20.31.252', '10.20.0.1'],
    ],
  ])('%s', (_title, input, ips) => {
    expect(planNodeAddresses(input).map((n) => n.privateIp)).toEqual(ips);
  });

  test('pools sharing vSwitches with offsets a pool apart never overlap', () => {
    const masters = planNodeAddresses({ vswitches: [E, F], count: 3, namePrefix: 'm', addressOffset: 10 });
    const workers = planNodeAddresses({ vswitches: [E, F], count: 5, namePrefix: 'w', addressOffset: 20 });
    const all = [...masters, ...workers].map((n) => n.privateIp);
    expect(new Set(all).size).toBe(8);
  });

  test.each<[string, NodeAddressInput, Array<[string, string]>]>([
    [
      'no vSwitches',
      { vswitches: [], count: 1, namePrefix: 'n' },
      [['vswitches', 'is empty; expected at least one vSwitch to place nodes in']],
    ],
    [
      'a bad vSwitch CIDR',
      { vswitches: [{ zone: 'z', cidr: '10.0.0.1/24' }], count: 1, namePrefix: 'n' },
      [['vswitches[0].cidr', 'has host bits set (did you mean 10.0.0.0/24?)']],
    ],
    ['zero nodes', { vswitches: [E], count: 0, namePrefix: 'n' }, [['count', 'must be a whole number of at least 1']]],
    ['a fractional count', { vswitches: [E], count: 1.5, namePrefix: 'n' }, [['count', 'must be a whole number of at least 1']]],
    [
      'an upper-case prefix',
      { vswitches: [E], count: 1, namePrefix: 'Prod' },
      [
        [
          'namePrefix',
          'must match /^[a-z]([a-z0-9-]{0,48}[a-z0-9])?$/ (a DNS label, so node names are valid host and Kubernetes node names)',
        ],
      ],
    ],
    [
      'offset 0 (the network address)',
      { vswitches: [E], count: 1, namePrefix: 'n', addressOffset: 0 },
      [['addressOffset', "must be a whole number of at least 1; host index 0 is the vSwitch's reserved network address"]],
    ],
    [
      'more overrides than nodes',
      { vswitches: [E], count: 1, namePrefix: 'n', privateIps: ['10.20.0.5', '10.20.0.6'] },
      [['privateIps', 'has 2 entries for 1 node(s)']],
    ],
    [
      'a pool larger than the vSwitch room',
      { vswitches: [TINY], count: 5, namePrefix: 'n', addressOffset: 1 },
      [
        [
          'count',
          'puts 5 node(s) in 10.30.0.0/29 (cn-shenzhen-e) from host index 1, but only 4 usable address(es) remain there (the last 3 are reserved)',
        ],
      ],
    ],
    [
      'an offset past the room',
      { vswitches: [TINY], count: 1, namePrefix: 'n', addressOffset: 5 },
      [
        [
          'count',
          'puts 1 node(s) in 10.30.0.0/29 (cn-shenzhen-e) from host index 5, but only 0 usable address(es) remain there (the last 3 are reserved)',
        ],
      ],
    ],
    [
      'an address outside its vSwitch (node 2 is in zone f)',
      { vswitches: [E, F], count: 2, namePrefix: 'n', privateIps: [undefined, '10.20.0.50'] },
      [['privateIps[1]', 'is outside the vSwitch (node n-2 is in 10.20.16.0/20)']],
    ],
    [
      'the network address',
      { vswitches: [E], count: 1, namePrefix: 'n', privateIps: ['10.20.0.0'] },
      [['privateIps[0]', 'is reserved: Alibaba keeps the first 1 and the last 3 addresses of every vSwitch (node n-1 is in 10.20.0.0/20)']],
    ],
    [
      'one of the last three addresses',
      { vswitches: [E], count: 1, namePrefix: 'n', privateIps: ['10.20.15.253'] },
      [['privateIps[0]', 'is reserved: Alibaba keeps the first 1 and the last 3 addresses of every vSwitch (node n-1 is in 10.20.0.0/20)']],
    ],
    [
      'not an address',
      { vswitches: [E], count: 1, namePrefix: 'n', privateIps: ['10.20.0'] },
      [['privateIps[0]', 'is not an IPv4 address (node n-1 is in 10.20.0.0/20)']],
    ],
    [
      'two overrides alike',
      { vswitches: [E], count: 3, namePrefix: 'n', privateIps: ['10.20.0.100', undefined, '10.20.0.100'] },
      [['privateIps[2]', 'is used by both n-1 and n-3; each node needs its own address']],
    ],
    [
      "an override taking another node's planned address",
      { vswitches: [E], count: 2, namePrefix: 'n', privateIps: [undefined, '10.20.0.10'] },
      [['privateIps[1]', 'is used by both n-1 and n-2; each node needs its own address']],
    ],
  ])('refuses %s', (_title, input, expected) => {
    expect(issuesOf(() => planNodeAddresses(input))).toEqual(expected);
  });

  test('reports every bad override at once', () => {
    const issues = issuesOf(() =>
      planNodeAddresses({ vswitches: [E], count: 3, namePrefix: 'n', privateIps: ['8.8.8.8', '10.20.0.0', '10.20.15.255'] }),
    );
    expect(issues.map(([key]) => key)).toEqual(['privateIps[0]', 'privateIps[1]', 'privateIps[2]']);
  });
});
