import {
  CLOUD_ID,
  Checker,
  IssueSink,
  SECRET_PLACEHOLDER,
  bool,
  cidr,
  int,
  ipv4,
  isSecretValue,
  jsonSchemaOf,
  list,
  object,
  oneOf,
  optional,
  record,
  required,
  secret,
  str,
  withDefault,
  withJsonSchema,
  withdrawn,
} from '../../../stacks/config/schema';

/** Runs one checker on `value` at key `k`: what it returned and every issue as `[key, value, message]`. */
function run<T>(check: Checker<T>, value: unknown, k = 'platform:x'): { out: T | undefined; issues: Array<[string, unknown, string]> } {
  const issues: IssueSink = [];
  const out = check(value, k, issues);
  return { out, issues: issues.map((i) => [i.key, i.value, i.message]) };
}

/** The checker accepts `value` and returns it unchanged, with no issue. */
function accepts<T>(check: Checker<T>, value: unknown): void {
  expect(run(check, value)).toEqual({ out: value, issues: [] });
}

/** The checker refuses `value` with exactly one issue, under the key it was given. */
function refuses<T>(check: Checker<T>, value: unknown, message: string, shown: unknown = value): void {
  expect(run(check, value)).toEqual({ out: undefined, issues: [['platform:x', shown, message]] });
}

describe('str', () => {
  test.each([
    [42, 'is a number; expected a string'],
    [null, 'is null; expected a string'],
    [['a'], 'is a list; expected a string'],
    [{ a: 1 }, 'is a object; expected a string'],
    [true, 'is a boolean; expected a string'],
    [undefined, 'is a undefined; expected a string'],
    ['', 'is too short; expected at least 1 characters'],
  ])('refuses %j: %s', (value, message) => refuses(str(), value, message));

  test('accepts a one-character string by default', () => accepts(str(), 'a'));

  test('minLength and maxLength are inclusive', () => {
    const check = str({ minLength: 2, maxLength: 3 });
    accepts(check, 'ab');
    accepts(check, 'abc');
    refuses(check, 'a', 'is too short; expected at least 2 characters');
    refuses(check, 'abcd', 'is too long; expected at most 3 characters');
  });

  test('minLength 0 accepts the empty string', () => accepts(str({ minLength: 0 }), ''));

  test('a pattern is applied, with its hint or else the pattern itself', () => {
    accepts(str({ pattern: /^[a-z]+$/ }), 'abc');
    refuses(str({ pattern: /^[a-z]+$/, patternHint: 'lowercase letters' }), 'aB', 'is not allowed; expected lowercase letters');
    refuses(str({ pattern: /^[a-z]+$/ }), 'aB', 'is not allowed; expected a match for /^[a-z]+$/');
  });
});

describe('int', () => {
  test.each([
    ['1', 'is a string; expected an integer'],
    [1.5, 'is a number; expected an integer'],
    [Number.NaN, 'is a number; expected an integer'],
    [null, 'is null; expected an integer'],
  ])('refuses %j: %s', (value, message) => refuses(int(), value, message));

  test('any integer without bounds', () => {
    accepts(int(), -5);
    accepts(int(), 0);
    accepts(int(), 2 ** 40);
  });

  test('min and max are inclusive, and named in the message', () => {
    const check = int({ min: 1, max: 3 });
    accepts(check, 1);
    accepts(check, 3);
    refuses(check, 0, 'is out of range; expected an integer from 1 to 3');
    refuses(check, 4, 'is out of range; expected an integer from 1 to 3');
  });

  test('an open end reads as infinity', () => {
    refuses(int({ min: 1 }), 0, 'is out of range; expected an integer from 1 to ∞');
    refuses(int({ max: 3 }), 4, 'is out of range; expected an integer from -∞ to 3');
    accepts(int({ min: 1 }), 1e9);
    accepts(int({ max: 3 }), -1e9);
  });

  test('odd refuses even numbers only', () => {
    accepts(int({ odd: true }), 3);
    accepts(int({ odd: true }), 1);
    refuses(int({ odd: true }), 2, 'is even; expected an odd number');
    refuses(int({ odd: true }), 0, 'is even; expected an odd number');
    accepts(int({ odd: false }), 2);
  });
});

