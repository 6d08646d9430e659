/**
 * Reads one stack's raw config into a typed, validated spec. Every problem in every key is
 * collected and reported in one {@link ConfigError}, before any resource exists.
 */
import { ValidationError, ValidationIssue } from '../../constructs/lib/validation';
import { planVSwitches } from '../../constructs/alicloud/network/plan';
import { RawConfig } from './sources';
import { Checker, IssueSink, str } from './schema';
import { NetworkSpec, networkSchema } from './network';

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
}

export interface SharedSpec extends BaseSpec {
  readonly kind: 'shared';
  readonly network: NetworkSpec;
}

export interface ClusterSpec extends BaseSpec {
  readonly kind: 'cluster';
  /** The fully qualified name of the `shared` stack, for the `StackReference`. */
  readonly sharedStack: string;
}

export type StackSpec = SharedSpec | ClusterSpec;

const REGION_KEY = 'alicloud:region';
const REGION_PATTERN = /^[a-z]{2}-[a-z0-9-]+$/;
/** The name `pulumi login --local` gives the shared stack. */
export const DEFAULT_SHARED_STACK = 'organization/{project}/shared';

type KeySchema = Record<string, { readonly check: Checker<unknown>; readonly required: boolean }>;

const SHARED_KEYS: KeySchema = {
  network: { check: networkSchema, required: true },
};

const CLUSTER_KEYS: KeySchema = {
  sharedStack: { check: str({ pattern: /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, patternHint: 'org/project/stack' }), required: false },
};

/** Parses a stack's config; throws {@link ConfigError} listing every problem. */
export function parseStackConfig(raw: RawConfig): StackSpec {
  const issues: IssueSink = [];
  const kind = stackKind(raw.stack);
  if (kind === undefined || kind === 'preview') {
    issues.push({ key: 'stack', value: raw.stack, message: `has no composition; expected 'shared', ${CLUSTER_STACKS.map((s) => `'${s}'`).join(', ')}` });
    throw new ConfigError(raw.stack, issues);
  }
  const region =
    raw.values[REGION_KEY] === undefined
      ? void issues.push({ key: REGION_KEY, value: undefined, message: `is required; set it with 'pulumi config set ${REGION_KEY} cn-shenzhen'` })
      : str({ pattern: REGION_PATTERN, patternHint: 'an Alibaba region id such as cn-shenzhen' })(raw.values[REGION_KEY], REGION_KEY, issues);
  const keys = kind === 'shared' ? SHARED_KEYS : CLUSTER_KEYS;
  const values = readKeys(raw, keys, issues);
  if (kind === 'shared' && values.network !== undefined) {
    crossCheckNetwork(values.network as NetworkSpec, `${raw.project}:network`, issues);
  }
  if (issues.length > 0) {
    throw new ConfigError(raw.stack, issues);
  }
  const base = { project: raw.project, stack: raw.stack, region: region as string };
  if (kind === 'shared') {
    return { ...base, kind, network: values.network as NetworkSpec };
  }
  const sharedStack = (values.sharedStack as string | undefined) ?? DEFAULT_SHARED_STACK.replace('{project}', raw.project);
  return { ...base, kind, sharedStack };
}

/** Checks each known key of the project's namespace, and refuses unknown ones. */
function readKeys(raw: RawConfig, keys: KeySchema, issues: IssueSink): Record<string, unknown> {
  const prefix = `${raw.project}:`;
  const out: Record<string, unknown> = {};
  for (const [fullKey, value] of Object.entries(raw.values)) {
    if (!fullKey.startsWith(prefix)) {
      continue; // provider keys (alicloud:*, kubernetes:*) belong to the providers
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
  } catch (err) {
    if (err instanceof ValidationError) {
      issues.push(...err.issues.map((i) => ({ ...i, key: `${key}.${i.key}` })));
      return;
    }
    throw err;
  }
}
