/**
 * A component's plain inputs skip the SDK's round trip offline; the plan must record exactly what the
 * round trip gives (serialized by the SDK, through a protobuf `Struct`, deserialized as the mock monitor does).
 */
import * as corev1 from '@pulumi/kubernetes/core/v1';
import * as yamlv2 from '@pulumi/kubernetes/yaml/v2';
import * as pulumi from '@pulumi/pulumi';
import { Struct } from 'google-protobuf/google/protobuf/struct_pb';
import { NOT_PLAIN, PLAIN_INPUT_MARKER, wireCopy } from '../../../constructs/offline/plain-inputs';
import { resolveInput } from '../../../constructs/offline/values';
import { evaluate, ofType } from '../../helpers/evaluate';

/** `value` after the SDK's trip to the mock monitor: what the plan recorded before the bypass. */
async function roundTrip(value: unknown): Promise<unknown> {
  const serialized = await pulumi.runtime.serializeProperties('test', { value });
  return pulumi.runtime.deserializeProperties(Struct.fromJavaScript(serialized)).value;
}

/** Keys in order, `-0`, NaN and undefined told apart: `toEqual` alone would miss an order change. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) {
    return { list: Array.from({ length: value.length }, (_, i) => (i in value ? shape(value[i]) : 'hole')) };
  }
  if (typeof value === 'object' && value !== null) {
    return { keys: Object.entries(value).map(([k, v]) => [k, shape(v)]) };
  }
  return Object.is(value, -0) ? '-0' : typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
}

const CASES: ReadonlyArray<[string, unknown]> = [
  [
    'a manifest list, keys already sorted',
    [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { 'x.yaml': 'a: 1\n' } }],
  ],
  ['unsorted keys, integer-like keys among them', { b: 1, a: { '10': 1, '9': 2, z: null, y: ['x'] }, '2': 'two', B: true, _: 0, é: 'e' }],
  ['undefined in an object is dropped, in a list becomes null', { a: undefined, b: [undefined, 1, null], c: { d: undefined } }],
  ['a sparse list', [1, , 3]], // eslint-disable-line no-sparse-arrays
  ['numbers the wire keeps', { zero: -0, nan: NaN, inf: Infinity, ninf: -Infinity, big: 1e300, small: 5e-324 }],
  ['empty containers', { a: {}, b: [], c: [[]], d: [{}] }],
  ['strings of every kind', ['', ' ', 'multi\nline', 'true', '1.0', 'null', '~', '#', 'ü😀']],
];

describe('wireCopy', () => {
  test.each(CASES)('%s: the same value, key order included, as the SDK round trip', async (_name, value) => {
    const expected = await roundTrip(value);
    expect(shape(wireCopy(value))).toEqual(shape(expected));
  });

  test('a value already in wire form comes back as it is, not copied', () => {
    const value = [{ a: { b: [1, 'x', null] }, c: true }];
    expect(wireCopy(value)).toBe(value);
  });

  test('a copy is made only where the wire form differs; the rest is shared', () => {
    const kept = { a: 1 };
    const value = { z: kept, a: [kept] };
    const copy = wireCopy(value) as { z: object; a: object[] };
    expect(copy).not.toBe(value);
    expect(Object.keys(copy)).toEqual(['a', 'z']);
    expect(copy.z).toBe(kept);
    expect(copy.a).toBe(value.a);
  });

  test.each<[string, unknown]>([
    ['an output', { a: pulumi.output(1) }],
    ['a promise', [Promise.resolve(1)]],
    ['a secret in wire form', { [pulumi.runtime.specialSigKey]: '1b47061264138c4ac30d75fd1eb44270', value: 'x' }],
    ['the unknown sentinel', { a: pulumi.runtime.unknownValue }],
    ['an asset', { a: new pulumi.asset.StringAsset('x') }],
    ['a class instance', { a: new Date(0) }],
    ['a function', { a: () => 1 }],
    ['a __proto__ key', JSON.parse('{"__proto__": {"a": 1}}')],
  ])('%s is not plain data: the SDK keeps its path', (_name, value) => {
    expect(wireCopy(value)).toBe(NOT_PLAIN);
  });
});

describe('evaluateStack records a component plain input without the round trip', () => {
  const objs = [{ kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'shop', labels: { b: 'x', a: undefined } } }];

  test('the plan holds the round trip of a ConfigGroup objs; the SDK and the mocks only saw the marker', async () => {
    let group: yamlv2.ConfigGroup | undefined;
    const stack = await evaluate(() => {
      group = new yamlv2.ConfigGroup('g', { objs });
    });
    const [recorded] = ofType(stack, 'kubernetes:yaml/v2:ConfigGroup');
    expect(shape(recorded.inputs.objs)).toEqual(shape(await roundTrip(objs)));
    expect(recorded.inputs.objs).toEqual([{ apiVersion: 'v1', kind: 'Namespace', metadata: { labels: { b: 'x' }, name: 'shop' } }]);
    // The component's own `objs` property resolves from what the SDK sent.
    expect(await resolveInput(Reflect.get(group as object, 'objs') as pulumi.Output<unknown>)).toBe(PLAIN_INPUT_MARKER);
  });

  test('a custom resource keeps the SDK path: the mocks answer with its inputs, which the program reads back', async () => {
    let data: pulumi.Output<unknown> | undefined;
    const stack = await evaluate(() => {
      const map = new corev1.ConfigMap('m', { metadata: { name: 'm' }, data: { b: '2', a: '1' } });
      data = map.data;
    });
    expect(ofType(stack, 'kubernetes:core/v1:ConfigMap')[0].inputs.data).toEqual({ a: '1', b: '2' });
    expect(await resolveInput(data as pulumi.Output<unknown>)).toEqual({ a: '1', b: '2' });
  });

  test('an input holding an output keeps the SDK path, and is recorded resolved', async () => {
    const stack = await evaluate(() => {
      new yamlv2.ConfigGroup('g', { objs: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: pulumi.output('shop') } }] });
    });
    expect(ofType(stack, 'kubernetes:yaml/v2:ConfigGroup')[0].inputs.objs).toEqual([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
    ]);
  });
});
