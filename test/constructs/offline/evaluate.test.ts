/**
 * `plan.json` records every resource option a reviewer must see next to its inputs: `protect`,
 * `retainOnDelete`, `ignoreChanges`, `replaceOnChanges`, `deleteBeforeReplace` and `additionalSecretOutputs`
 * (which the policy pack reads: a command whose stdout is secret must not log it).
 */
import * as vpc from '@pulumi/alicloud/vpc';
import * as pulumi from '@pulumi/pulumi';
import { evaluate } from '../../helpers/evaluate';

class Holder extends pulumi.ComponentResource {
  constructor(name: string) {
    super('unit:test:Holder', name, {}, {});
    new vpc.Network(
      `${name}-vpc`,
      { cidrBlock: '10.0.0.0/16' },
      {
        parent: this,
        protect: true,
        retainOnDelete: true,
        // Given unsorted and with a repeat: the plan keeps a sorted set, so order never shows as a change.
        ignoreChanges: ['tags', 'description', 'tags'],
        replaceOnChanges: ['vpcName'],
        deleteBeforeReplace: true,
        additionalSecretOutputs: ['status', 'routerId', 'status'],
      },
    );
    new vpc.Network(`${name}-plain`, { cidrBlock: '10.1.0.0/16' }, { parent: this });
    this.registerOutputs({});
  }
}

describe('evaluateStack records resource options', () => {
  test('each resource carries its options as given, and Pulumi defaults otherwise', async () => {
    const stack = await evaluate(() => {
      new Holder('h');
    });
    const options = stack.resources.map((r) => ({
      name: r.name,
      protect: r.protect,
      retainOnDelete: r.retainOnDelete,
      ignoreChanges: r.ignoreChanges,
      replaceOnChanges: r.replaceOnChanges,
      deleteBeforeReplace: r.deleteBeforeReplace,
      additionalSecretOutputs: r.additionalSecretOutputs,
    }));
    expect(options).toEqual([
      {
        name: 'h',
        protect: false,
        retainOnDelete: false,
        ignoreChanges: [],
        replaceOnChanges: [],
        deleteBeforeReplace: false,
        additionalSecretOutputs: [],
      },
      {
        name: 'h-vpc',
        protect: true,
        retainOnDelete: true,
        ignoreChanges: ['description', 'tags'],
        replaceOnChanges: ['vpcName'],
        deleteBeforeReplace: true,
        additionalSecretOutputs: ['routerId', 'status'],
      },
      {
        name: 'h-plain',
        protect: false,
        retainOnDelete: false,
        ignoreChanges: [],
        replaceOnChanges: [],
        deleteBeforeReplace: false,
        additionalSecretOutputs: [],
      },
    ]);
  });
});

describe('evaluateStack hands the artifacts on', () => {
  test('content resolved; the documents a manifest came with kept as given (readers skip the parse)', async () => {
    const documents = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }];
    const stack = await evaluate(() => ({
      outputs: {},
      artifacts: [
        {
          path: 'k8s/dev/platform.k8s.yaml',
          content: pulumi.output('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n'),
          documents,
        },
        { path: 'kubekey/dev.yaml', content: 'kind: Cluster\n' },
      ],
    }));
    expect(stack.artifacts).toEqual([
      { path: 'k8s/dev/platform.k8s.yaml', content: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n', documents },
      { path: 'kubekey/dev.yaml', content: 'kind: Cluster\n' },
    ]);
    expect(stack.artifacts[0].documents).toBe(documents);
  });
});