describe('bool', () => {
  test('accepts true and false', () => {
    accepts(bool(), true);
    accepts(bool(), false);
  });
  test.each([
    ['true', 'is a string; expected true or false'],
    [0, 'is a number; expected true or false'],
  ])('refuses %j: %s', (value, message) => refuses(bool(), value, message));
});

describe('oneOf', () => {
  const check = oneOf(['ipip', 'vxlan']);
  test('accepts each allowed value', () => {
    accepts(check, 'ipip');
    accepts(check, 'vxlan');
  });
  test.each([['IPIP'], ['gre'], [1], [['ipip']]])('refuses %j, listing what is allowed', (value) => {
    refuses(check, value, "is not allowed; expected one of 'ipip', 'vxlan'");
  });
});

describe('cidr', () => {
  test('accepts a CIDR', () => accepts(cidr(), '10.0.0.0/16'));
  test.each([
    [16, 'is a number; expected an IPv4 CIDR such as 10.0.0.0/16'],
    ['10.0.0.0/163', 'is not an IPv4 CIDR (expected a.b.c.d/n)'],
    ['10.0.0.1/16', 'has host bits set (did you mean 10.0.0.0/16?)'],
  ])('refuses %j: %s', (value, message) => refuses(cidr(), value, message));
});

describe('ipv4', () => {
  test('accepts an address', () => accepts(ipv4(), '10.0.0.1'));
  // A list whose text reads as an address is still not a string.
  test.each([['x1.2.3.4'], ['1.2.3.4x'], ['1.2.3.256'], [167772161], [['10.0.0.1']]])('refuses %j', (value) => {
    refuses(ipv4(), value, 'is not an IPv4 address (expected a.b.c.d)');
  });
});

describe('withdrawn', () => {
  test('refuses any value with its reason', () => {
    refuses(withdrawn('use platform:y instead'), 'anything', 'use platform:y instead');
    refuses(withdrawn('use platform:y instead'), false, 'use platform:y instead');
  });
});

describe('secret', () => {
  const good = { secret: true, value: 'hunter2' };

  test('the offline run shows every secret as [secret]', () => {
    expect(SECRET_PLACEHOLDER).toBe('[secret]');
  });

  test('accepts a value Pulumi holds encrypted, and the offline placeholder', () => {
    accepts(secret(), good);
    accepts(secret(), { secret: true, value: SECRET_PLACEHOLDER });
  });

  test('refuses clear text without showing it, naming the pulumi config command for its top-level key', () => {
    expect(run(secret(), 'hunter2', 'platform:secrets.registryPassword')).toEqual({
      out: undefined,
      issues: [
        [
          'platform:secrets.registryPassword',
          '(clear text, not shown)',
          "must be set with 'pulumi config set --secret platform:secrets …', never in clear text",
        ],
      ],
    });
  });

  test.each([
    ['a number', 42],
    ['null', null],
    ['secret not exactly true', { secret: 'true', value: 'x' }],
    ['no value', { secret: true }],
    ['a value that is not a string', { secret: true, value: 42 }],
  ])('refuses %s, showing the non-string value', (_name, value) => {
    refuses(secret(), value, "must be set with 'pulumi config set --secret platform:x …', never in clear text");
  });
});

test('platform:secrets refuses a clear-text entry and keeps the encrypted ones (record of secret, as parse.ts reads it)', () => {
  const secrets = record(secret());
  expect(run(secrets, { registryPassword: 'hunter2', jwt: { secret: true, value: 'x' } }, 'platform:secrets')).toEqual({
    out: undefined,
    issues: [
      [
        'platform:secrets.registryPassword',
        '(clear text, not shown)',
        "must be set with 'pulumi config set --secret platform:secrets …', never in clear text",
      ],
    ],
  });
  accepts(secrets, { jwt: { secret: true, value: 'x' } });
});

