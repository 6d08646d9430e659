/**
 * Reads one stack's raw config into a typed, validated spec. Every problem in every key is
 * collected and reported in one {@link ConfigError}, before any resource exists.
 */
import { ValidationError, ValidationIssue } from '../../constructs/lib/validation';
import { planVSwitches } from '../../constructs/alicloud/network/plan';
import { kubeKeyArchiveName } from '../../constructs/kubekey/versions';
import { resolveNatGateway } from '../../constructs/alicloud/network/nat';
import { RawConfig } from './sources';
import { Checker, IssueSink, SECRET_PLACEHOLDER, SecretValue, record, secret, str, withJsonSchema } from './schema';
import { NetworkSpec, networkSchema } from './network';
import { DevtoolsSpec, NasSpec, SiteSpec, devtoolsSchema, nasSchema, siteSchema } from './shared';
import {
  ApiServerSpec,
  BootstrapSpec,
  ClusterAccessSpec,
  KubeSphereSpec,
  KubernetesSpec,
  NodePoolSpec,
  HOST_KEY_PENDING,
  apiServerSchema,
  bootstrapSchema,
  clusterSchema,
  kubernetesSchema,
  kubesphereSchema,
  nodePoolSchema,
} from './cluster';
import { checkClusterSpec } from './cluster-checks';
import { ALIBABA_REGIONS, checkZonesInRegion } from './regions';
import { devtoolsConstructIssues } from './construct-checks';
import { DevOpsSpec, HarborSpec, checkDevOpsSpec, checkHarborSecrets, devopsSchema, devopsSecrets, harborSchema } from './devops';
import { list } from './schema';
import { ImagesSpec, checkImages, imagesSchema, imagesSecrets } from './images';
import { ClusterBackupSpec, SharedBackupSpec, clusterBackupSchema, sharedBackupSchema } from './backup';
import {
  CsiDriverSpec,
  DEFAULT_CSI_DRIVER,
  LoggingSpec,
  MiddlewareSpec,
  NO_MIDDLEWARE,
  NamespacesSpec,
  ServiceSpec,
  checkWorkloads,
  csiDriverSchema,
  loggingSchema,
  middlewareSchema,
  namespacesSchema,
  servicesSchema,
  workloadSecretNames,
} from './workloads';
import { middlewareSecretNames } from '../workloads/middleware-table';

/** Which composition a stack runs. `pr-<n>` stacks are pull-request previews on the test cluster. */
export type StackKind = 'shared' | 'cluster' | 'preview';

export const CLUSTER_STACKS = ['prod', 'test'] as const;
const PREVIEW_STACK = /^pr-([1-9][0-9]{0,6})$/;

export function stackKind(stack: string): StackKind | undefined {
  if (stack === 'shared') {
    return 'shared';
  }
  if ((CLUSTER_STACKS as readonly string[]).includes(stack)) {
    return 'cluster';
  }
  return PREVIEW_STACK.test(stack) ? 'preview' : undefined;
}

/** Thrown for bad stack config; its message names every bad key, its value and what is allowed. */
export class ConfigError extends ValidationError {
  constructor(stack: string, issues: readonly ValidationIssue[]) {
    super(issues, `Invalid config for stack '${stack}'`);
    this.name = 'ConfigError';
  }
}

interface BaseSpec {
  readonly project: string;
  readonly stack: string;
  /** `alicloud:region`. */
  readonly region: string;
  /** Secrets by name (`platform:secrets.<name>`), as `pulumi config set --secret` stored them. */
  readonly secrets: Readonly<Record<string, SecretValue>>;
  /** Secrets the stack needs that are not set: allowed only offline, where they read `[secret]`. */
  readonly missingSecrets: readonly string[];
  /**
   * Keys needed before `pulumi up` that are not set (full keys): an error under the engine, allowed
   * offline. Among them public settings only known once the machines exist (SSH host keys): offline
   * they read {@link SETTING_PLACEHOLDER}; the shared stack's is never an error, it is exported as
   * null, which a cluster install refuses.
   */
  readonly missingSettings: readonly string[];
}

/** What an unset {@link BaseSpec.missingSettings} entry reads offline. */
export const SETTING_PLACEHOLDER = '[not set]';

export interface SharedSpec extends BaseSpec {
  readonly kind: 'shared';
  readonly network: NetworkSpec;
  readonly nas?: NasSpec;
  readonly site?: SiteSpec;
  readonly devtools?: DevtoolsSpec;
  /** The backup bucket and each kind of backup's retention (`platform:backup`). */
  readonly backup?: SharedBackupSpec;
}

