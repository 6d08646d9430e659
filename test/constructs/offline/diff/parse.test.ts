import { OfflineInputError, PlannedStack, parsePlan } from '../../../../constructs/offline/diff';
import type { Plan } from '../../../../constructs/core/plan';

// The plan the offline run writes, typed by the producer's own declaration (constructs/offline/plan.ts).
const WRITTEN: Plan = {
  stacks: {
    prod: {
      resources: [
        {
          type: 'command:remote:Command',
          name: 'prod-read-kubeconfig',
          parent: 'aliyun-kubesphere:alicloud:KubeSphereCluster::prod',
          inputs: { create: 'cat /root/.kube/config', connection: '[secret]' },
          protect: true,
          retainOnDelete: true,
          ignoreChanges: ['triggers'],
          replaceOnChanges: ['create'],
          deleteBeforeReplace: true,
          additionalSecretOutputs: ['stderr', 'stdout'],
        },
      ],
      outputs: { kubeconfig: '[secret]' },
    },
  },
};

describe('parsePlan reads the records the offline run writes, with their one type', () => {
  test('a written plan reads back field for field', () => {
    const read: PlannedStack | undefined = parsePlan(JSON.stringify(WRITTEN), 'plan.json').get('prod');
    expect(read).toEqual(WRITTEN.stacks.prod);
  });

  test("an older plan without the options gets Pulumi's defaults", () => {
    const old = { stacks: { prod: { resources: [{ type: 'alicloud:vpc/network:Network', name: 'vpc', inputs: {} }] } } };
    expect(parsePlan(JSON.stringify(old), 'base/plan.json').get('prod')).toEqual({
      resources: [
        {
          type: 'alicloud:vpc/network:Network',
          name: 'vpc',
          parent: null,
          inputs: {},
          protect: false,
          retainOnDelete: false,
          ignoreChanges: [],
          replaceOnChanges: [],
          deleteBeforeReplace: false,
          additionalSecretOutputs: [],
        },
      ],
      outputs: {},
    });
  });

  test('a malformed additionalSecretOutputs is named with its file and key', () => {
    const bad = { stacks: { prod: { resources: [{ type: 't:m:R', name: 'r', additionalSecretOutputs: 'stdout' }] } } };
    expect(() => parsePlan(JSON.stringify(bad), 'head/plan.json')).toThrow(
      'Invalid plan file head/plan.json (1 problem):\n  - head/plan.json: stacks.prod.resources[0].additionalSecretOutputs: "stdout" must be an array of property names',
    );
    expect(() => parsePlan('{', 'head/plan.json')).toThrow(OfflineInputError);
  });
});