describe('isSecretValue', () => {
  test.each<[string, unknown, boolean]>([
    ['an encrypted value', { secret: true, value: 'x' }, true],
    ['an encrypted empty value', { secret: true, value: '' }, true],
    ['clear text', 'hunter2', false],
    ['clear text that looks like the placeholder', SECRET_PLACEHOLDER, false],
    ['null', null, false],
    ['undefined', undefined, false],
    ['a map without the marker', { value: 'x' }, false],
    ['a marker that is not true', { secret: 1, value: 'x' }, false],
    ['a value that is not a string', { secret: true, value: { nested: 'x' } }, false],
  ])('%s: %s', (_name, value, expected) => {
    expect(isSecretValue(value)).toBe(expected);
  });
});

describe('list', () => {
  test.each([
    ['a', 'is a string; expected a list'],
    [{ 0: 'a' }, 'is a object; expected a list'],
  ])('refuses %j: %s', (value, message) => refuses(list(str()), value, message));

  test('any length by default, the empty list included', () => {
    accepts(list(str()), []);
    accepts(list(str()), ['a', 'b', 'c']);
  });

  test('minLength and maxLength are inclusive', () => {
    const check = list(str(), { minLength: 1, maxLength: 2 });
    accepts(check, ['a']);
    accepts(check, ['a', 'b']);
    refuses(check, [], 'has 0 entries; expected 1 to 2 entries');
    refuses(check, ['a', 'b', 'c'], 'has 3 entries; expected 1 to 2 entries');
    refuses(list(str(), { minLength: 2 }), ['a'], 'has 1 entries; expected 2 to any number of entries');
    refuses(list(str(), { maxLength: 1 }), ['a', 'b'], 'has 2 entries; expected 0 to 1 entries');
  });

  test('each bad entry is reported under its index, and the list is then unusable', () => {
    expect(run(list(int()), [1, 'two', 3, null])).toEqual({
      out: undefined,
      issues: [
        ['platform:x[1]', 'two', 'is a string; expected an integer'],
        ['platform:x[3]', null, 'is null; expected an integer'],
      ],
    });
  });

  test('unique reports every repeat against the first entry with its id', () => {
    const check = list(str(), { unique: (s) => s.toLowerCase() });
    accepts(check, ['a', 'b']);
    expect(run(check, ['a', 'B', 'A', 'b'])).toEqual({
      out: undefined,
      issues: [
        ['platform:x[2]', 'a', 'repeats platform:x[0]; entries must be unique'],
        ['platform:x[3]', 'b', 'repeats platform:x[1]; entries must be unique'],
      ],
    });
  });

  test('issues found before the list do not make it unusable', () => {
    const issues: IssueSink = [{ key: 'platform:earlier', value: 1, message: 'x' }];
    expect(list(str(), { unique: (s) => s })(['a', 'b'], 'platform:x', issues)).toEqual(['a', 'b']);
    expect(issues).toHaveLength(1);
  });
});

describe('record', () => {
  test('accepts a map of checked values', () => {
    accepts(record(int()), { a: 1, b: 2 });
    accepts(record(int()), {});
  });

  test.each([
    [null, 'is null; expected a map'],
    [['a'], 'is a list; expected a map'],
    ['a', 'is a string; expected a map'],
    [{ secret: true, value: '{}' }, 'is a object; expected a map'],
  ])('refuses %j: %s', (value, message) => refuses(record(int()), value, message));

  test('bad names and bad values are each reported under their own key', () => {
    const check = record(int(), { keyPattern: /^[a-z]+$/, keyHint: 'lowercase letters' });
    expect(run(check, { ok: 1, Bad: 2, worse: 'x' })).toEqual({
      out: undefined,
      issues: [
        ['platform:x.Bad', 'Bad', 'is not an allowed name; expected lowercase letters'],
        ['platform:x.worse', 'x', 'is a string; expected an integer'],
      ],
    });
    expect(run(record(int(), { keyPattern: /^[a-z]+$/ }), { B: 1 }).issues).toEqual([
      ['platform:x.B', 'B', 'is not an allowed name; expected /^[a-z]+$/'],
    ]);
  });

  test('a value its checker yields nothing for is left out, not kept as undefined', () => {
    const skipEmpty: Checker<string> = (value) => (value === '' ? undefined : String(value));
    expect(Object.keys(record(skipEmpty)({ a: '', b: 'x' }, 'platform:x', []) ?? {})).toEqual(['b']);
  });

  test('issues found before the record do not make it unusable', () => {
    const issues: IssueSink = [{ key: 'platform:earlier', value: 1, message: 'x' }];
    expect(record(int())({ a: 1 }, 'platform:x', issues)).toEqual({ a: 1 });
  });
});

