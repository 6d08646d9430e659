import { Network } from '../../../../constructs/alicloud/network';
import { ValidationError } from '../../../../constructs/lib/validation';
import { evaluate, ofType } from '../../../helpers/evaluate';

describe('Network', () => {
  test('creates the VPC, one vSwitch per zone with planned CIDRs, and the named security groups', async () => {
    const stack = await evaluate(() => {
      new Network('net', {
        vpcCidr: '10.20.0.0/16',
        zones: ['cn-shenzhen-e', 'cn-shenzhen-f'],
        securityGroups: ['prod-control-plane', 'devtools'],
        tags: { team: 'platform' },
      });
    });

    const vpcs = ofType(stack, 'alicloud:vpc/network:Network');
    expect(vpcs).toHaveLength(1);
    expect(vpcs[0].name).toBe('net-vpc');
    expect(vpcs[0].inputs.cidrBlock).toBe('10.20.0.0/16');
    expect(vpcs[0].parent).toBe('aliyun-kubesphere:alicloud:Network::net');

    const vswitches = ofType(stack, 'alicloud:vpc/switch:Switch');
    expect(vswitches.map((v) => [v.name, v.inputs.zoneId, v.inputs.cidrBlock])).toEqual([
      ['net-vsw-cn-shenzhen-e', 'cn-shenzhen-e', '10.20.0.0/20'],
      ['net-vsw-cn-shenzhen-f', 'cn-shenzhen-f', '10.20.16.0/20'],
    ]);
    expect(vswitches.every((v) => typeof v.inputs.vpcId === 'string' && (v.inputs.vpcId as string).startsWith('vpc-'))).toBe(true);

    const groups = ofType(stack, 'alicloud:ecs/securityGroup:SecurityGroup');
    expect(groups.map((g) => g.name)).toEqual(['net-sg-prod-control-plane', 'net-sg-devtools']);
    expect(groups.every((g) => g.inputs.innerAccessPolicy === 'Drop')).toBe(true);
    expect(stack.resources).toHaveLength(1 + 1 + 2 + 2);
  });

  test('honours an explicit vSwitch prefix length', async () => {
    const stack = await evaluate(() => {
      new Network('net', { vpcCidr: '192.168.0.0/16', zones: ['cn-shenzhen-e', 'cn-shenzhen-f', 'cn-shenzhen-d'], vswitchPrefixLength: 24 });
    });
    expect(ofType(stack, 'alicloud:vpc/switch:Switch').map((v) => v.inputs.cidrBlock)).toEqual(['192.168.0.0/24', '192.168.1.0/24', '192.168.2.0/24']);
    expect(ofType(stack, 'alicloud:ecs/securityGroup:SecurityGroup')).toHaveLength(0);
  });

  test('refuses a VPC too small for its zones before registering anything', () => {
    expect(() => new Network('net', { vpcCidr: '10.0.0.0/28', zones: ['cn-shenzhen-e', 'cn-shenzhen-f', 'cn-shenzhen-d'] })).toThrow(ValidationError);
  });
});
