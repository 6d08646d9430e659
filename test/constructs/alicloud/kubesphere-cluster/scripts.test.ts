import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import {
  BootstrapScriptInput,
  READ_KUBECONFIG_SCRIPT,
  addNodesScript,
  createClusterScript,
  SSH_KEY_ENV,
  encodeSecretStdin,
  installKubeKeyScript,
  installSshKeyScript,
  recordVersionsScript,
  rewriteKubeconfigServer,
  upgradeScript,
  waitReadyScript,
} from '../../../../constructs/alicloud/kubesphere-cluster/scripts';
import type { KubeSphereBootstrapProps } from '../../../../constructs/alicloud';
import { KUBEKEY_VERSION, checkKubernetesVersion } from '../../../../constructs/kubekey';
import { describeShellcheck } from '../../../helpers/shellcheck';

function workDir(): BootstrapScriptInput {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-'));
  // A stand-in for kk that records how it was called.
  fs.writeFileSync(path.join(dir, 'kk'), '#!/bin/sh\necho "KKZONE=$KKZONE kk $*" > "$(dirname "$0")/kk.log"\n', { mode: 0o755 });
  fs.writeFileSync(
    path.join(dir, 'prod.yaml.tmpl'),
    'spec:\n  registry:\n    auths:\n      harbor.example.com:\n        username: "${HARBOR_USER}"\n        password: "${HARBOR_PASSWORD}"\n  note: "${HOME}"\n',
  );
  return {
    clusterName: 'prod',
    zone: 'cn',
    kubeKeyUrl: 'https://github.com/kubesphere/kubekey/releases/download/v3.1.12/kubekey-v3.1.12-linux-amd64.tar.gz',
    kubeKeySha256: 'a'.repeat(64),
    workDir: dir,
    timeoutMinutes: 1,
    secretEnvNames: ['HARBOR_USER', 'HARBOR_PASSWORD'],
  };
}

/** A local stand-in for the release tarball (`tar -czf … -C out/ kk`, as KubeKey's Makefile builds it). */
function fakeRelease(): { url: string; sha256: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-release-'));
  fs.writeFileSync(path.join(dir, 'kk'), '#!/bin/sh\necho "kk version: v3.1.12"\n', { mode: 0o755 });
  const archive = path.join(dir, 'kubekey-v3.1.12-linux-amd64.tar.gz');
  expect(spawnSync('tar', ['-czf', archive, '-C', dir, 'kk']).status).toBe(0);
  return { url: `file://${archive}`, sha256: createHash('sha256').update(fs.readFileSync(archive)).digest('hex') };
}