describe('object', () => {
  const check = object({
    name: required(str()),
    size: optional(int({ min: 1 })),
    zone: withDefault(str(), 'a'),
  });

  test('resolves optional fields to undefined and defaulted ones to their default', () => {
    expect(run(check, { name: 'n' })).toEqual({ out: { name: 'n', size: undefined, zone: 'a' }, issues: [] });
    expect(run(check, { name: 'n', size: null, zone: null })).toEqual({ out: { name: 'n', size: undefined, zone: 'a' }, issues: [] });
    expect(run(check, { name: 'n', size: 2, zone: 'b' })).toEqual({ out: { name: 'n', size: 2, zone: 'b' }, issues: [] });
  });

  test.each([
    [null, 'is null; expected a map with keys name, size, zone'],
    [['n'], 'is a list; expected a map with keys name, size, zone'],
    ['n', 'is a string; expected a map with keys name, size, zone'],
    [{ secret: true, value: 'x' }, 'is a object; expected a map with keys name, size, zone'],
  ])('refuses %j: %s', (value, message) => refuses(check, value, message));

  test('reports a missing required field, an unknown key and a bad value together, each under its key', () => {
    expect(run(check, { nmae: 'n', size: 0 })).toEqual({
      out: undefined,
      issues: [
        ['platform:x.nmae', 'n', 'is not a known key; expected one of name, size, zone'],
        ['platform:x.name', undefined, 'is required'],
        ['platform:x.size', 0, 'is out of range; expected an integer from 1 to ∞'],
      ],
    });
    expect(run(check, { name: null }).issues).toEqual([['platform:x.name', undefined, 'is required']]);
  });

  test('issues found before the object do not make it unusable', () => {
    const issues: IssueSink = [{ key: 'platform:earlier', value: 1, message: 'x' }];
    expect(check({ name: 'n' }, 'platform:x', issues)).toEqual({ name: 'n', size: undefined, zone: 'a' });
  });

  test('nested checkers report under the full key', () => {
    const nested = object({ pools: required(list(object({ count: required(int()) }))) });
    expect(run(nested, { pools: [{ count: 1 }, { count: 'x' }] }).issues).toEqual([
      ['platform:x.pools[1].count', 'x', 'is a string; expected an integer'],
    ]);
  });
});

