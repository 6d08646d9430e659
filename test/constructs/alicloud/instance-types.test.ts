import { instanceSize } from '../../../constructs/alicloud/instance-types';

describe('instanceSize', () => {
  test.each([
    ['ecs.c7.2xlarge', { vcpus: 8, memoryGiB: 16 }],
    ['ecs.c6.2xlarge', { vcpus: 8, memoryGiB: 16 }],
    ['ecs.c8i.2xlarge', { vcpus: 8, memoryGiB: 16 }],
    ['ecs.g7.2xlarge', { vcpus: 8, memoryGiB: 32 }],
    ['ecs.r7.large', { vcpus: 2, memoryGiB: 16 }],
    ['ecs.g6e.4xlarge', { vcpus: 16, memoryGiB: 64 }],
  ])('%s', (type, size) => {
    expect(instanceSize(type)).toEqual(size);
  });

  test.each(['ecs.t6-c1m1.large', 'ecs.c7.huge', 'c7.2xlarge', 'ecs.ebmc7.32xlarge'])('%s is not derivable', (type) => {
    expect(instanceSize(type)).toBeUndefined();
  });
});
