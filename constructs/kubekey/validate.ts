/**
 * Validation of a {@link KubeKeyClusterInput}: every problem is collected and thrown as one
 * `ValidationError` naming the input key, so a user fixes everything in one pass.
 *
 * Types already exclude most wrong values, but the input usually comes from stack config files, so
 * enums are checked at run time too.
 */
import { cidrsOverlap, parseCidr, type Cidr, Validator } from '../core';
import { resolveKubeKeyInput, type ResolvedKubeKeyInput } from './defaults';
import { HOST_ROLES, type KubeKeyClusterInput } from './types';
import { checkKubernetesVersion } from './versions';
import {
  isDnsSubdomain,
  validateControlPlaneEndpoint,
  validateHosts,
  validateHostsOutsideClusterCidrs,
  validatePort,
  validateTopology,
} from './validate-hosts';

/**
 * Substrings KubeKey `sed`s line by line in the ClusterConfiguration it writes
 * (`cmd/kk/pkg/kubesphere/tasks.go`): `/zone/d` deletes any line containing `zone` (unless KKZONE=cn),
 * and the others overwrite everything after the colon. A user value containing one would silently
 * delete or corrupt its own line, so such values are refused.
 */
export const KUBEKEY_SED_TOKENS: readonly string[] = ['zone', 'containerruntime', 'endpointIps', 'local_registry', 'namespace_override'];

const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;
// KubeKey substitutes namespaceOverride into `sed 's/\:.*/\: <value>/g'` unescaped: a `/` breaks it.
const REGISTRY_NAMESPACE = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const REGISTRY_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$/;
const QUANTITY = /^(\d+(?:\.\d+)?)(Mi|Gi)$/;
const ENCAPSULATION_MODES = ['Always', 'CrossSubnet', 'Never'];
const TIMEZONE = /^[A-Za-z]+(\/[A-Za-z0-9_+-]+)+$|^UTC$/;
const SCRIPT_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** The resolved input plus any warnings the caller should print. */
export interface PreparedKubeKeyInput {
  /** The input with every KubeKey default filled in. */
  readonly resolved: ResolvedKubeKeyInput;
  /** Messages to print (an acknowledged unsupported Kubernetes version). */
  readonly warnings: readonly string[];
}

/**
 * Resolves defaults and validates. Throws one `ValidationError` listing every problem; returns
 * warnings (today: an acknowledged unsupported Kubernetes version) for the caller to print.
 */
export function prepareKubeKeyInput(input: KubeKeyClusterInput): PreparedKubeKeyInput {
  const resolved = resolveKubeKeyInput(input);
  const v = new Validator();
  const warnings = collectIssues(resolved, v);
  v.throwIfAny(`Invalid KubeKey cluster '${String(input.name)}'`);
  return { resolved, warnings };
}

/** Validates the input; returns warnings, throws `ValidationError` on any problem. */
export function validateKubeKeyInput(input: KubeKeyClusterInput): readonly string[] {
  return prepareKubeKeyInput(input).warnings;
}

function collectIssues(r: ResolvedKubeKeyInput, v: Validator): string[] {
  if (typeof r.name !== 'string' || !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(r.name)) {
    v.add('name', r.name, 'must be a DNS-1123 label (lowercase letters, digits and -, at most 63)');
  }
  validateHosts(r, v);
  validateTopology(r, v);
  validateControlPlaneEndpoint(r, v);
  validateSsh(r, v);
  const warnings = validateKubernetes(r, v);
  validateEtcd(r, v);
  validateNetwork(r, v);
  validateHostsOutsideClusterCidrs(r, v);
  validateRegistry(r, v);
  validateSystem(r, v);
  validateKubeSphere(r, v);
  return warnings;
}

function validateSsh(r: ResolvedKubeKeyInput, v: Validator): void {
  if (typeof r.ssh.user !== 'string' || r.ssh.user === '') {
    v.add('ssh.user', r.ssh.user, 'must be a non-empty user name');
  }
  if (typeof r.ssh.privateKeyPath !== 'string' || r.ssh.privateKeyPath === '') {
    v.add('ssh.privateKeyPath', r.ssh.privateKeyPath, 'must be a non-empty path');
  }
  validatePort(r.ssh.port, 'ssh.port', v);
}

