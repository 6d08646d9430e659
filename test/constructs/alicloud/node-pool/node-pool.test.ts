import * as pulumi from '@pulumi/pulumi';
import { NodePool, NodePoolProps } from '../../../../constructs/alicloud';
import { ValidationError } from '../../../../constructs/core/validation';
import { mockResourceId } from '../../../../constructs/offline/mocks';
import { evaluate as evaluateStack, ofType } from '../../../helpers/evaluate';

/**
 * `evaluate`, then wait for Pulumi's RPC queue to drain: a component's `registerOutputs` waits on
 * its children's IDs and would otherwise reach the next test's mock monitor ("unknown resource").
 */
async function evaluate(program: Parameters<typeof evaluateStack>[0]): ReturnType<typeof evaluateStack> {
  const stack = await evaluateStack(program);
  await pulumi.runtime.disconnect();
  return stack;
}

const INSTANCE = 'alicloud:ecs/instance:Instance';
const DISK = 'alicloud:ecs/ecsDisk:EcsDisk';
const ATTACHMENT = 'alicloud:ecs/ecsDiskAttachment:EcsDiskAttachment';

// As the cluster stacks get them from the network stack's StackReference: IDs are Outputs.
const VSWITCHES = [
  { zone: 'cn-shenzhen-e', cidr: '10.20.0.0/20', id: pulumi.output('vsw-e') },
  { zone: 'cn-shenzhen-f', cidr: '10.20.16.0/20', id: pulumi.output('vsw-f') },
];
const BASE: NodePoolProps = {
  count: 3,
  instanceType: 'ecs.c7.2xlarge',
  imageId: 'ubuntu_22_04_x64_20G_alibase_20240130.vhd',
  keyName: pulumi.output('ops-key'),
  securityGroupIds: [pulumi.output('sg-cp')],
  vswitches: VSWITCHES,
  roles: ['etcd', 'control-plane'],
};

