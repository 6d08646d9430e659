/** The cluster stacks prepare every node's data disk with a KubeKey preInstall script, unless turned off. */
import * as path from 'path';
import { kubeKeyInput } from '../../stacks/cluster';
import { ClusterSpec, parseStackConfig, readStackFile } from '../../stacks/config';
import { HostRole, buildClusterConfiguration, buildClusterDocument, renderNodeDataDiskScript } from '../../constructs/kubekey';

const ROOT = path.resolve(__dirname, '../..');
const HOSTS = [1, 2, 3].map((i) => ({ name: `n${i}`, internalAddress: `10.20.0.4${i}`, roles: ['etcd', 'control-plane', 'worker'] as HostRole[] }));

function spec(stack: string, cluster: Record<string, unknown> = {}): ClusterSpec {
  const r = readStackFile(ROOT, stack);
  const values = { ...r.values, 'platform:cluster': { ...(r.values['platform:cluster'] as Record<string, unknown>), ...cluster } };
  const s = parseStackConfig({ ...r, values }, { missingSecrets: 'placeholder' });
  if (s.kind !== 'cluster') throw new Error('not a cluster stack');
  return s;
}

describe.each(['prod', 'test'])('%s', (stack) => {
  test('runs the data-disk script on every host (no role) before KubeKey installs anything', () => {
    const input = kubeKeyInput(spec(stack), '10.20.0.0/16');
    expect(input.system).toEqual({ preInstall: [{ name: 'node-data-disk', bash: renderNodeDataDiskScript() }] });
    expect(buildClusterDocument({ ...input, hosts: HOSTS }).spec.system?.preInstall.map((p) => [p.name, p.role])).toEqual([['node-data-disk', undefined]]);
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
