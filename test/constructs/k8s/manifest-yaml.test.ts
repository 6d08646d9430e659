/**
 * `manifestYaml` must write what cdk8s's `Yaml.stringify` writes, byte for byte: for every manifest the
 * project ships, and for strings, numbers and shapes chosen to hit each of `yaml`'s rendering rules.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { parseAllDocuments, stringify } from 'yaml';
import { CDK8S_YAML_OPTIONS, YamlWriteOptions, fastYaml, manifestYaml } from '../../../constructs/k8s/manifest-yaml';

const fastManifestDocument = (doc: unknown) => fastYaml(doc, CDK8S_YAML_OPTIONS);

const GOLDEN_K8S = path.join(__dirname, '../../golden/dist/k8s');

/** Every manifest file of the golden output, by path relative to it. */
function goldenManifests(): string[] {
  return fs.readdirSync(GOLDEN_K8S).flatMap((stack) => fs.readdirSync(path.join(GOLDEN_K8S, stack)).map((f) => path.join(stack, f)));
}

/** Strings that hit `yaml`'s rules: indicators, types of the 1.1 schema, quotes, blocks, markers, control characters. */
const STRINGS = [
  ...['plain', 'app.kubernetes.io/name', 'a b c', 'http://x:80/y', 'a:b', 'a#b', 'x-y_z', 'é😀', 'a\tb', "it's", 'say "hi"', `both ' "`],
  ...[
    '',
    ' ',
    ' lead',
    'trail ',
    'end:',
    'a: b',
    'a #b',
    '#c',
    '-',
    '- x',
    '-x',
    '?',
    '? x',
    '?x',
    ':x',
    '@x',
    '`x',
    '%x',
    '!x',
    '&x',
    '*x',
    '|',
    '>x',
  ],
  ...['[a]', '{a}', 'a,b', "'q'", '"q"', '---', '--- x', '---x', '...', '...x', 'x\n---\ny', 'x\n...', 'x\n%y'],
  ...['true', 'True', 'FALSE', 'yes', 'No', 'on', 'OFF', 'y', 'n', 'null', 'Null', '~', '<<', '='],
  ...[
    '0',
    '1',
    '-1',
    '+1',
    '007',
    '0o7',
    '0x1F',
    '0b101',
    '1_000',
    '1.5',
    '.5',
    '1e3',
    '1E-3',
    '.inf',
    '-.Inf',
    '.nan',
    '12:30',
    '1:20:30.5',
  ],
  ...['2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '8080', '768Mi', '100m', '1.0.0', 'v1'],
  ...[
    'a\nb',
    'a\nb\n',
    'a\n\nb\n',
    'a\nb\n\n',
    '\na',
    ' a\nb',
    'a\nb ',
    'a \nb',
    'a\n b\n',
    'a\n\tb',
    'a\nb\n ',
    '\n',
    'a\n#b',
    'a: 1\nb: 2\n',
  ],
  ...[
    'word '.repeat(11) + 'x',
    'word '.repeat(12) + 'x',
    'word '.repeat(16) + 'x',
    'y'.repeat(70),
    `long line ${'z '.repeat(40)}\nshort\n`,
  ],
  ...['a\rb', 'a\u0000b', 'a\u0085b', 'a\u00a0b', 'a\u2028b', '\ud800', 'a\u007fb', 'x'.repeat(1030)],
];

/** A place where `yaml` renders a value differently, for one value and for many side by side (each as it is alone). */
interface Place {
  /** Only strings can be keys. */
  readonly key: boolean;
  readonly one: (value: unknown) => Record<string, unknown>;
  readonly many: (values: readonly string[]) => Record<string, unknown>;
}

/** A value at each depth, a list item, a key, a nested list. */
const PLACES: readonly Place[] = [
  { key: false, one: (v) => ({ v }), many: (vs) => Object.fromEntries(vs.map((v, i) => [`v${i}`, v])) },
  { key: false, one: (c) => ({ a: { b: { c } } }), many: (vs) => ({ a: { b: Object.fromEntries(vs.map((v, i) => [`c${i}`, v])) } }) },
  { key: false, one: (v) => ({ list: [v, 'x'] }), many: (vs) => ({ list: vs.flatMap((v) => [v, 'x']) }) },
  { key: false, one: (k) => ({ list: [{ k, j: 1 }] }), many: (vs) => ({ list: vs.map((k) => ({ k, j: 1 })) }) },
  { key: false, one: (v) => ({ nested: [[v], []] }), many: (vs) => ({ nested: [...vs.map((v) => [v]), []] }) },
  { key: true, one: (v) => ({ [v as string]: 1 }), many: (vs) => Object.fromEntries(vs.map((v) => [v, 1])) },
  { key: true, one: (v) => ({ a: { [v as string]: { b: v } } }), many: (vs) => ({ a: Object.fromEntries(vs.map((v) => [v, { b: v }])) }) },
  { key: true, one: (v) => ({ list: [{ [v as string]: [v] }] }), many: (vs) => ({ list: vs.map((v) => ({ [v]: [v] })) }) },
];

/** Places a value where `yaml` renders it differently: a value at each depth, a list item, a key, a nested list. */
function placements(value: unknown): Array<Record<string, unknown>> {
  return PLACES.filter((place) => typeof value === 'string' || !place.key).map((place) => place.one(value));
}

/**
 * For each place, one document holding every string of `values` that `fast` writes alone in that place
 * (the rest are left to `yaml`, so there is nothing to compare): `yaml` renders each value in a
 * block collection by itself, from its place and indent, so the batch is written right exactly when
 * each string alone is, for one `yaml` run instead of one per string. `fast` must answer for the batch.
 */
function batches(values: Iterable<string>, fast: (doc: unknown) => string | undefined): Array<Record<string, unknown>> {
  const unique = [...new Set(values)];
  return PLACES.flatMap((place) => {
    const written = unique.filter((value) => fast(place.one(value)) !== undefined);
    return written.length === 0 ? [] : [place.many(written)];
  });
}

/** `write` (which `fast` must answer for) writes each batch of `values` as `expected` (`yaml`) does. */
function expectBatchesAsYaml(
  values: Iterable<string>,
  fast: (doc: unknown) => string | undefined,
  write: (doc: unknown) => string | undefined,
  expected: (doc: unknown) => string,
): void {
  const docs = batches(values, fast);
  expect(docs).toHaveLength(PLACES.length);
  for (const doc of docs) {
    expect(fast(doc)).toBeDefined();
    expect(write(doc)).toBe(expected(doc));
  }
}

const manifestOf = (doc: unknown) => manifestYaml([doc]);

describe('manifestYaml', () => {
  test.each(goldenManifests())('golden k8s/%s: re-rendered from its documents, byte for byte, all on the fast path', (file) => {
    const text = fs.readFileSync(path.join(GOLDEN_K8S, file), 'utf8');
    const docs = parseAllDocuments(text).map((d) => d.toJS() as unknown);
    expect(manifestYaml(docs)).toBe(text);
    expect(docs.filter((d) => fastManifestDocument(d) === undefined)).toEqual([]);
  });

  test('strings of every kind: as Yaml.stringify writes them, in every place', () => {
    expectBatchesAsYaml(STRINGS, fastManifestDocument, manifestOf, (doc) => Yaml.stringify(doc));
  });

  test.each<[string, unknown]>([
    ['whole numbers', [0, 1, -1, 8080, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]],
    ['other numbers', [-0, 0.5, -1.25, 1e21, 2 ** 60, NaN, Infinity, -Infinity, 1e-7]],
    ['booleans and null', [true, false, null]],
    ['undefined', [undefined]],
    ['empty collections', [{}, [], [[]], [{}], { a: {} }, { a: [] }]],
    ['a sparse list', [1, , 2]], // eslint-disable-line no-sparse-arrays
    ['class instances', [new Date(0), new Map([['a', 1]]), new Set([1])]],
  ])('%s: as Yaml.stringify writes them, in every place', (_name, values) => {
    for (const value of values as unknown[]) {
      for (const doc of placements(value)) {
        expect(manifestYaml([doc])).toBe(Yaml.stringify(doc));
      }
    }
  });

  test('an object met twice in a document (an alias for yaml), several documents, and an undefined one', () => {
    const shared = { a: 1 };
    const docs = [{ x: shared, y: shared }, { kind: 'A' }, undefined, [1, 2], 'text', {}];
    expect(manifestYaml(docs)).toBe(Yaml.stringify(...docs));
    expect(manifestYaml([])).toBe(Yaml.stringify());
  });

  test('a manifest of plain strings, whole numbers, booleans and block text takes the fast path', () => {
    const doc = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { labels: { 'app.kubernetes.io/name': 'shop' }, name: 'shop' },
      data: { 'application.yaml': 'server:\n  port: 8080\n', port: '8080', flag: 'true' },
      spec: { replicas: 2, paused: false, ports: [{ port: 80 }], args: ['-jar', 'app.jar'], empty: {} },
    };
    const fast = fastManifestDocument(doc);
    expect(fast).toBe(Yaml.stringify(doc));
    expect(fast).toContain('application.yaml: |\n    server:\n      port: 8080\n');
    expect(fast).toContain('port: "8080"\n');
  });

  const shared = [1];
  test.each<[string, unknown]>([
    ['an object met twice (an alias for yaml)', { a: shared, b: shared }],
    ['a fraction', { a: 0.5 }],
    ['undefined', { a: undefined }],
    ['a control character', { a: 'x\ry' }],
    ['the merge key', { a: '<<' }],
    ['a block that keeps its trailing line breaks', { a: 'x\n\n' }],
    ['a block that starts with a space', { a: ' x\ny' }],
    ['a multi-line key', { 'a\nb': 1 }],
    ['a key too long for an implicit key', { ['k'.repeat(1025)]: 1 }],
    ['a top level that is not an object with keys', []],
  ])('%s leaves the document to yaml', (_name, doc) => {
    expect(fastManifestDocument(doc)).toBeUndefined();
    expect(manifestYaml([doc])).toBe(Yaml.stringify(doc));
  });
});

