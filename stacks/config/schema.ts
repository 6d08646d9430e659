/**
 * A small, typed schema language for stack config. Each checker reads one value, reports every
 * problem it finds to an {@link IssueSink} under the value's full key, and returns the typed value
 * (or undefined when it was bad), so one run reports every bad key at once.
 */
import { ValidationIssue, parseCidr, parseIpv4 } from '../../constructs/core';
import { SECRET_PLACEHOLDER, type SecretValue, isSecretValue } from '../../constructs/stack-config';

/** Secrets in config: the package's stack-config types, where the reader lives. */
export { SECRET_PLACEHOLDER, type SecretValue, isSecretValue };

export type IssueSink = ValidationIssue[];

/** A JSON Schema (draft-07) fragment: what editors check and complete as the file is typed. */
export type JsonSchema = { readonly [k: string]: unknown };

/**
 * Reads `value` found at `key`; pushes issues and returns undefined when it is unusable. Carries
 * the JSON Schema of what it accepts, so the editor schema comes from the same definitions.
 */
export type Checker<T> = ((value: unknown, key: string, issues: IssueSink) => T | undefined) & { readonly jsonSchema?: JsonSchema };

/** Attaches the JSON Schema fragment of what `check` accepts. */
export function withJsonSchema<T>(
  check: (value: unknown, key: string, issues: IssueSink) => T | undefined,
  schema: JsonSchema,
): Checker<T> {
  return Object.assign(check, { jsonSchema: schema });
}

/** The JSON Schema of a checker; `{}` (anything) for one that carries none. */
export function jsonSchemaOf(check: Checker<unknown>): JsonSchema {
  return check.jsonSchema ?? {};
}

function definedOnly(schema: Record<string, unknown>): JsonSchema {
  return Object.fromEntries(Object.entries(schema).filter(([, v]) => v !== undefined));
}

function describe(value: unknown): string {
  if (Array.isArray(value)) {
    return 'a list';
  }
  return value === null ? 'null' : `a ${typeof value}`;
}

/** Line breaks and other control characters: never meant in a one-line value (an id, a name). */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
/** In multi-line text (an env value), line breaks and tabs are fine; NUL, escapes and the like never are. */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
const CONTROL_CHARACTERS_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** An id of a cloud object (key pair, image, security group): no spaces or line breaks. */
export const CLOUD_ID = { pattern: /^[^\s]+$/, patternHint: 'an id without spaces or line breaks' };

export function str(
  opts: { pattern?: RegExp; patternHint?: string; minLength?: number; maxLength?: number; multiline?: boolean } = {},
): Checker<string> {
  const schema = definedOnly({
    type: 'string',
    minLength: opts.minLength ?? 1,
    maxLength: opts.maxLength,
    pattern: opts.pattern ? patternOf(opts.pattern) : undefined,
    description: opts.patternHint,
  });
  return withJsonSchema((value, key, issues) => {
    if (typeof value !== 'string') {
      issues.push({ key, value, message: `is ${describe(value)}; expected a string` });
      return undefined;
    }
    if ((opts.multiline ? CONTROL_CHARACTERS_BUT_LINES : CONTROL_CHARACTERS).test(value)) {
      issues.push({
        key,
        value,
        message: opts.multiline
          ? 'holds a control character; expected text'
          : 'holds a line break or control character; expected one line of text',
      });
      return undefined;
    }
    const minLength = opts.minLength ?? 1;
    if (value.length < minLength) {
      issues.push({ key, value, message: `is too short; expected at least ${minLength} characters` });
      return undefined;
    }
    if (opts.maxLength !== undefined && value.length > opts.maxLength) {
      issues.push({ key, value, message: `is too long; expected at most ${opts.maxLength} characters` });
      return undefined;
    }
    if (opts.pattern && !opts.pattern.test(value)) {
      issues.push({ key, value, message: `is not allowed; expected ${opts.patternHint ?? `a match for ${opts.pattern}`}` });
      return undefined;
    }
    return value;
  }, schema);
}

export function int(opts: { min?: number; max?: number; odd?: boolean } = {}): Checker<number> {
  return withJsonSchema(
    (value, key, issues) => {
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        issues.push({ key, value, message: `is ${describe(value)}; expected an integer` });
        return undefined;
      }
      const range = `${opts.min ?? '-∞'} to ${opts.max ?? '∞'}`;
      if ((opts.min !== undefined && value < opts.min) || (opts.max !== undefined && value > opts.max)) {
        issues.push({ key, value, message: `is out of range; expected an integer from ${range}` });
        return undefined;
      }
      if (opts.odd && value % 2 === 0) {
        issues.push({ key, value, message: `is even; expected an odd number` });
        return undefined;
      }
      return value;
    },
    definedOnly({ type: 'integer', minimum: opts.min, maximum: opts.max, description: opts.odd ? 'an odd number' : undefined }),
  );
}

