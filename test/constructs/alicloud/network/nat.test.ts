import { DEFAULT_NAT_BANDWIDTH_MBPS, NetworkNatGatewayProps, resolveNatGateway } from '../../../../constructs/alicloud/network/nat';
import { issuesOf } from '../../../helpers/issues';

const ZONES = ['cn-shenzhen-e', 'cn-shenzhen-f'];

describe('resolveNatGateway', () => {
  test.each<[string, NetworkNatGatewayProps, object]>([
    [
      'defaults: the first zone, 100 Mbit/s, protected',
      {},
      { vswitchZone: 'cn-shenzhen-e', bandwidthMbps: DEFAULT_NAT_BANDWIDTH_MBPS, deletionProtection: true },
    ],
    ['another zone', { vswitchZone: 'cn-shenzhen-f' }, { vswitchZone: 'cn-shenzhen-f', bandwidthMbps: 100, deletionProtection: true }],
    ['the bandwidth limits', { bandwidthMbps: 200 }, { vswitchZone: 'cn-shenzhen-e', bandwidthMbps: 200, deletionProtection: true }],
    [
      'one Mbit/s, unprotected',
      { bandwidthMbps: 1, deletionProtection: false },
      { vswitchZone: 'cn-shenzhen-e', bandwidthMbps: 1, deletionProtection: false },
    ],
  ])('%s', (_title, props, expected) => {
    expect(resolveNatGateway(ZONES, props)).toEqual(expected);
  });

  test.each<[string, NetworkNatGatewayProps, Array<[string, string]>]>([
    [
      'a zone without a vSwitch',
      { vswitchZone: 'cn-shenzhen-d' },
      [['natGateway.vswitchZone', "is not one of the network's zones (cn-shenzhen-e, cn-shenzhen-f)"]],
    ],
    [
      'no bandwidth',
      { bandwidthMbps: 0 },
      [['natGateway.bandwidthMbps', 'must be a whole number of Mbit/s from 1 to 200 (a pay-by-traffic EIP)']],
    ],
    [
      'more than a pay-by-traffic EIP takes',
      { bandwidthMbps: 201 },
      [['natGateway.bandwidthMbps', 'must be a whole number of Mbit/s from 1 to 200 (a pay-by-traffic EIP)']],
    ],
    [
      'a fractional bandwidth',
      { bandwidthMbps: 1.5 },
      [['natGateway.bandwidthMbps', 'must be a whole number of Mbit/s from 1 to 200 (a pay-by-traffic EIP)']],
    ],
  ])('refuses %s', (_title, props, expected) => {
    expect(issuesOf(() => resolveNatGateway(ZONES, props))).toEqual(expected);
  });
});
