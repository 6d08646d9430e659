/**
 * How a cluster stack reaches its nodes and who reaches its data: the pinned host keys (and the
 * nodes-first run before they are known), the secrets checked once their values are known, and
 * the cluster's own NAS file system.
 */
import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import { checkClusterAccess, clusterProgram } from '../../stacks/cluster';
import { SharedOutputs } from '../../stacks/shared-outputs';
import { SHIPPED_RUN_TIMEOUT_MS, shippedPlan } from '../helpers/shipped-run';
import { ClusterSpec, SecretValue, parseStackConfig, readStackFile } from '../../stacks/config';
import { resolveInput } from '../../constructs/offline/values';
import { evaluate, ofType } from '../helpers/evaluate';

const ROOT = path.resolve(__dirname, '../..');
const NODE_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl root@prod-cp-1';
const JUMP_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFd8c0pYlFdPqXbUuSgCq7ZVK1oQwz2yYrQ5f3eE1h0A root@devtools';

function spec(stack: string, hostKey: string, secrets: Record<string, string> = {}): ClusterSpec {
  const r = readStackFile(ROOT, stack);
  const cluster = r.values['platform:cluster'] as Record<string, Record<string, unknown>>;
  const values = { ...r.values, 'platform:cluster': { ...cluster, ssh: { ...cluster.ssh, hostKey } } };
  const s = parseStackConfig({ ...r, values }, { missingSecrets: 'placeholder' });
  if (s.kind !== 'cluster') throw new Error('not a cluster stack');
  const given = Object.fromEntries(Object.entries(secrets).map(([k, value]) => [k, { secret: true, value } as SecretValue]));
  return { ...s, secrets: { ...s.secrets, ...given } };
}

let sharedOutputs: Record<string, unknown>;

// The shared stack of the shared offline run of the shipped stacks (test/helpers/shipped-run.ts).
beforeAll(async () => {
  sharedOutputs = (await shippedPlan()).stacks.shared.outputs;
}, SHIPPED_RUN_TIMEOUT_MS);

function withJumpHostKey(key: string | null): Record<string, unknown> {
  return { ...sharedOutputs, devtools: { ...(sharedOutputs.devtools as object), sshHostKey: key } };
}

async function run(s: ClusterSpec, shared = withJumpHostKey(JUMP_KEY)) {
  const connections: Array<Promise<unknown>> = [];
  const stack = await evaluate(
    () => {
      pulumi.runtime.registerStackTransformation((args) => {
        if (args.type.startsWith('command:')) {
          connections.push(resolveInput(pulumi.unsecret(pulumi.output(args.props.connection))));
        }
        return undefined;
      });
      return clusterProgram(s);
    },
    { stack: s.stack, stackOutputs: { shared } },
  );
  return { stack, connections: await Promise.all(connections) };
}

/** What clusterProgram refuses (as one ConfigError) before registering anything. */
function refusal(s: ClusterSpec, shared = withJumpHostKey(JUMP_KEY)): Array<[string, unknown, string]> {
  return checkClusterAccess(s, shared as unknown as SharedOutputs, (k) => `platform:${k}`).map((i) => [i.key, i.value, i.message]);
}

test('every install step pins the node and jump host keys, and opens the jump host with its own key', async () => {
  const { connections } = await run(spec('prod', NODE_KEY, { sshPrivateKey: 'node-private', jumpHostSshPrivateKey: 'jump-private' }));
  expect(connections).toHaveLength(9);
  for (const connection of connections) {
    expect(connection).toMatchObject({
      host: '10.20.0.10',
      hostKey: NODE_KEY,
      privateKey: 'node-private',
      proxy: { hostKey: JUMP_KEY, privateKey: 'jump-private' },
    });
  }
});

test("hostKey 'pending': the nodes and their network, no install and nothing inside the cluster", async () => {
  const { stack } = await run(spec('test', 'pending'));
  expect(ofType(stack, 'alicloud:ecs/instance:Instance')).toHaveLength(3);
  expect(ofType(stack, 'alicloud:nas/accessRule:AccessRule')).toHaveLength(3);
  expect(
    stack.resources.filter(
      (r) => r.type.startsWith('command:') || r.type.startsWith('kubernetes:') || r.type === 'pulumi:providers:kubernetes',
    ),
  ).toEqual([]);
  expect(stack.outputs.kubeconfig).toBeNull();
  expect(stack.warnings).toEqual([
    "platform:cluster.ssh.hostKey is 'pending': the nodes are created, the install waits. Read the SSH host key of test-node-1 from its console output, set platform:cluster.ssh.hostKey and run 'pulumi up' again",
  ]);
});

test("an install refuses a shared stack that does not export the jump host's key yet", async () => {
  expect(refusal(spec('prod', NODE_KEY), withJumpHostKey(null))).toEqual([
    [
      'platform:bootstrap.enabled',
      true,
      "needs the jump host's SSH host key, which stack 'organization/platform/shared' does not export yet: set platform:devtools.sshHostKey there (the content of /etc/ssh/ssh_host_ed25519_key.pub on the dev-tools host) and run 'pulumi up' on it",
    ],
  ]);
});

test('offline placeholders pass the checks', () => {
  expect(refusal(spec('prod', NODE_KEY))).toEqual([]);
});

test('known secrets are checked: a weak admin password, the same key for the jump host and the nodes', async () => {
  const s = spec('prod', NODE_KEY, { kubesphereAdminPassword: 'P@88w0rd', sshPrivateKey: 'same', jumpHostSshPrivateKey: 'same' });
  expect(refusal(s)).toEqual([
    ['platform:secrets.kubesphereAdminPassword', '(secret, not shown)', "is KubeSphere's published default; choose another"],
    [
      'platform:secrets.jumpHostSshPrivateKey',
      '(secret, not shown)',
      "is the cluster's own key (secrets.sshPrivateKey); the jump host needs a key pair of its own, so that one cluster's key opens nothing else",
    ],
  ]);
});

test('a cluster the shared stack has no file system for is refused', async () => {
  const shared = { ...withJumpHostKey(JUMP_KEY), nas: { other: (sharedOutputs.nas as Record<string, unknown>).prod } };
  expect(refusal(spec('test', NODE_KEY), shared)).toEqual([
    [
      'platform:cluster.name',
      'test',
      "has no NAS file system in stack 'organization/platform/shared'; add it to platform:nas.clusters there (it has other)",
    ],
  ]);
});
