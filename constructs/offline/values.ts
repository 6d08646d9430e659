/** Turning Pulumi values into plain, secret-free JSON for the offline outputs. */
import * as pulumi from '@pulumi/pulumi';
import { SECRET_PLACEHOLDER } from '../core';

// Pulumi's wire format marks secrets with this signature key/value (runtime/rpc.ts).
const SIG_KEY = '4dabf18193072939515e22adb298388d';
const SECRET_SIG = '1b47061264138c4ac30d75fd1eb44270';

/**
 * Replaces every wire-format secret in a deserialized value with {@link SECRET_PLACEHOLDER}. A list or
 * plain object with no secret in it comes back as it is, not copied (a cluster's manifests are most of a
 * plan: copying them would double the run's memory), so the result must not be mutated.
 */
export function scrubSecrets(value: unknown): unknown {
  if (Array.isArray(value)) {
    const scrubbed = value.map(scrubSecrets);
    return scrubbed.some((v, i) => v !== value[i]) ? scrubbed : value;
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (record[SIG_KEY] === SECRET_SIG) {
      return SECRET_PLACEHOLDER;
    }
    const entries = Object.entries(record);
    const scrubbed = entries.map(([k, v]) => [k, scrubSecrets(v)] as const);
    // Anything but a plain object (an asset's pending `text`, a Promise) becomes the plain object of its
    // enumerable keys, as plan.json shows it.
    const same = isPlainObject(value) && scrubbed.every(([, v], i) => v === entries[i][1]);
    return same ? value : Object.fromEntries(scrubbed);
  }
  return value;
}

/** Waits for a Pulumi input to resolve (under mocks every output resolves) and returns it. */
export function resolveInput<T>(value: pulumi.Input<T>): Promise<T> {
  return new Promise((resolve) => {
    pulumi.output(value).apply((v) => {
      resolve(v as T);
      return v;
    });
  });
}

/** Resolves an input, or returns {@link SECRET_PLACEHOLDER} when it is (or contains) a secret. */
export async function resolvePublic(value: pulumi.Input<unknown>): Promise<unknown> {
  const out: pulumi.Output<unknown> = pulumi.output(value);
  if (await pulumi.isSecret(out)) {
    return SECRET_PLACEHOLDER;
  }
  return scrubSecrets(await resolveInput(out));
}

/**
 * Resolves a plain object or list input leaf by leaf: each secret leaf becomes {@link SECRET_PLACEHOLDER}, the rest
 * stays readable. The SDK lifts a nested secret to the whole top-level input it sits in (a Helm release's
 * `values` with one password in it would read `[secret]` entirely); the plan keeps the rest reviewable.
 */
export async function resolvePublicLeaves(value: unknown): Promise<unknown> {
  if (pulumi.Output.isInstance(value)) {
    return resolvePublic(value);
  }
  if (Array.isArray(value)) {
    return Promise.all(value.map(resolvePublicLeaves));
  }
  if (isPlainObject(value)) {
    const entries = await Promise.all(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(async ([k, v]) => [k, await resolvePublicLeaves(v)] as const),
    );
    return Object.fromEntries(entries);
  }
  return value;
}

/** Whether `value` is an object literal's kind of object (not a list, class instance, output or promise). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
