import * as pulumi from '@pulumi/pulumi';
import { Network } from '../../../../constructs/alicloud';
import { ValidationError } from '../../../../constructs/core/validation';
import { mockResourceId } from '../../../../constructs/offline/mocks';
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
      new Network('net', {
        vpcCidr: '192.168.0.0/16',
        zones: ['cn-shenzhen-e', 'cn-shenzhen-f', 'cn-shenzhen-d'],
        vswitchPrefixLength: 24,
      });
    });
    expect(ofType(stack, 'alicloud:vpc/switch:Switch').map((v) => v.inputs.cidrBlock)).toEqual([
      '192.168.0.0/24',
      '192.168.1.0/24',
      '192.168.2.0/24',
    ]);
    expect(ofType(stack, 'alicloud:ecs/securityGroup:SecurityGroup')).toHaveLength(0);
  });

  test('an opt-in NAT gateway: enhanced, with an EIP bound to it and one SNAT entry per vSwitch', async () => {
    const snatDependsOn: unknown[] = [];
    const associations: unknown[] = [];
    const stack = await evaluate(() => {
      // An SNAT entry needs the EIP bound first; the mocks do not see `dependsOn`, so read it here.
      pulumi.runtime.registerStackTransformation((args) => {
        if (args.type === 'alicloud:vpc/snatEntry:SnatEntry') {
          snatDependsOn.push(args.opts.dependsOn);
        }
        return undefined;
      });
      const net = new Network('net', {
        vpcCidr: '10.20.0.0/16',
        zones: ['cn-shenzhen-e', 'cn-shenzhen-f'],
        natGateway: {},
        tags: { team: 'platform' },
      });
      associations.push(net.natGateway!.eipAssociation);
      return { outputs: { egressIp: net.egressIp, snatIds: net.natGateway?.snatEntries.map((e) => e.id) } };
    });
    const parent = 'aliyun-kubesphere:alicloud:Network::net';
    expect(snatDependsOn).toEqual([associations, associations]);
    const vswitchIds = ofType(stack, 'alicloud:vpc/switch:Switch').map((v) => mockResourceId(v.type, v.name));

    const [gateway] = ofType(stack, 'alicloud:vpc/natGateway:NatGateway');
    expect(gateway.name).toBe('net-nat');
    expect(gateway.parent).toBe(parent);
    expect(gateway.inputs).toMatchObject({
      natGatewayName: 'net',
      natType: 'Enhanced',
      networkType: 'internet',
      paymentType: 'PayAsYouGo',
      internetChargeType: 'PayByLcu',
      vpcId: expect.stringMatching(/^vpc-/),
      vswitchId: vswitchIds[0],
      deletionProtection: true,
      tags: { team: 'platform' },
    });

    const [eip] = ofType(stack, 'alicloud:ecs/eipAddress:EipAddress');
    expect(eip.inputs).toMatchObject({
      paymentType: 'PayAsYouGo',
      internetChargeType: 'PayByTraffic',
      bandwidth: '100',
      deletionProtection: true,
    });
    const [association] = ofType(stack, 'alicloud:ecs/eipAssociation:EipAssociation');
    expect(association.inputs).toEqual({
      allocationId: mockResourceId(eip.type, eip.name),
      instanceId: mockResourceId(gateway.type, gateway.name),
      instanceType: 'Nat',
    });

    const snat = ofType(stack, 'alicloud:vpc/snatEntry:SnatEntry');
    expect(snat.map((e) => [e.name, e.inputs.sourceVswitchId])).toEqual([
      ['net-snat-cn-shenzhen-e', vswitchIds[0]],
      ['net-snat-cn-shenzhen-f', vswitchIds[1]],
    ]);
    for (const e of snat) {
      expect(e.parent).toBe(parent);
      expect(e.inputs.snatTableId).toMatch(/^stb-[0-9a-f]{20}$/);
      expect(e.inputs.snatIp).toBe(stack.outputs.egressIp);
    }
    expect(stack.outputs.egressIp).toMatch(/^47\.106\.\d+\.\d+$/);
    expect(stack.outputs.snatIds).toEqual([expect.stringMatching(/^snat-/), expect.stringMatching(/^snat-/)]);

    // Egress and its allow-listed address survive `pulumi destroy --exclude-protected` and any plan
    // that would replace a part: everything NAT is protected, the EIP also retained on delete.
    expect([gateway, eip, association, ...snat].map((r) => [r.name, r.protect, r.retainOnDelete])).toEqual([
      ['net-nat', true, false],
      ['net-nat-eip', true, true],
      ['net-nat-eip-association', true, false],
      ['net-snat-cn-shenzhen-e', true, false],
      ['net-snat-cn-shenzhen-f', true, false],
    ]);
    // The rest of the network is not.
    expect(stack.resources.filter((r) => r.protect || r.retainOnDelete)).toHaveLength(5);
  });

  test('the NAT gateway in another zone, with its own bandwidth and no deletion protection', async () => {
    const stack = await evaluate(() => {
      new Network('net', {
        vpcCidr: '10.20.0.0/16',
        zones: ['cn-shenzhen-e', 'cn-shenzhen-f'],
        natGateway: { vswitchZone: 'cn-shenzhen-f', bandwidthMbps: 20, deletionProtection: false },
      });
    });
    const f = ofType(stack, 'alicloud:vpc/switch:Switch')[1];
    expect(ofType(stack, 'alicloud:vpc/natGateway:NatGateway')[0].inputs).toMatchObject({
      vswitchId: mockResourceId(f.type, f.name),
      deletionProtection: false,
    });
    expect(ofType(stack, 'alicloud:ecs/eipAddress:EipAddress')[0].inputs).toMatchObject({ bandwidth: '20', deletionProtection: false });
    // Only the cloud-side flag follows `deletionProtection`; Pulumi's protection stays on.
    expect(ofType(stack, 'alicloud:ecs/eipAddress:EipAddress').map((r) => [r.protect, r.retainOnDelete])).toEqual([[true, true]]);
    expect(ofType(stack, 'alicloud:vpc/natGateway:NatGateway').map((r) => r.protect)).toEqual([true]);
  });

  test('refuses a NAT zone outside the network before registering anything', () => {
    expect(
      () => new Network('net', { vpcCidr: '10.20.0.0/16', zones: ['cn-shenzhen-e'], natGateway: { vswitchZone: 'cn-shenzhen-f' } }),
    ).toThrow(/natGateway\.vswitchZone: "cn-shenzhen-f" is not one of the network's zones/);
  });

  test('refuses a VPC too small for its zones before registering anything', () => {
    expect(() => new Network('net', { vpcCidr: '10.0.0.0/28', zones: ['cn-shenzhen-e', 'cn-shenzhen-f', 'cn-shenzhen-d'] })).toThrow(
      ValidationError,
    );
  });
});
