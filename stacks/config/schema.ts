/**
 * A small, typed schema language for stack config. Each checker reads one value, reports every
 * problem it finds to an {@link IssueSink} under the value's full key, and returns the typed value
 * (or undefined when it was bad), so one run reports every bad key at once.
 */
import { ValidationIssue } from '../../constructs/lib/validation';
import { parseCidr, parseIpv4 } from '../../constructs/lib/cidr';
import { SECRET_PLACEHOLDER, type SecretValue, isSecretValue } from '../../constructs/offline/stack-config';

/** Secrets in config: the package's offline stack-config types, where the reader lives. */
export { SECRET_PLACEHOLDER, type SecretValue, isSecretValue };

export type IssueSink = ValidationIssue[];

/** Reads `value` found at `key`; pushes issues and returns undefined when it is unusable. */
export type Checker<T> = (value: unknown, key: string, issues: IssueSink) => T | undefined;

function describe(value: unknown): string {
  if (Array.isArray(value)) {
    return 'a list';
  }
  return value === null ? 'null' : `a ${typeof value}`;
}

/** Line breaks and other control characters: never meant in a one-line value (an id, a name). */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
/** In multi-line text (an env value), line breaks and tabs are fine; NUL, escapes and the like never are. */
const CONTROL_CHARACTERS_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** An id of a cloud object (key pair, image, security group): no spaces or line breaks. */
export const CLOUD_ID = { pattern: /^[^\s]+$/, patternHint: 'an id without spaces or line breaks' };

export function str(opts: { pattern?: RegExp; patternHint?: string; minLength?: number; maxLength?: number; multiline?: boolean } = {}): Checker<string> {
  return (value, key, issues) => {
    if (typeof value !== 'string') {
      issues.push({ key, value, message: `is ${describe(value)}; expected a string` });
      return undefined;
    }
    if ((opts.multiline ? CONTROL_CHARACTERS_BUT_LINES : CONTROL_CHARACTERS).test(value)) {
      issues.push({ key, value, message: opts.multiline ? 'holds a control character; expected text' : 'holds a line break or control character; expected one line of text' });
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
  };
}

export function int(opts: { min?: number; max?: number; odd?: boolean } = {}): Checker<number> {
  return (value, key, issues) => {
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
  };
}

export function bool(): Checker<boolean> {
  return (value, key, issues) => {
    if (typeof value !== 'boolean') {
      issues.push({ key, value, message: `is ${describe(value)}; expected true or false` });
      return undefined;
    }
    return value;
  };
}

export function oneOf<T extends string>(allowed: readonly T[]): Checker<T> {
  return (value, key, issues) => {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      issues.push({ key, value, message: `is not allowed; expected one of ${allowed.map((a) => `'${a}'`).join(', ')}` });
      return undefined;
    }
    return value as T;
  };
}

export function cidr(): Checker<string> {
  return (value, key, issues) => {
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
  };
}

export function ipv4(): Checker<string> {
  return (value, key, issues) => {
    if (typeof value !== 'string' || parseIpv4(value) === undefined) {
      issues.push({ key, value, message: 'is not an IPv4 address (expected a.b.c.d)' });
      return undefined;
    }
    return value;
  };
}

/**
 * A key that is no longer accepted, whatever its value: `why` says why and what to do instead, so
 * an old stack file gets a reason rather than "not a known key".
 */
export function withdrawn(why: string): Checker<never> {
  return (value, key, issues) => {
    issues.push({ key, value, message: why });
    return undefined;
  };
}

/** A value that must come from `pulumi config set --secret`; a clear-text value is refused. */
export function secret(): Checker<SecretValue> {
  return (value, key, issues) => {
    if (isSecretValue(value)) {
      return value;
    }
    issues.push({
      key,
      value: typeof value === 'string' ? '(clear text, not shown)' : value,
      message: `must be set with 'pulumi config set --secret ${key.split('.')[0]} …', never in clear text`,
    });
    return undefined;
  };
}


export function list<T>(item: Checker<T>, opts: { minLength?: number; maxLength?: number; unique?: (t: T) => string } = {}): Checker<T[]> {
  return (value, key, issues) => {
    if (!Array.isArray(value)) {
      issues.push({ key, value, message: `is ${describe(value)}; expected a list` });
      return undefined;
    }
    const minLength = opts.minLength ?? 0;
    if (value.length < minLength || (opts.maxLength !== undefined && value.length > opts.maxLength)) {
      issues.push({ key, value, message: `has ${value.length} entries; expected ${minLength} to ${opts.maxLength ?? 'any number of'} entries` });
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
  };
}

/** A map with free keys (matching `keyPattern`) and values of one type. */
export function record<T>(item: Checker<T>, opts: { keyPattern?: RegExp; keyHint?: string } = {}): Checker<Record<string, T>> {
  return (value, key, issues) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || isSecretValue(value)) {
      issues.push({ key, value, message: `is ${describe(value)}; expected a map` });
      return undefined;
    }
    const before = issues.length;
    const out: Record<string, T> = {};
    for (const [k, v] of Object.entries(value)) {
      if (opts.keyPattern && !opts.keyPattern.test(k)) {
        issues.push({ key: `${key}.${k}`, value: k, message: `is not an allowed name; expected ${opts.keyHint ?? String(opts.keyPattern)}` });
        continue;
      }
      const parsed = item(v, `${key}.${k}`, issues);
      if (parsed !== undefined) {
        out[k] = parsed;
      }
    }
    return issues.length > before ? undefined : out;
  };
}

type Field<T> = { readonly check: Checker<T>; readonly optional: boolean; readonly fallback?: T };
type Fields = Record<string, Field<unknown>>;
type Shape<F extends Fields> = {
  readonly [K in keyof F]: F[K] extends Field<infer T> ? (F[K]['optional'] extends true ? (F[K] extends { fallback: T } ? T : T | undefined) : T) : never;
};

export function required<T>(check: Checker<T>): Field<T> & { optional: false } {
  return { check, optional: false };
}

export function optional<T>(check: Checker<T>): Field<T> & { optional: true } {
  return { check, optional: true };
}

/** An optional field that takes `fallback` when absent. */
export function withDefault<T>(check: Checker<T>, fallback: T): Field<T> & { optional: true; fallback: T } {
  return { check, optional: true, fallback };
}

/** A structured value with known fields; unknown fields are refused (a typo must not pass silently). */
export function object<F extends Fields>(fields: F): Checker<Shape<F>> {
  return (value, key, issues) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || isSecretValue(value)) {
      issues.push({ key, value, message: `is ${describe(value)}; expected a map with keys ${Object.keys(fields).join(', ')}` });
      return undefined;
    }
    const before = issues.length;
    const input = value as Record<string, unknown>;
    for (const k of Object.keys(input)) {
      if (!(k in fields)) {
        issues.push({ key: `${key}.${k}`, value: input[k], message: `is not a known key; expected one of ${Object.keys(fields).join(', ')}` });
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
  };
}
