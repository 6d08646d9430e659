import { parse } from 'yaml';
import { DevToolsHost, DevToolsHostProps, devToolsHostIssues } from '../../../../constructs/alicloud';
import { ValidationError } from '../../../../constructs/core/validation';
import { mockResourceId } from '../../../../constructs/offline/mocks';
import { evaluate, ofType } from '../../../helpers/evaluate';

const PARENT = 'aliyun-kubesphere:alicloud:DevToolsHost::devtools';
const PROPS: DevToolsHostProps = {
  vswitch: { id: 'vsw-1', cidr: '10.20.0.0/20', zone: 'cn-shenzhen-e' },
  securityGroupId: 'sg-devtools',
  privateIp: '10.20.0.10',
  imageId: 'ubuntu_22_04_x64_20G_alibase_20240926.vhd',
  keyPairName: 'ops',
  gitlabUrl: 'https://git.example.com',
  mantisUrl: 'https://bugs.example.com',
  publicIngressCidrs: ['0.0.0.0/0'],
  adminCidrs: ['203.0.113.0/24', '198.51.100.7/32'],
};

function issueKeys(props: DevToolsHostProps): string[] {
  try {
    new DevToolsHost('devtools', props);
  } catch (e) {
    if (e instanceof ValidationError) {
      return e.issues.map((i) => i.key);
    }
    throw e;
  }
  return [];
}

