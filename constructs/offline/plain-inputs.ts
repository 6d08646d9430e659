/**
 * A component's plain-data inputs (a `yaml/v2:ConfigGroup`'s manifests), recorded for the plan without
 * Pulumi's round trip.
 *
 * Under mocks the SDK hands every input to the mock monitor as it would to the engine: serialized leaf
 * by leaf (a promise per leaf), turned into a protobuf `Struct` and back, deserialized, and then, since
 * the mocks give none of a component's inputs back as outputs, serialized and deserialized once more
 * while the SDK resolves the component's properties. For a cluster's manifests (most of a plan: about
 * 10 MB at 1000 services) that was about a quarter of the offline run's CPU time and memory.
 *
 * A component's mocked state holds none of its inputs, so the program never reads them back (a local
 * component's inputs are not turned into properties; a remote one's, such as a ConfigGroup's `objs`,
 * resolve to the marker offline). The offline run hands the SDK {@link PLAIN_INPUT_MARKER} in their
 * place and records, for the plan, {@link wireCopy}: the value the round trip gives. Anything the SDK
 * treats specially (outputs, promises, resources, assets, secrets, the unknown sentinel, functions,
 * class instances) keeps the SDK's own path, as does every input of a custom resource.
 */
import * as pulumi from '@pulumi/pulumi';
import { isPlainObject } from './values';

/** What the SDK and the mocks see of an input the plan records from {@link wireCopy}. */
export const PLAIN_INPUT_MARKER = '[plain input, recorded by the offline run]';

/** {@link wireCopy}'s answer for a value that is not plain data. */
export const NOT_PLAIN: unique symbol = Symbol('not plain data');

/** Keys the SDK's wire format gives a meaning (its signature key), or that JavaScript does (`__proto__`). */
const SPECIAL_KEYS: ReadonlySet<string> = new Set([pulumi.runtime.specialSigKey, '__proto__']);

function isSorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) {
    if (!(keys[i - 1] < keys[i])) {
      return false;
    }
  }
  return true;
}

/**
 * `value` as the mock monitor receives it from the SDK, when `value` is plain data (null, booleans,
 * numbers, strings, arrays and plain objects of them, undefined in places); otherwise {@link NOT_PLAIN}.
 * As the SDK does: a key whose value is undefined is left out, an undefined list item reads null
 * (rpc.ts `serializeProperty`), and an object's keys come in sorted order (the `Struct` map iterates
 * them sorted, and JavaScript puts integer keys first). A list or object already in that form comes
 * back as it is, not copied, so the result must not be mutated.
 */
export function wireCopy(value: unknown): unknown {
  if (value === null || value === undefined || typeof value === 'boolean' || typeof value === 'number') {
    return value;
  }
  if (typeof value === 'string') {
    return value === pulumi.runtime.unknownValue ? NOT_PLAIN : value;
  }
  if (typeof value !== 'object') {
    return NOT_PLAIN;
  }
  if (Array.isArray(value)) {
    // Allocated on the first item that differs.
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const wired = wireCopy(item) ?? null;
      if (wired === NOT_PLAIN) {
        return NOT_PLAIN;
      }
      if (copy === undefined && (wired !== item || !(i in value))) {
        copy = value.slice(0, i);
      }
      copy?.push(wired);
    }
    return copy ?? value;
  }
  if (!isPlainObject(value)) {
    return NOT_PLAIN;
  }
  const keys = Object.keys(value);
  let same = isSorted(keys);
  const wired: unknown[] = [];
  for (const key of keys) {
    const item = value[key];
    const w = SPECIAL_KEYS.has(key) ? NOT_PLAIN : wireCopy(item);
    if (w === NOT_PLAIN) {
      return NOT_PLAIN;
    }
    same &&= w === item && w !== undefined;
    wired.push(w);
  }
  if (same) {
    return value;
  }
  const byKey = new Map(keys.map((key, i) => [key, wired[i]]));
  const copy: Record<string, unknown> = {};
  for (const key of [...keys].sort()) {
    const w = byKey.get(key);
    if (w !== undefined) {
      copy[key] = w;
    }
  }
  return copy;
}

/**
 * Whether `resource` is a component (remote or local). Asked while its constructor runs, before the SDK
 * sets its type flags, so by class; a component of another copy of the SDK takes the SDK's path.
 */
export function isComponent(resource: pulumi.Resource): boolean {
  return resource instanceof pulumi.ComponentResource;
}

/**
 * The inputs of a component the plan records from {@link wireCopy}: each list or object of plain data,
 * by key, as the round trip would give it. Empty for a custom resource: the mocks answer it with its
 * inputs, which the program reads back as outputs.
 */
export function plainInputs(resource: pulumi.Resource, props: Readonly<Record<string, unknown>>): Record<string, unknown> {
  if (!isComponent(resource)) {
    return {};
  }
  const found: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (typeof value === 'object' && value !== null) {
      const wired = wireCopy(value);
      if (wired !== NOT_PLAIN) {
        found[key] = wired;
      }
    }
  }
  return found;
}
