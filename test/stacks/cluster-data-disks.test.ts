/** The cluster stacks prepare every node's data disk with a KubeKey preInstall script, unless turned off. */
import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import { clusterProgram, kubeKeyInput } from '../../stacks/cluster';
import { SHIPPED_RUN_TIMEOUT_MS, shippedPlan } from '../helpers/shipped-run';
import { evaluate } from '../helpers/evaluate';
import { ClusterSpec, parseStackConfig, readStackFile } from '../../stacks/config';
import { HostRole, buildClusterConfiguration, buildClusterDocument, renderNodeDataDiskScript } from '../../constructs/kubekey';

const ROOT = path.resolve(__dirname, '../..');
const HOSTS = [1, 2, 3].map((i) => ({
  name: `n${i}`,
  internalAddress: `10.20.0.4${i}`,
  roles: ['etcd', 'control-plane', 'worker'] as HostRole[],
}));

function spec(stack: string, cluster: Record<string, unknown> = {}): ClusterSpec {
  const r = readStackFile(ROOT, stack);
  const values = { ...r.values, 'platform:cluster': { ...(r.values['platform:cluster'] as Record<string, unknown>), ...cluster } };
  const s = parseStackConfig({ ...r, values }, { missingSecrets: 'placeholder' });
  if (s.kind !== 'cluster') throw new Error('not a cluster stack');
  return s;
}

let sharedOutputs: Record<string, unknown>;

// The shared stack of the shared offline run of the shipped stacks (test/helpers/shipped-run.ts).
beforeAll(async () => {
  sharedOutputs = (await shippedPlan()).stacks.shared.outputs;
}, SHIPPED_RUN_TIMEOUT_MS);

describe.each(['prod', 'test'])('%s', (stack) => {
  test("the install waits for every node's data disk to be attached: the script refuses a node without it", async () => {
    const s = spec(stack);
    const attachments: pulumi.Resource[] = [];
    let installDependsOn: unknown;
    await evaluate(
      () => {
        pulumi.runtime.registerStackTransformation((args) => {
          if (args.type === 'alicloud:ecs/ecsDiskAttachment:EcsDiskAttachment') {
            attachments.push(args.resource);
          } else if (args.type === 'command:remote:Command' && args.name.endsWith('-install-kk')) {
            installDependsOn = args.opts.dependsOn;
          }
          return undefined;
        });
        return clusterProgram(s);
      },
      { stack, stackOutputs: { [s.sharedStack.split('/').pop()!]: sharedOutputs } },
    );
    expect(attachments).toHaveLength(s.nodePools.reduce((n, p) => n + p.count, 0));
    // Every node's instance and its data-disk attachment, in node order.
    const waits = installDependsOn as pulumi.Resource[];
    expect(waits).toHaveLength(2 * attachments.length);
    attachments.forEach((a, i) => expect(waits[2 * i + 1]).toBe(a));
  });

  test('runs the data-disk script on every host (no role) before KubeKey installs anything', () => {
    const input = kubeKeyInput(spec(stack), '10.20.0.0/16');
    expect(input.system).toEqual({ preInstall: [{ name: 'node-data-disk', bash: renderNodeDataDiskScript() }] });
    expect(buildClusterDocument({ ...input, hosts: HOSTS }).spec.system?.preInstall.map((p) => [p.name, p.role])).toEqual([
      ['node-data-disk', undefined],
    ]);
  });

  test('leaves the ClusterConfiguration untouched', () => {
    const input = { ...kubeKeyInput(spec(stack), '10.20.0.0/16'), hosts: HOSTS };
    expect(buildClusterConfiguration(input)).toEqual(buildClusterConfiguration({ ...input, system: undefined }));
  });

  test('platform:cluster.prepareDataDisks: false leaves the disks alone and the system section out', () => {
    const input = kubeKeyInput(spec(stack, { prepareDataDisks: false }), '10.20.0.0/16');
    expect(input.system).toBeUndefined();
    expect(buildClusterDocument({ ...input, hosts: HOSTS }).spec.system).toBeUndefined();
  });
});
