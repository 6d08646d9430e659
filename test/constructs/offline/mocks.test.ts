import { PlanMocks } from '../../../constructs/offline/mocks';

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
