import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import {
  BootstrapScriptInput,
  addNodesScript,
  createClusterScript,
  SSH_KEY_ENV,
  documentFingerprints,
  encodeSecretStdin,
  installSshKeyScript,
  rewriteKubeconfigServer,
  waitReadyScript,
} from '../../../../constructs/alicloud/kubesphere-cluster/scripts';

function workDir(): BootstrapScriptInput {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-'));
  // A stand-in for kk that records how it was called.
  fs.writeFileSync(path.join(dir, 'kk'), '#!/bin/sh\necho "KKZONE=$KKZONE kk $*" > "$(dirname "$0")/kk.log"\n', { mode: 0o755 });
  fs.writeFileSync(
    path.join(dir, 'prod.yaml.tmpl'),
    'spec:\n  registry:\n    auths:\n      harbor.example.com:\n        username: "${HARBOR_USER}"\n        password: "${HARBOR_PASSWORD}"\n  note: "${HOME}"\n',
  );
  return { clusterName: 'prod', zone: 'cn', kubeKeyVersion: 'v3.1.12', workDir: dir, timeoutMinutes: 1, secretEnvNames: ['HARBOR_USER', 'HARBOR_PASSWORD'] };
}

describe('install scripts', () => {
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

  test('add-nodes runs kk add nodes on the same document', () => {
    const input = workDir();
    const run = spawnSync('bash', ['-c', addNodesScript(input)], { input: encodeSecretStdin({ HARBOR_USER: 'u', HARBOR_PASSWORD: 'p' }), encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(fs.readFileSync(path.join(input.workDir, 'kk.log'), 'utf8')).toBe(`KKZONE=cn kk add nodes -f ${path.join(input.workDir, 'prod.yaml')} --yes\n`);
  });

  test.each([
    ['~/.ssh/platform-ops.pem', '.ssh/platform-ops.pem'],
    ['~/keys/it\'s.pem', "keys/it's.pem"],
  ])('install-ssh-key writes the key from the environment to %s, private to its owner', (keyPath, underHome) => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'home-'));
    const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----';
    const script = installSshKeyScript(keyPath);
    expect(script).not.toContain('abc');
    const run = spawnSync('bash', ['-c', script], { input: encodeSecretStdin({ [SSH_KEY_ENV]: key }), env: { ...process.env, HOME: home }, encoding: 'utf8' });
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

describe('documentFingerprints', () => {
  const base = `kind: Cluster
spec:
  hosts: [{name: a, internalAddress: 10.0.0.1}]
  roleGroups: {worker: [a]}
  kubernetes: {version: v1.26.15}
---
kind: ClusterConfiguration
spec: {devops: {enabled: true}}
`;
  test.each([
    ['a host appended', base.replace('[{name: a, internalAddress: 10.0.0.1}]', '[{name: a, internalAddress: 10.0.0.1}, {name: b, internalAddress: 10.0.0.2}]').replace('[a]', '[a, b]'), 'same', 'different'],
    ['the Kubernetes version', base.replace('v1.26.15', 'v1.26.12'), 'different', 'same'],
    ['the ClusterConfiguration', base.replace('enabled: true', 'enabled: false'), 'different', 'same'],
    ['formatting only', base.replace('kind: Cluster\n', 'kind:   Cluster\n'), 'same', 'same'],
  ])('%s changes settings: %s, hosts: %s', (_name, changed, settings, hosts) => {
    const before = documentFingerprints(base);
    const after = documentFingerprints(changed);
    expect(after.settings === before.settings ? 'same' : 'different').toBe(settings);
    expect(after.hosts === before.hosts ? 'same' : 'different').toBe(hosts);
  });
});

test('rewriteKubeconfigServer points every cluster at the client endpoint', () => {
  const kubeconfig = 'clusters:\n- cluster:\n    certificate-authority-data: abc\n    server: https://lb.kubesphere.local:6443\n  name: cluster.local\n';
  expect(rewriteKubeconfigServer(kubeconfig, 'https://47.107.1.2:6443')).toBe(
    'clusters:\n- cluster:\n    certificate-authority-data: abc\n    server: https://47.107.1.2:6443\n  name: cluster.local\n',
  );
});
