/**
 * This platform's offline run: finds the stacks' config files, validates all of them (every bad
 * key of every stack in one report, including the rules that span stacks), then evaluates
 * `shared` first and the cluster stacks after it, and writes the output folder.
 */
import * as fs from 'fs';
import { EvaluationCache, OfflineStack, SynthesizeResult, synthesize } from '../constructs/offline/synthesize';
import { checkOutputFolder } from '../constructs/offline/output';
import { architectureFiles } from '../constructs/offline/diagram';
import { BASELINE_PACK_NAME, BASELINE_RULES } from '../constructs/policy';
import { ValidationError, ValidationIssue } from '../constructs/lib/validation';
import { planVSwitches } from '../constructs/alicloud/network/plan';
import {
  ClusterSpec,
  ConfigError,
  RawConfig,
  SharedSpec,
  StackSpec,
  parseStackConfig,
  readProjectName,
  readStackFile,
  stackFile,
  stackKind,
  toPulumiConfigMap,
} from './config';
import { NetworkFacts, checkPlacement } from './config/cluster-checks';
import { devtoolsAddress } from './shared';
import { programFor } from './program';

/** The stacks of a full run, in evaluation order: `shared` feeds the others. */
export const OFFLINE_STACKS = ['shared', 'prod', 'test'] as const;

export interface OfflineRunOptions {
  /** Folder with `Pulumi.yaml` and the `Pulumi.<stack>.yaml` files. */
  readonly projectDir: string;
  /** Output folder. */
  readonly outDir: string;
  /** Run only this stack (and the `shared` stack it reads). */
  readonly stack?: string;
  /**
   * Reuse stacks evaluated by earlier runs with the same config (see `SynthesizeOptions.cache`).
   * @default - every stack evaluated anew
   */
  readonly cache?: EvaluationCache;
}

export interface OfflineRunResult extends SynthesizeResult {
  /** Secrets each stack needs that its config file does not hold yet. */
  readonly missingSecrets: Readonly<Record<string, readonly string[]>>;
  /** Other keys each stack needs before `pulumi up` (full keys), not set in its config file: the KubeKey digest, SSH host keys. */
  readonly missingSettings: Readonly<Record<string, readonly string[]>>;
}

/** Bad config in one or more stacks; the message lists every problem of every stack. */
export class OfflineConfigError extends Error {
  constructor(public readonly errors: readonly ValidationError[]) {
    super(errors.map((e) => e.message).join('\n\n'));
    this.name = 'OfflineConfigError';
  }
}

function stacksToRun(options: OfflineRunOptions): string[] {
  if (options.stack === undefined) {
    return [...OFFLINE_STACKS];
  }
  const kind = stackKind(options.stack);
  if (kind === undefined || kind === 'preview') {
    throw new OfflineConfigError([
      new ConfigError(options.stack, [
        { key: '--stack', value: options.stack, message: `is not a stack of this project; expected one of ${OFFLINE_STACKS.join(', ')}` },
      ]),
    ]);
  }
  return kind === 'shared' ? ['shared'] : ['shared', options.stack];
}

/** Reads every stack's file: its raw config, or the error that names why it cannot be read. */
function readAll(options: OfflineRunOptions, names: readonly string[]): Array<RawConfig | ValidationError> {
  return names.map((name) => {
    if (!fs.existsSync(stackFile(options.projectDir, name))) {
      return new ConfigError(name, [{ key: `Pulumi.${name}.yaml`, value: undefined, message: `is missing from ${options.projectDir}` }]);
    }
    try {
      return readStackFile(options.projectDir, name);
    } catch (err) {
      if (!(err instanceof ValidationError)) {
        throw err;
      }
      return err;
    }
  });
}

/** A stack whose config passed: its spec, and the stack as the offline run evaluates it. */
export interface CheckedStack {
  readonly spec: StackSpec;
  readonly stack: OfflineStack;
}

/**
 * What the offline run checks before it runs or writes anything: each stack's config, then the
 * rules that span stacks. `stacks` holds each stack's raw config, or the error reading its file.
 * Throws one {@link OfflineConfigError} listing every problem of every stack.
 */
export function checkStacks(stacks: ReadonlyArray<RawConfig | ValidationError>): Map<string, CheckedStack> {
  const errors: ValidationError[] = [];
  const parsed = new Map<string, CheckedStack>();
  for (const raw of stacks) {
    if (raw instanceof ValidationError) {
      errors.push(raw);
      continue;
    }
    try {
      const spec = parseStackConfig(raw, { missingSecrets: 'placeholder' });
      parsed.set(raw.stack, { spec, stack: { name: raw.stack, ...toPulumiConfigMap(raw), program: programFor(spec) } });
    } catch (err) {
      if (!(err instanceof ValidationError)) {
        throw err;
      }
      errors.push(err);
    }
  }
  const shared = parsed.get('shared')?.spec;
  if (shared?.kind === 'shared') {
    const clusters = [...parsed.values()].map((p) => p.spec).filter((s): s is ClusterSpec => s.kind === 'cluster');
    crossCheck(shared, clusters, errors);
  }
  if (errors.length > 0) {
    throw new OfflineConfigError(errors);
  }
  return parsed;
}

/**
 * The rules that span stacks, checked before anything runs: each cluster against the shared
 * network (zones, vSwitches, security groups), and every fixed address unique in the VPC.
 */
