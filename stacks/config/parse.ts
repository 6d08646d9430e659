/**
 * Reads one stack's raw config into a typed, validated spec. Every problem in every key is
 * collected and reported in one {@link ConfigError}, before any resource exists.
 */
import { ValidationError } from '../../constructs/core';
import { planVSwitches, resolveNatGateway } from '../../constructs/alicloud/plan';
import { kubeKeyArchiveName } from '../../constructs/kubekey';
import type { RawConfig } from './sources';
import { IssueSink, SECRET_PLACEHOLDER, SecretValue } from './schema';
import type { NetworkSpec } from './network';
import { HOST_KEY_PENDING } from './cluster';
import { checkClusterSpec } from './cluster-checks';
import { checkZonesInRegion } from './regions';
import { apiServerConstructIssues, devopsConstructIssues, devtoolsConstructIssues, nodePoolConstructIssues } from './construct-checks';
import { checkDevOpsSpec, checkHarborSecrets, devopsSecrets } from './devops';
import { checkImages, imagesSecrets } from './images';
import { checkWorkloads, workloadSecretNames } from './workloads';
import { middlewareSecretNames } from '../workloads/middleware-table';
import { CLUSTER_STACK, REGION_KEY, SHARED_STACK, regionChecker } from './stack-schema';
import { BaseSpec, ClusterSpec, ConfigError, SETTING_PLACEHOLDER, SharedSpec, StackSpec } from './spec';

export { PROVIDER_NAMESPACES, REGION_KEY, regionChecker } from './stack-schema';

/** Which composition a stack runs. `pr-<n>` stacks are pull-request previews on the test cluster. */
export type StackKind = 'shared' | 'cluster' | 'preview';

export const CLUSTER_STACKS = ['prod', 'test'] as const;
const PREVIEW_STACK = /^pr-([1-9][0-9]{0,6})$/;

export function stackKind(stack: string): StackKind | undefined {
  if (stack === 'shared') {
    return 'shared';
  }
  if (CLUSTER_STACKS.some((s) => s === stack)) {
    return 'cluster';
  }
  return PREVIEW_STACK.test(stack) ? 'preview' : undefined;
}

// The spec types and ConfigError live in spec.ts, which the rules modules import without importing the parser.
export { type ClusterSpec, ConfigError, SETTING_PLACEHOLDER, type SharedSpec, type StackSpec } from './spec';

export interface ParseOptions {
  /**
   * What a required secret that is not set means: an error (under the Pulumi engine), or a
   * `[secret]` placeholder (offline, where secrets are never decrypted anyway).
   * @default 'error'
   */
  readonly missingSecrets?: 'error' | 'placeholder';
}

/** The name `pulumi login --local` gives the shared stack. */
export const DEFAULT_SHARED_STACK = 'organization/{project}/shared';