describe('NodePool', () => {
  test('creates one hardened instance per node with planned names, zones and fixed IPs', async () => {
    let pool: NodePool | undefined;
    const stack = await evaluate(() => {
      pool = new NodePool('prod-master', { ...BASE, labels: { 'node.kubesphere.io/pool': 'masters' }, tags: { env: 'prod' } });
    });
    const instances = ofType(stack, INSTANCE);
    expect(instances.map((i) => [i.name, i.inputs.instanceName, i.inputs.hostName, i.inputs.vswitchId, i.inputs.privateIp])).toEqual([
      ['prod-master-prod-master-1', 'prod-master-1', 'prod-master-1', 'vsw-e', '10.20.0.10'],
      ['prod-master-prod-master-2', 'prod-master-2', 'prod-master-2', 'vsw-f', '10.20.16.10'],
      ['prod-master-prod-master-3', 'prod-master-3', 'prod-master-3', 'vsw-e', '10.20.0.11'],
    ]);
    for (const i of instances) {
      expect(i.parent).toBe('aliyun-kubesphere:alicloud:NodePool::prod-master');
      expect(i.inputs).toMatchObject({
        instanceType: 'ecs.c7.2xlarge',
        imageId: 'ubuntu_22_04_x64_20G_alibase_20240130.vhd',
        instanceChargeType: 'PostPaid',
        keyName: 'ops-key',
        securityGroups: ['sg-cp'],
        deletionProtection: true,
        systemDiskCategory: 'cloud_essd',
        systemDiskSize: 120,
        systemDiskEncrypted: true,
        httpEndpoint: 'enabled',
        httpTokens: 'required',
        internetMaxBandwidthOut: 0,
        securityEnhancementStrategy: 'Active',
        tags: { env: 'prod' },
        volumeTags: { env: 'prod' },
      });
      // Key pair only: no password of any kind is ever sent.
      expect(i.inputs).not.toHaveProperty('password');
      expect(i.inputs).not.toHaveProperty('kmsEncryptedPassword');
      expect(i.inputs.dataDisks ?? []).toEqual([]);
    }
    expect(stack.resources).toHaveLength(1 + 3);

    expect(pool?.nodes.map((n) => [n.name, n.zone, n.privateIp, n.roles, n.labels])).toEqual([
      [
        'prod-master-1',
        'cn-shenzhen-e',
        '10.20.0.10',
        ['etcd', 'control-plane'],
        { 'node.kubesphere.io/pool': 'masters', 'topology.kubernetes.io/zone': 'cn-shenzhen-e' },
      ],
      [
        'prod-master-2',
        'cn-shenzhen-f',
        '10.20.16.10',
        ['etcd', 'control-plane'],
        { 'node.kubesphere.io/pool': 'masters', 'topology.kubernetes.io/zone': 'cn-shenzhen-f' },
      ],
      [
        'prod-master-3',
        'cn-shenzhen-e',
        '10.20.0.11',
        ['etcd', 'control-plane'],
        { 'node.kubesphere.io/pool': 'masters', 'topology.kubernetes.io/zone': 'cn-shenzhen-e' },
      ],
    ]);
  });

  test('workers: five nodes after the masters, each with its own protected, encrypted data disk attached', async () => {
    let pool: NodePool | undefined;
    const stack = await evaluate(() => {
      pool = new NodePool('workers', {
        ...BASE,
        poolName: 'prod-worker',
        count: 5,
        roles: ['worker'],
        securityGroupIds: ['sg-worker', 'sg-extra'],
        addressOffset: 20,
        systemDisk: { sizeGiB: 100 },
        dataDisks: [{ sizeGiB: 500 }],
        kmsKeyId: 'key-123',
        tags: { env: 'prod' },
      });
    });
    const instances = ofType(stack, INSTANCE);
    expect(instances.map((i) => [i.name, i.inputs.privateIp])).toEqual([
      ['workers-prod-worker-1', '10.20.0.20'],
      ['workers-prod-worker-2', '10.20.16.20'],
      ['workers-prod-worker-3', '10.20.0.21'],
      ['workers-prod-worker-4', '10.20.16.21'],
      ['workers-prod-worker-5', '10.20.0.22'],
    ]);
    expect(instances[0].inputs).toMatchObject({
      securityGroups: ['sg-worker', 'sg-extra'],
      systemDiskSize: 100,
      systemDiskKmsKeyId: 'key-123',
    });
    // No inline data disk: one created with the instance would be replaced with it.
    expect(instances.every((i) => i.inputs.dataDisks === undefined)).toBe(true);
    // Per node: the instance, its disk and the disk's attachment; plus the component.
    expect(stack.resources).toHaveLength(1 + 5 * (1 + 1 + 1));

    const disks = ofType(stack, DISK);
    expect(disks.map((d) => [d.name, d.inputs.diskName, d.inputs.zoneId])).toEqual([
      ['workers-prod-worker-1-data', 'prod-worker-1-data', 'cn-shenzhen-e'],
      ['workers-prod-worker-2-data', 'prod-worker-2-data', 'cn-shenzhen-f'],
      ['workers-prod-worker-3-data', 'prod-worker-3-data', 'cn-shenzhen-e'],
      ['workers-prod-worker-4-data', 'prod-worker-4-data', 'cn-shenzhen-f'],
      ['workers-prod-worker-5-data', 'prod-worker-5-data', 'cn-shenzhen-e'],
    ]);
    for (const d of disks) {
      expect(d.parent).toBe('aliyun-kubesphere:alicloud:NodePool::workers');
      expect(d.inputs).toMatchObject({
        category: 'cloud_essd',
        size: 500,
        encrypted: true,
        kmsKeyId: 'key-123',
        deleteWithInstance: false,
        deleteAutoSnapshot: false,
        paymentType: 'PayAsYouGo',
        tags: { env: 'prod' },
      });
      // The disk holds the node's OpenEBS volumes: no plan may delete it, a destroy only forgets it.
      expect([d.protect, d.retainOnDelete]).toEqual([true, true]);
    }

    const attachments = ofType(stack, ATTACHMENT);
    expect(attachments.map((a) => [a.name, a.inputs.diskId, a.inputs.instanceId, a.inputs.deleteWithInstance])).toEqual(
      instances.map((instance, i) => [
        `workers-prod-worker-${i + 1}-data-attachment`,
        mockResourceId(DISK, disks[i].name),
        mockResourceId(INSTANCE, instance.name),
        false,
      ]),
    );
    // Attachments are replaced with the node: neither protected nor retained.
    expect(attachments.every((a) => !a.protect && !a.retainOnDelete)).toBe(true);
    expect(instances.every((i) => !i.protect && !i.retainOnDelete)).toBe(true);
    expect(pool?.nodes.map((n) => [n.dataDisks.length, n.dataDiskAttachments.length])).toEqual(instances.map(() => [1, 1]));
  });

  test('several data disks per node: numbered names, attached in order; a deleteWithInstance disk is scratch', async () => {
    let pool: NodePool | undefined;
    const dependsOn: Record<string, unknown> = {};
    const stack = await evaluate(() => {
      pulumi.runtime.registerStackTransformation((args) => {
        if (args.type === ATTACHMENT) {
          dependsOn[args.name] = args.opts.dependsOn;
        }
        return undefined;
      });
      pool = new NodePool('w', {
        ...BASE,
        count: 1,
        roles: ['worker'],
        dataDisks: [{ sizeGiB: 200 }, { sizeGiB: 40, category: 'cloud_auto', deleteWithInstance: true }],
      });
    });
    expect(stack.resources).toHaveLength(1 + 1 + 2 + 2);
    const disks = ofType(stack, DISK);
    expect(
      disks.map((d) => [
        d.name,
        d.inputs.diskName,
        d.inputs.category,
        d.inputs.size,
        d.inputs.deleteWithInstance,
        d.protect,
        d.retainOnDelete,
      ]),
    ).toEqual([
      ['w-w-1-data', 'w-1-data', 'cloud_essd', 200, false, true, true],
      ['w-w-1-data-2', 'w-1-data-2', 'cloud_auto', 40, true, false, false],
    ]);
    expect(disks.every((d) => d.inputs.encrypted === true && d.inputs.kmsKeyId === undefined)).toBe(true);
    const attachments = ofType(stack, ATTACHMENT);
    expect(attachments.map((a) => [a.name, a.inputs.diskId, a.inputs.deleteWithInstance])).toEqual([
      ['w-w-1-data-attachment', mockResourceId(DISK, 'w-w-1-data'), false],
      ['w-w-1-data-2-attachment', mockResourceId(DISK, 'w-w-1-data-2'), true],
    ]);
    const node = pool!.nodes[0];
    expect(dependsOn).toEqual({ 'w-w-1-data-attachment': [], 'w-w-1-data-2-attachment': [node.dataDiskAttachments[0]] });
    expect(node.dataDisks).toHaveLength(2);
  });

  test('test cluster: three all-role nodes in one zone; protection can be turned off explicitly', async () => {
    let pool: NodePool | undefined;
    const stack = await evaluate(() => {
      pool = new NodePool('test', {
        ...BASE,
        vswitches: [VSWITCHES[0]],
        roles: ['etcd', 'control-plane', 'worker'],
        addressOffset: 40,
        deletionProtection: false,
        securityEnhancement: false,
      });
    });
    const instances = ofType(stack, INSTANCE);
    expect(instances.map((i) => i.inputs.privateIp)).toEqual(['10.20.0.40', '10.20.0.41', '10.20.0.42']);
    expect(instances.every((i) => i.inputs.deletionProtection === false && i.inputs.securityEnhancementStrategy === 'Deactive')).toBe(true);
    expect(pool?.nodes.every((n) => n.roles.length === 3)).toBe(true);
  });

  test('registers outputs with the instance IDs', async () => {
    const stack = await evaluate(() => {
      const pool = new NodePool('p', { ...BASE, count: 1 });
      return { outputs: { ids: pool.nodes.map((n) => n.instance.id), ips: pool.nodes.map((n) => n.instance.privateIp) } };
    });
    expect(stack.outputs.ids).toEqual([expect.stringMatching(/^i-[0-9a-f]{20}$/)]);
    expect(stack.outputs.ips).toEqual(['10.20.0.10']);
  });

  test('instances are replaced delete-first (fixed IPs), ignore image, data-disk and address changes; disks come back', async () => {
    const stack = await evaluate(() => {
      new NodePool('w', { ...BASE, count: 2, roles: ['worker'], dataDisks: [{ sizeGiB: 200 }] });
    });
    const options = stack.resources
      .filter((r) => [INSTANCE, DISK, ATTACHMENT].includes(r.type))
      .map((r) => ({
        name: r.name,
        deleteBeforeReplace: r.deleteBeforeReplace,
        ignoreChanges: r.ignoreChanges,
        replaceOnChanges: r.replaceOnChanges,
      }));
    // A node never moves on a config edit: its address arguments are ignored (the move is refused, see below).
    const node = {
      deleteBeforeReplace: true,
      ignoreChanges: ['dataDisks', 'imageId', 'keyName', 'privateIp', 'vswitchId'],
      replaceOnChanges: [],
    };
    const plain = { deleteBeforeReplace: false, ignoreChanges: [], replaceOnChanges: [] };
    expect(options).toEqual([
      { name: 'w-w-1', ...node },
      // The disk does not depend on the instance: a replaced node keeps it.
      { name: 'w-w-1-data', ...plain },
      // A disk attaches to one instance at a time: detach from the old node before attaching to the new one.
      { name: 'w-w-1-data-attachment', ...plain, deleteBeforeReplace: true },
      { name: 'w-w-2', ...node },
      { name: 'w-w-2-data', ...plain },
      { name: 'w-w-2-data-attachment', ...plain, deleteBeforeReplace: true },
    ]);
  });

  test('each node waits for the one before it, so restarts roll through the pool one node at a time', async () => {
    const dependsOn: Record<string, string[]> = {};
    const names = new Map<pulumi.Resource, string>();
    await evaluate(() => {
      pulumi.runtime.registerStackTransformation((args) => {
        names.set(args.resource, args.name);
        if (args.type === INSTANCE) {
          const given = args.opts.dependsOn;
          const list = given === undefined ? [] : Array.isArray(given) ? given : [given];
          dependsOn[args.name] = list.map((d) => names.get(d as pulumi.Resource) ?? '?');
        }
        return undefined;
      });
      new NodePool('w', { ...BASE, count: 3, roles: ['worker'] });
    });
    expect(dependsOn).toEqual({ 'w-w-1': [], 'w-w-2': ['w-w-1'], 'w-w-3': ['w-w-2'] });
  });

  test('a node listed in replaceNodes takes a new address by replacement, delete-first', async () => {
    const stack = await evaluate(() => {
      new NodePool('w', { ...BASE, count: 2, roles: ['worker'], replaceNodes: ['w-2'] });
    });
    expect(ofType(stack, INSTANCE).map((r) => [r.name, r.ignoreChanges, r.replaceOnChanges, r.deleteBeforeReplace])).toEqual([
      ['w-w-1', ['dataDisks', 'imageId', 'keyName', 'privateIp', 'vswitchId'], [], true],
      ['w-w-2', ['dataDisks', 'imageId', 'keyName'], ['privateIp', 'vswitchId'], true],
    ]);
  });

  test('refuses replaceNodes that are not nodes of the pool', () => {
    let error: unknown;
    try {
      new NodePool('w', { ...BASE, count: 2, roles: ['worker'], replaceNodes: ['w-2', 'w-3', 'other-1'] });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => [i.key, i.value, i.message])).toEqual([
      ['replaceNodes[1]', 'w-3', 'is not a node of pool w (w-1 … w-2)'],
      ['replaceNodes[2]', 'other-1', 'is not a node of pool w (w-1 … w-2)'],
    ]);
  });

  test('validates every prop before registering anything', () => {
    let error: unknown;
    try {
      new NodePool('bad', { ...BASE, count: 0, instanceType: 'big', roles: [], securityGroupIds: [] });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.key)).toEqual(['count', 'instanceType', 'roles', 'securityGroupIds']);
  });

  test('refuses a pool that does not fit its vSwitches', () => {
    expect(
      () => new NodePool('big', { ...BASE, vswitches: [{ zone: 'z', cidr: '10.0.0.0/29', id: 'vsw-z' }], count: 5, roles: ['worker'] }),
    ).toThrow(/count: 5 puts 5 node\(s\) in 10.0.0.0\/29/);
  });
});