function validateKubernetes(r: ResolvedKubeKeyInput, v: Validator): string[] {
  const k = r.kubernetes;
  const check = checkKubernetesVersion(String(k.version), k.allowUnsupportedVersion);
  check.errors.forEach((message) => v.add('kubernetes.version', k.version, message));
  if (typeof k.clusterName !== 'string' || !isDnsSubdomain(k.clusterName)) {
    v.add('kubernetes.clusterName', k.clusterName, 'must be a lowercase DNS name');
  }
  oneOf(k.containerManager, ['containerd', 'docker'], 'kubernetes.containerManager', v);
  oneOf(k.proxyMode, ['ipvs', 'iptables'], 'kubernetes.proxyMode', v);
  positiveInteger(k.maxPods, 'kubernetes.maxPods', v);
  k.apiserverCertExtraSans.forEach((san, i) => {
    if (!isAddressOrHostName(san)) {
      v.add(`kubernetes.apiserverCertExtraSans[${i}]`, san, 'must be an IPv4 address or a lowercase DNS name');
    }
  });
  return [...check.warnings];
}

function validateEtcd(r: ResolvedKubeKeyInput, v: Validator): void {
  oneOf(r.etcd.type, ['kubekey'], 'etcd.type', v);
  absolutePath(r.etcd.backupDir, 'etcd.backupDir', v);
  positiveInteger(r.etcd.backupPeriod, 'etcd.backupPeriod', v);
  positiveInteger(r.etcd.keepBackupNumber, 'etcd.keepBackupNumber', v);
}

function validateNetwork(r: ResolvedKubeKeyInput, v: Validator): void {
  const n = r.network;
  oneOf(n.plugin, ['calico'], 'network.plugin', v);
  oneOf(n.ipipMode, ENCAPSULATION_MODES, 'network.calico.ipipMode', v);
  oneOf(n.vxlanMode, ENCAPSULATION_MODES, 'network.calico.vxlanMode', v);
  if (n.ipipMode !== 'Never' && n.vxlanMode !== 'Never') {
    v.add('network.calico.vxlanMode', n.vxlanMode, `must be Never while ipipMode is ${n.ipipMode} (Calico uses one encapsulation)`);
  }
  const cidrs: { key: string; text: string | undefined }[] = [
    { key: 'network.kubePodsCIDR', text: n.kubePodsCIDR },
    { key: 'network.kubeServiceCIDR', text: n.kubeServiceCIDR },
    { key: 'vpcCidr', text: r.vpcCidr },
  ];
  const parsed: { key: string; text: string; cidr: Cidr }[] = [];
  for (const { key, text } of cidrs) {
    if (text === undefined) {
      continue;
    }
    const cidr = typeof text === 'string' ? parseCidr(text) : 'is not an IPv4 CIDR';
    if (typeof cidr === 'string') {
      v.add(key, text, cidr);
    } else {
      parsed.push({ key, text, cidr });
    }
  }
  parsed.forEach((a, i) => {
    parsed.slice(i + 1).forEach((b) => {
      if (cidrsOverlap(a.cidr, b.cidr)) {
        v.add(b.key, b.text, `overlaps ${a.key} ${a.text}; the pod, service and VPC CIDRs must be disjoint`);
      }
    });
  });
}

function validateRegistry(r: ResolvedKubeKeyInput, v: Validator): void {
  const reg = r.registry;
  if (reg.privateRegistry !== '' && !REGISTRY_HOST.test(reg.privateRegistry)) {
    v.add('registry.privateRegistry', reg.privateRegistry, 'must be a registry host[:port] (no scheme, no path)');
  }
  if (reg.namespaceOverride !== '' && !REGISTRY_NAMESPACE.test(reg.namespaceOverride)) {
    v.add('registry.namespaceOverride', reg.namespaceOverride, 'must be a registry project name (lowercase letters, digits, ., _ and -)');
  }
  noSedToken(reg.privateRegistry, 'registry.privateRegistry', v);
  noSedToken(reg.namespaceOverride, 'registry.namespaceOverride', v);
  const hostLists: [string, readonly string[]][] = [
    ['registry.registryMirrors', reg.registryMirrors],
    ['registry.insecureRegistries', reg.insecureRegistries],
  ];
  for (const [key, list] of hostLists) {
    list.forEach((entry, i) => {
      if (typeof entry !== 'string' || entry === '') {
        v.add(`${key}[${i}]`, entry, 'must be a non-empty registry address');
      }
    });
  }
  const hosts = reg.auths.map((a) => a.host);
  reg.auths.forEach((auth, i) => {
    const key = `registry.auths[${i}]`;
    if (typeof auth.host !== 'string' || !REGISTRY_HOST.test(auth.host)) {
      v.add(`${key}.host`, auth.host, 'must be a registry host[:port]');
    } else if (hosts.indexOf(auth.host) !== i) {
      v.add(`${key}.host`, auth.host, `duplicates registry.auths[${hosts.indexOf(auth.host)}].host`);
    }
    envName(auth.usernameEnv, `${key}.usernameEnv`, v);
    envName(auth.passwordEnv, `${key}.passwordEnv`, v);
  });
}