/** Parses a stack's config; throws {@link ConfigError} listing every problem. */
export function parseStackConfig(raw: RawConfig, options: ParseOptions = {}): StackSpec {
  const issues: IssueSink = [];
  const kind = stackKind(raw.stack);
  if (kind === undefined || kind === 'preview') {
    issues.push({
      key: 'stack',
      value: raw.stack,
      message: `has no composition; expected 'shared', ${CLUSTER_STACKS.map((s) => `'${s}'`).join(', ')}`,
    });
    throw new ConfigError(raw.stack, issues);
  }
  const region =
    raw.values[REGION_KEY] === undefined
      ? void issues.push({
          key: REGION_KEY,
          value: undefined,
          message: `is required; set it with 'pulumi config set ${REGION_KEY} cn-shenzhen'`,
        })
      : regionChecker(raw.values[REGION_KEY], REGION_KEY, issues);
  const config = kind === 'shared' ? SHARED_STACK.read(raw, issues) : CLUSTER_STACK.read(raw, issues);
  // A key that failed reads as absent below, so every rule across keys would see a default in its
  // place and report a false problem (a bad middleware key made each service's middleware
  // "unknown"). Report the root causes only; the rules across keys run once every key is sound.
  if (issues.length > 0 || region === undefined || config === undefined) {
    throw new ConfigError(raw.stack, issues);
  }
  const key = (k: string) => `${raw.project}:${k}`;
  const base: BaseSpec = {
    project: raw.project,
    stack: raw.stack,
    region,
    secrets: config.secrets,
    missingSecrets: [],
    missingSettings: [],
  };
  const spec: StackSpec =
    'network' in config
      ? { ...config, ...base, kind: 'shared' }
      : { ...config, ...base, kind: 'cluster', sharedStack: config.sharedStack ?? DEFAULT_SHARED_STACK.replace('{project}', raw.project) };
  issues.push(...(spec.kind === 'shared' ? checkSharedSpec(spec, key) : checkClusterStack(spec, key)));
  const secretsGiven = config.secrets;
  const missing = requiredSecrets(spec).filter((name) => !(name in secretsGiven));
  issues.push(...checkHarborSecrets(secretsGiven, SECRET_PLACEHOLDER, key));
  if (options.missingSecrets !== 'placeholder') {
    for (const name of missing) {
      issues.push({
        key: key(`secrets.${name}`),
        value: undefined,
        message: `is required; set it with 'pulumi config set --secret --path ${key(`secrets.${name}`)} <value>'`,
      });
    }
  }
  const kubeKeyDigest =
    spec.kind === 'cluster' && spec.bootstrap?.enabled && spec.bootstrap.kubeKey?.sha256 === undefined
      ? [key('bootstrap.kubeKey.sha256')]
      : [];
  const unset = unsetSettings(spec);
  if (options.missingSecrets !== 'placeholder') {
    for (const k of kubeKeyDigest) {
      issues.push({
        key: k,
        value: undefined,
        message:
          `is required with ${key('bootstrap.enabled')}: the SHA-256 of ${kubeKeyArchiveName()}, checked before kk runs. ` +
          'KubeKey v3 publishes no checksum file: take the digest GitHub shows for the release asset, or sha256sum a tarball you verified',
      });
    }
    if (spec.kind === 'cluster') {
      for (const k of unset) {
        issues.push({ key: key(k), value: undefined, message: hostKeyHelp(spec) });
      }
    }
  }
  if (issues.length > 0) {
    throw new ConfigError(raw.stack, issues);
  }
  const placeholder: SecretValue = { secret: true, value: SECRET_PLACEHOLDER };
  const placeholders = Object.fromEntries(missing.map((name) => [name, placeholder]));
  const filled = options.missingSecrets === 'placeholder' ? withSettingPlaceholders(spec, unset) : spec;
  return {
    ...filled,
    secrets: { ...secretsGiven, ...placeholders },
    missingSecrets: missing,
    missingSettings: [...kubeKeyDigest, ...unset.map(key)],
  };
}

/** Settings (keys without the project) that only exist once the machines do, and are not set. */
function unsetSettings(spec: StackSpec): string[] {
  if (spec.kind === 'shared') {
    return spec.devtools !== undefined && spec.devtools.sshHostKey === undefined ? ['devtools.sshHostKey'] : [];
  }
  // Optional chaining: with other problems in the config, parts of the spec may be missing.
  return spec.bootstrap?.enabled === true && spec.cluster?.ssh !== undefined && spec.cluster.ssh.hostKey === undefined
    ? ['cluster.ssh.hostKey']
    : [];
}

function withSettingPlaceholders(spec: StackSpec, unset: readonly string[]): StackSpec {
  if (unset.length === 0) {
    return spec;
  }
  if (spec.kind === 'shared') {
    return { ...spec, devtools: { ...spec.devtools!, sshHostKey: SETTING_PLACEHOLDER } };
  }
  return { ...spec, cluster: { ...spec.cluster, ssh: { ...spec.cluster.ssh, hostKey: SETTING_PLACEHOLDER } } };
}

/** How to fill `cluster.ssh.hostKey`, naming the node it is the key of. */
function hostKeyHelp(spec: ClusterSpec): string {
  const pool = spec.nodePools.find((p) => p.roles.includes('control-plane'));
  const node = pool === undefined ? 'the first control-plane node' : `${pool.name}-1, the first control-plane node, where the install runs`;
  return (
    `is required with bootstrap.enabled: the SSH host key of ${node}, which every install step pins. ` +
    `Before the nodes exist, set it to '${HOST_KEY_PENDING}': 'pulumi up' then creates them and stops before the install. ` +
    `Then read the key from the instance's console output (cloud-init prints it between BEGIN and END SSH HOST KEY KEYS: ` +
    `aliyun ecs GetInstanceConsoleOutput --RegionId ${spec.region} --InstanceId <id>, base64-decoded) and set it`
  );
}

