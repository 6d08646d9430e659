/**
 * This platform's offline run: finds the stacks' config files, validates all of them (every bad
 * key of every stack in one report), then evaluates `shared` first and the cluster stacks after
 * it, and writes the output folder.
 */
import * as fs from 'fs';
import { OfflineStack, SynthesizeResult, synthesize } from '../constructs/offline/synthesize';
import { ValidationError } from '../constructs/lib/validation';
import { ConfigError, StackSpec, parseStackConfig, readProjectName, readStackFile, stackFile, stackKind, toPulumiConfigMap } from './config';
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
  if (kind === undefined) {
    throw new OfflineConfigError([
      new ConfigError(options.stack, [{ key: '--stack', value: options.stack, message: `is not a stack of this project; expected one of ${OFFLINE_STACKS.join(', ')}` }]),
    ]);
  }
  return kind === 'shared' ? ['shared'] : ['shared', options.stack];
}

export async function runOffline(options: OfflineRunOptions): Promise<SynthesizeResult> {
  const project = readProjectName(options.projectDir);
  const names = stacksToRun(options);
  const errors: ValidationError[] = [];
  const stacks: OfflineStack[] = [];
  const specs: StackSpec[] = [];
  for (const name of names) {
    if (!fs.existsSync(stackFile(options.projectDir, name))) {
      errors.push(new ConfigError(name, [{ key: `Pulumi.${name}.yaml`, value: undefined, message: `is missing from ${options.projectDir}` }]));
      continue;
    }
    const raw = readStackFile(options.projectDir, name);
    try {
      const spec = parseStackConfig(raw);
      specs.push(spec);
      stacks.push({ name, ...toPulumiConfigMap(raw), program: programFor(spec) });
    } catch (err) {
      if (err instanceof ValidationError) {
        errors.push(err);
        continue;
      }
      throw err;
    }
  }
  if (errors.length > 0) {
    throw new OfflineConfigError(errors);
  }
  return synthesize({ project, stacks, outDir: options.outDir });
}