export function bool(): Checker<boolean> {
  return withJsonSchema(
    (value, key, issues) => {
      if (typeof value !== 'boolean') {
        issues.push({ key, value, message: `is ${describe(value)}; expected true or false` });
        return undefined;
      }
      return value;
    },
    { type: 'boolean' },
  );
}

export function oneOf<T extends string>(allowed: readonly T[]): Checker<T> {
  return withJsonSchema(
    (value, key, issues) => {
      const found = allowed.find((a) => a === value);
      if (found === undefined) {
        issues.push({ key, value, message: `is not allowed; expected one of ${allowed.map((a) => `'${a}'`).join(', ')}` });
      }
      return found;
    },
    { enum: [...allowed] },
  );
}

/** The shape of an IPv4 CIDR, for editors; the checker also checks the host bits. */
const CIDR_SHAPE = '^([0-9]{1,3}\\.){3}[0-9]{1,3}/[0-9]{1,2}$';
const IPV4_SHAPE = '^([0-9]{1,3}\\.){3}[0-9]{1,3}$';

/** A RegExp as a JSON Schema pattern: editors compile it with the `u` flag, which refuses `\/`. */
function patternOf(re: RegExp): string {
  return re.source.replace(/\\\//g, '/');
}

export function cidr(): Checker<string> {
  return withJsonSchema(
    (value, key, issues) => {
      if (typeof value !== 'string') {
        issues.push({ key, value, message: `is ${describe(value)}; expected an IPv4 CIDR such as 10.0.0.0/16` });
        return undefined;
      }
      const parsed = parseCidr(value);
      if (typeof parsed === 'string') {
        issues.push({ key, value, message: parsed });
        return undefined;
      }
      return value;
    },
    { type: 'string', pattern: CIDR_SHAPE, description: 'an IPv4 CIDR such as 10.0.0.0/16' },
  );
}

export function ipv4(): Checker<string> {
  return withJsonSchema(
    (value, key, issues) => {
      if (typeof value !== 'string' || parseIpv4(value) === undefined) {
        issues.push({ key, value, message: 'is not an IPv4 address (expected a.b.c.d)' });
        return undefined;
      }
      return value;
    },
    { type: 'string', pattern: IPV4_SHAPE, description: 'an IPv4 address' },
  );
}

/**
 * A key that is no longer accepted, whatever its value: `why` says why and what to do instead, so
 * an old stack file gets a reason rather than "not a known key".
 */
export function withdrawn(why: string): Checker<never> {
  return withJsonSchema(
    (value, key, issues) => {
      issues.push({ key, value, message: why });
      return undefined;
    },
    { not: {}, deprecated: true, description: why },
  );
}

/** A value that must come from `pulumi config set --secret`; a clear-text value is refused. */
/** How `pulumi config set --secret` writes a value into the stack file. */
const SECURE_ENTRY: JsonSchema = {
  type: 'object',
  properties: { secure: { type: 'string' } },
  required: ['secure'],
  additionalProperties: false,
  description: "set with 'pulumi config set --secret'; never in clear text",
};

export function secret(): Checker<SecretValue> {
  return withJsonSchema((value, key, issues) => {
    if (isSecretValue(value)) {
      return value;
    }
    issues.push({
      key,
      value: typeof value === 'string' ? '(clear text, not shown)' : value,
      message: `must be set with 'pulumi config set --secret ${key.split('.')[0]} …', never in clear text`,
    });
    return undefined;
  }, SECURE_ENTRY);
}

export function list<T>(item: Checker<T>, opts: { minLength?: number; maxLength?: number; unique?: (t: T) => string } = {}): Checker<T[]> {
  const schema = definedOnly({ type: 'array', items: jsonSchemaOf(item), minItems: opts.minLength, maxItems: opts.maxLength });
  return withJsonSchema((value, key, issues) => {
    if (!Array.isArray(value)) {
      issues.push({ key, value, message: `is ${describe(value)}; expected a list` });
      return undefined;
    }
    const minLength = opts.minLength ?? 0;
    if (value.length < minLength || (opts.maxLength !== undefined && value.length > opts.maxLength)) {
      issues.push({
        key,
        value,
        message: `has ${value.length} entries; expected ${minLength} to ${opts.maxLength ?? 'any number of'} entries`,
      });
      return undefined;
    }
    const before = issues.length;
    const out = value.map((v, i) => item(v, `${key}[${i}]`, issues));
    if (issues.length > before) {
      return undefined;
    }
    const result = out as T[];
    if (opts.unique) {
      const seen = new Map<string, number>();
      result.forEach((t, i) => {
        const id = opts.unique!(t);
        const first = seen.get(id);
        if (first !== undefined) {
          issues.push({ key: `${key}[${i}]`, value: id, message: `repeats ${key}[${first}]; entries must be unique` });
        }
        seen.set(id, i);
      });
      if (issues.length > before) {
        return undefined;
      }
    }
    return result;
  }, schema);
}

/** A map with free keys (matching `keyPattern`) and values of one type. */
export function record<T>(item: Checker<T>, opts: { keyPattern?: RegExp; keyHint?: string } = {}): Checker<Record<string, T>> {
  const schema = definedOnly({
    type: 'object',
    additionalProperties: jsonSchemaOf(item),
    propertyNames: opts.keyPattern ? { pattern: patternOf(opts.keyPattern) } : undefined,
  });
  return withJsonSchema((value, key, issues) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || isSecretValue(value)) {
      issues.push({ key, value, message: `is ${describe(value)}; expected a map` });
      return undefined;
    }
    const before = issues.length;
    const out: Record<string, T> = {};
    for (const [k, v] of Object.entries(value)) {
      if (opts.keyPattern && !opts.keyPattern.test(k)) {
        issues.push({
          key: `${key}.${k}`,
          value: k,
          message: `is not an allowed name; expected ${opts.keyHint ?? String(opts.keyPattern)}`,
        });
        continue;
      }
      const parsed = item(v, `${key}.${k}`, issues);
      if (parsed !== undefined) {
        out[k] = parsed;
      }
    }
    return issues.length > before ? undefined : out;
  }, schema);
}

