/**
 * Pure rendering of the shell steps that install a cluster with KubeKey on its first
 * control-plane node. No secret ever appears in these strings: secrets reach the host only on the
 * command's standard input (stored encrypted in Pulumi state), never as SSH environment variables,
 * which a stock sshd refuses (`AcceptEnv` admits only `LANG LC_*`).
 */
import { kubeKeyArchiveName } from '../../kubekey';
/** How long to wait for the apiserver, then for ks-installer, before failing. */
export const DEFAULT_READY_TIMEOUT_MINUTES = 60;
/** Where the documents live on the host. */
export const DEFAULT_WORK_DIR = '/root/kubekey';

/** KubeKey's download zone: `cn` takes binaries and images from its mirrors inside mainland China. */
export const DEFAULT_KUBEKEY_ZONE = 'cn';

export interface BootstrapScriptInput {
  readonly clusterName: string;
  /** `KKZONE` for every kk run; empty for KubeKey's default (GitHub, Docker Hub). */
  readonly zone: string;
  /** Where the KubeKey release tarball (of `KUBEKEY_VERSION`) is downloaded from (GitHub, or a copy in OSS). */
  readonly kubeKeyUrl: string;
  /** SHA-256 of that tarball, 64 lower-case hex digits: nothing from it runs unless it matches. */
  readonly kubeKeySha256: string;
  readonly workDir: string;
  readonly timeoutMinutes: number;
  /** Environment variables the document's `${NAME}` placeholders take (registry credentials). */
  readonly secretEnvNames: readonly string[];
}

const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

/**
 * Encodes secrets for a command's standard input: one `NAME=<base64>` line each, so any byte of
 * a value (newlines of a PEM key, quotes) survives. {@link READ_SECRETS_FROM_STDIN} decodes them.
 */
export function encodeSecretStdin(values: Readonly<Record<string, string>>): string {
  return Object.entries(values)
    .map(([name, value]) => {
      if (!ENV_NAME.test(name)) {
        throw new Error(`secret name '${name}' is not an environment variable name (A-Z, 0-9, _)`);
      }
      return `${name}=${Buffer.from(value, 'utf8').toString('base64')}\n`;
    })
    .join('');
}

/** Reads what {@link encodeSecretStdin} wrote into exported variables. */
export const READ_SECRETS_FROM_STDIN: string = [
  // Split by hand: `read` with IFS='=' would strip the base64 padding at the end of the line.
  `while IFS= read -r line || [ -n "\${line:-}" ]; do`,
  '  name="${line%%=*}"',
  `  case "$name" in ''|*[!A-Z0-9_]*) continue ;; esac`,
  // Decoded on its own line: inside `export "…=$(…)"` a failed decode would be masked by export's
  // own status (shellcheck SC2155), and the step would go on with an empty secret.
  `  value="$(printf '%s' "\${line#*=}" | base64 -d)"`,
  '  export "$name=$value"',
  'done',
].join('\n');

function zoneLine(input: BootstrapScriptInput): string[] {
  return input.zone ? [`export KKZONE=${quote(input.zone)}`] : [];
}

function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function templatePath(input: BootstrapScriptInput): string {
  return `${input.workDir}/${input.clusterName}.yaml.tmpl`;
}

/** Path of the rendered document (placeholders filled in) on the host; readable by root only. */
function renderedPath(input: BootstrapScriptInput): string {
  return `${input.workDir}/${input.clusterName}.yaml`;
}

/**
 * Installs the pinned `kk`: downloads the release tarball (kept in the work folder, so later runs
 * download nothing), checks it against the pinned SHA-256 before anything from it is unpacked, and
 * unpacks `kk` from the verified tarball on every run, so a `kk` changed on disk is replaced.
 * No `curl | sh`: nothing downloaded runs unverified.
 */
export function installKubeKeyScript(input: BootstrapScriptInput): string {
  // The release is KUBEKEY_VERSION, the one the documents and the version checks are written for.
  const archive = quote(kubeKeyArchiveName());
  const expected = quote(input.kubeKeySha256);
  return [
    'set -euo pipefail',
    `mkdir -p ${quote(input.workDir)} && cd ${quote(input.workDir)}`,
    `archive=${archive}`,
    `expected=${expected}`,
    `url=${quote(input.kubeKeyUrl)}`,
    'verify() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d " " -f 1)" = "$expected" ]; }',
    'if ! verify "$archive"; then',
    '  rm -f "$archive" "$archive.part"',
    '  curl -fsSL --retry 3 -o "$archive.part" "$url"',
    '  if ! verify "$archive.part"; then',
    '    echo "KubeKey tarball from $url has sha256 $(sha256sum "$archive.part" | cut -d " " -f 1), expected $expected: refusing to run it" >&2',
    '    rm -f "$archive.part"',
    '    exit 1',
    '  fi',
    '  mv "$archive.part" "$archive"',
    'fi',
    'tar -xzf "$archive" kk',
    './kk version',
  ].join('\n');
}

/**
 * Fills the placeholders from the environment (only the named variables), with the file kept
 * private. The placeholders sit inside double-quoted YAML scalars, so `\` and `"` in a value are
 * escaped first.
 */
