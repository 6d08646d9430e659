/**
 * Pure rendering of the shell steps that install a cluster with KubeKey on its first
 * control-plane node. No secret ever appears in these strings: secrets reach the host only on the
 * command's standard input (stored encrypted in Pulumi state), never as SSH environment variables,
 * which a stock sshd refuses (`AcceptEnv` admits only `LANG LC_*`).
 */
import { createHash } from 'crypto';
import { parseAllDocuments } from 'yaml';

/** The KubeKey release the bootstrap installs; the v3 line is the one that installs KubeSphere 3.4. */
export const DEFAULT_KUBEKEY_VERSION = 'v3.1.12';
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
  readonly kubeKeyVersion: string;
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
export const READ_SECRETS_FROM_STDIN = [
  // Split by hand: `read` with IFS='=' would strip the base64 padding at the end of the line.
  `while IFS= read -r line || [ -n "\${line:-}" ]; do`,
  '  name="${line%%=*}"',
  `  case "$name" in ''|*[!A-Z0-9_]*) continue ;; esac`,
  `  export "$name=$(printf '%s' "\${line#*=}" | base64 -d)"`,
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

/** Downloads the pinned `kk` binary once (KKZONE=cn uses KubeKey's mirror inside China). */
export function installKubeKeyScript(input: BootstrapScriptInput): string {
  const dir = quote(input.workDir);
  return [
    'set -euo pipefail',
    `mkdir -p ${dir} && cd ${dir}`,
    `if ! ./kk version 2>/dev/null | grep -q ${quote(input.kubeKeyVersion)}; then`,
    `  curl -sfL https://get-kk.kubesphere.io | KKZONE=${quote(input.zone)} VERSION=${quote(input.kubeKeyVersion)} sh -`,
    'fi',
    './kk version',
  ].join('\n');
}

/**
 * Fills the placeholders from the environment (only the named variables), with the file kept
 * private. The placeholders sit inside double-quoted YAML scalars, so `\` and `"` in a value are
 * escaped first.
 */
function renderDocument(input: BootstrapScriptInput): string {
  const escapes = input.secretEnvNames.map((n) => `export ${n}="$(printf '%s' "\${${n}}" | sed 's/[\\\\"]/\\\\&/g')"`);
  const names = input.secretEnvNames.map((n) => `\${${n}}`).join(' ');
  return [...escapes, `umask 077 && envsubst ${quote(names)} < ${quote(templatePath(input))} > ${quote(renderedPath(input))}`].join('\n');
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
    "until [ \"$(kubectl -n kubesphere-system get clusterconfiguration ks-installer -o jsonpath='{.status.core.status}' 2>/dev/null)\" = enabled ]; do",
    '  [ "$(date +%s)" -lt "$deadline" ] || { echo "ks-installer did not finish in time" >&2; exit 1; }',
    '  sleep 30',
    'done',
    'echo ready',
  ].join('\n');
}

export const READ_KUBECONFIG_SCRIPT = 'cat /root/.kube/config';

/**
 * Fingerprints of a KubeKey file that decide what a change needs: `settings` covers everything but
 * the host list (a change re-applies with `kk create cluster`), `hosts` covers the hosts and their
 * role groups (a change runs `kk add nodes`).
 */
export function documentFingerprints(kubeKeyYaml: string): { readonly settings: string; readonly hosts: string } {
  const docs = parseAllDocuments(kubeKeyYaml).map((d) => d.toJS() as Record<string, unknown>);
  const cluster = docs[0] as { spec?: Record<string, unknown> };
  const { hosts, roleGroups, ...spec } = cluster.spec ?? {};
  const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');
  return { settings: digest([{ ...cluster, spec }, ...docs.slice(1)]), hosts: digest({ hosts, roleGroups }) };
}

/** Points a kubeconfig's clusters at the endpoint clients use (the SLB for production). */
export function rewriteKubeconfigServer(kubeconfig: string, server: string): string {
  return kubeconfig.replace(/^(\s*server:\s*).*$/gm, `$1${server}`);
}
