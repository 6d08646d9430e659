/**
 * The install's access settings in stack config: the pinned SSH host keys (public values known
 * only once the machines exist) and the secrets a bootstrap needs, read from the committed files.
 */
import * as path from 'path';
import { ConfigError, RawConfig, SETTING_PLACEHOLDER, parseStackConfig, readStackFile } from '../../../stacks/config';

const ROOT = path.resolve(__dirname, '../../..');
const HOST_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl root@prod-cp-1';

function withCluster(raw: RawConfig, ssh: Record<string, unknown>): RawConfig {
  const cluster = raw.values['platform:cluster'] as Record<string, Record<string, unknown>>;
  return { ...raw, values: { ...raw.values, 'platform:cluster': { ...cluster, ssh: { ...cluster.ssh, ...ssh } } } };
}

function issues(raw: RawConfig): Array<[string, string]> {
  try {
    parseStackConfig(raw);
  } catch (err) {
    return (err as ConfigError).issues.map((i) => [i.key, i.message]);
  }
  return [];
}

describe('SSH host keys', () => {
  const prod = readStackFile(ROOT, 'prod');

  test('offline: an unset host key reads as a placeholder and is listed, like a missing secret', () => {
    const spec = parseStackConfig(prod, { missingSecrets: 'placeholder' });
    expect(spec.kind === 'cluster' && spec.cluster.ssh.hostKey).toBe(SETTING_PLACEHOLDER);
    // With the KubeKey digest, which the committed file does not pin either.
    expect(spec.missingSettings).toEqual(['platform:bootstrap.kubeKey.sha256', 'platform:cluster.ssh.hostKey']);
    const shared = parseStackConfig(readStackFile(ROOT, 'shared'), { missingSecrets: 'placeholder' });
    expect(shared.kind === 'shared' && shared.devtools?.sshHostKey).toBe(SETTING_PLACEHOLDER);
    expect(shared.missingSettings).toEqual(['platform:devtools.sshHostKey']);
  });

  test("under the engine: a cluster's is required, and the message says how to get it", () => {
    const found = issues(prod).filter(([k]) => k === 'platform:cluster.ssh.hostKey');
    expect(found).toEqual([
      [
        'platform:cluster.ssh.hostKey',
        "is required with bootstrap.enabled: the SSH host key of prod-cp-1, the first control-plane node, where the install runs, which every install step pins. Before the nodes exist, set it to 'pending': 'pulumi up' then creates them and stops before the install. Then read the key from the instance's console output (cloud-init prints it between BEGIN and END SSH HOST KEY KEYS: aliyun ecs GetInstanceConsoleOutput --RegionId cn-shenzhen --InstanceId <id>, base64-decoded) and set it",
      ],
    ]);
  });

  test("under the engine: the shared stack may run without the jump host's key (it exists only once the host does)", () => {
    const shared = parseStackConfig(readStackFile(ROOT, 'shared'));
    expect(shared.kind === 'shared' && shared.devtools?.sshHostKey).toBeUndefined();
    expect(shared.missingSettings).toEqual(['platform:devtools.sshHostKey']);
  });

  test.each([
    ['a key', HOST_KEY, HOST_KEY],
    ['pending', 'pending', 'pending'],
  ])('accepts %s', (_title, value, expected) => {
    const spec = parseStackConfig(withCluster(prod, { hostKey: value }), { missingSecrets: 'placeholder' });
    expect(spec.kind === 'cluster' && spec.cluster.ssh.hostKey).toBe(expected);
    expect(spec.missingSettings).toEqual(['platform:bootstrap.kubeKey.sha256']);
  });

  test('bootstrap needs the node key, the jump host key and the admin password as secrets', () => {
    const spec = parseStackConfig(withCluster(prod, { hostKey: HOST_KEY }), { missingSecrets: 'placeholder' });
    expect(spec.missingSecrets.slice(0, 3)).toEqual(['sshPrivateKey', 'jumpHostSshPrivateKey', 'kubesphereAdminPassword']);
  });
});
