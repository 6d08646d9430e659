/** The offline run skips the Pulumi SDK's own stack captures, and only those (constructs/offline/stack-capture.ts). */
import * as pulumi from '@pulumi/pulumi';
import { SKIPPED_STACK, withoutPulumiStackCaptures } from '../../../constructs/offline/stack-capture';

// The SDK's promise tracker: it captures `new Error().stack` for every promise it wraps.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const debuggable = require('@pulumi/pulumi/runtime/debuggable') as {
  debuggablePromise: <T>(p: Promise<T>, ctx: unknown) => Promise<T>;
};
const debuggablePromise = <T>(p: Promise<T>, ctx: unknown) => debuggable.debuggablePromise(p, ctx);

/** The trace the SDK attaches to a promise it tracks. */
function sdkCapture(): string {
  const p = Promise.resolve();
  void debuggablePromise(p, 'test');
  return (p as Promise<void> & { _debugStackTrace: string })._debugStackTrace;
}

describe('withoutPulumiStackCaptures', () => {
  test('inside, a capture made by the SDK reads as a bare Error; outside, it has its frames', async () => {
    expect(await withoutPulumiStackCaptures(async () => sdkCapture())).toBe(SKIPPED_STACK);
    const outside = sdkCapture();
    expect(outside).not.toBe(SKIPPED_STACK);
    // Under jest the SDK's traces are left unmapped (test/helpers/stack-traces.js), which drops frame
    // names; the frame's file and line are there either way.
    expect(outside).toMatch(/stack-capture\.test\.ts:\d+:\d+/);
  });

  test("inside, a resource's call sites (its source position for the engine) read as none; outside, they are there", async () => {
    // Private in the typings: the SDK calls it by name from the Resource constructor.
    const callsites = () => (Reflect.get(pulumi.Resource, 'callsites') as () => Array<{ file?: string }>)();
    expect(await withoutPulumiStackCaptures(async () => callsites())).toEqual([]);
    expect(callsites().some((site) => site.file === __filename)).toBe(true);
  });

  test('inside, a tracked promise is still tracked and resolves to its value', async () => {
    expect(await withoutPulumiStackCaptures(async () => debuggablePromise(Promise.resolve(42), 'test'))).toBe(42);
    await expect(withoutPulumiStackCaptures(async () => debuggablePromise(Promise.reject(new Error('no')), 'test'))).rejects.toThrow('no');
  });

  test("inside, the program's own errors keep message and frames", async () => {
    const stack = await withoutPulumiStackCaptures(async () => new Error('bad config').stack ?? '');
    expect(stack.split('\n')[0]).toBe('Error: bad config');
    expect(stack).toContain(__filename);
    // An empty message made outside the SDK is not the SDK's capture either.
    expect(await withoutPulumiStackCaptures(async () => new Error().stack ?? '')).toContain(__filename);
  });

  test('the previous formatter is back afterwards, also when the run fails', async () => {
    const before = Error.prepareStackTrace;
    const sdk = () => [Reflect.get(pulumi.Resource, 'callsites'), debuggable.debuggablePromise] as const;
    const sdkBefore = sdk();
    const same = () => sdk().every((fn, i) => fn === sdkBefore[i]);
    await withoutPulumiStackCaptures(async () => undefined);
    expect(Error.prepareStackTrace).toBe(before);
    expect(same()).toBe(true);
    await expect(
      withoutPulumiStackCaptures(async () => {
        throw new Error('program failed');
      }),
    ).rejects.toThrow('program failed');
    expect(Error.prepareStackTrace).toBe(before);
    expect(same()).toBe(true);
  });
});
