/**
 * The cdk8s app (`cdk8s.yaml`'s `app:`, run by `cdk8s synth`): writes each cluster stack's manifests
 * to `CDK8S_OUTDIR` (set by `cdk8s synth`) or `dist/k8s`, as `<stack>/<chart>.k8s.yaml`: the files
 * `npm run synth` writes under dist/k8s, without loading Pulumi or running any stack's program.
 * The shared stack's outputs the manifests need (NAS mount domains, the backup bucket) come from the
 * file `SHARED_OUTPUTS_FILE` names (`pulumi stack output --json --stack shared`), or without it from
 * the offline run's stand-ins. Config and outputs are checked first; nothing is written on an error.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { OutputFile } from '../constructs/offline';
import { ValidationError } from '../constructs/core';
import { CLUSTER_STACKS, ConfigError, StackSpec, parseStackConfig, readStackFile, stackFile } from '../stacks/config';
import type { SharedOutputsForWorkloads } from '../stacks/shared-outputs';
import { SHARED_OUTPUTS_COMMAND, SHARED_OUTPUTS_ENV, SharedOutputsError, readSharedOutputsFile } from '../stacks/shared-outputs-file';
import { sharedStandInOutputs } from '../stacks/shared-stand-ins';
import { K8S_MANIFEST_ROOT } from '../stacks/workloads/manifest-paths';
import { clusterManifestFiles } from '../stacks/workloads/manifests';
import { CliIo, PROCESS_IO, isEntryPoint, line } from './cli-io';

/** A stack's spec, or undefined with its error recorded (as the offline run reports a missing or bad file). */
function readSpec(projectDir: string, stack: string, errors: ValidationError[]): StackSpec | undefined {
  if (!fs.existsSync(stackFile(projectDir, stack))) {
    errors.push(new ConfigError(stack, [{ key: `Pulumi.${stack}.yaml`, value: undefined, message: `is missing from ${projectDir}` }]));
    return undefined;
  }
  try {
    return parseStackConfig(readStackFile(projectDir, stack), { missingSecrets: 'placeholder' });
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    errors.push(err);
    return undefined;
  }
}

/** The shared stack's outputs: the real ones from the file the environment names, else the offline stand-ins. */
function sharedOutputs(projectDir: string, errors: ValidationError[], io: CliIo): SharedOutputsForWorkloads | undefined {
  const file = io.env[SHARED_OUTPUTS_ENV];
  if (file === undefined) {
    const shared = readSpec(projectDir, 'shared', errors);
    if (shared?.kind !== 'shared') return undefined;
    io.stdout(
      line(
        `shared stack outputs: the offline stand-ins (for a real estate, set ${SHARED_OUTPUTS_ENV} to a file of '${SHARED_OUTPUTS_COMMAND}')`,
      ),
    );
    return sharedStandInOutputs(shared);
  }
  try {
    if (file.trim() === '') {
      throw new SharedOutputsError(SHARED_OUTPUTS_ENV, [
        { key: SHARED_OUTPUTS_ENV, value: file, message: 'is empty; name the outputs file, or unset it for the offline stand-ins' },
      ]);
    }
    const outputs = readSharedOutputsFile(file);
    io.stdout(line(`shared stack outputs: ${file}`));
    return outputs;
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    errors.push(err);
    return undefined;
  }
}

/** Every cluster stack's manifest files, paths relative to the manifest folder, or every config error at once. */
function manifests(projectDir: string, io: CliIo): { files: OutputFile[]; warnings: string[]; errors: ValidationError[] } {
  const errors: ValidationError[] = [];
  const shared = sharedOutputs(projectDir, errors, io);
  const clusters = CLUSTER_STACKS.map((stack) => readSpec(projectDir, stack, errors));
  const files: OutputFile[] = [];
  const warnings: string[] = [];
  for (const spec of clusters) {
    if (spec?.kind !== 'cluster' || shared === undefined) continue;
    try {
      const built = clusterManifestFiles(spec, shared);
      files.push(...built.files.map((f) => ({ ...f, path: path.posix.relative(K8S_MANIFEST_ROOT, f.path) })));
      warnings.push(...built.warnings.map((w) => `warning (${spec.stack}): ${w}`));
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      errors.push(err);
    }
  }
  return { files, warnings, errors };
}

/** The app as `cdk8s synth` runs it (it takes no arguments: its settings are environment variables); returns the exit code. */
export function main(_argv: readonly string[] = [], io: CliIo = PROCESS_IO): number {
  const log = (...args: unknown[]) => io.stdout(line(...args));
  const error = (...args: unknown[]) => io.stderr(line(...args));
  const outDir = path.resolve(io.env.CDK8S_OUTDIR ?? path.join('dist', 'k8s'));
  const projectDir = path.resolve(io.env.PROJECT_DIR ?? '.');
  try {
    const { files, warnings, errors } = manifests(projectDir, io);
    if (errors.length > 0) {
      error(`${errors.map((e) => e.message).join('\n\n')}\n\nNothing was written.`);
      return 1;
    }
    for (const file of files) {
      const full = path.join(outDir, file.path);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, file.content);
    }
    warnings.forEach((w) => log(w));
    log(`wrote ${files.length} manifests to ${path.relative(process.cwd(), outDir) || '.'}`);
    return 0;
  } catch (err) {
    error(err instanceof Error ? (err.stack ?? err.message) : err);
    return 1;
  }
}

if (isEntryPoint(module)) {
  process.exitCode = main();
}
