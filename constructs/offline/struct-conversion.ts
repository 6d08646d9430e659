/**
 * Pulumi's SDK hands every resource's inputs to the engine (here: the mocks) as a protobuf `Struct`,
 * built with google-protobuf's `Struct.fromJavaScript`, and the mocks answer the same way. That
 * function builds the message bottom-up through setters, and each setter re-synchronises the whole
 * subtree below it: the cost grows with size times depth, and a ConfigGroup's Kubernetes objects are
 * deep. It was about a tenth of an offline run's CPU time, more with many services.
 *
 * While the offline run evaluates a stack, the three `fromJavaScript` functions build the message's
 * array form (google-protobuf's own representation, which its constructors take) in one pass
 * instead: the same message, byte for byte (test/constructs/offline/struct-conversion.test.ts
 * compares them), built in time linear in its size. Anything but plain data (a class instance, a
 * function) takes google-protobuf's own path, errors included. Put back afterwards.
 */
import * as path from 'path';
import type {
  JavaScriptValue,
  ListValue as ListValueMessage,
  Struct as StructMessage,
  Value as ValueMessage,
} from 'google-protobuf/google/protobuf/struct_pb';
import { isPlainObject } from './values';

/** The message classes, as the SDK's copy of google-protobuf defines them. */
interface StructClasses {
  Struct: { new (data?: unknown[]): StructMessage; fromJavaScript(value: Record<string, JavaScriptValue>): StructMessage };
  Value: { new (data?: unknown[]): ValueMessage; fromJavaScript(value: JavaScriptValue): ValueMessage };
  ListValue: { new (data?: unknown[]): ListValueMessage; fromJavaScript(value: JavaScriptValue[]): ListValueMessage };
}

/** The google-protobuf the loaded `@pulumi/pulumi` uses: the one whose functions are replaced. */
function sdkStructClasses(): StructClasses {
  const sdkDir = path.dirname(require.resolve('@pulumi/pulumi/package.json'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(require.resolve('google-protobuf/google/protobuf/struct_pb', { paths: [sdkDir] })) as StructClasses;
}

// google-protobuf keeps a message as an array indexed by field number - 1 (struct.proto):
// Value: null_value = 1 (the enum NULL_VALUE = 0), number_value = 2, string_value = 3,
// bool_value = 4, struct_value = 5, list_value = 6, one of them set; Struct: fields = 1, a map kept
// as [key, value] pairs sorted by key (as jspb.Map writes it); ListValue: values = 1.
type ArrayForm = unknown[];

/** A list or plain object: what this module converts itself. */
function isPlain(value: object): boolean {
  return Array.isArray(value) || isPlainObject(value);
}

/** The array form of `Value.fromJavaScript(value)`. */
function valueArray(value: unknown, original: StructClasses['Value']['fromJavaScript']): ArrayForm {
  switch (typeof value) {
    case 'number':
      return [null, value];
    case 'string':
      return [null, null, value];
    case 'boolean':
      return [null, null, null, value];
    case 'object':
      if (value === null) {
        return [0];
      }
      if (!isPlain(value)) {
        return original(value as JavaScriptValue).toArray();
      }
      return Array.isArray(value)
        ? [null, null, null, null, null, listArray(value, original)]
        : [null, null, null, null, structArray(value as Record<string, unknown>, original)];
    default:
      // google-protobuf's own error for undefined, a function, a symbol or a bigint.
      return original(value as JavaScriptValue).toArray();
  }
}

function structArray(value: Record<string, unknown>, original: StructClasses['Value']['fromJavaScript']): ArrayForm {
  // for...in, as google-protobuf reads an object (inherited enumerable keys too); sorted as its map writes them.
  const keys: string[] = [];
  for (const key in value) {
    keys.push(key);
  }
  keys.sort();
  return [keys.map((key) => [key, valueArray(value[key], original)])];
}

function listArray(value: readonly unknown[], original: StructClasses['Value']['fromJavaScript']): ArrayForm {
  return [value.map((item) => valueArray(item, original))];
}

/**
 * Runs `fn` with google-protobuf's `Struct`, `Value` and `ListValue.fromJavaScript` built in one
 * pass (see the module's description), then puts google-protobuf's own back (also when `fn` fails).
 */
export async function withLinearStructConversion<T>(fn: () => Promise<T>): Promise<T> {
  const classes = sdkStructClasses();
  const { Struct, Value, ListValue } = classes;
  const own = { struct: Struct.fromJavaScript, value: Value.fromJavaScript, list: ListValue.fromJavaScript };
  const original = (value: JavaScriptValue) => own.value.call(Value, value);
  Struct.fromJavaScript = (value) => (isPlain(value) ? new Struct(structArray(value, original)) : own.struct.call(Struct, value));
  Value.fromJavaScript = (value) => new Value(valueArray(value, original));
  ListValue.fromJavaScript = (value) =>
    Array.isArray(value) ? new ListValue(listArray(value, original)) : own.list.call(ListValue, value);
  try {
    return await fn();
  } finally {
    Struct.fromJavaScript = own.struct;
    Value.fromJavaScript = own.value;
    ListValue.fromJavaScript = own.list;
  }
}
