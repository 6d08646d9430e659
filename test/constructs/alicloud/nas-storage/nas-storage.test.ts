import { NasAccessRules, NasStorage, NasStorageProps } from '../../../../constructs/alicloud';
import { validateNasStorage } from '../../../../constructs/alicloud/nas-storage/validate';
import { ValidationError } from '../../../../constructs/core/validation';
import { evaluate, ofType } from '../../../helpers/evaluate';

const PARENT = 'aliyun-kubesphere:alicloud:NasStorage::nas';
const PROPS: NasStorageProps = {
  vpc: { id: 'vpc-123', cidr: '10.20.0.0/16' },
  vswitch: { id: 'vsw-456', cidr: '10.20.0.0/20', zone: 'cn-shenzhen-e' },
};

describe('NasStorage', () => {
  test('creates an encrypted NFS file system, a VPC-only access rule, a mount target and the recycle bin', async () => {
    let storage: NasStorage | undefined;
    const stack = await evaluate(() => {
      storage = new NasStorage('nas', { ...PROPS, tags: { team: 'platform' } });
      return { outputs: { mountDomain: storage.mountDomain, fileSystemId: storage.fileSystemId } };
    });

    expect(stack.resources.map((r) => r.type)).toEqual([
      NasStorage.TYPE,
      'alicloud:nas/fileSystem:FileSystem',
      'alicloud:nas/accessGroup:AccessGroup',
      'alicloud:nas/accessRule:AccessRule',
      'alicloud:nas/mountTarget:MountTarget',
      'alicloud:nas/recycleBin:RecycleBin',
    ]);
    expect(stack.resources.filter((r) => r.type !== NasStorage.TYPE).every((r) => r.parent === PARENT)).toBe(true);

    const [fs] = ofType(stack, 'alicloud:nas/fileSystem:FileSystem');
    expect(fs.name).toBe('nas-fs');
    expect(fs.inputs).toMatchObject({
      protocolType: 'NFS',
      fileSystemType: 'standard',
      storageType: 'Performance',
      encryptType: 1,
      description: 'NAS file system nas',
      zoneId: 'cn-shenzhen-e',
      tags: { team: 'platform' },
    });
    expect(fs.inputs.vpcId).toBeUndefined();
    expect(fs.inputs.vswitchId).toBeUndefined();
    expect([fs.protect, fs.retainOnDelete]).toEqual([true, true]);

    const [group] = ofType(stack, 'alicloud:nas/accessGroup:AccessGroup');
    expect(group.inputs).toMatchObject({ accessGroupName: 'nas', accessGroupType: 'Vpc', fileSystemType: 'standard' });
    expect([group.protect, group.retainOnDelete]).toEqual([false, false]);

    const [rule] = ofType(stack, 'alicloud:nas/accessRule:AccessRule');
    expect(rule.inputs).toMatchObject({
      accessGroupName: 'nas',
      sourceCidrIp: '10.20.0.0/16',
      rwAccessType: 'RDWR',
      userAccessType: 'no_squash',
    });

    const [mt] = ofType(stack, 'alicloud:nas/mountTarget:MountTarget');
    expect(mt.inputs).toMatchObject({ accessGroupName: 'nas', vswitchId: 'vsw-456', vpcId: 'vpc-123', networkType: 'Vpc' });
    expect(mt.inputs.fileSystemId).toEqual(expect.any(String));
    expect([mt.protect, mt.retainOnDelete]).toEqual([false, false]);

    const [bin] = ofType(stack, 'alicloud:nas/recycleBin:RecycleBin');
    expect(bin.inputs).toMatchObject({ reservedDays: 30, fileSystemId: mt.inputs.fileSystemId });
    expect([bin.protect, bin.retainOnDelete]).toEqual([true, true]);

    expect(stack.outputs.mountDomain).toMatch(/^[0-9a-f]{10}-[0-9a-f]{5}\.cn-shenzhen\.nas\.aliyuncs\.com$/);
    expect(stack.outputs.fileSystemId).toBe(mt.inputs.fileSystemId);
  });

  test('honours storage type, squash mode, recycle-bin days and description', async () => {
    const stack = await evaluate(() => {
      new NasStorage('data', {
        vpc: PROPS.vpc,
        vswitch: { id: 'vsw-1', cidr: '10.20.16.0/20' },
        storageType: 'Capacity',
        squash: 'root_squash',
        recycleBinDays: 7,
        description: 'Business data',
      });
    });
    expect(ofType(stack, 'alicloud:nas/fileSystem:FileSystem')[0].inputs).toMatchObject({
      storageType: 'Capacity',
      description: 'Business data',
    });
    expect(ofType(stack, 'alicloud:nas/fileSystem:FileSystem')[0].inputs.zoneId).toBeUndefined();
    expect(ofType(stack, 'alicloud:nas/accessRule:AccessRule')[0].inputs.userAccessType).toBe('root_squash');
    expect(ofType(stack, 'alicloud:nas/recycleBin:RecycleBin')[0].inputs.reservedDays).toBe(7);
  });

  test('refuses bad props before registering anything, naming every one', () => {
    let error: unknown;
    try {
      new NasStorage('nas', {
        vpc: { id: 'vpc-1', cidr: '10.20.0.0/33' },
        vswitch: { id: 'vsw-1', cidr: '10.21.0.0/20' },
        // Casts stand in for untyped config reaching the component.
        storageType: 'Turbo' as NasStorageProps['storageType'],
        squash: 'squash_all' as NasStorageProps['squash'],
        recycleBinDays: 0,
        description: 'http://x',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.key)).toEqual([
      'vpc.cidr',
      'storageType',
      'squash',
      'recycleBinDays',
      'description',
    ]);
  });

  test('clientCidrs: one rule per client instead of the VPC; [] leaves the group empty for NasAccessRules', async () => {
    const stack = await evaluate(() => {
      new NasStorage('a', { ...PROPS, clientCidrs: ['10.20.0.11/32', '10.20.16.0/24'] });
      new NasStorage('b', { ...PROPS, clientCidrs: [] });
    });
    expect(
      ofType(stack, 'alicloud:nas/accessRule:AccessRule').map((r) => [r.name, r.inputs.accessGroupName, r.inputs.sourceCidrIp]),
    ).toEqual([
      ['a-ag-rule-10-20-0-11-32', 'a', '10.20.0.11/32'],
      ['a-ag-rule-10-20-16-0-24', 'a', '10.20.16.0/24'],
    ]);
    expect(ofType(stack, 'alicloud:nas/accessRule:AccessRule').some((r) => r.inputs.sourceCidrIp === '10.20.0.0/16')).toBe(false);
    expect(ofType(stack, 'alicloud:nas/mountTarget:MountTarget').map((r) => r.inputs.accessGroupName)).toEqual(['a', 'b']);
  });

  test('NasAccessRules: one read-write rule per client in a group created elsewhere', async () => {
    const stack = await evaluate(() => {
      new NasAccessRules('prod-nas-clients', {
        accessGroupName: 'platform-data',
        clientCidrs: ['10.20.0.11/32', '10.20.16.21/32'],
        squash: 'root_squash',
      });
    });
    expect(ofType(stack, 'alicloud:nas/accessRule:AccessRule').map((r) => [r.name, r.parent, r.inputs])).toEqual(
      ['10-20-0-11-32', '10-20-16-21-32'].map((slug, i) => [
        `prod-nas-clients-${slug}`,
        'aliyun-kubesphere:alicloud:NasAccessRules::prod-nas-clients',
        {
          accessGroupName: 'platform-data',
          fileSystemType: 'standard',
          sourceCidrIp: ['10.20.0.11/32', '10.20.16.21/32'][i],
          rwAccessType: 'RDWR',
          userAccessType: 'root_squash',
          priority: 1,
        },
      ]),
    );
  });

  test.each([
    [[], [['clientCidrs', 'is empty; list the clients to admit']]],
    [['0.0.0.0/0'], [['clientCidrs[0]', "is the whole internet; expected the clients' addresses"]]],
    [['10.20.0.11/32', '10.20.0.11/32'], [['clientCidrs[1]', 'repeats an earlier entry']]],
  ])('NasAccessRules refuses %j', (clientCidrs, expected) => {
    let error: unknown;
    try {
      new NasAccessRules('bad', { accessGroupName: 'g', clientCidrs });
    } catch (e) {
      error = e;
    }
    expect((error as ValidationError).issues.map((i) => [i.key, i.message])).toEqual(expected);
  });

  const base = {
    vpcCidr: '10.20.0.0/16',
    vswitchCidr: '10.20.0.0/20',
    storageType: 'Performance',
    squash: 'no_squash',
    recycleBinDays: 30,
    description: 'Shared data',
    clientCidrs: ['10.20.0.0/16'],
  };
  test.each([
    ['a vSwitch outside the VPC', { vswitchCidr: '10.21.0.0/20' }, 'vswitch.cidr', /not inside the VPC/],
    ['a malformed vSwitch CIDR', { vswitchCidr: '10.20.0.1/20' }, 'vswitch.cidr', /host bits/],
    ['a malformed VPC CIDR', { vpcCidr: 'ten' }, 'vpc.cidr', /not an IPv4 CIDR/],
    ['an Extreme NAS storage type', { storageType: 'advance' }, 'storageType', /Performance, Capacity, Premium/],
    ['an unknown squash mode', { squash: 'none' }, 'squash', /no_squash, root_squash, all_squash/],
    ['more than 180 recycle-bin days', { recycleBinDays: 181 }, 'recycleBinDays', /1 to 180/],
    ['fractional recycle-bin days', { recycleBinDays: 1.5 }, 'recycleBinDays', /whole number/],
    ['a description starting with a digit', { description: '1 share' }, 'description', /start with a letter/],
    ['a one-character description', { description: 'x' }, 'description', /2-128/],
    ['a client outside the VPC', { clientCidrs: ['10.21.0.5/32'] }, 'clientCidrs[0]', /not inside the VPC 10.20.0.0\/16/],
  ])('refuses %s', (_label, override, key, message) => {
    expect(() => validateNasStorage({ ...base, ...override })).toThrow(ValidationError);
    try {
      validateNasStorage({ ...base, ...override });
    } catch (e) {
      const issue = (e as ValidationError).issues[0];
      expect(issue.key).toBe(key);
      expect(issue.message).toMatch(message);
    }
  });

  test('accepts the defaults', () => {
    expect(() => validateNasStorage(base)).not.toThrow();
  });
});