function validateSystem(r: ResolvedKubeKeyInput, v: Validator): void {
  const s = r.system;
  s.ntpServers.forEach((server, i) => {
    const key = `system.ntpServers[${i}]`;
    // KubeKey pastes each server into sed and shell commands unquoted.
    if (!isAddressOrHostName(server)) {
      v.add(key, server, 'must be an IPv4 address or a lowercase host name');
    } else if (s.ntpServers.indexOf(server) !== i) {
      v.add(key, server, `duplicates system.ntpServers[${s.ntpServers.indexOf(server)}]`);
    }
  });
  if (s.timezone !== '' && (typeof s.timezone !== 'string' || !TIMEZONE.test(s.timezone))) {
    v.add('system.timezone', s.timezone, 'must be an IANA time zone such as Asia/Shanghai, or UTC');
  }
  const names = s.preInstall.map((p) => p.name);
  s.preInstall.forEach((script, i) => {
    const key = `system.preInstall[${i}]`;
    if (typeof script.name !== 'string' || !SCRIPT_NAME.test(script.name)) {
      v.add(`${key}.name`, script.name, 'must be a DNS-1123 label (lowercase letters, digits and -, at most 63)');
    } else if (names.indexOf(script.name) !== i) {
      v.add(`${key}.name`, script.name, `duplicates system.preInstall[${names.indexOf(script.name)}].name`);
    }
    if (typeof script.bash !== 'string' || script.bash.trim() === '') {
      v.add(`${key}.bash`, script.bash, 'must be a non-empty script');
    } else if (/^\s/.test(script.bash)) {
      // KubeKey runs a script as a file only when its first line break is past position 0.
      v.add(`${key}.bash`, `${script.bash.slice(0, 20)}...`, 'must not begin with whitespace or a line break');
    }
    if (script.role !== undefined) {
      oneOf(script.role, HOST_ROLES, `${key}.role`, v);
    }
    const materials = script.materials ?? [];
    const bases = materials.map(materialBaseName);
    materials.forEach((material, j) => {
      if (bases[j] === undefined) {
        v.add(`${key}.materials[${j}]`, material, 'must be a local file or directory path');
      } else if (bases.indexOf(bases[j]) !== j) {
        v.add(
          `${key}.materials[${j}]`,
          material,
          `has the same base name as materials[${bases.indexOf(bases[j])}]; KubeKey copies both to one place`,
        );
      }
    });
  });
}

