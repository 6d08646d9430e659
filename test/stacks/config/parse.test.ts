import { ConfigError, parseStackConfig, stackKind } from '../../../stacks/config/parse';
import { RawConfig } from '../../../stacks/config/sources';

const GOOD_SHARED = {
  'alicloud:region': 'cn-shenzhen',
  'platform:network': { vpcCidr: '10.20.0.0/16', zones: ['cn-shenzhen-e', 'cn-shenzhen-f'], securityGroups: ['devtools'] },
};

function raw(stack: string, values: Record<string, unknown>): RawConfig {
  return { project: 'platform', stack, values };
}

function issuesOf(config: RawConfig): Array<[string, string]> {
  try {
    parseStackConfig(config);
  } catch (err) {
    if (err instanceof ConfigError) {
      return err.issues.map((i) => [i.key, i.message]);
    }
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('stackKind', () => {
  test.each([
    ['shared', 'shared'],
    ['prod', 'cluster'],
    ['test', 'cluster'],
    ['pr-42', 'preview'],
    ['pr-0', undefined],
    ['staging', undefined],
  ])('%s is %s', (stack, kind) => {
    expect(stackKind(stack)).toBe(kind);
  });
});

describe('parseStackConfig', () => {
  test('reads the shared stack into a typed spec', () => {
    expect(parseStackConfig(raw('shared', GOOD_SHARED))).toEqual({
      kind: 'shared',
      project: 'platform',
      stack: 'shared',
      region: 'cn-shenzhen',
      network: {
        vpcCidr: '10.20.0.0/16',
        zones: ['cn-shenzhen-e', 'cn-shenzhen-f'],
        securityGroups: ['devtools'],
        vswitchPrefixLength: undefined,
      },
      nas: undefined,
      site: undefined,
      devtools: undefined,
      secrets: {},
      missingSecrets: [],
      missingSettings: [],
    });
  });

  test('an empty natGateway map turns the NAT gateway on with the construct defaults', () => {
    const spec = parseStackConfig(
      raw('shared', { ...GOOD_SHARED, 'platform:network': { vpcCidr: '10.0.0.0/16', zones: ['cn-shenzhen-e'], natGateway: {} } }),
    );
    expect(spec.kind === 'shared' && spec.network.natGateway).toEqual({});
  });

  test('defaults the security groups to none', () => {
    const spec = parseStackConfig(
      raw('shared', { ...GOOD_SHARED, 'platform:network': { vpcCidr: '10.0.0.0/16', zones: ['cn-shenzhen-e'] } }),
    );
    expect(spec.kind === 'shared' && spec.network.securityGroups).toEqual([]);
  });

  test('ignores provider keys it does not own', () => {
    expect(() =>
      parseStackConfig(raw('shared', { ...GOOD_SHARED, 'alicloud:profile': 'default', 'kubernetes:context': 'x' })),
    ).not.toThrow();
  });

  test.each([
    [
      'a wrong type',
      { vpcCidr: 16, zones: ['cn-shenzhen-e'] },
      [['platform:network.vpcCidr', 'is a number; expected an IPv4 CIDR such as 10.0.0.0/16']],
    ],
    [
      'a bad CIDR',
      { vpcCidr: '10.20.0/16', zones: ['cn-shenzhen-e'] },
      [['platform:network.vpcCidr', 'is not an IPv4 CIDR (expected a.b.c.d/n)']],
    ],
    [
      'an out-of-range number',
      { vpcCidr: '10.20.0.0/16', zones: ['cn-shenzhen-e'], vswitchPrefixLength: 30 },
      [['platform:network.vswitchPrefixLength', 'is out of range; expected an integer from 16 to 29']],
    ],
    [
      'a bad zone',
      { vpcCidr: '10.20.0.0/16', zones: ['shenzhen'] },
      [['platform:network.zones[0]', 'is not allowed; expected an Alibaba zone id such as cn-shenzhen-e']],
    ],
    ['a missing field', { zones: ['cn-shenzhen-e'] }, [['platform:network.vpcCidr', 'is required']]],
    [
      'an unknown field',
      { vpcCidr: '10.20.0.0/16', zones: ['cn-shenzhen-e'], vpcCIDR: 'x' },
      [['platform:network.vpcCIDR', 'is not a known key; expected one of vpcCidr, zones, vswitchPrefixLength, securityGroups, natGateway']],
    ],
    [
      'a repeated zone',
      { vpcCidr: '10.20.0.0/16', zones: ['cn-shenzhen-e', 'cn-shenzhen-e'] },
      [['platform:network.zones[1]', 'repeats platform:network.zones[0]; entries must be unique']],
    ],
    [
      'a VPC too small for the zones',
      { vpcCidr: '10.20.0.0/28', zones: ['cn-shenzhen-e', 'cn-shenzhen-f', 'cn-shenzhen-d'] },
      [['platform:network.vpcCidr', 'leaves vSwitches of /30 for 3 zone(s); Alibaba vSwitches take /16 to /29 inside the VPC']],
    ],
    [
      'a NAT gateway in a zone without a vSwitch',
      { vpcCidr: '10.20.0.0/16', zones: ['cn-shenzhen-e'], natGateway: { vswitchZone: 'cn-shenzhen-f' } },
      [['platform:network.natGateway.vswitchZone', "is not one of the network's zones (cn-shenzhen-e)"]],
    ],
    [
      'a NAT bandwidth above a pay-by-traffic EIP',
      { vpcCidr: '10.20.0.0/16', zones: ['cn-shenzhen-e'], natGateway: { bandwidthMbps: 500 } },
      [['platform:network.natGateway.bandwidthMbps', 'is out of range; expected an integer from 1 to 200']],
    ],
    [
      'a list where a map belongs',
      ['10.20.0.0/16'],
      [['platform:network', 'is a list; expected a map with keys vpcCidr, zones, vswitchPrefixLength, securityGroups, natGateway']],
    ],
  ])('refuses %s', (_name, network, expected) => {
    expect(issuesOf(raw('shared', { ...GOOD_SHARED, 'platform:network': network }))).toEqual(expected);
  });

  test('reports a wrong type, a bad CIDR and an unknown key together, each by name', () => {
    const config = raw('shared', {
      'alicloud:region': 'cn-shenzhen',
      'platform:network': { vpcCidr: '10.20.0.0/33', zones: 'cn-shenzhen-e' },
      'platform:vpcCidr': '10.0.0.0/16',
    });
    expect(issuesOf(config)).toEqual([
      ['platform:network.vpcCidr', 'is not an IPv4 CIDR (prefix length must be 0-32)'],
      ['platform:network.zones', 'is a string; expected a list'],
      [
        'platform:vpcCidr',
        "is not a known key for stack 'shared'; expected one of platform:secrets, platform:network, platform:nas, platform:site, platform:devtools, platform:backup",
      ],
    ]);
    expect(() => parseStackConfig(config)).toThrow(
      [
        "Invalid config for stack 'shared' (3 problems):",
        '  - platform:network.vpcCidr: "10.20.0.0/33" is not an IPv4 CIDR (prefix length must be 0-32)',
        '  - platform:network.zones: "cn-shenzhen-e" is a string; expected a list',
        `  - platform:vpcCidr: "10.0.0.0/16" is not a known key for stack 'shared'; expected one of platform:secrets, platform:network, platform:nas, platform:site, platform:devtools`,
      ].join('\n'),
    );
  });

  test('requires the region and the network', () => {
    expect(issuesOf(raw('shared', {}))).toEqual([
      ['alicloud:region', "is required; set it with 'pulumi config set alicloud:region cn-shenzhen'"],
      ['platform:network', "is required for stack 'shared'"],
    ]);
  });

  test('refuses a stack with no composition', () => {
    expect(issuesOf(raw('staging', GOOD_SHARED))).toEqual([['stack', "has no composition; expected 'shared', 'prod', 'test'"]]);
  });
});
