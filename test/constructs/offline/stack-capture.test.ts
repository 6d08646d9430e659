/** The offline run skips the Pulumi SDK's own stack captures, and only those (constructs/offline/stack-capture.ts). */
import { SKIPPED_STACK, withoutPulumiStackCaptures } from '../../../constructs/offline/stack-capture';

// The SDK's promise tracker: it captures `new Error().stack` for every promise it wraps.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { debuggablePromise } = require('@pulumi/pulumi/runtime/debuggable') as {
  debuggablePromise: <T>(p: Promise<T>, ctx: unknown) => Promise<T>;
};

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

  test("inside, the program's own errors keep message and frames", async () => {
    const stack = await withoutPulumiStackCaptures(async () => new Error('bad config').stack ?? '');
    expect(stack.split('\n')[0]).toBe('Error: bad config');
    expect(stack).toContain(__filename);
    // An empty message made outside the SDK is not the SDK's capture either.
    expect(await withoutPulumiStackCaptures(async () => new Error().stack ?? '')).toContain(__filename);
  });

  test('the previous formatter is back afterwards, also when the run fails', async () => {
    const before = Error.prepareStackTrace;
    await withoutPulumiStackCaptures(async () => undefined);
    expect(Error.prepareStackTrace).toBe(before);
    await expect(
      withoutPulumiStackCaptures(async () => {
        throw new Error('program failed');
      }),
    ).rejects.toThrow('program failed');
    expect(Error.prepareStackTrace).toBe(before);
  });
});
