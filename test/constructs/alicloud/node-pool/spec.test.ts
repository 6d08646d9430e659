import { NodePoolSpecInput, resolveNodePoolSpec } from '../../../../constructs/alicloud/node-pool/spec';
import { issuesOf } from '../../../helpers/issues';

const OK: NodePoolSpecInput = { count: 3, instanceType: 'ecs.c7.2xlarge', roles: ['etcd', 'control-plane'], securityGroupCount: 1 };

describe('resolveNodePoolSpec', () => {
  test('applies the disk defaults: a 120 GiB ESSD system disk, no data disks', () => {
    expect(resolveNodePoolSpec(OK)).toEqual({ systemDisk: { category: 'cloud_essd', sizeGiB: 120 }, dataDisks: [] });
  });

  test('data disks default to ESSD and are kept when the instance goes', () => {
    expect(
      resolveNodePoolSpec({ ...OK, dataDisks: [{ sizeGiB: 200 }, { sizeGiB: 40, category: 'cloud_auto', deleteWithInstance: true }] })
        .dataDisks,
    ).toEqual([
      { sizeGiB: 200, category: 'cloud_essd', deleteWithInstance: false },
      { sizeGiB: 40, category: 'cloud_auto', deleteWithInstance: true },
    ]);
  });

  test.each(['ecs.c7.2xlarge', 'ecs.g8i.xlarge', 'ecs.gn7i-c8g1.2xlarge', 'ecs.ebmc7.32xlarge'])(
    'accepts instance type %s',
    (instanceType) => {
      expect(() => resolveNodePoolSpec({ ...OK, instanceType })).not.toThrow();
    },
  );

  test('accepts free labels, including prefixed ones', () => {
    expect(() => resolveNodePoolSpec({ ...OK, labels: { 'node.kubesphere.io/pool': 'prod', tier: '' } })).not.toThrow();
  });

  test.each<[string, Partial<NodePoolSpecInput>, Array<[string, string]>]>([
    ['zero nodes', { count: 0 }, [['count', 'must be a whole number of at least 1']]],
    [
      'an even etcd pool',
      { count: 2 },
      [['count', 'is even for an etcd pool; etcd needs an odd member count to keep quorum through a failure']],
    ],
    [
      'a bad instance type',
      { instanceType: 'c7.2xlarge' },
      [['instanceType', 'is not an ECS instance type; expected ecs.<family>.<size>, for example ecs.c7.2xlarge']],
    ],
    ['no roles', { roles: [] }, [['roles', 'is empty; expected at least one of etcd, control-plane, worker']]],
    ['a repeated role', { roles: ['etcd', 'etcd'] }, [['roles', 'repeats a role']]],
    [
      'no security group',
      { securityGroupCount: 0 },
      [['securityGroupIds', 'is the number of security groups; an ECS instance joins 1 to 5']],
    ],
    [
      'six security groups',
      { securityGroupCount: 6 },
      [['securityGroupIds', 'is the number of security groups; an ECS instance joins 1 to 5']],
    ],
    ['an empty image', { imageId: ' ' }, [['imageId', 'is empty']]],
    ['an empty key pair', { keyName: '' }, [['keyName', 'is empty; nodes log in with a key pair only']]],
    ['a tiny system disk', { systemDisk: { sizeGiB: 10 } }, [['systemDisk.sizeGiB', 'must be a whole number of GiB from 20 to 500']]],
    [
      'a bad data disk',
      { dataDisks: [{ sizeGiB: 100 }, { sizeGiB: 0.5, category: 'cloudEssd' as never }] },
      [
        [
          'dataDisks[1].category',
          'is not a cloud disk category; expected one of cloud_essd, cloud_auto, cloud_essd_entry, cloud_ssd, cloud_efficiency',
        ],
        ['dataDisks[1].sizeGiB', 'must be a whole number of GiB from 20 to 32768'],
      ],
    ],
    [
      'a label key with a space',
      { labels: { 'my label': 'x' } },
      [
        [
          'labels.my label',
          'has a key that is not a Kubernetes label name (1-63 alphanumerics, -, _ or ., starting and ending alphanumeric)',
        ],
      ],
    ],
    [
      'a label value too long',
      { labels: { pool: 'x'.repeat(64) } },
      [['labels.pool', 'is not a Kubernetes label value (0-63 alphanumerics, -, _ or ., starting and ending alphanumeric)']],
    ],
    [
      'a bad label prefix',
      { labels: { 'Example.COM/pool': 'a' } },
      [['labels.Example.COM/pool', 'has a key prefix that is not a DNS subdomain']],
    ],
  ])('refuses %s', (_title, change, expected) => {
    expect(issuesOf(() => resolveNodePoolSpec({ ...OK, ...change }))).toEqual(expected);
  });

  test('reports every problem at once', () => {
    const issues = issuesOf(() => resolveNodePoolSpec({ count: 0, instanceType: 'x', roles: [], securityGroupCount: 0 }));
    expect(issues.map(([key]) => key)).toEqual(['count', 'instanceType', 'roles', 'securityGroupIds']);
  });
});
