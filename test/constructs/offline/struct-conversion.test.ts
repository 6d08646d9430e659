/** The offline run's one-pass protobuf Struct building (constructs/offline/struct-conversion.ts). */
import * as path from 'path';
import type { JavaScriptValue } from 'google-protobuf/google/protobuf/struct_pb';
import * as structPb from 'google-protobuf/google/protobuf/struct_pb';
import { withLinearStructConversion } from '../../../constructs/offline/struct-conversion';

// The copy the SDK loads is the one replaced: the same module as this test's import.
const sdkStructPb = require.resolve('google-protobuf/google/protobuf/struct_pb', {
  paths: [path.dirname(require.resolve('@pulumi/pulumi/package.json'))],
});

/** Deterministic pseudo-random values: nested objects and lists, every scalar kind, awkward keys. */
function randomValue(seed: number, depth: number): JavaScriptValue {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const build = (level: number): JavaScriptValue => {
    const r = next();
    if (level >= depth || r < 0.3) {
      const scalars: JavaScriptValue[] = [null, 0, -0, 1.5, -7, 1e21, '', 'x', 'ünïcode 🚀', true, false, '10', 'a:b'];
      return scalars[Math.floor(next() * scalars.length)];
    }
    const size = Math.floor(next() * 5);
    if (r < 0.6) {
      return Array.from({ length: size }, () => build(level + 1));
    }
    const keys = ['b', 'a', 'B', '10', '9', '', 'é', 'spec', 'metadata', 'z'];
    return Object.fromEntries(Array.from({ length: size }, () => [keys[Math.floor(next() * keys.length)], build(level + 1)]));
  };
  return build(0);
}

/** What a message is: its wire bytes, its array form and what it reads back as. */
function facts(message: { serializeBinary(): Uint8Array; toArray(): unknown[]; toJavaScript(): unknown }) {
  return {
    bytes: Buffer.from(message.serializeBinary()).toString('hex'),
    array: JSON.stringify(message.toArray()),
    js: message.toJavaScript(),
  };
}

function convertAll(value: JavaScriptValue) {
  const object: Record<string, JavaScriptValue> =
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, JavaScriptValue>) : { value };
  return {
    struct: facts(structPb.Struct.fromJavaScript(object)),
    value: facts(structPb.Value.fromJavaScript(value)),
    list: facts(structPb.ListValue.fromJavaScript([value, object])),
  };
}

describe('withLinearStructConversion', () => {
  test("the SDK's google-protobuf is the one this test compares", () => {
    expect(sdkStructPb).toBe(require.resolve('google-protobuf/google/protobuf/struct_pb'));
  });

  const samples: Array<[string, JavaScriptValue]> = [
    [
      'a Kubernetes object',
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'app', labels: { 'app.kubernetes.io/name': 'app' } },
        spec: { replicas: 2, template: { spec: { containers: [{ name: 'app', ports: [{ containerPort: 8080 }], env: [] }] } } },
      },
    ],
    ['empty object and list', { a: {}, b: [], c: [[], {}] }],
    ['keys in an order a map sorts', { b: 1, a: 2, '10': 3, '9': 4, B: 5, '': 6, é: 7 }],
    ['scalars', [null, 0, -0, 3.25, -1, 'text', '', true, false]],
    ...Array.from({ length: 40 }, (_, i): [string, JavaScriptValue] => [`random value ${i}`, randomValue(i + 1, 7)]),
  ];

  test.each(samples)('%s: the same message, byte for byte, as google-protobuf builds', async (_name, value) => {
    const expected = convertAll(value);
    expect(await withLinearStructConversion(async () => convertAll(value))).toEqual(expected);
  });

  test("anything but plain data takes google-protobuf's own path: a class instance, undefined", async () => {
    class Point {
      constructor(
        public readonly x: number,
        public readonly y: number,
      ) {}
    }
    const withInstance = { at: new Point(1, 2) as unknown as JavaScriptValue };
    const expected = facts(structPb.Struct.fromJavaScript(withInstance));
    expect(await withLinearStructConversion(async () => facts(structPb.Struct.fromJavaScript(withInstance)))).toEqual(expected);
    const bad = { missing: undefined as unknown as JavaScriptValue };
    expect(() => structPb.Struct.fromJavaScript(bad)).toThrow('Unexpected struct type.');
    await expect(withLinearStructConversion(async () => structPb.Struct.fromJavaScript(bad))).rejects.toThrow('Unexpected struct type.');
  });

  test("google-protobuf's own functions are back afterwards, also when the run fails", async () => {
    const own = [structPb.Struct.fromJavaScript, structPb.Value.fromJavaScript, structPb.ListValue.fromJavaScript];
    const current = () => [structPb.Struct.fromJavaScript, structPb.Value.fromJavaScript, structPb.ListValue.fromJavaScript];
    await withLinearStructConversion(async () => expect(current().some((fn, i) => fn !== own[i])).toBe(true));
    expect(current().every((fn, i) => fn === own[i])).toBe(true);
    await expect(
      withLinearStructConversion(async () => {
        throw new Error('program failed');
      }),
    ).rejects.toThrow('program failed');
    expect(current().every((fn, i) => fn === own[i])).toBe(true);
  });

  test('a deep structure (300 levels) converts to the same message', async () => {
    let deep: JavaScriptValue = 'leaf';
    for (let i = 0; i < 300; i++) {
      deep = { next: deep, list: [i] };
    }
    const expected = facts(structPb.Value.fromJavaScript(deep));
    expect(await withLinearStructConversion(async () => facts(structPb.Value.fromJavaScript(deep)))).toEqual(expected);
  });
});
