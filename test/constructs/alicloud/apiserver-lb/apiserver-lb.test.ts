import * as pulumi from '@pulumi/pulumi';
import { ApiServerLoadBalancer, ApiServerLoadBalancerProps } from '../../../../constructs/alicloud';
import { NodePool } from '../../../../constructs/alicloud';
import { ValidationError } from '../../../../constructs/core/validation';
import { evaluate as evaluateStack, ofType } from '../../../helpers/evaluate';

/** `evaluate`, then let `registerOutputs` reach this test's mock monitor before the next test replaces it. */
async function evaluate(program: Parameters<typeof evaluateStack>[0]): ReturnType<typeof evaluateStack> {
  const stack = await evaluateStack(program);
  await pulumi.runtime.disconnect();
  return stack;
}

const SLB = 'alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer';
const PARENT = 'aliyun-kubesphere:alicloud:ApiServerLoadBalancer::prod-api';

function pools(): { masters: NodePool; workers: NodePool } {
  const common = {
    instanceType: 'ecs.c7.2xlarge',
    imageId: 'ubuntu_22_04_x64_20G_alibase_20240130.vhd',
    keyName: 'ops-key',
    vswitches: [
      { zone: 'cn-shenzhen-e', cidr: '10.20.0.0/20', id: pulumi.output('vsw-e') },
      { zone: 'cn-shenzhen-f', cidr: '10.20.16.0/20', id: pulumi.output('vsw-f') },
    ],
  };
  return {
    masters: new NodePool('prod-master', { ...common, count: 3, roles: ['etcd', 'control-plane'], securityGroupIds: ['sg-cp'] }),
    workers: new NodePool('prod-worker', { ...common, count: 5, roles: ['worker'], securityGroupIds: ['sg-w'], addressOffset: 20 }),
  };
}

describe('ApiServerLoadBalancer', () => {
  test('an internet CLB with delete protection, a white-list ACL and a TCP 6443 listener to the three control-plane nodes', async () => {
    const stack = await evaluate(() => {
      const { masters } = pools();
      const lb = new ApiServerLoadBalancer('prod-api', {
        controlPlaneNodes: masters.nodes,
        allowedCidrs: ['198.51.100.0/24', '203.0.113.7/32'],
        tags: { env: 'prod' },
      });
      return { outputs: { address: lb.address, masterIds: masters.nodes.map((n) => n.instance.id) } };
    });

    const slbs = ofType(stack, SLB);
    expect(slbs).toHaveLength(1);
    expect(slbs[0].name).toBe('prod-api-slb');
    expect(slbs[0].parent).toBe(PARENT);
    expect(slbs[0].inputs).toMatchObject({
      loadBalancerName: 'prod-api',
      addressType: 'internet',
      paymentType: 'PayAsYouGo',
      instanceChargeType: 'PayByCLCU',
      deleteProtection: 'on',
      modificationProtectionStatus: 'ConsoleProtection',
      tags: { env: 'prod' },
    });
    expect(slbs[0].inputs.vswitchId).toBeUndefined();
    // A PayByCLCU CLB has no spec; sending one would ask for the withdrawn pay-by-spec billing.
    expect(slbs[0].inputs).not.toHaveProperty('loadBalancerSpec');

    const acls = ofType(stack, 'alicloud:slb/acl:Acl');
    expect(acls.map((a) => [a.name, a.inputs.ipVersion, a.parent])).toEqual([['prod-api-acl', 'ipv4', PARENT]]);
    const entries = ofType(stack, 'alicloud:slb/aclEntryAttachment:AclEntryAttachment');
    expect(entries.map((e) => [e.inputs.entry, e.inputs.aclId])).toEqual([
      ['198.51.100.0/24', expect.stringMatching(/^acl-/)],
      ['203.0.113.7/32', expect.stringMatching(/^acl-/)],
    ]);

    const listeners = ofType(stack, 'alicloud:slb/listener:Listener');
    expect(listeners).toHaveLength(1);
    expect(listeners[0].inputs).toMatchObject({
      protocol: 'tcp',
      frontendPort: 6443,
      aclStatus: 'on',
      aclType: 'white',
      aclIds: [expect.stringMatching(/^acl-/)],
      healthCheck: 'on',
      healthCheckType: 'tcp',
      healthCheckConnectPort: 6443,
      serverGroupId: expect.stringMatching(/^rsp-/),
      loadBalancerId: expect.stringMatching(/^lb-/),
    });

    const groups = ofType(stack, 'alicloud:slb/serverGroup:ServerGroup');
    expect(groups).toHaveLength(1);
    const backends = ofType(stack, 'alicloud:slb/serverGroupServerAttachment:ServerGroupServerAttachment');
    // Exactly the three control-plane instances, on 6443, in the listener's group; no worker.
    expect(backends.map((b) => b.inputs.serverId)).toEqual(stack.outputs.masterIds);
    expect(backends.map((b) => [b.name, b.inputs.port, b.inputs.type, b.inputs.serverGroupId])).toEqual(
      ['prod-master-1', 'prod-master-2', 'prod-master-3'].map((n) => [
        `prod-api-backend-${n}`,
        6443,
        'ecs',
        listeners[0].inputs.serverGroupId,
      ]),
    );
    expect(ofType(stack, 'alicloud:slb/backendServer:BackendServer')).toEqual([]);

    expect(stack.outputs.address).toMatch(/^47\.107\.\d+\.\d+$/);
    expect(stack.resources.filter((r) => r.parent === PARENT)).toHaveLength(1 + 1 + 2 + 1 + 3 + 1);
  });

  test('an intranet CLB in a vSwitch', async () => {
    const stack = await evaluate(() => {
      const { masters } = pools();
      new ApiServerLoadBalancer('prod-api', {
        controlPlaneNodes: masters.nodes,
        allowedCidrs: ['10.0.0.0/8'],
        addressType: 'intranet',
        vswitchId: pulumi.output('vsw-e'),
      });
    });
    expect(ofType(stack, SLB)[0].inputs).toMatchObject({ addressType: 'intranet', vswitchId: 'vsw-e', deleteProtection: 'on' });
  });

  const refusals: Array<[string, (p: ReturnType<typeof pools>) => ApiServerLoadBalancerProps, string[]]> = [
    [
      'worker backends',
      (p) => ({ controlPlaneNodes: p.workers.nodes, allowedCidrs: ['198.51.100.0/24'] }),
      [0, 1, 2, 3, 4].map((i) => `controlPlaneNodes[${i}]`),
    ],
    ['an ACL open to the internet', (p) => ({ controlPlaneNodes: p.masters.nodes, allowedCidrs: ['0.0.0.0/0'] }), ['allowedCidrs[0]']],
    ['an empty ACL', (p) => ({ controlPlaneNodes: p.masters.nodes, allowedCidrs: [] }), ['allowedCidrs']],
  ];
  test.each(refusals)('refuses %s before creating any SLB resource', async (_title, props, keys) => {
    let error: unknown;
    const stack = await evaluate(() => {
      const p = pools();
      try {
        new ApiServerLoadBalancer('prod-api', props(p));
      } catch (err) {
        error = err;
      }
    });
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.key)).toEqual(keys);
    expect(stack.resources.filter((r) => r.type.startsWith('alicloud:slb/'))).toEqual([]);
  });
});