function validateKubeSphere(r: ResolvedKubeKeyInput, v: Validator): void {
  const ks = r.kubesphere;
  storageClassName(ks.storageClass, 'kubesphere.persistence.storageClass', false, v);
  storageClassName(ks.monitoringStorageClass, 'kubesphere.monitoring.storageClass', true, v);
  absolutePath(r.openebsBasePath, 'storage.openebs.basePath', v);
  oneOf(ks.clusterRole, ['host', 'member', 'none'], 'kubesphere.multicluster.clusterRole', v);
  if (ks.jwtSecretEnv !== undefined) {
    envName(ks.jwtSecretEnv, 'kubesphere.multicluster.jwtSecretEnv', v);
  }
  const d = ks.devops;
  const key = 'kubesphere.devops';
  for (const [name, cpu] of [
    ['jenkinsCpuReq', d.jenkinsCpuReq],
    ['jenkinsCpuLim', d.jenkinsCpuLim],
  ] as const) {
    if (typeof cpu !== 'number' || !Number.isFinite(cpu) || cpu <= 0) {
      v.add(`${key}.${name}`, cpu, 'must be a positive number of cores');
    }
  }
  if (d.jenkinsCpuReq > d.jenkinsCpuLim) {
    v.add(`${key}.jenkinsCpuReq`, d.jenkinsCpuReq, `must not exceed jenkinsCpuLim ${d.jenkinsCpuLim}`);
  }
  const req = quantityMi(d.jenkinsMemoryReq, `${key}.jenkinsMemoryReq`, v);
  const lim = quantityMi(d.jenkinsMemoryLim, `${key}.jenkinsMemoryLim`, v);
  quantityMi(d.jenkinsVolumeSize, `${key}.jenkinsVolumeSize`, v);
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: with either side undefined `req > lim` is false already; the guards only narrow the types.
  if (req !== undefined && lim !== undefined && req > lim) {
    v.add(`${key}.jenkinsMemoryReq`, d.jenkinsMemoryReq, `must not exceed jenkinsMemoryLim ${d.jenkinsMemoryLim}`);
  }
  const backend = ks.loggingBackend;
  if (backend.kind === 'external-elasticsearch') {
    const bkey = 'kubesphere.loggingBackend';
    if (!isAddressOrHostName(backend.host)) {
      v.add(`${bkey}.host`, backend.host, 'must be an IPv4 address or a lowercase DNS name (no scheme, no port)');
    }
    noSedToken(backend.host, `${bkey}.host`, v);
    validatePort(backend.port, `${bkey}.port`, v);
    if (backend.protocol !== undefined) {
      oneOf(backend.protocol, ['http', 'https'], `${bkey}.protocol`, v);
    }
  } else if (backend.kind !== 'opensearch') {
    v.add(
      'kubesphere.loggingBackend.kind',
      (backend as { kind: unknown }).kind,
      'is not a backend (allowed: opensearch, external-elasticsearch)',
    );
  }
}

function oneOf(value: unknown, allowed: readonly string[], key: string, v: Validator): void {
  if (!(allowed as readonly unknown[]).includes(value)) {
    v.add(key, value, `is not allowed (allowed: ${allowed.join(', ')})`);
  }
}

function positiveInteger(value: unknown, key: string, v: Validator): void {
  if (!Number.isInteger(value) || (value as number) < 1) {
    v.add(key, value, 'must be a positive integer');
  }
}

/**
 * An IPv4 address or a lowercase DNS name, as KubeKey pastes unquoted into shell and sed. A dotted
 * quad matches the DNS-name pattern too, so one test covers both.
 */
function isAddressOrHostName(value: unknown): boolean {
  return typeof value === 'string' && isDnsSubdomain(value);
}

/** The name a preInstall material gets on the node (trailing slashes ignored); undefined when it has none. */
function materialBaseName(material: unknown): string | undefined {
  const base = typeof material === 'string' ? material.replace(/\/+$/, '').split('/').pop() : undefined;
  return base === '' ? undefined : base;
}

function absolutePath(value: unknown, key: string, v: Validator): void {
  if (typeof value !== 'string' || !value.startsWith('/')) {
    v.add(key, value, 'must be an absolute path');
  }
}

function envName(value: unknown, key: string, v: Validator): void {
  if (typeof value !== 'string' || !ENV_NAME.test(value)) {
    v.add(key, value, 'must be an environment variable NAME ([A-Z_][A-Z0-9_]*), never the secret itself');
  }
}

function storageClassName(value: unknown, key: string, allowEmpty: boolean, v: Validator): void {
  if (allowEmpty && value === '') {
    return;
  }
  if (typeof value !== 'string' || !isDnsSubdomain(value)) {
    v.add(key, value, `must be a StorageClass name (lowercase DNS name${allowEmpty ? ', or empty for the default class' : ''})`);
    return;
  }
  noSedToken(value, key, v);
}

function noSedToken(value: unknown, key: string, v: Validator): void {
  const token = typeof value === 'string' ? KUBEKEY_SED_TOKENS.find((t) => value.includes(t)) : undefined;
  if (token !== undefined) {
    v.add(key, value, `must not contain '${token}': KubeKey rewrites or deletes every ClusterConfiguration line containing it`);
  }
}

/** Parses a `Mi`/`Gi` quantity into Mi, reporting anything else. */
function quantityMi(value: unknown, key: string, v: Validator): number | undefined {
  const m = typeof value === 'string' ? QUANTITY.exec(value) : null;
  if (!m) {
    v.add(key, value, 'must be a quantity in Mi or Gi, for example 4Gi');
    return undefined;
  }
  return Number(m[1]) * (m[2] === 'Gi' ? 1024 : 1);
}