/** Deterministic: the same strings on every run. */
function* strings(count: number): Generator<string> {
  const pieces = [
    ' ',
    '\n',
    '\t',
    ':',
    '#',
    '-',
    '?',
    '"',
    "'",
    '---',
    '...',
    '%',
    'yes',
    '1',
    '.',
    '0x',
    '~',
    '<<',
    ',',
    '[',
    '{',
    '&',
    '*',
    '!',
    '|',
    '>',
    '@',
    'a',
    'b',
    'é',
    '\r',
  ];
  let seed = 13;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; i < count; i++) {
    const length = 1 + (next() % 5);
    yield Array.from({ length }, () => pieces[next() % pieces.length]).join('');
  }
}

describe('manifestYaml on generated strings', () => {
  test('2000 strings of indicator pieces: as Yaml.stringify writes them, in every place', () => {
    expectBatchesAsYaml(strings(2000), fastManifestDocument, manifestOf, (doc) => Yaml.stringify(doc));
  });
});

/** Other `yaml` options the fast path reproduces: `application.yaml`'s (yaml's defaults, keys sorted), and a mix. */
const STYLES: ReadonlyArray<[string, YamlWriteOptions]> = [
  ['application.yaml', { version: '1.2', lineWidth: 80, sortMapEntries: true, keepUndefined: false }],
  ['1.1, folded at 60, unsorted, undefined left out', { version: '1.1', lineWidth: 60, sortMapEntries: false, keepUndefined: false }],
];

