/**
 * A Pulumi project's stack config without the Pulumi CLI (and without loading any Pulumi module):
 * reads `Pulumi.yaml` and `Pulumi.<stack>.yaml` (`secure:` entries become `[secret]`: the offline run
 * has no passphrase and never prints a secret). The config parsers and the Kubernetes-only path
 * (`cdk8s synth`) read stack files through this module; under `pulumi up` the offline module's
 * `readPulumiConfig` (offline/engine-config.ts) gives the same {@link RawConfig} from the engine, so
 * one parser serves both.
 */
import * as fs from 'fs';
import * as path from 'path';
import { LineCounter, parseDocument, visit } from 'yaml';
import { ValidationError, ValidationIssue, SECRET_PLACEHOLDER } from '../core';

/**
 * How many times an anchor may be expanded. Stack files have no use for aliases beyond a handful;
 * a few nested ones would otherwise expand to billions of nodes (an "alias bomb").
 */
export const MAX_YAML_ALIASES = 16;

/** A stack or project file that is not valid YAML; each issue's key is `file:line:column`. */
export class ConfigFileError extends ValidationError {
  constructor(file: string, issues: readonly ValidationIssue[]) {
    super(issues, `Invalid config file ${file}`);
    this.name = 'ConfigFileError';
  }
}

/**
 * Parses a YAML file as Pulumi reads it. Syntax errors, duplicate keys and alias bombs become
 * a {@link ConfigFileError} naming the file, line and column, never a parser stack trace.
 */
export function readYamlFile(file: string): unknown {
  const text = fs.readFileSync(file, 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    throw new ConfigFileError(
      file,
      doc.errors.map((e) => ({ key: at(e.pos[0]), value: undefined, message: `is not valid YAML: ${e.message.replace(/\.?$/, '')}` })),
    );
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (err) {
    if (!(err instanceof ReferenceError)) {
      throw err;
    }
    let first = 0;
    visit(doc, {
      Alias(_key, node) {
        first = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    throw new ConfigFileError(file, [
      {
        key: at(first),
        value: undefined,
        message: `expands its aliases (*name) beyond ${MAX_YAML_ALIASES} times; expected plain values (an alias bomb would exhaust memory)`,
      },
    ]);
  }
}

/** A secret config value: the clear value under `pulumi up`, {@link SECRET_PLACEHOLDER} offline. */
export interface SecretValue {
  /** Always `true`: tells a secret from a plain object. */
  readonly secret: true;
  /** The clear value under `pulumi up`; `[secret]` in the offline run, which never decrypts. */
  readonly value: string;
}

export { SECRET_PLACEHOLDER };

/** Whether `value` is a {@link SecretValue}. */
export function isSecretValue(value: unknown): value is SecretValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as SecretValue).secret === true &&
    typeof (value as SecretValue).value === 'string'
  );
}

/** Config of one stack: full key (`platform:network`) to value, secrets as {@link SecretValue}s. */
export interface RawConfig {
  /** The Pulumi project name. */
  readonly project: string;
  /** The stack name. */
  readonly stack: string;
  /** Full key to value. */
  readonly values: Readonly<Record<string, unknown>>;
}

/** The Pulumi project name, read from `Pulumi.yaml` (it is also the config namespace). */
export function readProjectName(projectDir: string): string {
  const file = path.join(projectDir, 'Pulumi.yaml');
  const doc = readYamlFile(file) as { name?: unknown } | null;
  if (!doc || typeof doc.name !== 'string') {
    throw new Error(`${file} has no 'name'`);
  }
  return doc.name;
}

/** Path of a stack's settings file. */
export function stackFile(projectDir: string, stack: string): string {
  return path.join(projectDir, `Pulumi.${stack}.yaml`);
}

/**
 * Reads `Pulumi.<stack>.yaml` without Pulumi. `secure:` entries, wherever they are, become
 * `[secret]`: the offline run has no passphrase and must never print a secret.
 */
export function readStackFile(projectDir: string, stack: string): RawConfig {
  const project = readProjectName(projectDir);
  const file = stackFile(projectDir, stack);
  const doc = (readYamlFile(file) ?? {}) as { config?: Record<string, unknown> };
  const isMap = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isMap(doc) || (doc.config !== undefined && doc.config !== null && !isMap(doc.config))) {
    throw new ConfigFileError(file, [
      {
        key: `${file}: config`,
        value: isMap(doc) ? doc.config : doc,
        message: 'is not a map; expected config: followed by <namespace>:<key>: <value> lines',
      },
    ]);
  }
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc.config ?? {})) {
    values[key] = wrapSecureEntries(value);
  }
  return { project, stack, values };
}

function wrapSecureEntries(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(wrapSecureEntries);
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0][0] === 'secure' && typeof entries[0][1] === 'string') {
      return placeholderSecret();
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, wrapSecureEntries(v)]));
  }
  return value;
}

function placeholderSecret(): SecretValue {
  return { secret: true, value: SECRET_PLACEHOLDER };
}

/** Config as `pulumi.runtime.setAllConfig` takes it. */
export interface PulumiConfigMap {
  /** Full key to value: strings as they are, anything else as JSON text. */
  readonly config: Record<string, string>;
  /** The keys that hold a secret. */
  readonly secretKeys: string[];
}

/**
 * Turns a {@link RawConfig} back into what `pulumi.runtime.setAllConfig` takes: JSON text per
 * key, and the keys that hold a secret. Used by the offline run to hand config to the program.
 */
export function toPulumiConfigMap(raw: RawConfig): PulumiConfigMap {
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, value] of Object.entries(raw.values)) {
    let holdsSecret = false;
    const plain = JSON.parse(
      JSON.stringify(value, (_k, v: unknown) => {
        if (isSecretValue(v)) {
          holdsSecret = true;
          return v.value;
        }
        return v;
      }),
    ) as unknown;
    config[key] = typeof plain === 'string' ? plain : JSON.stringify(plain);
    if (holdsSecret) {
      secretKeys.push(key);
    }
  }
  return { config, secretKeys };
}
