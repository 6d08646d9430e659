/**
 * The offline run of a consumer's Pulumi project: the stacks' config read from their
 * `Pulumi.<stack>.yaml` files (validated for secrets the way `pulumi up` would need them), the program
 * evaluated under Pulumi's mocks, and the output folder written, with no cloud account, no Pulumi CLI
 * and no network.
 */
import * as fs from 'fs';
import { ValidationError, type ValidationIssue, type StackProgram } from '../core';
import { SECRET_PLACEHOLDER, isSecretValue, readProjectName, readStackFile, stackFile, toPulumiConfigMap } from '../stack-config';
import { type OfflineStack, type SynthesizeOptions, type SynthesizeResult, synthesize } from './synthesize';

/** Options of {@link readOfflineStack}. */
export interface ReadOfflineStackOptions {
  /** The folder with `Pulumi.yaml` and `Pulumi.<stack>.yaml`. */
  readonly projectDir: string;
  /** The stack's name. */
  readonly stack: string;
  /** The program, as `pulumi up` runs it. */
  readonly program: StackProgram;
  /**
   * Full keys (`small:kubeconfig`) that must be secrets: set only with `pulumi config set --secret`. A
   * clear value in the file is refused; a missing one gets a placeholder and is listed as missing.
   * @default []
   */
  readonly secretKeys?: readonly string[];
}

/** A stack ready for `synthesize`, and the secrets its file does not hold yet. */
export interface OfflineStackConfig {
  /** The stack as `synthesize` takes it. */
  readonly stack: OfflineStack;
  /** The declared secret keys the file lacks: `pulumi up` needs them set first. */
  readonly missingSecrets: readonly string[];
}

/**
 * One stack of a project, from its file.
 * @throws ValidationError naming the missing file, or each secret key that holds a clear value
 */
export function readOfflineStack(options: ReadOfflineStackOptions): OfflineStackConfig {
  const file = stackFile(options.projectDir, options.stack);
  if (!fs.existsSync(file)) {
    throw new ValidationError(
      [{ key: `Pulumi.${options.stack}.yaml`, value: undefined, message: `is missing from ${options.projectDir}` }],
      `Invalid config of stack ${options.stack}`,
    );
  }
  const raw = readStackFile(options.projectDir, options.stack);
  const issues: ValidationIssue[] = [];
  const missingSecrets: string[] = [];
  const values: Record<string, unknown> = { ...raw.values };
  for (const key of options.secretKeys ?? []) {
    const value = values[key];
    if (value === undefined) {
      missingSecrets.push(key);
      values[key] = { secret: true, value: SECRET_PLACEHOLDER };
    } else if (!isSecretValue(value)) {
      // Never echo the clear value: it is a secret that landed in a file.
      issues.push({
        key,
        value: '(clear text)',
        message: `must be set with \`pulumi config set --secret ${key}\`, not in clear in ${file}`,
      });
    }
  }
  if (issues.length > 0) throw new ValidationError(issues, `Invalid config of stack ${options.stack}`);
  const { config, secretKeys } = toPulumiConfigMap({ ...raw, values });
  return { stack: { name: options.stack, config, secretKeys, program: options.program }, missingSecrets };
}

/** Options of {@link runOfflineProject}. */
export interface RunOfflineProjectOptions extends Pick<SynthesizeOptions, 'outDir' | 'extraFiles' | 'externalStackOutputs'> {
  /** The folder with `Pulumi.yaml` and the stack files. */
  readonly projectDir: string;
  /** The stacks to evaluate, in order. */
  readonly stacks: readonly string[];
  /** The program, as `pulumi up` runs it. */
  readonly program: StackProgram;
  /**
   * Full keys that must be secrets (see {@link ReadOfflineStackOptions.secretKeys}).
   * @default []
   */
  readonly secretKeys?: readonly string[];
}

/** What {@link runOfflineProject} did. */
export interface RunOfflineProjectResult extends SynthesizeResult {
  /** Per stack, the declared secrets its file lacks. */
  readonly missingSecrets: Readonly<Record<string, readonly string[]>>;
}

/**
 * Reads every stack's config (all problems of all stacks reported together, before anything is
 * written), then evaluates them and writes `outDir`.
 * @throws ValidationError listing every problem of every stack
 */
export async function runOfflineProject(options: RunOfflineProjectOptions): Promise<RunOfflineProjectResult> {
  const project = readProjectName(options.projectDir);
  const issues: ValidationIssue[] = [];
  const read: OfflineStackConfig[] = [];
  for (const name of options.stacks) {
    try {
      read.push(
        readOfflineStack({ projectDir: options.projectDir, stack: name, program: options.program, secretKeys: options.secretKeys }),
      );
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      issues.push(...e.issues.map((i) => ({ ...i, key: `${name}: ${i.key}` })));
    }
  }
  if (issues.length > 0) throw new ValidationError(issues, `Invalid config of project ${project}`);
  const result = await synthesize({
    project,
    outDir: options.outDir,
    stacks: read.map((r) => r.stack),
    extraFiles: options.extraFiles,
    externalStackOutputs: options.externalStackOutputs,
  });
  return { ...result, missingSecrets: Object.fromEntries(read.map((r) => [r.stack.name, r.missingSecrets])) };
}
