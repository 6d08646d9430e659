/**
 * Config drives the plan: a changed count or instance type in Pulumi.prod.yaml changes the plan,
 * and impossible values are refused by the offline run, naming the key, before anything is written.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments, parseDocument } from 'yaml';
import { diffOfflineOutputs } from '../../constructs/offline/diff';
import { OfflineConfigError, runOffline } from '../../stacks/offline';
import type { EvaluationCache } from '../../constructs/offline/synthesize';

const ROOT = path.resolve(__dirname, '../..');
/** The runs below change only prod: the shared stack, the same in each, is evaluated once. */
const cache: EvaluationCache = new Map();

/** A temporary copy of the project with `edits` applied to `Pulumi.<stack>.yaml` (paths under `config`). */
function projectWith(edits: Record<string, Array<[Array<string | number>, unknown]>>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'changes-'));
  for (const file of fs.readdirSync(ROOT).filter((f) => /^Pulumi(\..+)?\.yaml$/.test(f))) {
    fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
  }
  for (const [stack, changes] of Object.entries(edits)) {
    const file = path.join(dir, `Pulumi.${stack}.yaml`);
    const doc = parseDocument(fs.readFileSync(file, 'utf8'));
    for (const [at, value] of changes) {
      doc.setIn(['config', ...at], value);
    }
    fs.writeFileSync(file, doc.toString());
  }
  return dir;
}

async function refusal(edits: Record<string, Array<[Array<string | number>, unknown]>>): Promise<string> {
  const dir = projectWith(edits);
  const out = path.join(dir, 'out');
  try {
    await runOffline({ projectDir: dir, outDir: out });
  } catch (err) {
    expect(err).toBeInstanceOf(OfflineConfigError);
    expect(fs.existsSync(out)).toBe(false);
    return (err as Error).message;
  }
  throw new Error('expected the offline run to refuse the config');
}

const WORKERS: Array<string | number> = ['platform:nodePools', 1];
const CONTROL_PLANE: Array<string | number> = ['platform:nodePools', 0];

describe('config changes the plan', () => {
  /**
   * One evaluation for three independent edits of prod (each test reads its own part): a 6th worker,
   * another worker instance type, and an acknowledged unsupported Kubernetes version. Each edit
   * shows in a place the others do not touch; an edit that stopped working fails its test.
   */
  let changed: { dir: string; result: Awaited<ReturnType<typeof runOffline>> };
  beforeAll(async () => {
    const dir = projectWith({
      prod: [
        [[...WORKERS, 'count'], 6],
        [[...WORKERS, 'instanceType'], 'ecs.c7.4xlarge'],
        [['platform:kubernetes', 'version'], 'v1.29.3'],
        [['platform:kubernetes', 'allowUnsupportedVersion'], true],
      ],
    });
    changed = { dir, result: await runOffline({ projectDir: dir, outDir: path.join(dir, 'out'), stack: 'prod', cache }) };
  });
  const instancesOf = (result: Awaited<ReturnType<typeof runOffline>>) =>
    result.plan.stacks.prod.resources.filter((r) => r.type === 'alicloud:ecs/instance:Instance');

  test('one more worker: 9 production ECS and a 9th KubeKey host', () => {
    const instances = instancesOf(changed.result);
    expect(instances.map((i) => i.inputs.instanceName)).toEqual([
      'prod-cp-1',
      'prod-cp-2',
      'prod-cp-3',
      'prod-worker-1',
      'prod-worker-2',
      'prod-worker-3',
      'prod-worker-4',
      'prod-worker-5',
      'prod-worker-6',
    ]);
    const [cluster] = parseAllDocuments(fs.readFileSync(path.join(changed.dir, 'out', 'kubekey', 'prod.yaml'), 'utf8')).map((d) =>
      d.toJS(),
    );
    expect(cluster.spec.roleGroups.worker).toHaveLength(6);
    expect(cluster.spec.hosts[8]).toMatchObject({ name: 'prod-worker-6', internalAddress: instances[8].inputs.privateIp });
  });

  test('another instance type for the workers', () => {
    const types = instancesOf(changed.result).map((r) => r.inputs.instanceType);
    expect(types).toEqual([...Array(3).fill('ecs.c7.2xlarge'), ...Array(6).fill('ecs.c7.4xlarge')]);
  });

  test('an acknowledged unsupported Kubernetes version is accepted, with a warning', () => {
    expect(changed.result.warnings.prod.join('\n')).toMatch(/v1\.29/);
    expect(fs.readFileSync(path.join(changed.dir, 'out', 'kubekey', 'prod.yaml'), 'utf8')).toContain('version: v1.29.3');
  });

  test('a new addressOffset is flagged by npm run diff as needing the node replacement procedure; replaceNodes turns it into a replacement', async () => {
    const base = projectWith({});
    await runOffline({ projectDir: base, outDir: path.join(base, 'out'), stack: 'prod', cache });
    const moved = projectWith({ prod: [[[...WORKERS, 'addressOffset'], 30]] });
    await runOffline({ projectDir: moved, outDir: path.join(moved, 'out'), stack: 'prod', cache });
    const lines = diffOfflineOutputs(path.join(base, 'out'), path.join(moved, 'out')).split('\n');
    expect(lines[2]).toBe('### ⛔ 5 changes: needs a node replacement procedure (README.md, "Replacing or re-addressing a node")');
    expect(lines).toContain('- `alicloud:ecs/instance:Instance` `prod-worker-prod-worker-1` in stack `prod`');
    expect(lines).toContain('- **no change (ignored)** `alicloud:ecs/instance:Instance` `prod-worker-prod-worker-1`');
    expect(lines.filter((l) => /^- \*\*(update|replace)\*\* `alicloud:ecs\/instance:Instance`/.test(l))).toEqual([]);

    const acknowledged = projectWith({
      prod: [
        [[...WORKERS, 'addressOffset'], 30],
        [[...WORKERS, 'replaceNodes'], ['prod-worker-2']],
      ],
    });
    await runOffline({ projectDir: acknowledged, outDir: path.join(acknowledged, 'out'), stack: 'prod', cache });
    const after = diffOfflineOutputs(path.join(base, 'out'), path.join(acknowledged, 'out')).split('\n');
    expect(after[2]).toBe('### ⛔ 4 changes: needs a node replacement procedure (README.md, "Replacing or re-addressing a node")');
    expect(after).toContain('- **replace** `alicloud:ecs/instance:Instance` `prod-worker-prod-worker-2`');
  });
});