/** The secrets a stack's spec needs, by name under `platform:secrets`. */
export function requiredSecrets(spec: StackSpec): string[] {
  if (spec.kind === 'shared') {
    return [];
  }
  // The install opens the jump host with its own key and the nodes with the cluster's, and sets
  // the console's admin password.
  const names = spec.bootstrap?.enabled ? ['sshPrivateKey', 'jumpHostSshPrivateKey', 'kubesphereAdminPassword'] : ['kubeconfig'];
  if (spec.bootstrap?.enabled && spec.kubesphere?.multiclusterRole !== 'none') {
    names.push('kubesphereJwtSecret');
  }
  names.push(...devopsSecrets({ harbor: spec.harbor, bootstrap: spec.bootstrap?.enabled ?? false }));
  // The middleware's, from the middleware table: the same entries make the Secrets that read them.
  names.push(...middlewareSecretNames(spec), ...workloadSecretNames(spec));
  if (spec.bootstrap?.enabled) {
    names.push(...imagesSecrets(spec.images));
  }
  return names;
}

/** The rules across the keys of a `shared` stack, once each key is sound. */
function checkSharedSpec(spec: SharedSpec, key: (k: string) => string): IssueSink {
  const issues: IssueSink = [];
  const { network, nas, devtools } = spec;
  crossCheckNetwork(network, key('network'), issues);
  const networkSound = issues.length === 0;
  issues.push(
    ...checkZonesInRegion(spec.region, [
      ...network.zones.map((z, i) => [key(`network.zones[${i}]`), z] as const),
      [key('network.natGateway.vswitchZone'), network.natGateway?.vswitchZone],
      [key('nas.zone'), nas?.zone],
      [key('devtools.zone'), devtools?.zone],
    ]),
  );
  if (devtools !== undefined && networkSound) {
    // DevToolsHost's own checks (its adminCidrs rule is the cluster's: no block broader than a /8).
    issues.push(...devtoolsConstructIssues(devtools, network, key));
  }
  return issues;
}

/** The rules across the keys of a cluster stack, once each key is sound. */
function checkClusterStack(spec: ClusterSpec, key: (k: string) => string): IssueSink {
  const issues = [
    ...checkClusterSpec(spec, key),
    ...checkZonesInRegion(
      spec.region,
      spec.nodePools.flatMap((p, i) => (p.zones ?? []).map((z, j) => [key(`nodePools[${i}].zones[${j}]`), z] as const)),
    ),
    ...checkWorkloads(spec, key),
    ...checkImages(spec, key),
    ...checkDevOpsSpec(
      {
        ...spec,
        kubesphereDevops: spec.kubesphere.devops,
        multiclusterRole: spec.kubesphere.multiclusterRole,
        bootstrap: spec.bootstrap.enabled,
        services: spec.services,
      },
      key,
    ),
  ];
  // The constructs' own checks on the values the stack will pass them, under the config keys. A key
  // the rules above already refused keeps their message only: one root cause, not a second opinion.
  return withoutReportedKeys(issues, [
    ...nodePoolConstructIssues(spec, key),
    ...apiServerConstructIssues(spec, key),
    ...devopsConstructIssues(spec, key),
  ]);
}

/** `issues`, then those of `more` whose key no earlier issue names. */
export function withoutReportedKeys(issues: IssueSink, more: IssueSink): IssueSink {
  const out = [...issues];
  for (const issue of more) {
    if (!out.some((i) => i.key === issue.key)) {
      out.push(issue);
    }
  }
  return out;
}

/** Runs the vSwitch planner on a well-typed network, so a VPC too small for its zones is a config error. */
function crossCheckNetwork(network: NetworkSpec, key: string, issues: IssueSink): void {
  try {
    planVSwitches(network);
    if (network.natGateway !== undefined) {
      resolveNatGateway(network.zones, network.natGateway);
    }
  } catch (err) {
    if (err instanceof ValidationError) {
      issues.push(...err.issues.map((i) => ({ ...i, key: `${key}.${i.key}` })));
      return;
    }
    throw err;
  }
}