describe.each(STYLES)('fastYaml with the %s options', (_name, options) => {
  const fast = (doc: unknown) => fastYaml(doc, options);
  /** What the fast path writes, where it answers, is what `yaml` writes. */
  const check = (doc: unknown) => {
    const expected = stringify(doc, options);
    expect(fastYaml(doc, options) ?? expected).toBe(expected);
  };

  test('strings of every kind, in every place, and near the folding width at every depth', () => {
    expectBatchesAsYaml(STRINGS, fast, fast, (doc) => stringify(doc, options));
    for (let length = 15; length < 100; length++) {
      const text = 'ab '.repeat(length).slice(0, length);
      [{ v: text }, { a: { b: { c: { d: text } } } }, { l: [[text]] }].forEach(check);
    }
  });

  test('500 strings of indicator pieces, in every place', () => {
    expectBatchesAsYaml(strings(500), fast, fast, (doc) => stringify(doc, options));
  });

  test('keys sorted or kept in order, undefined values left out, other numbers', () => {
    [{ b: 1, a: { d: undefined, c: [2] }, '10': 'x', '9': 'y', B: true }, { x: [1, 0.5, -0] }, { a: undefined }, {}].forEach(check);
  });

  test('a tree like application.yaml takes the fast path', () => {
    const doc = {
      spring: { application: { name: 'shop' } },
      server: { port: 8080, shutdown: 'graceful' },
      logstash: { destination: 'l:5044' },
    };
    expect(fastYaml(doc, options)).toBe(stringify(doc, options));
  });
});