function renderDocument(input: BootstrapScriptInput): string {
  // Assigned, then exported: `export N="$(…)"` would mask a failure of the escaping (shellcheck SC2155).
  const escapes = input.secretEnvNames.flatMap((n) => [`${n}="$(printf '%s' "\${${n}}" | sed 's/[\\\\"]/\\\\&/g')"`, `export ${n}`]);
  // envsubst, not the shell, expands the names: each `$` is escaped inside double quotes (in single
  // quotes shellcheck could not tell that apart from a forgotten expansion, SC2016).
  const names = input.secretEnvNames.map((n) => `\\\${${n}}`).join(' ');
  return [...escapes, `umask 077 && envsubst "${names}" < ${quote(templatePath(input))} > ${quote(renderedPath(input))}`].join('\n');
}

/** Reads the secrets, fills the document's placeholders, then runs `kk <subcommand> -f <document> --yes`. */
function kkScript(input: BootstrapScriptInput, subcommand: string): string {
  return [
    'set -euo pipefail',
    READ_SECRETS_FROM_STDIN,
    ...zoneLine(input),
    `cd ${quote(input.workDir)}`,
    renderDocument(input),
    `./kk ${subcommand} -f ${quote(renderedPath(input))} --yes`,
  ].join('\n');
}

/** `kk create cluster`: the first install, and a re-apply when the cluster-wide settings change. */
export function createClusterScript(input: BootstrapScriptInput): string {
  return kkScript(input, 'create cluster');
}

/** `kk add nodes`: when only hosts were appended. KubeKey skips hosts already in the cluster. */
export function addNodesScript(input: BootstrapScriptInput): string {
  return kkScript(input, 'add nodes');
}

/**
 * `kk upgrade` to the versions of the document (KubeKey v3.1 `cmd/kk/cmd/upgrade`). The document
 * carries both versions: its `ClusterConfiguration` enables KubeSphere at its `version` label, and
 * `--with-kubernetes` only repeats `spec.kubernetes.version` so the command names its target. Never
 * `--with-kubesphere`: with a file, KubeKey would replace the file's ClusterConfiguration with its
 * built-in default for that version. KubeKey's `ClusterPreCheckModule` runs its own dependency check
 * (no `--skip-dependency-check`).
 */
export function upgradeScript(input: BootstrapScriptInput, kubernetesVersion: string): string {
  return kkScript(input, `upgrade --with-kubernetes ${quote(kubernetesVersion)}`);
}

/**
 * The first run of the upgrade step, right after the install: records the versions installed and
 * runs nothing, so only a later version change (the step's update) runs `kk upgrade`.
 */
export function recordVersionsScript(versions: { readonly kubernetes: string; readonly kubesphere?: string }): string {
  return `echo ${quote(`installed: Kubernetes ${versions.kubernetes}, KubeSphere ${versions.kubesphere ?? 'none'}`)}`;
}

/** Name under which the SSH private key reaches {@link installSshKeyScript} on standard input. */
export const SSH_KEY_ENV = 'KK_SSH_PRIVATE_KEY';
/** The only user the install steps run as: their files live under /root, and KubeKey needs root on every host. */
export const BOOTSTRAP_USER = 'root';

/**
 * Writes the private key KubeKey uses to reach the other hosts to `privateKeyPath` on the install
 * host, readable by root only. The key arrives on standard input as {@link SSH_KEY_ENV} (see
 * {@link encodeSecretStdin}), never in the script.
 */
export function installSshKeyScript(privateKeyPath: string): string {
  // `~/` in KubeKey's privateKeyPath means the home of the user running kk.
  const target = privateKeyPath.startsWith('~/') ? `"$HOME"/${quote(privateKeyPath.slice(2))}` : quote(privateKeyPath);
  return [
    'set -euo pipefail',
    READ_SECRETS_FROM_STDIN,
    'umask 077',
    `target=${target}`,
    'mkdir -p "$(dirname "$target")"',
    `printf '%s\n' "$${SSH_KEY_ENV}" > "$target.tmp"`,
    'mv "$target.tmp" "$target"',
  ].join('\n');
}

/** Waits until the apiserver answers and ks-installer reports the core installed. */
export function waitReadyScript(input: BootstrapScriptInput): string {
  const deadline = `$(( $(date +%s) + ${input.timeoutMinutes * 60} ))`;
  return [
    'set -euo pipefail',
    `deadline=${deadline}`,
    'until kubectl get --raw=/readyz >/dev/null 2>&1; do',
    '  [ "$(date +%s)" -lt "$deadline" ] || { echo "apiserver not ready in time" >&2; exit 1; }',
    '  sleep 10',
    'done',
    // ks-installer writes status.core.status=enabled into its ClusterConfiguration when done.
    'until [ "$(kubectl -n kubesphere-system get clusterconfiguration ks-installer -o jsonpath=\'{.status.core.status}\' 2>/dev/null)" = enabled ]; do',
    '  [ "$(date +%s)" -lt "$deadline" ] || { echo "ks-installer did not finish in time" >&2; exit 1; }',
    '  sleep 30',
    'done',
    'echo ready',
  ].join('\n');
}

export const READ_KUBECONFIG_SCRIPT = 'cat /root/.kube/config';

/** Points a kubeconfig's clusters at the endpoint clients use (the SLB for production). */
export function rewriteKubeconfigServer(kubeconfig: string, server: string): string {
  return kubeconfig.replace(/^(\s*server:\s*).*$/gm, `$1${server}`);
}
