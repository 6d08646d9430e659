/**
 * Pulumi's SDK records a stack trace for every resource (its source position, for the engine) and
 * for every promise it tracks (for its leak report): `new Error().stack`, captured to unlimited depth
 * for a resource and formatted frame by frame, was about a fifth of an offline run's CPU time.
 * Under mocks nobody reads those traces: the mock monitor ignores source positions and the leak
 * report is off. While the offline run evaluates a stack:
 *
 * - a resource's call sites read as none (`Resource.callsites`, which the SDK calls by name), so
 *   no trace is captured for it;
 * - a promise the SDK tracks (`debuggablePromise` of runtime/debuggable.js, which every SDK module
 *   calls through the module's exports) is tracked as before, its trace captured without frames;
 * - any other trace the SDK itself captures formats as a bare `Error`.
 *
 * Every error the program or the run raises keeps its full stack. All three are put back afterwards.
 */
import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import * as debuggable from '@pulumi/pulumi/runtime/debuggable';

type PrepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) => unknown;

/** The folder of the loaded `@pulumi/pulumi`: its empty-message captures are the ones to skip. */
const PULUMI_SDK_DIR = path.dirname(require.resolve('@pulumi/pulumi/package.json')) + path.sep;

/** What a skipped capture's `stack` reads. */
export const SKIPPED_STACK = 'Error';

/** The SDK functions replaced while a stack evaluates, by the object that holds each (both are internal to the SDK). */
const CALLSITES: [holder: object, key: string] = [pulumi.Resource, 'callsites'];
const DEBUGGABLE_PROMISE: [holder: object, key: string] = [debuggable, 'debuggablePromise'];

/** Whether `error` is one of the SDK's own stack captures: no message, made inside the SDK. */
export function isPulumiStackCapture(error: Error, frames: readonly NodeJS.CallSite[]): boolean {
  return error.message === '' && error.name === 'Error' && (frames[0]?.getFileName() ?? '').startsWith(PULUMI_SDK_DIR);
}

/** The SDK function `holder[key]`, or an error naming it: an SDK upgrade that renames it must not pass unnoticed. */
function sdkFunction([holder, key]: [object, string]): (...args: unknown[]) => unknown {
  const fn: unknown = Reflect.get(holder, key);
  if (typeof fn !== 'function') {
    throw new Error(`offline run: @pulumi/pulumi no longer has '${key}' (constructs/offline/stack-capture.ts needs updating)`);
  }
  return fn as (...args: unknown[]) => unknown;
}

/**
 * Runs `fn` without the SDK's own stack captures (see the module's description), then puts the
 * SDK's functions and the previous `Error.prepareStackTrace` back (also when `fn` fails).
 */
export async function withoutPulumiStackCaptures<T>(fn: () => Promise<T>): Promise<T> {
  const callsites = sdkFunction(CALLSITES);
  const debuggablePromise = sdkFunction(DEBUGGABLE_PROMISE);
  // Node.js installs its own formatter here; `undefined` (V8's default) is handled too.
  const previous: PrepareStackTrace | undefined = Error.prepareStackTrace;
  // Set while the SDK tracks a promise: the trace it formats then is its own, captured without frames.
  let tracking = false;
  const prepare: PrepareStackTrace = (error, frames) => {
    if (tracking || isPulumiStackCapture(error, frames)) {
      return SKIPPED_STACK;
    }
    // Node.js's own formatter (or whatever was installed before) for every other error.
    return previous ? previous(error, frames) : [String(error), ...frames.map((f) => `    at ${f}`)].join('\n');
  };
  Error.prepareStackTrace = prepare;
  Reflect.set(...CALLSITES, () => []);
  Reflect.set(...DEBUGGABLE_PROMISE, (...args: unknown[]) => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    tracking = true;
    try {
      return debuggablePromise(...args);
    } finally {
      tracking = false;
      Error.stackTraceLimit = limit;
    }
  });
  try {
    return await fn();
  } finally {
    Reflect.set(...DEBUGGABLE_PROMISE, debuggablePromise);
    Reflect.set(...CALLSITES, callsites);
    // Reflect: the typings call the property required, but V8 leaves it unset outside Node.js.
    Reflect.set(Error, 'prepareStackTrace', previous);
  }
}
