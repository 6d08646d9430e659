/**
 * This platform's offline run: finds the stacks' config files, validates all of them (every bad
 * key of every stack in one report, including the rules that span stacks), then evaluates
 * `shared` first and the cluster stacks after it, and writes the output folder.
 */
import * as fs from 'fs';
import { OfflineStack, SynthesizeResult, synthesize } from '../constructs/offline/synthesize';
import { checkOutputFolder } from '../constructs/offline/output';
import { architectureFiles } from '../constructs/offline/diagram';
import { BASELINE_PACK_NAME, BASELINE_RULES } from '../constructs/policy';
import { ValidationError } from '../constructs/lib/validation';
import {
  ClusterSpec,
  ConfigError,
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

/** Parses every stack's file; a stack with bad config adds its error and is left out. */
function parseAll(
  options: OfflineRunOptions,
  names: readonly string[],
  errors: ValidationError[],
): Map<string, { spec: StackSpec; stack: OfflineStack }> {
  const parsed = new Map<string, { spec: StackSpec; stack: OfflineStack }>();
  for (const name of names) {
    if (!fs.existsSync(stackFile(options.projectDir, name))) {
      errors.push(
        new ConfigError(name, [{ key: `Pulumi.${name}.yaml`, value: undefined, message: `is missing from ${options.projectDir}` }]),
      );
      continue;
    }
    try {
      const raw = readStackFile(options.projectDir, name);
      const spec = parseStackConfig(raw, { missingSecrets: 'placeholder' });
      parsed.set(name, { spec, stack: { name, ...toPulumiConfigMap(raw), program: programFor(spec) } });
    } catch (err) {
      if (!(err instanceof ValidationError)) {
        throw err;
      }
      errors.push(err);
    }
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
  const names = stacksToRun(options);
  const errors: ValidationError[] = [];
  const parsed = parseAll(options, names, errors);
  const shared = parsed.get('shared')?.spec;
  if (shared?.kind === 'shared') {
    const clusters = [...parsed.values()].map((p) => p.spec).filter((s): s is ClusterSpec => s.kind === 'cluster');
    errors.push(...crossCheckStacks(shared, clusters));
  }
  if (errors.length > 0) {
    throw new OfflineConfigError(errors);
  }
  const result = await synthesize({
    project,
    stacks: [...parsed.values()].map((p) => p.stack),
    outDir: options.outDir,
    extraFiles: (plan, artifacts) => architectureFiles(plan, artifacts, { title: `${project}: the estate as planned` }),
    policyPack: { name: BASELINE_PACK_NAME, rules: BASELINE_RULES },
  });
  const missingSecrets = Object.fromEntries(
    [...parsed.entries()].filter(([, p]) => p.spec.missingSecrets.length > 0).map(([name, p]) => [name, p.spec.missingSecrets]),
  );
  const missingSettings = Object.fromEntries(
    [...parsed.entries()].filter(([, p]) => p.spec.missingSettings.length > 0).map(([name, p]) => [name, p.spec.missingSettings]),
  );
  return { ...result, missingSecrets, missingSettings };
}