export interface ClusterSpec extends BaseSpec {
  readonly kind: 'cluster';
  /** The fully qualified name of the `shared` stack, for the `StackReference`. */
  readonly sharedStack: string;
  readonly cluster: ClusterAccessSpec;
  readonly nodePools: readonly NodePoolSpec[];
  readonly apiServer?: ApiServerSpec;
  readonly kubernetes: KubernetesSpec;
  readonly kubesphere: KubeSphereSpec;
  readonly bootstrap: BootstrapSpec;
  /** Workloads (stacks/config/workloads.ts): namespaces, service catalogue, middleware, log pipeline. */
  readonly namespaces: NamespacesSpec;
  readonly services: readonly ServiceSpec[];
  readonly middleware: MiddlewareSpec;
  readonly logging?: LoggingSpec;
  /** The Alibaba Cloud NAS CSI driver (`platform:csiDriver`), installed with the NAS class. */
  readonly csiDriver: CsiDriverSpec;
  /** The registry (`platform:harbor`); `install` where Harbor runs. */
  readonly harbor?: HarborSpec;
  /** The KubeSphere DevOps project and its pipelines (`platform:devops`). */
  readonly devops?: DevOpsSpec;
  /** The registry mirror every image comes from (`platform:images`); absent: each image's own registry. */
  readonly images?: ImagesSpec;
  /** When the cluster's backups run (`platform:backup`); they run when the shared stack has a backup bucket. */
  readonly backup: ClusterBackupSpec;
}

export type StackSpec = SharedSpec | ClusterSpec;

export interface ParseOptions {
  /**
   * What a required secret that is not set means: an error (under the Pulumi engine), or a
   * `[secret]` placeholder (offline, where secrets are never decrypted anyway).
   * @default 'error'
   */
  readonly missingSecrets?: 'error' | 'placeholder';
}

export const REGION_KEY = 'alicloud:region';
const REGION_PATTERN = /^[a-z]{2,3}-[a-z0-9-]+$/;

/** An Alibaba region id: the right shape, and one of {@link ALIBABA_REGIONS}. */
export const regionChecker: Checker<string> = withJsonSchema(
  (value, key, issues) => {
    const region = str({ pattern: REGION_PATTERN, patternHint: 'an Alibaba region id such as cn-shenzhen' })(value, key, issues);
    if (region !== undefined && !(ALIBABA_REGIONS as readonly string[]).includes(region)) {
      issues.push({ key, value, message: `is not an Alibaba Cloud region; expected one of ${ALIBABA_REGIONS.join(', ')}` });
      return undefined;
    }
    return region;
  },
  { enum: [...ALIBABA_REGIONS], description: 'the Alibaba Cloud region of the stack' },
);
/** The name `pulumi login --local` gives the shared stack. */
export const DEFAULT_SHARED_STACK = 'organization/{project}/shared';
const SECRET_NAME = /^[a-zA-Z][a-zA-Z0-9]*$/;

export type KeySchema = Record<string, { readonly check: Checker<unknown>; readonly required: boolean }>;

const COMMON_KEYS: KeySchema = {
  secrets: { check: record(secret(), { keyPattern: SECRET_NAME, keyHint: 'a camelCase name' }), required: false },
};

export const SHARED_KEYS: KeySchema = {
  ...COMMON_KEYS,
  network: { check: networkSchema, required: true },
  nas: { check: nasSchema, required: false },
  site: { check: siteSchema, required: false },
  devtools: { check: devtoolsSchema, required: false },
  backup: { check: sharedBackupSchema, required: false },
};

