import * as pulumi from '@pulumi/pulumi';
import { KubeSpherePlatform, type KubeSpherePlatformProps } from '../../../../constructs/alicloud';
import { validateKubeSpherePlatform } from '../../../../constructs/alicloud/kubesphere-platform/kubesphere-platform';
import { ValidationError } from '../../../../constructs/core/validation';
import { evaluate, ofType } from '../../../helpers/evaluate';

const PROPS: KubeSpherePlatformProps = {
  region: 'cn-hangzhou',
  vpcCidr: '172.16.0.0/16',
  zones: ['cn-hangzhou-h', 'cn-hangzhou-i'],
  nodes: { instanceType: 'ecs.c7.2xlarge', imageId: 'ubuntu_22_04_x64_20G_alibase_20240926.vhd', keyPairName: 'ops' },
  adminCidrs: ['203.0.113.0/24'],
  kubeconfig: pulumi.secret('apiVersion: v1'),
};

async function run(props: KubeSpherePlatformProps) {
  const stack = await evaluate(() => {
    new KubeSpherePlatform('small', props);
  });
  await pulumi.runtime.disconnect();
  const counts: Record<string, number> = {};
  for (const r of stack.resources) counts[r.type] = (counts[r.type] ?? 0) + 1;
  return { stack, counts };
}

test('one construct: network with NAT, the port matrix, 3 all-role nodes, NAS with its CSI driver and RAM role, the cluster', async () => {
  const { stack, counts } = await run(PROPS);
  expect(counts).toMatchObject({
    'aliyun-kubesphere:alicloud:KubeSpherePlatform': 1,
    'aliyun-kubesphere:alicloud:Network': 1,
    'alicloud:vpc/switch:Switch': 2,
    'alicloud:vpc/natGateway:NatGateway': 1,
    'alicloud:ecs/securityGroup:SecurityGroup': 1,
    'aliyun-kubesphere:alicloud:ClusterSecurityRules': 1,
    'alicloud:ecs/instance:Instance': 3,
    'aliyun-kubesphere:alicloud:NasStorage': 1,
    'aliyun-kubesphere:alicloud:NodeRamRole': 1,
    'alicloud:ram/role:Role': 1,
    'aliyun-kubesphere:alicloud:KubeSphereCluster': 1,
    'aliyun-kubesphere:alicloud:NasCsiDriver': 1,
    'kubernetes:helm.sh/v3:Release': 1,
  });
  const parent = 'aliyun-kubesphere:alicloud:KubeSpherePlatform::small';
  const children = stack.resources.filter((r) => r.parent === parent).map((r) => `${r.type}::${r.name}`);
  expect(children.sort()).toEqual([
    'aliyun-kubesphere:alicloud:ClusterSecurityRules::small-rules',
    'aliyun-kubesphere:alicloud:KubeSphereCluster::small',
    'aliyun-kubesphere:alicloud:NasCsiDriver::small-csi',
    'aliyun-kubesphere:alicloud:NasStorage::small-data',
    'aliyun-kubesphere:alicloud:Network::small',
    'aliyun-kubesphere:alicloud:NodePool::small',
    'aliyun-kubesphere:alicloud:NodeRamRole::small-nodes',
  ]);
  const instances = ofType(stack, 'alicloud:ecs/instance:Instance');
  const groupIds = new Set(instances.map((i) => JSON.stringify(i.inputs.securityGroups)));
  expect(groupIds.size).toBe(1);
  expect(ofType(stack, 'kubernetes:helm.sh/v3:Release')[0].inputs.values).toMatchObject({
    deploy: { regionID: 'cn-hangzhou', accessKey: { enabled: false } },
  });
  const ssh = ofType(stack, 'alicloud:ecs/securityGroupRule:SecurityGroupRule').filter((r) => r.inputs.portRange === '22/22');
  expect(ssh.map((r) => r.inputs.cidrIp)).toContain('203.0.113.0/24');
});

test('nas: false and natGateway: false leave out NAS, the driver, the role and the NAT gateway', async () => {
  const { counts } = await run({ ...PROPS, nas: false, natGateway: false, nodes: { ...PROPS.nodes, count: 1 } });
  expect(counts['alicloud:ecs/instance:Instance']).toBe(1);
  for (const t of [
    'aliyun-kubesphere:alicloud:NasStorage',
    'aliyun-kubesphere:alicloud:NasCsiDriver',
    'aliyun-kubesphere:alicloud:NodeRamRole',
    'alicloud:vpc/natGateway:NatGateway',
  ]) {
    expect([t, counts[t]]).toEqual([t, undefined]);
  }
});

test('bad props are named together before anything is created', () => {
  expect(() =>
    validateKubeSpherePlatform({ ...PROPS, nodes: { ...PROPS.nodes, count: 2 }, adminCidrs: [], kubeconfig: undefined }),
  ).toThrow(
    new ValidationError(
      [
        { key: 'nodes.count', value: 2, message: 'must be 1 or an odd number: every node is an etcd member' },
        { key: 'adminCidrs', value: [], message: 'must name at least one CIDR: nobody could reach the nodes' },
        { key: 'kubeconfig', value: undefined, message: 'give exactly one of kubeconfig (a cluster installed elsewhere) and bootstrap' },
      ],
      'Invalid KubeSpherePlatform props',
    ),
  );
});
