/**
 * The network contract: a `Network`'s vSwitches go to the node pool, NAS and the dev-tools host as they
 * are (this file type-checks only if they fit), and the IDs that arrive are the vSwitches' own.
 */
import * as pulumi from '@pulumi/pulumi';
import { DevToolsHost } from '../../../../constructs/alicloud';
import { type INetwork, type IVSwitch, Network } from '../../../../constructs/alicloud';
import { NasStorage } from '../../../../constructs/alicloud';
import { NodePool } from '../../../../constructs/alicloud';
import { evaluate, ofType } from '../../../helpers/evaluate';

test('Network.vswitches feed NodePool, NasStorage and DevToolsHost directly, with the vSwitch IDs', async () => {
  const ids: Record<string, unknown> = {};
  const stack = await evaluate(() => {
    const network: INetwork = new Network('net', {
      vpcCidr: '10.20.0.0/16',
      zones: ['cn-shenzhen-e', 'cn-shenzhen-f'],
      securityGroups: ['nodes'],
    });
    const [first]: readonly IVSwitch[] = network.vswitches;
    new NodePool('pool', {
      count: 2,
      roles: ['worker'],
      instanceType: 'ecs.c7.2xlarge',
      imageId: 'ubuntu_22_04_x64_20G_alibase_20240130.vhd',
      keyName: 'ops',
      securityGroupIds: ['sg-1'],
      vswitches: network.vswitches,
    });
    new NasStorage('data', { vpc: { id: network.vpcId, cidr: network.vpcCidr }, vswitch: first });
    new DevToolsHost('tools', {
      vswitch: first,
      privateIp: '10.20.0.200',
      securityGroupId: 'sg-1',
      instanceType: 'ecs.g7.xlarge',
      imageId: 'ubuntu_22_04_x64_20G_alibase_20240130.vhd',
      keyPairName: 'ops',
      gitlabUrl: 'https://git.example.com',
      mantisUrl: 'https://bugs.example.com',
      publicIngressCidrs: ['203.0.113.0/24'],
      adminCidrs: ['203.0.113.0/24'],
    });
    return { outputs: { vsw: pulumi.all(network.vswitches.map((v) => v.id)), vpc: network.vpcId } };
  });
  const vswitchIds = ofType(stack, 'alicloud:vpc/switch:Switch').map((v) => v.inputs.vswitchName);
  expect(vswitchIds).toEqual(['net-cn-shenzhen-e', 'net-cn-shenzhen-f']);
  Object.assign(ids, stack.outputs);
  const [e, f] = ids.vsw as string[];
  expect(ofType(stack, 'alicloud:ecs/instance:Instance').map((i) => [i.name, i.inputs.vswitchId])).toEqual([
    ['pool-pool-1', e],
    ['pool-pool-2', f],
    ['tools-instance', e],
  ]);
  expect(ofType(stack, 'alicloud:nas/mountTarget:MountTarget').map((m) => m.inputs.vswitchId)).toEqual([e]);
  expect(ofType(stack, 'alicloud:nas/fileSystem:FileSystem').map((m) => m.inputs.zoneId)).toEqual(['cn-shenzhen-e']);
  expect(ids.vpc).toBe(ofType(stack, 'alicloud:vpc/network:Network').map(() => ids.vpc)[0]);
  expect(typeof ids.vpc === 'string' && ids.vpc.startsWith('vpc-')).toBe(true);
  expect(e).not.toBe(f);
});