describe('DevToolsHost', () => {
  test('creates a hardened instance, a retained encrypted data disk, snapshots, an EIP and CIDR-scoped rules', async () => {
    const stack = await evaluate(() => {
      const host = new DevToolsHost('devtools', { ...PROPS, tags: { team: 'platform' } });
      return { outputs: { publicIp: host.publicIp, privateIp: host.privateIp } };
    });

    const counts: Record<string, number> = {};
    for (const r of stack.resources) {
      counts[r.type] = (counts[r.type] ?? 0) + 1;
    }
    expect(counts).toEqual({
      [DevToolsHost.TYPE]: 1,
      'alicloud:ecs/ecsDisk:EcsDisk': 1,
      'alicloud:ecs/instance:Instance': 1,
      'alicloud:ecs/ecsDiskAttachment:EcsDiskAttachment': 1,
      'alicloud:ecs/autoSnapshotPolicy:AutoSnapshotPolicy': 1,
      'alicloud:ecs/ecsAutoSnapshotPolicyAttachment:EcsAutoSnapshotPolicyAttachment': 1,
      'alicloud:ecs/eipAddress:EipAddress': 1,
      'alicloud:ecs/eipAssociation:EipAssociation': 1,
      'alicloud:ecs/securityGroupRule:SecurityGroupRule': 3 + 2,
    });
    expect(stack.resources.slice(1).every((r) => r.parent === PARENT)).toBe(true);

    const [disk] = ofType(stack, 'alicloud:ecs/ecsDisk:EcsDisk');
    expect(disk.inputs).toMatchObject({
      zoneId: 'cn-shenzhen-e',
      category: 'cloud_essd',
      size: 200,
      encrypted: true,
      deleteWithInstance: false,
      deleteAutoSnapshot: false,
    });
    expect([disk.protect, disk.retainOnDelete]).toEqual([true, true]);

    const [instance] = ofType(stack, 'alicloud:ecs/instance:Instance');
    expect(instance.inputs).toMatchObject({
      instanceType: 'ecs.c7.2xlarge',
      vswitchId: 'vsw-1',
      privateIp: '10.20.0.10',
      securityGroups: ['sg-devtools'],
      keyName: 'ops',
      internetMaxBandwidthOut: 0,
      deletionProtection: true,
      httpTokens: 'required',
      systemDiskEncrypted: true,
      systemDiskCategory: 'cloud_essd',
      systemDiskSize: 60,
    });
    expect(instance.inputs.password).toBeUndefined();
    expect(instance.inputs.dataDisks).toBeUndefined();
    expect([instance.protect, instance.retainOnDelete]).toEqual([false, false]);

    // The user data finds the data disk by serial: its ID without `d-`.
    const diskId = String(ofType(stack, 'alicloud:ecs/ecsDiskAttachment:EcsDiskAttachment')[0].inputs.diskId);
    expect(diskId).toMatch(/^d-[0-9a-f]{20}$/);
    const userData = Buffer.from(String(instance.inputs.userData), 'base64').toString('utf8');
    expect(userData.startsWith('#cloud-config\n')).toBe(true);
    const cloudConfig = parse(userData) as { write_files: Array<{ path: string; content: string }> };
    expect(cloudConfig.write_files.find((f) => f.path === '/usr/local/sbin/devtools-data-disk')?.content).toContain(
      `SERIAL='${diskId.slice(2)}'`,
    );

    const [attachment] = ofType(stack, 'alicloud:ecs/ecsDiskAttachment:EcsDiskAttachment');
    expect(attachment.inputs).toMatchObject({ deleteWithInstance: false, instanceId: expect.stringMatching(/^i-/) });

    expect(ofType(stack, 'alicloud:ecs/autoSnapshotPolicy:AutoSnapshotPolicy')[0].inputs).toMatchObject({
      retentionDays: 30,
      timePoints: ['2'],
      repeatWeekdays: ['1', '2', '3', '4', '5', '6', '7'],
    });
    expect(ofType(stack, 'alicloud:ecs/ecsAutoSnapshotPolicyAttachment:EcsAutoSnapshotPolicyAttachment')[0].inputs.diskId).toBe(diskId);

    const [eip] = ofType(stack, 'alicloud:ecs/eipAddress:EipAddress');
    expect(eip.inputs).toMatchObject({
      bandwidth: '10',
      internetChargeType: 'PayByTraffic',
      paymentType: 'PayAsYouGo',
      deletionProtection: true,
    });
    const [association] = ofType(stack, 'alicloud:ecs/eipAssociation:EipAssociation');
    expect(association.inputs).toMatchObject({
      instanceType: 'EcsInstance',
      instanceId: attachment.inputs.instanceId,
      allocationId: expect.stringMatching(/^eip-/),
    });
    // DNS and allow-lists name the EIP: no plan may release or unbind it, a destroy only forgets the address.
    expect([eip.protect, eip.retainOnDelete]).toEqual([true, true]);
    expect([association.protect, association.retainOnDelete]).toEqual([true, false]);

    const rules = ofType(stack, 'alicloud:ecs/securityGroupRule:SecurityGroupRule');
    expect(rules.map((r) => [r.name, r.inputs.portRange, r.inputs.cidrIp])).toEqual([
      ['devtools-https-0-0-0-0-0', '443/443', '0.0.0.0/0'],
      ['devtools-http-0-0-0-0-0', '80/80', '0.0.0.0/0'],
      ['devtools-git-ssh-0-0-0-0-0', '2222/2222', '0.0.0.0/0'],
      ['devtools-ssh-203-0-113-0-24', '22/22', '203.0.113.0/24'],
      ['devtools-ssh-198-51-100-7-32', '22/22', '198.51.100.7/32'],
    ]);
    for (const r of rules) {
      expect(r.inputs).toMatchObject({
        securityGroupId: 'sg-devtools',
        type: 'ingress',
        ipProtocol: 'tcp',
        policy: 'accept',
        nicType: 'intranet',
      });
    }

    expect(stack.outputs.privateIp).toBe('10.20.0.10');
    expect(stack.outputs.publicIp).toMatch(/^47\.106\.\d+\.\d+$/);
  });

  test('takes the world only where configured, a custom Git port, sizes, KMS key, and no snapshot policy', async () => {
    const stack = await evaluate(() => {
      new DevToolsHost('devtools', {
        ...PROPS,
        publicIngressCidrs: ['198.51.100.0/24'],
        adminCidrs: ['198.51.100.0/24'],
        gitSshPort: 2022,
        instanceType: 'ecs.g7.2xlarge',
        systemDiskSize: 80,
        dataDiskSize: 500,
        kmsKeyId: 'key-1',
        eipBandwidthMbps: 50,
        snapshotPolicy: false,
      });
    });
    const rules = ofType(stack, 'alicloud:ecs/securityGroupRule:SecurityGroupRule');
    expect(rules.map((r) => r.inputs.cidrIp)).toEqual(['198.51.100.0/24', '198.51.100.0/24', '198.51.100.0/24', '198.51.100.0/24']);
    expect(rules.map((r) => r.inputs.portRange)).toEqual(['443/443', '80/80', '2022/2022', '22/22']);
    expect(ofType(stack, 'alicloud:ecs/instance:Instance')[0].inputs).toMatchObject({
      instanceType: 'ecs.g7.2xlarge',
      systemDiskSize: 80,
      systemDiskKmsKeyId: 'key-1',
    });
    expect(ofType(stack, 'alicloud:ecs/ecsDisk:EcsDisk')[0].inputs).toMatchObject({ size: 500, kmsKeyId: 'key-1' });
    expect(ofType(stack, 'alicloud:ecs/eipAddress:EipAddress')[0].inputs.bandwidth).toBe('50');
    expect(ofType(stack, 'alicloud:ecs/autoSnapshotPolicy:AutoSnapshotPolicy')).toHaveLength(0);
    expect(ofType(stack, 'alicloud:ecs/ecsAutoSnapshotPolicyAttachment:EcsAutoSnapshotPolicyAttachment')).toHaveLength(0);
  });

  test('admits the internal CIDRs to 443, 80 and Git SSH, and resolves both names to the private IP inside the VPC', async () => {
    const stack = await evaluate(() => {
      const host = new DevToolsHost('devtools', {
        ...PROPS,
        publicIngressCidrs: ['10.20.0.0/16'],
        internalCidrs: ['10.20.0.0/16'],
        privateDns: { vpcId: 'vpc-1' },
        tags: { team: 'platform' },
      });
      return { outputs: { zones: host.privateDnsZones.map((z) => z.zoneName) } };
    });
    const rules = ofType(stack, 'alicloud:ecs/securityGroupRule:SecurityGroupRule');
    // Same CIDR public and internal: distinct names, so both lists can hold it.
    expect(rules.slice(-3).map((r) => [r.name, r.inputs.portRange, r.inputs.cidrIp])).toEqual([
      ['devtools-internal-https-10-20-0-0-16', '443/443', '10.20.0.0/16'],
      ['devtools-internal-http-10-20-0-0-16', '80/80', '10.20.0.0/16'],
      ['devtools-internal-git-ssh-10-20-0-0-16', '2222/2222', '10.20.0.0/16'],
    ]);
    expect(new Set(rules.map((r) => r.name)).size).toBe(rules.length);

    const zones = ofType(stack, 'alicloud:pvtz/zone:Zone');
    expect(zones.map((z) => [z.name, z.inputs.zoneName, z.parent])).toEqual([
      ['devtools-dns-git-example-com', 'git.example.com', PARENT],
      ['devtools-dns-bugs-example-com', 'bugs.example.com', PARENT],
    ]);
    const zoneIds = zones.map((z) => mockResourceId(z.type, z.name));
    const records = ofType(stack, 'alicloud:pvtz/zoneRecord:ZoneRecord');
    expect(records.map((r) => [r.inputs.zoneId, r.inputs.rr, r.inputs.type, r.inputs.value, r.inputs.ttl])).toEqual([
      [zoneIds[0], '@', 'A', '10.20.0.10', 60],
      [zoneIds[1], '@', 'A', '10.20.0.10', 60],
    ]);
    const attachments = ofType(stack, 'alicloud:pvtz/zoneAttachment:ZoneAttachment');
    expect(attachments.map((a) => [a.inputs.zoneId, a.inputs.vpcIds])).toEqual([
      [zoneIds[0], ['vpc-1']],
      [zoneIds[1], ['vpc-1']],
    ]);
    expect(stack.outputs.zones).toEqual(['git.example.com', 'bugs.example.com']);
  });

  test('without internalCidrs and privateDns: no internal rules, no PrivateZone', async () => {
    const stack = await evaluate(() => {
      new DevToolsHost('devtools', PROPS);
    });
    expect(ofType(stack, 'alicloud:ecs/securityGroupRule:SecurityGroupRule').filter((r) => r.name.includes('internal'))).toEqual([]);
    expect(stack.resources.filter((r) => r.type.startsWith('alicloud:pvtz/'))).toEqual([]);
  });

  test.each<[string, Partial<DevToolsHostProps>, string[]]>([
    ['SSH open to the world', { adminCidrs: ['0.0.0.0/0'] }, ['adminCidrs[0]']],
    ['no admin CIDRs', { adminCidrs: [] }, ['adminCidrs']],
    ['no public CIDRs', { publicIngressCidrs: [] }, ['publicIngressCidrs']],
    ['a malformed public CIDR', { publicIngressCidrs: ['10.0.0.1/8'] }, ['publicIngressCidrs[0]']],
    ['a repeated CIDR', { adminCidrs: ['203.0.113.0/24', '203.0.113.0/24'] }, ['adminCidrs[1]']],
    ['SSH open to the world in two halves', { adminCidrs: ['0.0.0.0/1', '128.0.0.0/1'] }, ['adminCidrs[0]', 'adminCidrs[1]']],
    ['a private IP outside the vSwitch', { privateIp: '10.21.0.10' }, ['privateIp']],
    ['the vSwitch network address', { privateIp: '10.20.0.0' }, ['privateIp']],
    ['one of the last three vSwitch addresses', { privateIp: '10.20.15.253' }, ['privateIp']],
    ['a private IP that is not an address', { privateIp: '10.20.0' }, ['privateIp']],
    ['a malformed vSwitch CIDR', { vswitch: { id: 'vsw-1', cidr: '10.20.0.0', zone: 'z' } }, ['vswitch.cidr']],
    ['an empty image', { imageId: ' ' }, ['imageId']],
    ['an empty key pair', { keyPairName: '' }, ['keyPairName']],
    ['a tiny system disk', { systemDiskSize: 20 }, ['systemDiskSize']],
    ['a fractional data disk', { dataDiskSize: 100.5 }, ['dataDiskSize']],
    ['zero EIP bandwidth', { eipBandwidthMbps: 0 }, ['eipBandwidthMbps']],
    ['snapshot retention of 0 days', { snapshotPolicy: { retentionDays: 0 } }, ['snapshotPolicy.retentionDays']],
    ['a snapshot at hour 24', { snapshotPolicy: { timePoints: [24] } }, ['snapshotPolicy.timePoints']],
    ['a snapshot on weekday 0', { snapshotPolicy: { repeatWeekdays: [0] } }, ['snapshotPolicy.repeatWeekdays']],
    ['a latest image tag', { images: { gitlab: 'gitlab/gitlab-ce:latest' } }, ['images.gitlab']],
    ['a Git SSH port of 22', { gitSshPort: 22 }, ['gitSshPort']],
    ['a plain-HTTP GitLab URL', { gitlabUrl: 'http://git.example.com' }, ['gitlabUrl']],
    ['the internet as an internal CIDR', { internalCidrs: ['0.0.0.0/0'] }, ['internalCidrs[0]']],
    ['a malformed internal CIDR', { internalCidrs: ['10.20.0.0/33'] }, ['internalCidrs[0]']],
  ])('refuses %s', (_label, override, keys) => {
    expect(issueKeys({ ...PROPS, ...override })).toEqual(keys);
  });

  test('keeps snapshots forever with retention -1', () => {
    expect(
      devToolsHostIssues({
        vswitchCidr: '10.20.0.0/20',
        privateIp: '10.20.0.10',
        imageId: 'img',
        keyPairName: 'ops',
        publicIngressCidrs: ['0.0.0.0/0'],
        adminCidrs: ['10.0.0.0/8'],
        systemDiskSize: 40,
        dataDiskSize: 20,
        eipBandwidthMbps: 1,
        snapshot: { retentionDays: -1, timePoints: [0, 23], repeatWeekdays: [7] },
      }),
    ).toEqual([]);
  });

  test('reports host and cloud-init problems together', () => {
    expect(issueKeys({ ...PROPS, privateIp: '1.2.3.4', adminCidrs: ['0.0.0.0/0'], mantisUrl: 'bugs' })).toEqual([
      'privateIp',
      'adminCidrs[0]',
      'mantisUrl',
    ]);
  });
});