/** One key of an {@link object}: its checker, whether it may be left out, its default and its description. */
export type Field<T> = { readonly check: Checker<T>; readonly optional: boolean; readonly fallback?: T; readonly doc?: string };
export type Fields = Record<string, Field<unknown>>;

/** The type a checker returns for a sound value: `Infer<typeof nodePoolSchema>` is a node pool's spec. */
export type Infer<C> = C extends Checker<infer T> ? T : never;

type FieldValue<F> = F extends Field<infer T> ? T : never;
/** Keys that may be absent from the result: optional and without a default. */
type AbsentKeys<F extends Fields> = {
  [K in keyof F]: F[K] extends { optional: true } ? (F[K] extends { fallback: unknown } ? never : K) : never;
}[keyof F];
type Flatten<T> = { [K in keyof T]: T[K] } & {};

/** What {@link object} returns for `fields`: given and defaulted keys always there, optional ones maybe. */
export type Shape<F extends Fields> = Flatten<
  { readonly [K in Exclude<keyof F, AbsentKeys<F>>]: FieldValue<F[K]> } & { readonly [K in AbsentKeys<F>]?: FieldValue<F[K]> }
>;

/** A field that must be given; `doc` describes it in the editor schema. */
export function required<T>(check: Checker<T>, doc?: string): Field<T> & { optional: false } {
  return { check, optional: false, doc };
}

export function optional<T>(check: Checker<T>, doc?: string): Field<T> & { optional: true } {
  return { check, optional: true, doc };
}

/** An optional field that takes `fallback` when absent; its type is the checker's (`[]` needs no cast). */
export function withDefault<T>(check: Checker<T>, fallback: NoInfer<T>, doc?: string): Field<T> & { optional: true; fallback: T } {
  return { check, optional: true, fallback, doc };
}

/** A field's schema: its checker's, with its description and default. */
function fieldSchema(field: Field<unknown>): JsonSchema {
  const own = jsonSchemaOf(field.check);
  return definedOnly({ ...own, description: field.doc ?? own.description, default: field.fallback });
}

/** The keys of a field map, typed (Object.keys widens them to string). */
export function keysOf<F extends Fields>(fields: F): Array<keyof F & string> {
  return Object.keys(fields);
}

/** A structured value with known fields; unknown fields are refused (a typo must not pass silently). */
export function object<F extends Fields>(fields: F): Checker<Shape<F>> {
  const schema = definedOnly({
    type: 'object',
    properties: Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, fieldSchema(f)])),
    required: Object.entries(fields).some(([, f]) => !f.optional)
      ? Object.entries(fields)
          .filter(([, f]) => !f.optional)
          .map(([k]) => k)
      : undefined,
    additionalProperties: false,
  });
  return withJsonSchema((value, key, issues) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || isSecretValue(value)) {
      issues.push({ key, value, message: `is ${describe(value)}; expected a map with keys ${Object.keys(fields).join(', ')}` });
      return undefined;
    }
    const before = issues.length;
    const input = value as Record<string, unknown>;
    for (const k of Object.keys(input)) {
      if (!(k in fields)) {
        issues.push({
          key: `${key}.${k}`,
          value: input[k],
          message: `is not a known key; expected one of ${Object.keys(fields).join(', ')}`,
        });
      }
    }
    const out: Record<string, unknown> = {};
    for (const [k, field] of Object.entries(fields)) {
      const v = input[k];
      if (v === undefined || v === null) {
        if (!field.optional) {
          issues.push({ key: `${key}.${k}`, value: undefined, message: 'is required' });
        }
        out[k] = field.fallback;
        continue;
      }
      out[k] = field.check(v, `${key}.${k}`, issues);
    }
    return issues.length > before ? undefined : (out as Shape<F>);
  }, schema);
}