export const CLUSTER_KEYS: KeySchema = {
  ...COMMON_KEYS,
  sharedStack: {
    check: str({ pattern: /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, patternHint: 'org/project/stack' }),
    required: false,
  },
  cluster: { check: clusterSchema, required: true },
  nodePools: { check: list(nodePoolSchema, { minLength: 1, unique: (p) => p.name }), required: true },
  apiServer: { check: apiServerSchema, required: false },
  kubernetes: { check: kubernetesSchema, required: false },
  kubesphere: { check: kubesphereSchema, required: false },
  bootstrap: { check: bootstrapSchema, required: false },
  namespaces: { check: namespacesSchema, required: false },
  services: { check: servicesSchema, required: false },
  middleware: { check: middlewareSchema, required: false },
  logging: { check: loggingSchema, required: false },
  csiDriver: { check: csiDriverSchema, required: false },
  harbor: { check: harborSchema, required: false },
  devops: { check: devopsSchema, required: false },
  images: { check: imagesSchema, required: false },
  backup: { check: clusterBackupSchema, required: false },
};

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
  const v = readKeys(raw, kind === 'shared' ? SHARED_KEYS : CLUSTER_KEYS, issues);
  // A key that failed reads as absent below, so every rule across keys would see a default in its
  // place and report a false problem (a bad middleware key made each service's middleware
  // "unknown"). Report the root causes only; the rules across keys run once every key is sound.
  if (issues.length > 0) {
    throw new ConfigError(raw.stack, issues);
  }
  const key = (k: string) => `${raw.project}:${k}`;
  const secretsGiven = (v.secrets ?? {}) as Record<string, SecretValue>;

  let spec: StackSpec | undefined;
  const base = {
    project: raw.project,
    stack: raw.stack,
    region: region as string,
    secrets: secretsGiven,
    missingSecrets: [] as string[],
    missingSettings: [] as string[],
  };
  if (kind === 'shared') {
    const network = v.network as NetworkSpec;
    const nas = v.nas as NasSpec | undefined;
    const devtools = v.devtools as DevtoolsSpec | undefined;
    const before = issues.length;
    crossCheckNetwork(network, key('network'), issues);
    const networkSound = issues.length === before;
    issues.push(
      ...checkZonesInRegion(region as string, [
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
    spec = {
      ...base,
      kind,
      network,
      nas,
      site: v.site as SiteSpec | undefined,
      devtools,
      backup: v.backup as SharedBackupSpec | undefined,
    };
  } else {
    const cluster: ClusterSpec = {
      ...base,
      kind,
      sharedStack: (v.sharedStack as string | undefined) ?? DEFAULT_SHARED_STACK.replace('{project}', raw.project),
      cluster: v.cluster as ClusterAccessSpec,
      nodePools: v.nodePools as NodePoolSpec[],
      apiServer: v.apiServer as ApiServerSpec | undefined,
      kubernetes: (v.kubernetes as KubernetesSpec | undefined) ?? (kubernetesSchema({}, key('kubernetes'), issues) as KubernetesSpec),
      kubesphere: (v.kubesphere as KubeSphereSpec | undefined) ?? (kubesphereSchema({}, key('kubesphere'), issues) as KubeSphereSpec),
      bootstrap: (v.bootstrap as BootstrapSpec | undefined) ?? (bootstrapSchema({}, key('bootstrap'), issues) as BootstrapSpec),
      namespaces: (v.namespaces as NamespacesSpec | undefined) ?? (namespacesSchema({}, key('namespaces'), issues) as NamespacesSpec),
      services: (v.services as ServiceSpec[] | undefined) ?? [],
      middleware: (v.middleware as MiddlewareSpec | undefined) ?? NO_MIDDLEWARE,
      logging: v.logging as LoggingSpec | undefined,
      csiDriver: (v.csiDriver as CsiDriverSpec | undefined) ?? DEFAULT_CSI_DRIVER,
      harbor: v.harbor as HarborSpec | undefined,
      devops: v.devops as DevOpsSpec | undefined,
      images: v.images as ImagesSpec | undefined,
      backup: (v.backup as ClusterBackupSpec | undefined) ?? (clusterBackupSchema({}, key('backup'), issues) as ClusterBackupSpec),
    };
    issues.push(...checkClusterSpec(cluster, key));
    issues.push(
      ...checkZonesInRegion(
        region as string,
        cluster.nodePools.flatMap((p, i) => (p.zones ?? []).map((z, j) => [key(`nodePools[${i}].zones[${j}]`), z] as const)),
      ),
    );
    issues.push(...checkWorkloads(cluster, key));
    issues.push(...checkImages(cluster, key));
    issues.push(
      ...checkDevOpsSpec(
        {
          ...cluster,
          kubesphereDevops: cluster.kubesphere?.devops ?? false,
          multiclusterRole: cluster.kubesphere?.multiclusterRole ?? 'none',
          bootstrap: cluster.bootstrap?.enabled ?? false,
          services: cluster.services,
        },
        key,
      ),
    );
    spec = cluster;
  }
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
  const placeholders = Object.fromEntries(missing.map((name) => [name, { secret: true, value: SECRET_PLACEHOLDER } as SecretValue]));
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

/**
 * Config namespaces besides the project's that a stack may hold: those of the providers the stacks
 * use (their keys belong to the providers) and Pulumi's own. Any other (`platfrom:`) is a typo.
 */
export const PROVIDER_NAMESPACES = ['alicloud', 'kubernetes', 'command', 'pulumi'] as const;

/** Checks each known key of the project's namespace, and refuses unknown keys and namespaces. */
function readKeys(raw: RawConfig, keys: KeySchema, issues: IssueSink): Record<string, unknown> {
  const prefix = `${raw.project}:`;
  const out: Record<string, unknown> = {};
  for (const [fullKey, value] of Object.entries(raw.values)) {
    if (!fullKey.startsWith(prefix)) {
      const namespace = fullKey.includes(':') ? fullKey.slice(0, fullKey.indexOf(':')) : undefined;
      if (namespace === undefined || !(PROVIDER_NAMESPACES as readonly string[]).includes(namespace)) {
        const allowed = [raw.project, ...PROVIDER_NAMESPACES].map((n) => `'${n}:'`).join(', ');
        issues.push({
          key: fullKey,
          value: namespace ?? fullKey,
          message: `is not in a known config namespace; expected one of ${allowed} (keys are <namespace>:<key>)`,
        });
      }
      continue;
    }
    const key = fullKey.slice(prefix.length);
    const schema = keys[key];
    if (!schema) {
      const known = Object.keys(keys).map((k) => `${prefix}${k}`);
      issues.push({ key: fullKey, value, message: `is not a known key for stack '${raw.stack}'; expected one of ${known.join(', ')}` });
      continue;
    }
    out[key] = schema.check(value, fullKey, issues);
  }
  for (const [key, schema] of Object.entries(keys)) {
    if (schema.required && !(`${prefix}${key}` in raw.values)) {
      issues.push({ key: `${prefix}${key}`, value: undefined, message: `is required for stack '${raw.stack}'` });
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
