/**
 * Pulumi's SDK records a stack trace for every resource (its source position, for the engine) and
 * for every promise it tracks (for its leak report): `new Error().stack`, formatted frame by frame,
 * is a good part of an offline run's time. Under mocks nobody reads those traces: the mock monitor
 * ignores source positions and the leak report is off. While the offline run evaluates a stack,
 * those captures are formatted as a bare `Error`; every other error keeps its full stack.
 */
import * as path from 'path';

type PrepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) => unknown;

/** The folder of the loaded `@pulumi/pulumi`: its empty-message captures are the ones to skip. */
const PULUMI_SDK_DIR = path.dirname(require.resolve('@pulumi/pulumi/package.json')) + path.sep;

/** What a skipped capture's `stack` reads. */
export const SKIPPED_STACK = 'Error';

/** Whether `error` is one of the SDK's own stack captures: no message, made inside the SDK. */
export function isPulumiStackCapture(error: Error, frames: readonly NodeJS.CallSite[]): boolean {
  return error.message === '' && error.name === 'Error' && (frames[0]?.getFileName() ?? '').startsWith(PULUMI_SDK_DIR);
}

/**
 * Runs `fn` with the SDK's own stack captures formatted as {@link SKIPPED_STACK}, then puts the
 * previous `Error.prepareStackTrace` back (also when `fn` fails).
 */
export async function withoutPulumiStackCaptures<T>(fn: () => Promise<T>): Promise<T> {
  // Node.js installs its own formatter here; `undefined` (V8's default) is handled too.
  const previous: PrepareStackTrace | undefined = Error.prepareStackTrace;
  const prepare: PrepareStackTrace = (error, frames) => {
    if (isPulumiStackCapture(error, frames)) {
      return SKIPPED_STACK;
    }
    // Node.js's own formatter (or whatever was installed before) for every other error.
    return previous ? previous(error, frames) : [String(error), ...frames.map((f) => `    at ${f}`)].join('\n');
  };
  Error.prepareStackTrace = prepare;
  try {
    return await fn();
  } finally {
    // Reflect: the typings call the property required, but V8 leaves it unset outside Node.js.
    Reflect.set(Error, 'prepareStackTrace', previous);
  }
}
