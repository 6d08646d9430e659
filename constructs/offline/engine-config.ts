/**
 * The config the Pulumi engine hands a program under `pulumi up`, as the same {@link RawConfig} the
 * stack-file reader (`aliyun-kubesphere/stack-config`) gives, so one parser serves both. Kept apart from that reader
 * because it needs the Pulumi runtime, which the Kubernetes-only path (`cdk8s synth`) never loads.
 */
import * as fs from 'fs';
import * as pulumi from '@pulumi/pulumi';
import { RawConfig, SecretValue, isSecretValue, readStackFile, stackFile } from '../stack-config';

/**
 * Reads the config the Pulumi engine handed to this program. Pulumi stores structured values as
 * JSON text, and marks secrets per top-level key only: one encrypted entry of `platform:secrets`
 * makes the whole key secret, clear-text entries beside it included. So where the stack file
 * (`Pulumi.<stack>.yaml` in `projectDir`) holds the key, each path is a secret only where the
 * file has `secure:`; a key the file does not hold (set by an environment) is taken as the engine says.
 * @param projectDir - the folder of `Pulumi.yaml`; @default process.cwd(), where Pulumi runs the program
 */
export function readPulumiConfig(projectDir: string = process.cwd()): RawConfig {
  const stack = pulumi.getStack();
  const file = fs.existsSync(stackFile(projectDir, stack)) ? readStackFile(projectDir, stack).values : {};
  const values: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(pulumi.runtime.allConfig())) {
    const value = parseConfigText(text);
    values[key] = isSecretKey(key) ? markSecretPaths(value, file[key]) : value;
  }
  return { project: pulumi.getProject(), stack, values };
}

/** Marks the strings of `value` that the stack file encrypts (`inFile` as {@link readStackFile} reads it). */
function markSecretPaths(value: unknown, inFile: unknown): unknown {
  if (inFile === undefined || isSecretValue(inFile)) {
    return markSecretLeaves(value);
  }
  if (Array.isArray(value)) {
    return value.map((v, i) => markSecretPaths(v, Array.isArray(inFile) ? inFile[i] : undefined));
  }
  if (typeof value === 'object' && value !== null) {
    const fileMap = typeof inFile === 'object' && inFile !== null ? (inFile as Record<string, unknown>) : {};
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, markSecretPaths(v, fileMap[k])]));
  }
  // A clear-text value in the file stays clear, so `secret()` refuses it by its path.
  return value;
}

function parseConfigText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Plain strings are stored as they are, not as JSON.
    return text;
  }
}

function markSecretLeaves(value: unknown): unknown {
  if (typeof value === 'string') {
    return { secret: true, value } satisfies SecretValue;
  }
  if (Array.isArray(value)) {
    return value.map(markSecretLeaves);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, markSecretLeaves(v)]));
  }
  return value;
}

// `isConfigSecret` is exported by the runtime but left out of its type declarations; it is the
// only way to learn which keys the engine (or `setAllConfig` under mocks) marked secret.
function isSecretKey(key: string): boolean {
  const runtime = pulumi.runtime as unknown as { isConfigSecret?: (k: string) => boolean };
  if (typeof runtime.isConfigSecret === 'function') {
    return runtime.isConfigSecret(key);
  }
  const keys = process.env.PULUMI_CONFIG_SECRET_KEYS;
  return keys !== undefined && (JSON.parse(keys) as string[]).includes(key);
}
