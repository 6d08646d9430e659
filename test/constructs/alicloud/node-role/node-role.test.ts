import * as ecs from '@pulumi/alicloud/ecs';
import { NAS_CSI_SUBPATH_ACTIONS, NodeRamRole, ecsTrustPolicy, permissionPolicy } from '../../../../constructs/alicloud';
import { evaluate, ofType } from '../../../helpers/evaluate';
import { issuesOf } from '../../../helpers/issues';
import { mockResourceId } from '../../../../constructs/offline/mocks';

describe('policy documents', () => {
  test('the trust policy lets ECS, and only ECS, assume the role', () => {
    expect(JSON.parse(ecsTrustPolicy())).toEqual({
      Version: '1',
      Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: ['ecs.aliyuncs.com'] } }],
    });
  });

  test('a permission policy allows exactly the given actions', () => {
    expect(
      JSON.parse(permissionPolicy([{ actions: ['nas:CreateDir'] }, { actions: ['oss:GetObject'], resources: ['acs:oss:*:*:b/*'] }])),
    ).toEqual({
      Version: '1',
      Statement: [
        { Effect: 'Allow', Action: ['nas:CreateDir'], Resource: ['*'] },
        { Effect: 'Allow', Action: ['oss:GetObject'], Resource: ['acs:oss:*:*:b/*'] },
      ],
    });
  });

  test('the NAS subpath actions never create or delete file systems', () => {
    expect(NAS_CSI_SUBPATH_ACTIONS).toContain('nas:CreateDir');
    expect(NAS_CSI_SUBPATH_ACTIONS.filter((a) => /FileSystem$/.test(a) && !a.includes('Describe'))).toEqual([]);
  });

  test.each([
    ['no statement', [], [['statements', 'is empty; expected at least one statement']]],
    ['no action', [{ actions: [] }], [['statements[0].actions', 'is empty; expected at least one action']]],
    [
      'a malformed action',
      [{ actions: ['nas CreateDir'] }],
      [['statements[0].actions[0]', 'is not a RAM action; expected service:Action, for example nas:DescribeFileSystems']],
    ],
  ])('refuses %s', (_name, statements, expected) => {
    expect(issuesOf(() => permissionPolicy(statements))).toEqual(expected);
  });
});

describe('NodeRamRole', () => {
  test('a role ECS assumes, its policy, and one attachment per instance', async () => {
    const stack = await evaluate(() => {
      const instances = ['n-1', 'n-2'].map((name) => ({
        name,
        instance: new ecs.Instance(name, { instanceType: 'ecs.c7.2xlarge' }),
      }));
      new NodeRamRole('nodes', { roleName: 'platform-prod-nodes', statements: [{ actions: NAS_CSI_SUBPATH_ACTIONS }], instances });
    });
    const [role] = ofType(stack, 'alicloud:ram/role:Role');
    expect(role.inputs.roleName).toBe('platform-prod-nodes');
    expect(JSON.parse(role.inputs.assumeRolePolicyDocument as string).Statement[0].Principal).toEqual({ Service: ['ecs.aliyuncs.com'] });
    const [policy] = ofType(stack, 'alicloud:ram/policy:Policy');
    expect(JSON.parse(policy.inputs.policyDocument as string).Statement[0].Action).toEqual(NAS_CSI_SUBPATH_ACTIONS);
    expect(ofType(stack, 'alicloud:ram/rolePolicyAttachment:RolePolicyAttachment').map((a) => a.inputs)).toEqual([
      { roleName: 'platform-prod-nodes', policyName: 'platform-prod-nodes-policy', policyType: 'Custom' },
    ]);
    const attachments = ofType(stack, 'alicloud:ecs/ramRoleAttachment:RamRoleAttachment');
    expect(attachments.map((a) => [a.name, a.inputs.instanceId, a.inputs.ramRoleName])).toEqual([
      ['nodes-n-1', mockResourceId('alicloud:ecs/instance:Instance', 'n-1'), 'platform-prod-nodes'],
      ['nodes-n-2', mockResourceId('alicloud:ecs/instance:Instance', 'n-2'), 'platform-prod-nodes'],
    ]);
  });

  test('a malformed action fails before anything is registered', () => {
    expect(() => new NodeRamRole('bad', { statements: [{ actions: ['bad'] }], instances: [] })).toThrow('Invalid RAM policy');
  });
});