describe('install scripts', () => {
  test('install-kk downloads KUBEKEY_VERSION, the release the version check speaks of; there is no other version to pass', () => {
    expect(installKubeKeyScript(workDir()).split('\n')).toContain(`archive='kubekey-${KUBEKEY_VERSION}-linux-amd64.tar.gz'`);
    expect(checkKubernetesVersion('v1.18.20', false).errors[0]).toContain(`KubeKey ${KUBEKEY_VERSION} `);
    // @ts-expect-error KubeSphereCluster has no KubeKey version of its own that could disagree with KUBEKEY_VERSION
    const version: KubeSphereBootstrapProps['kubeKeyVersion'] = undefined;
    expect(version).toBeUndefined();
  });

  test.each([
    ['plain', 'S3cret'],
    ['quotes and backslashes', 'a"b\\c'],
    ['YAML syntax', 'x: y # z &a *b !c'],
    ['a dollar sign', 'pa$$word'],
  ])('create-cluster fills only the named placeholders, privately (%s)', (_name, password) => {
    const input = workDir();
    // Secrets arrive on standard input, as the remote command sends them; nothing in the environment.
    const stdin = encodeSecretStdin({ HARBOR_USER: 'admin', HARBOR_PASSWORD: password });
    const run = spawnSync('bash', ['-c', createClusterScript(input)], { input: stdin, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const rendered = path.join(input.workDir, 'prod.yaml');
    const doc = parse(fs.readFileSync(rendered, 'utf8'));
    expect(doc.spec.registry.auths['harbor.example.com']).toEqual({ username: 'admin', password });
    // Variables that are not registry secrets stay as written.
    expect(doc.spec.note).toBe('${HOME}');
    expect(fs.statSync(rendered).mode & 0o077).toBe(0);
    expect(fs.readFileSync(path.join(input.workDir, 'kk.log'), 'utf8')).toBe(`KKZONE=cn kk create cluster -f ${rendered} --yes\n`);
  });

  test('install-kk downloads the tarball, checks its sha256, then unpacks and runs kk; a second run downloads nothing', () => {
    const release = fakeRelease();
    const input = { ...workDir(), kubeKeyUrl: release.url, kubeKeySha256: release.sha256 };
    fs.rmSync(path.join(input.workDir, 'kk'));
    const script = installKubeKeyScript(input);
    expect(script).not.toMatch(/\|\s*(ba)?sh\b/);
    const first = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
    expect([first.status, first.stderr]).toEqual([0, '']);
    expect(first.stdout).toBe('kk version: v3.1.12\n');
    // The verified tarball stays; without the source, the next run still works from it.
    fs.rmSync(release.url.slice('file://'.length));
    const second = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
    expect([second.status, second.stdout]).toEqual([0, 'kk version: v3.1.12\n']);
  });

  test('install-kk refuses a tarball whose sha256 is not the pinned one, and runs nothing from it', () => {
    const release = fakeRelease();
    const input = { ...workDir(), kubeKeyUrl: release.url, kubeKeySha256: 'b'.repeat(64) };
    fs.rmSync(path.join(input.workDir, 'kk'));
    const run = spawnSync('bash', ['-c', installKubeKeyScript(input)], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `KubeKey tarball from ${release.url} has sha256 ${release.sha256}, expected ${'b'.repeat(64)}: refusing to run it\n`,
    );
    expect(run.stdout).toBe('');
    expect(fs.readdirSync(input.workDir).sort()).toEqual(['prod.yaml.tmpl']);
  });

  test('upgrade runs kk upgrade on the same document, naming the Kubernetes target and never --with-kubesphere', () => {
    const input = workDir();
    const script = upgradeScript(input, 'v1.26.15');
    expect(script).not.toContain('with-kubesphere');
    const run = spawnSync('bash', ['-c', script], {
      input: encodeSecretStdin({ HARBOR_USER: 'u', HARBOR_PASSWORD: 'p' }),
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(fs.readFileSync(path.join(input.workDir, 'kk.log'), 'utf8')).toBe(
      `KKZONE=cn kk upgrade --with-kubernetes v1.26.15 -f ${path.join(input.workDir, 'prod.yaml')} --yes\n`,
    );
  });

  test('the upgrade step first only records the versions', () => {
    expect(recordVersionsScript({ kubernetes: 'v1.26.15', kubesphere: 'v3.4.1' })).toBe(
      "echo 'installed: Kubernetes v1.26.15, KubeSphere v3.4.1'",
    );
  });

  test('add-nodes runs kk add nodes on the same document', () => {
    const input = workDir();
    const run = spawnSync('bash', ['-c', addNodesScript(input)], {
      input: encodeSecretStdin({ HARBOR_USER: 'u', HARBOR_PASSWORD: 'p' }),
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(fs.readFileSync(path.join(input.workDir, 'kk.log'), 'utf8')).toBe(
      `KKZONE=cn kk add nodes -f ${path.join(input.workDir, 'prod.yaml')} --yes\n`,
    );
  });

  test.each([
    ['~/.ssh/platform-ops.pem', '.ssh/platform-ops.pem'],
    ["~/keys/it's.pem", "keys/it's.pem"],
  ])('install-ssh-key writes the key from the environment to %s, private to its owner', (keyPath, underHome) => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'home-'));
    const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----';
    const script = installSshKeyScript(keyPath);
    expect(script).not.toContain('abc');
    const run = spawnSync('bash', ['-c', script], {
      input: encodeSecretStdin({ [SSH_KEY_ENV]: key }),
      env: { ...process.env, HOME: home },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const written = path.join(home, underHome);
    expect(fs.readFileSync(written, 'utf8')).toBe(`${key}\n`);
    expect(fs.statSync(written).mode & 0o077).toBe(0);
  });

  test('wait-ready gives up after the timeout', () => {
    const script = waitReadyScript({ ...workDir(), timeoutMinutes: 0 });
    const run = spawnSync('bash', ['-c', script], { env: { ...process.env, PATH: '/nonexistent:/usr/bin:/bin' }, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('apiserver not ready in time');
  });
});

test('encodeSecretStdin refuses a name that is not an environment variable', () => {
  expect(() => encodeSecretStdin({ 'bad-name': 'x' })).toThrow("secret name 'bad-name' is not an environment variable name");
});

test('rewriteKubeconfigServer points every cluster at the client endpoint', () => {
  const kubeconfig =
    'clusters:\n- cluster:\n    certificate-authority-data: abc\n    server: https://lb.kubesphere.local:6443\n  name: cluster.local\n';
  expect(rewriteKubeconfigServer(kubeconfig, 'https://47.107.1.2:6443')).toBe(
    'clusters:\n- cluster:\n    certificate-authority-data: abc\n    server: https://47.107.1.2:6443\n  name: cluster.local\n',
  );
});

describeShellcheck('the install steps (remote commands, run by the root login shell: bash)', () => {
  const input: BootstrapScriptInput = {
    clusterName: 'prod',
    zone: 'cn',
    kubeKeyUrl: 'https://github.com/kubesphere/kubekey/releases/download/v3.1.12/kubekey-v3.1.12-linux-amd64.tar.gz',
    kubeKeySha256: 'a'.repeat(64),
    workDir: '/root/kubekey',
    timeoutMinutes: 60,
    secretEnvNames: ['KS_JWT_SECRET', 'HARBOR_PULL_USERNAME', 'HARBOR_PULL_PASSWORD'],
  };
  const bare: BootstrapScriptInput = { ...input, zone: '', secretEnvNames: [] };
  return [
    ['install-kk', installKubeKeyScript(input)],
    ['install-ssh-key (home)', installSshKeyScript('~/.ssh/prod-nodes.pem')],
    ['install-ssh-key (absolute)', installSshKeyScript('/root/.ssh/id_rsa')],
    ['create-cluster', createClusterScript(input)],
    ['create-cluster (no zone, no secrets)', createClusterScript(bare)],
    ['add-nodes', addNodesScript(input)],
    ['upgrade', upgradeScript(input, 'v1.27.16')],
    ['upgrade (first run)', recordVersionsScript({ kubernetes: 'v1.26.15', kubesphere: 'v3.4.1' })],
    ['wait-ready', waitReadyScript(input)],
    ['read-kubeconfig', READ_KUBECONFIG_SCRIPT],
  ].map(([name, text]) => ({ name, text, shell: 'bash' as const }));
});