function crossCheck(shared: SharedSpec, clusters: readonly ClusterSpec[], errors: ValidationError[]): void {
  const vswitches = planVSwitches(shared.network);
  const facts: NetworkFacts = { vpcCidr: shared.network.vpcCidr, vswitches, securityGroups: shared.network.securityGroups };
  const owners = new Map<string, string>();
  const sharedIssues: ValidationIssue[] = [];
  if (shared.devtools) {
    const vswitch = vswitches.find((v) => v.zone === shared.devtools!.zone);
    if (vswitch === undefined) {
      sharedIssues.push({
        key: `${shared.project}:devtools.zone`,
        value: shared.devtools.zone,
        message: `is not a zone of the network; expected one of ${vswitches.map((v) => v.zone).join(', ')}`,
      });
    } else {
      owners.set(devtoolsAddress(shared, vswitch.cidr), 'shared: the dev-tools host');
    }
    if (!shared.network.securityGroups.includes(shared.devtools.securityGroup)) {
      sharedIssues.push({
        key: `${shared.project}:devtools.securityGroup`,
        value: shared.devtools.securityGroup,
        message: `is not one of platform:network.securityGroups (${shared.network.securityGroups.join(', ')})`,
      });
    }
  }
  if (shared.nas?.zone !== undefined && !vswitches.some((v) => v.zone === shared.nas!.zone)) {
    sharedIssues.push({
      key: `${shared.project}:nas.zone`,
      value: shared.nas.zone,
      message: `is not a zone of the network; expected one of ${vswitches.map((v) => v.zone).join(', ')}`,
    });
  }
  sharedIssues.push(...crossCheckAccess(shared, clusters));
  if (sharedIssues.length > 0) {
    errors.push(new ConfigError(shared.stack, sharedIssues));
  }
  for (const cluster of clusters) {
    const key = (k: string) => `${cluster.project}:${k}`;
    const { pools, issues } = checkPlacement(cluster, facts, key);
    pools.forEach((pool) => {
      const i = cluster.nodePools.findIndex((p) => p.name === pool.name);
      for (const node of pool.nodes) {
        const owner = owners.get(node.privateIp);
        if (owner !== undefined) {
          issues.push({
            key: key(`nodePools[${i}].addressOffset`),
            value: node.privateIp,
            message: `gives ${node.name} the address already planned for ${owner}; expected an offset range no other stack uses`,
          });
        }
        owners.set(node.privateIp, `${cluster.stack}: ${node.name}`);
      }
    });
    if (issues.length > 0) {
      errors.push(new ConfigError(cluster.stack, issues));
    }
  }
}

/**
 * Per-cluster NAS file systems and key pairs: every cluster has a file system of its own, the one
 * that keeps the old file system is one of them, and no two of the clusters and the jump host
 * share an ECS key pair (one stolen key must open one estate part only).
 */
function crossCheckAccess(shared: SharedSpec, clusters: readonly ClusterSpec[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const key = (k: string) => `${shared.project}:${k}`;
  if (shared.nas !== undefined) {
    const names = shared.nas.clusters;
    const missing = clusters.map((c) => c.cluster.name).filter((c) => !names.includes(c));
    if (missing.length > 0) {
      issues.push({
        key: key('nas.clusters'),
        value: names,
        message: `has no file system for cluster ${missing.join(', ')}; list every cluster (platform:cluster.name of the cluster stacks)`,
      });
    }
    if (shared.nas.existingFileSystemFor !== undefined && !names.includes(shared.nas.existingFileSystemFor)) {
      issues.push({
        key: key('nas.existingFileSystemFor'),
        value: shared.nas.existingFileSystemFor,
        message: `is not one of platform:nas.clusters (${names.join(', ')})`,
      });
    }
  }
  const owners = new Map<string, string>();
  if (shared.devtools !== undefined) {
    owners.set(shared.devtools.keyPairName, key('devtools.keyPairName'));
  }
  for (const cluster of clusters) {
    const own = cluster.cluster.ssh.keyPairName;
    const other = owners.get(own);
    if (other !== undefined) {
      issues.push({
        key: `${cluster.stack}: ${cluster.project}:cluster.ssh.keyPairName`,
        value: own,
        message: `is also ${other}; each cluster and the jump host need a key pair of their own`,
      });
    }
    owners.set(own, `${cluster.stack}: ${cluster.project}:cluster.ssh.keyPairName`);
  }
  return issues;
}

/** The flag that names the output folder, for messages. */
const OUT_FLAG = '--out';

export async function runOffline(options: OfflineRunOptions): Promise<OfflineRunResult> {
  // First of all: a mistyped --out (`.`, the project folder) must never be deleted.
  const refused = checkOutputFolder(options.outDir, {
    key: OUT_FLAG,
    protect: { 'the current folder': process.cwd(), 'the project folder (--project-dir)': options.projectDir },
  });
  if (refused.length > 0) {
    throw new OfflineConfigError([new ValidationError(refused, 'Refusing the output folder')]);
  }
  let project: string;
  try {
    project = readProjectName(options.projectDir);
  } catch (err) {
    throw err instanceof ValidationError ? new OfflineConfigError([err]) : err;
  }
  const parsed = checkStacks(readAll(options, stacksToRun(options)));
  const result = await synthesize({
    project,
    stacks: [...parsed.values()].map((p) => p.stack),
    outDir: options.outDir,
    extraFiles: (plan, artifacts) => architectureFiles(plan, artifacts, { title: `${project}: the estate as planned` }),
    policyPack: { name: BASELINE_PACK_NAME, rules: BASELINE_RULES },
    cache: options.cache,
  });
  const missingSecrets = Object.fromEntries(
    [...parsed.entries()].filter(([, p]) => p.spec.missingSecrets.length > 0).map(([name, p]) => [name, p.spec.missingSecrets]),
  );
  const missingSettings = Object.fromEntries(
    [...parsed.entries()].filter(([, p]) => p.spec.missingSettings.length > 0).map(([name, p]) => [name, p.spec.missingSettings]),
  );
  return { ...result, missingSecrets, missingSettings };
}
