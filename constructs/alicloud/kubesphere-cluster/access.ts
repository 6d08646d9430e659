/**
 * Pure pieces of how the install reaches the cluster and who may log in to it afterwards: the SSH
 * host keys the remote commands pin, and the step that sets the KubeSphere `admin` password.
 */
import { READ_SECRETS_FROM_STDIN } from './scripts';

/**
 * One line of an OpenSSH `authorized_keys` / `known_hosts` public key without the host names:
 * `<type> <base64> [comment]`, as `/etc/ssh/ssh_host_ed25519_key.pub` or `ssh-keyscan` print it.
 * pulumi-command parses `connection.hostKey` with Go's `ssh.ParseAuthorizedKey` and then accepts
 * only that key (`ssh.FixedHostKey`); without it, it accepts any host key.
 */
const SSH_HOST_KEY =
  /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com) AAAA[A-Za-z0-9+/]+={0,3}( [^\r\n]*)?$/;

/** What an SSH host key must look like, for error messages. */
export const SSH_HOST_KEY_HINT =
  "one public key line such as 'ssh-ed25519 AAAAC3Nza… root@host' (the content of /etc/ssh/ssh_host_ed25519_key.pub)";

/** Undefined for a well-formed public host key line, else what is wrong with it. */
export function sshHostKeyIssue(value: string): string | undefined {
  if (/-----BEGIN|PRIVATE KEY/.test(value)) {
    return "is a private key; expected the host's public key (never put a private key in a public setting)";
  }
  return SSH_HOST_KEY.test(value.trim()) ? undefined : `is not an SSH public key; expected ${SSH_HOST_KEY_HINT}`;
}

/** The KubeSphere user whose password {@link setAdminPasswordScript} sets. */
export const KUBESPHERE_ADMIN_USER = 'admin';
/** Name under which the admin password reaches {@link setAdminPasswordScript} on standard input. */
export const ADMIN_PASSWORD_ENV = 'KS_ADMIN_PASSWORD';
/** ks-installer 3.4.1's rule for an admin password (roles/preinstall/tasks/precheck.yaml), which the console also applies. */
export const ADMIN_PASSWORD_LENGTH = { min: 8, max: 64 } as const;

/**
 * Undefined when `password` is one KubeSphere accepts for `admin`: 8 to 64 characters with a
 * lower-case letter, an upper-case letter and a digit, on one line. Never echoes the password.
 */
export function adminPasswordIssue(password: string): string | undefined {
  const { min, max } = ADMIN_PASSWORD_LENGTH;
  if (
    password.length < min ||
    password.length > max ||
    /[\r\n]/.test(password) ||
    !/[a-z]/.test(password) ||
    !/[A-Z]/.test(password) ||
    !/[0-9]/.test(password)
  ) {
    return `is not a KubeSphere password; expected ${min} to ${max} characters on one line with a lower-case letter, an upper-case letter and a digit`;
  }
  if (password === 'P@88w0rd') {
    return "is KubeSphere's published default; choose another";
  }
  return undefined;
}

/**
 * Sets the KubeSphere `admin` password, read from standard input as {@link ADMIN_PASSWORD_ENV}.
 *
 * Why the `User` object and not the installer: ks-installer 3.4.1 reads
 * `authentication.adminPassword` only while the `admin` User does not exist yet (the first install;
 * `roles/ks-core/ks-core/tasks/main.yaml`), and would keep it in clear in the ClusterConfiguration
 * and in `kubesphere-secret`. Writing `spec.password` of the User works on new and installed
 * clusters alike, and is the path the console's own "change password" takes (ks-apiserver writes
 * the clear value; the user controller replaces it with its bcrypt hash at once, and the installer
 * keeps the User's password on every re-run). The password is never in argv: the patch is built
 * by shell builtins and handed to kubectl as a file descriptor.
 */
export function setAdminPasswordScript(): string {
  return [
    'set -euo pipefail',
    READ_SECRETS_FROM_STDIN,
    `[ -n "\${${ADMIN_PASSWORD_ENV}:-}" ] || { echo "no admin password on standard input" >&2; exit 1; }`,
    // JSON string escapes for the two characters that need one (the password is on one line).
    `escaped="$(printf '%s' "$${ADMIN_PASSWORD_ENV}" | sed 's/[\\\\"]/\\\\&/g')"`,
    `kubectl patch users.iam.kubesphere.io ${KUBESPHERE_ADMIN_USER} --type merge --patch-file <(printf '{"spec":{"password":"%s"}}' "$escaped")`,
    // The user controller hashes the clear value; wait until it has, so nothing leaves it in clear.
    // A bcrypt hash starts with `$2`; the `$` is escaped rather than quoted (shellcheck SC2016).
    'for _ in $(seq 1 30); do',
    `  case "$(kubectl get users.iam.kubesphere.io ${KUBESPHERE_ADMIN_USER} -o jsonpath='{.spec.password}')" in \\$2*) echo "admin password set"; exit 0 ;; esac`,
    '  sleep 2',
    'done',
    'echo "the KubeSphere user controller did not hash the admin password in time" >&2',
    'exit 1',
  ].join('\n');
}
