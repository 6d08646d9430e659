/**
 * This platform's offline run: finds the stacks' config files, validates all of them (every bad
 * key of every stack in one report, including the rules that span stacks), then evaluates
 * `shared` first and the cluster stacks after it, and writes the output folder.
 */
import * as fs from 'fs';
import { EvaluationCache, OfflineStack, SynthesizeResult, synthesize, checkOutputFolder } from '../constructs/offline';
import { architectureFiles } from '../constructs/offline/diagram';
import { BASELINE_PACK_NAME, BASELINE_RULES } from '../constructs/policy';
import { ValidationError } from '../constructs/core';
import {
  ClusterSpec,
  ConfigError,
  RawConfig,
  StackSpec,
  parseStackConfig,
  readProjectName,
  readStackFile,
  stackFile,
  stackKind,
  toPulumiConfigMap,
} from './config';
import { crossCheckStacks } from './config/cross-stack';
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
    errors.push(...crossCheckStacks(shared, clusters));
  }
  if (errors.length > 0) {
    throw new OfflineConfigError(errors);
  }
  return parsed;
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