describe('impossible values are refused, naming the key', () => {
  test.each<[string, Record<string, Array<[Array<string | number>, unknown]>>, string]>([
    [
      'an even control-plane count',
      { prod: [[[...CONTROL_PLANE, 'count'], 2]] },
      'platform:nodePools[0].count: 2 gives 2 control-plane nodes; expected an odd number',
    ],
    [
      'no control-plane node',
      { prod: [[[...CONTROL_PLANE, 'count'], 0]] },
      'platform:nodePools[0].count: 0 is out of range; expected an integer from 1 to 100',
    ],
    [
      'one control-plane node in a highly available cluster',
      { prod: [[[...CONTROL_PLANE, 'count'], 1]] },
      'a highly available cluster needs at least 3',
    ],
    [
      'a private IP outside the vSwitch',
      { prod: [[[...CONTROL_PLANE, 'privateIps'], ['10.99.0.10']]] },
      'platform:nodePools[0].privateIps[0]: "10.99.0.10"',
    ],
    [
      'a pod CIDR overlapping the VPC',
      { prod: [[['platform:kubernetes', 'podCidr'], '10.20.128.0/18']] },
      'platform:kubernetes.podCidr: "10.20.128.0/18" overlaps the VPC 10.20.0.0/16',
    ],
    [
      'Kubernetes v1.29 without the acknowledgement',
      { prod: [[['platform:kubernetes', 'version'], 'v1.29.3']] },
      'platform:kubernetes.version: "v1.29.3"',
    ],
    [
      'a version KubeKey cannot install',
      {
        prod: [
          [['platform:kubernetes', 'version'], 'v1.40.0'],
          [['platform:kubernetes', 'allowUnsupportedVersion'], true],
        ],
      },
      'platform:kubernetes.version: "v1.40.0"',
    ],
    ['the control plane in one zone', { prod: [[[...CONTROL_PLANE, 'zones'], ['cn-shenzhen-e']]] }, 'platform:nodePools[0].zones'],
    [
      'a security group the network does not have',
      { prod: [[['platform:cluster', 'securityGroups', 'worker'], 'nope']] },
      'platform:cluster.securityGroups.worker: "nope" is not a security group of the shared network',
    ],
    [
      'a non-root install user',
      { prod: [[['platform:cluster', 'ssh', 'user'], 'ecs-user']] },
      `platform:cluster.ssh.user: "ecs-user" cannot install the cluster; the bootstrap runs as 'root'`,
    ],
    [
      'admin CIDRs for SSH (now only from the jump host)',
      { prod: [[['platform:cluster', 'adminCidrs'], ['10.20.0.0/16']]] },
      `platform:cluster.adminCidrs: ["10.20.0.0/16"] is no longer used: SSH to the nodes and the KubeSphere console come only from the shared stack's dev-tools host (the jump host), SSH also from the node KubeKey runs on; remove it`,
    ],
    [
      'a bad SSH host key',
      { prod: [[['platform:cluster', 'ssh', 'hostKey'], 'SHA256:47DEQpj8HBSa']] },
      `platform:cluster.ssh.hostKey: "SHA256:47DEQpj8HBSa" is not an SSH public key; expected one public key line such as 'ssh-ed25519 AAAAC3Nza… root@host' (the content of /etc/ssh/ssh_host_ed25519_key.pub), or 'pending' before the nodes exist`,
    ],
    [
      'the jump host key pair on a cluster',
      { test: [[['platform:cluster', 'ssh', 'keyPairName'], 'platform-ops']] },
      'test: platform:cluster.ssh.keyPairName: "platform-ops" is also platform:devtools.keyPairName; each cluster and the jump host need a key pair of their own',
    ],
    [
      "production's key pair on test",
      { test: [[['platform:cluster', 'ssh', 'keyPairName'], 'prod-nodes']] },
      'test: platform:cluster.ssh.keyPairName: "prod-nodes" is also prod: platform:cluster.ssh.keyPairName',
    ],
    [
      'a cluster without a NAS file system',
      { shared: [[['platform:nas', 'clusters'], ['prod']]] },
      'platform:nas.clusters: ["prod"] has no file system for cluster test',
    ],
    // ECS system disks take 20-500 GiB: a bigger one must be refused here, not by the provider.
    [
      'a system disk larger than ECS allows',
      { prod: [[[...CONTROL_PLANE, 'systemDiskGiB'], 600]] },
      'platform:nodePools[0].systemDiskGiB: 600 is out of range; expected an integer from 40 to 500',
    ],
    [
      'a data disk larger than an ESSD',
      { prod: [[[...WORKERS, 'dataDiskGiB'], 40000]] },
      'platform:nodePools[1].dataDiskGiB: 40000 is out of range; expected an integer from 20 to 32768',
    ],
    [
      'an SLB spec (pay-by-spec CLBs can no longer be created)',
      { prod: [[['platform:apiServer', 'loadBalancer', 'spec'], 'slb.s1.small']] },
      'platform:apiServer.loadBalancer.spec: "slb.s1.small" is no longer allowed: pay-by-specification CLBs can no longer be created (Alibaba help doc 127268',
    ],
    [
      'a replaceNodes entry that is not a node of the pool',
      { prod: [[[...WORKERS, 'replaceNodes'], ['prod-worker-6']]] },
      'platform:nodePools[1].replaceNodes[0]: "prod-worker-6" is not a node of pool prod-worker; expected prod-worker-1 to prod-worker-5',
    ],
    [
      'test nodes on the production addresses',
      { test: [[['platform:nodePools', 0, 'addressOffset'], 10]] },
      'platform:nodePools[0].addressOffset: "10.20.0.10" gives test-node-1 the address already planned for prod: prod-cp-1',
    ],
  ])('%s', async (_name, edits, expected) => {
    const message = await refusal(edits);
    expect(message).toContain(expected);
  });

  test('a pool carrying both etcd and control-plane gets one message for its count', async () => {
    const message = await refusal({ prod: [[[...CONTROL_PLANE, 'count'], 2]] });
    expect(message.match(/platform:nodePools\[0\]\.count/g)).toHaveLength(1);
  });

  test('the version refusal tells which config key accepts the risk', async () => {
    const message = await refusal({ prod: [[['platform:kubernetes', 'version'], 'v1.29.3']] });
    expect(message).toContain('Set platform:kubernetes.allowUnsupportedVersion to accept the risk');
  });

  test('problems in several stacks are reported together', async () => {
    const message = await refusal({
      prod: [[[...CONTROL_PLANE, 'count'], 2]],
      test: [[['platform:kubernetes', 'version'], 'v1.29.3']],
      shared: [[['platform:network', 'vpcCidr'], '10.20.0.0/33']],
    });
    expect(message).toContain("Invalid config for stack 'shared'");
    expect(message).toContain("Invalid config for stack 'prod'");
    expect(message).toContain("Invalid config for stack 'test'");
  });
});
