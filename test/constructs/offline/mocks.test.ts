import { PlanMocks, mockResourceId } from '../../../constructs/offline/mocks';

const ref = (name: string) => ({ type: 'pulumi:pulumi:StackReference', name, inputs: { name }, provider: '', id: undefined, custom: true });

describe('PlanMocks: StackReference', () => {
  const mocks = new PlanMocks({ region: 'cn-shenzhen', stackOutputs: { shared: { network: { vpcCidr: '10.0.0.0/16' } } }, stack: 'prod' });

  test('answers with the outputs of a stack evaluated earlier', () => {
    expect(mocks.newResource(ref('organization/platform/shared')).state).toEqual({
      name: 'organization/platform/shared',
      outputs: { network: { vpcCidr: '10.0.0.0/16' } },
    });
  });

  test('a reference to the stack being evaluated reads no previous outputs: a first deployment', () => {
    expect(mocks.newResource(ref('organization/platform/prod')).state).toEqual({ name: 'organization/platform/prod', outputs: {} });
  });

  test('a reference to any other stack is an error', () => {
    expect(() => mocks.newResource(ref('organization/platform/test'))).toThrow(
      "StackReference 'organization/platform/test': stack 'test' has not been evaluated in this offline run",
    );
  });
});

describe('PlanMocks: state', () => {
  const mocks = new PlanMocks({ region: 'cn-shenzhen' });
  const args = (type: string, custom: boolean, inputs: Record<string, unknown>) => ({
    type,
    name: 'n',
    inputs,
    provider: '',
    id: undefined,
    custom,
  });

  test('a custom resource echoes its inputs, merged with what the provider computes, under a stable ID', () => {
    expect(
      mocks.newResource(args('alicloud:ecs/instance:Instance', true, { instanceType: 'ecs.g7.2xlarge', privateIp: '10.0.1.10' })),
    ).toEqual({
      id: 'i-' + mockResourceId('alicloud:ecs/instance:Instance', 'n').slice(2),
      state: { instanceType: 'ecs.g7.2xlarge', privateIp: '10.0.1.10', status: 'Running', publicIp: '' },
    });
  });

  test('a component (a ConfigGroup with its manifests) has no ID and does not echo its inputs: its outputs are its own', () => {
    const objs = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'iot-apps' } }];
    expect(mocks.newResource(args('kubernetes:yaml/v2:ConfigGroup', false, { objs }))).toEqual({ id: undefined, state: {} });
    // The plan still records what was given.
    expect(mocks.registrations.get('kubernetes:yaml/v2:ConfigGroup::n')?.inputs).toEqual({ objs });
  });
});
