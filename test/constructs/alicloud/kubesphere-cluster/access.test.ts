import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { adminPasswordIssue, sshHostKeyIssue } from '../../../../constructs/alicloud/plan';
import { ADMIN_PASSWORD_ENV, setAdminPasswordScript } from '../../../../constructs/alicloud/kubesphere-cluster/access';
import { encodeSecretStdin } from '../../../../constructs/alicloud/kubesphere-cluster/scripts';
import { describeShellcheck } from '../../../helpers/shellcheck';

describe('sshHostKeyIssue', () => {
  test.each([
    'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl root@prod-cp-1',
    'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
    'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmxkZMy7opKgwFB9nkt5YRrYMjNuG5N87uRgg6CLrbo5wAdT/y6v0mKV0U2w0WZ2YB/++Tpockg= root@devtools',
    'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 host',
  ])('accepts %s', (key) => {
    expect(sshHostKeyIssue(key)).toBeUndefined();
  });

  test.each([
    [
      'a fingerprint',
      'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU',
      "is not an SSH public key; expected one public key line such as 'ssh-ed25519 AAAAC3Nza… root@host' (the content of /etc/ssh/ssh_host_ed25519_key.pub)",
    ],
    [
      'a known_hosts line',
      '10.20.0.11 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6',
      "is not an SSH public key; expected one public key line such as 'ssh-ed25519 AAAAC3Nza… root@host' (the content of /etc/ssh/ssh_host_ed25519_key.pub)",
    ],
    [
      'a private key',
      '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----',
      "is a private key; expected the host's public key (never put a private key in a public setting)",
    ],
  ])('refuses %s', (_title, key, message) => {
    expect(sshHostKeyIssue(key)).toBe(message);
  });
});

describe('adminPasswordIssue', () => {
  test.each(['Ks-Adm1n-Secret', 'aB3aB3aB', 'x'.repeat(61) + 'aB3'])('accepts %s', (password) => {
    expect(adminPasswordIssue(password)).toBeUndefined();
  });

  const RULE =
    'is not a KubeSphere password; expected 8 to 64 characters on one line with a lower-case letter, an upper-case letter and a digit';
  test.each([
    ['too short', 'aB3aB3a', RULE],
    ['too long', 'x'.repeat(62) + 'aB3', RULE],
    ['no upper case', 'ks-admin-secret1', RULE],
    ['no digit', 'Ks-Admin-Secret', RULE],
    ['two lines', 'Ks-Adm1n\nSecret', RULE],
    ["KubeSphere's default", 'P@88w0rd', "is KubeSphere's published default; choose another"],
  ])('refuses %s', (_title, password, message) => {
    expect(adminPasswordIssue(password)).toBe(message);
  });
});

describe('setAdminPasswordScript', () => {
  const script = setAdminPasswordScript();

  test('names no secret and takes the password from standard input only', () => {
    expect(script).toContain('base64 -d');
    expect(script).toContain('kubectl patch users.iam.kubesphere.io admin --type merge --patch-file <(printf');
    expect(script).not.toMatch(/kubectl[^\n]*\$KS_ADMIN_PASSWORD/);
  });

  test('sends the password as a JSON patch, escaped, through a file descriptor, and waits for the hash', () => {
    // A fake kubectl records its argv and the patch file; bash runs the real script against it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubectl-'));
    const kubectl = [
      '#!/bin/bash',
      `printf '%s\\n' "$*" >> ${dir}/argv`,
      'for a in "$@"; do if [ "$prev" = --patch-file ]; then cat "$a" > ' + dir + '/patch; fi; prev="$a"; done',
      `[ "$1" = get ] && printf '%s' '$2a$10$abcdefghijklmnopqrstuv'`,
      'exit 0',
    ].join('\n');
    fs.writeFileSync(`${dir}/kubectl`, kubectl, { mode: 0o755 });
    const password = 'Ks"Adm1n\\Secret';
    const out = execFileSync('bash', ['-c', script], {
      input: encodeSecretStdin({ [ADMIN_PASSWORD_ENV]: password }),
      env: { ...process.env, PATH: `${dir}:${process.env.PATH}` },
    }).toString();
    expect(out.trim()).toBe('admin password set');
    expect(JSON.parse(fs.readFileSync(`${dir}/patch`, 'utf8'))).toEqual({ spec: { password } });
    expect(fs.readFileSync(`${dir}/argv`, 'utf8')).not.toContain('Adm1n');
  });
});

describeShellcheck('the admin-password step (a remote command: bash)', () => [
  { name: 'admin-password', text: setAdminPasswordScript(), shell: 'bash' },
]);