// The editor schema (issue 14) is generated from these same checkers: each fragment is pinned
// exactly, so a checker and the schema an editor applies cannot drift apart.
describe('JSON Schema fragments', () => {
  test('str: type, minLength 1 by default, maxLength, pattern (slashes unescaped) and hint', () => {
    expect(jsonSchemaOf(str())).toEqual({ type: 'string', minLength: 1 });
    expect(jsonSchemaOf(str({ minLength: 0, maxLength: 8, pattern: /^a\/b$/, patternHint: 'a/b' }))).toEqual({
      type: 'string',
      minLength: 0,
      maxLength: 8,
      pattern: '^a/b$',
      description: 'a/b',
    });
  });

  test('int, bool and oneOf', () => {
    expect(jsonSchemaOf(int())).toEqual({ type: 'integer' });
    expect(jsonSchemaOf(int({ min: 1, max: 7 }))).toEqual({ type: 'integer', minimum: 1, maximum: 7 });
    expect(jsonSchemaOf(bool())).toEqual({ type: 'boolean' });
    expect(jsonSchemaOf(oneOf(['a', 'b']))).toEqual({ enum: ['a', 'b'] });
  });

  test('cidr and ipv4 carry their shape and a description', () => {
    expect(jsonSchemaOf(cidr())).toEqual({
      type: 'string',
      pattern: '^([0-9]{1,3}\\.){3}[0-9]{1,3}/[0-9]{1,2}$',
      description: 'an IPv4 CIDR such as 10.0.0.0/16',
    });
    expect(jsonSchemaOf(ipv4())).toEqual({ type: 'string', pattern: '^([0-9]{1,3}\\.){3}[0-9]{1,3}$', description: 'an IPv4 address' });
  });

  test("withdrawn matches nothing and says why; secret is the stack file's secure entry", () => {
    expect(jsonSchemaOf(withdrawn('use y'))).toEqual({ not: {}, deprecated: true, description: 'use y' });
    expect(jsonSchemaOf(secret())).toEqual({
      type: 'object',
      properties: { secure: { type: 'string' } },
      required: ['secure'],
      additionalProperties: false,
      description: "set with 'pulumi config set --secret'; never in clear text",
    });
  });

  test('list and record nest their item schema', () => {
    expect(jsonSchemaOf(list(bool()))).toEqual({ type: 'array', items: { type: 'boolean' } });
    expect(jsonSchemaOf(list(bool(), { minLength: 1, maxLength: 3 }))).toEqual({
      type: 'array',
      items: { type: 'boolean' },
      minItems: 1,
      maxItems: 3,
    });
    expect(jsonSchemaOf(record(int()))).toEqual({ type: 'object', additionalProperties: { type: 'integer' } });
    expect(jsonSchemaOf(record(int(), { keyPattern: /^[a-z]+$/ }))).toEqual({
      type: 'object',
      additionalProperties: { type: 'integer' },
      propertyNames: { pattern: '^[a-z]+$' },
    });
  });

  test('object: fields with their doc or own description and default, required ones listed, nothing else allowed', () => {
    const checker = object({
      a: required(str(), 'the a'),
      b: optional(cidr()),
      c: withDefault(int(), 3),
    });
    expect(jsonSchemaOf(checker)).toEqual({
      type: 'object',
      properties: {
        a: { type: 'string', minLength: 1, description: 'the a' },
        b: { type: 'string', pattern: '^([0-9]{1,3}\\.){3}[0-9]{1,3}/[0-9]{1,2}$', description: 'an IPv4 CIDR such as 10.0.0.0/16' },
        c: { type: 'integer', default: 3 },
      },
      required: ['a'],
      additionalProperties: false,
    });
    expect(jsonSchemaOf(object({ b: optional(bool()) }))).toEqual({
      type: 'object',
      properties: { b: { type: 'boolean' } },
      additionalProperties: false,
    });
  });

  test('a checker without a fragment allows anything; withJsonSchema attaches one', () => {
    expect(jsonSchemaOf(((v: unknown) => v) as Checker<unknown>)).toEqual({});
    const check = withJsonSchema((v) => v, { type: 'null' });
    expect(check.jsonSchema).toEqual({ type: 'null' });
    expect(run(check, 1).out).toBe(1);
  });
});

describe('control characters and cloud ids', () => {
  test('a one-line string refuses line breaks and NUL; a multi-line one refuses NUL only', () => {
    expect(run(str(), 'a\nb').issues).toEqual([['platform:x', 'a\nb', expect.stringContaining('control character')]]);
    expect(run(str(), 'a\u0000b').issues).toHaveLength(1);
    accepts(str({ multiline: true }), 'a\nb\tc\r\n');
    expect(run(str({ multiline: true }), 'a\u0000b').issues).toEqual([
      ['platform:x', 'a\u0000b', expect.stringContaining('control character')],
    ]);
    expect(run(str({ multiline: true }), 'a\u001bb').issues).toHaveLength(1);
  });

  test.each([
    ['key-pair_1', true],
    ['ubuntu_22_04_x64_20G_alibase_20240101.vhd', true],
    ['a b', false],
    [' ab', false],
    ['ab ', false],
    ['a\tb', false],
  ])('CLOUD_ID %j accepted: %s', (value, ok) => {
    expect(run(str(CLOUD_ID), value).issues.length === 0).toBe(ok);
  });

  test('CLOUD_ID refusals name the hint', () => {
    expect(run(str(CLOUD_ID), 'a b').issues).toEqual([
      ['platform:x', 'a b', 'is not allowed; expected an id without spaces or line breaks'],
    ]);
  });
});
