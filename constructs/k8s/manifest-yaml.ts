/**
 * YAML exactly as the `yaml` package writes it (cdk8s's `Yaml.stringify` for manifests, `stringify` for
 * a service's `application.yaml`), without `yaml`'s node tree for the documents that need none of its
 * judgement.
 *
 * `yaml` renders a document as a node per value, then a context object per pair; for a cluster's
 * manifests that was over a third of the offline run's time per service. Most manifest values are
 * block maps and lists of plain or quoted strings, whole numbers and booleans, whose rendering `yaml`
 * leaves no choice about; {@link fastYaml} writes those directly, applying `yaml`'s own tests (its
 * schema's tag patterns for a string that would read back as another type, its folding threshold). A
 * document holding anything else (a fraction, a control character, a line `yaml` would fold, an object
 * seen twice, which `yaml` writes as an alias) is left to `yaml`, whole.
 */
import { Yaml } from 'cdk8s';
import { Document } from 'yaml';

/** The `yaml` options {@link fastYaml} reproduces (all else at `yaml`'s defaults). */
export interface YamlWriteOptions {
  /** The schema's YAML version: 1.1 for cdk8s, 1.2 (the core schema) by default. */
  readonly version: '1.1' | '1.2';
  /** Where `yaml` folds long lines; 0 never (its default is 80). */
  readonly lineWidth: number;
  /** Whether map keys are sorted. */
  readonly sortMapEntries: boolean;
  /** Whether a key with an undefined value is written (as `null`) rather than left out. */
  readonly keepUndefined: boolean;
}

/** The options cdk8s's `Yaml.stringify` gives `yaml`. */
export const CDK8S_YAML_OPTIONS: YamlWriteOptions = { version: '1.1', lineWidth: 0, sortMapEntries: false, keepUndefined: true };

/** Thrown inside the fast path when a value needs `yaml`'s judgement; never leaves this module. */
const NEEDS_YAML = Symbol('needs yaml');

/** `yaml`'s `minContentWidth` default: folding never leaves a line shorter. */
const MIN_CONTENT_WIDTH = 20;
/** Longer keys are written as explicit keys (`? key`). */
const MAX_IMPLICIT_KEY_LENGTH = 1024;
const INDENT_STEP = '  ';

/** What the schema of a YAML version decides about strings. */
interface SchemaTests {
  /** Patterns of the default tags but `str`: a plain string one matches would read back as another type, so `yaml` quotes it. */
  readonly typed: readonly RegExp[];
  /** Tags but `str` that may identify a string (`<<`, the merge key, which `yaml` writes bare): such a string is left to `yaml`. */
  readonly claiming: ReadonlyArray<{ readonly identify?: (value: unknown) => boolean }>;
}

function schemaTests(version: YamlWriteOptions['version']): SchemaTests {
  const schema = new Document(null, { version }).schema;
  const others = [...schema.tags, ...(schema.compat ?? [])].filter((tag) => tag.tag !== 'tag:yaml.org,2002:str');
  return {
    // As plainString (stringifyString.ts) tests them: `default` is true, or 'key' for the merge key.
    typed: others.flatMap((tag) => (tag.default && 'test' in tag && tag.test instanceof RegExp ? [tag.test] : [])),
    claiming: others.filter((tag) => tag.identify !== undefined),
  };
}

const SCHEMA_TESTS: Readonly<Record<YamlWriteOptions['version'], SchemaTests>> = { '1.1': schemaTests('1.1'), '1.2': schemaTests('1.2') };

/** What forces `yaml` to double-quote a string (stringifyString.ts). */
// eslint-disable-next-line no-control-regex -- yaml's own pattern: control characters are what it looks for
const CONTROL_CHARACTERS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
/** What rules out a plain scalar (plainString in stringifyString.ts): indicators, `: `, ` #`, edge whitespace; `yaml` quotes such a string. */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
/** A line that would read as a directive or a document marker. */
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
/** Space, tab or line feed: a block scalar must not start or end with them (indentation indicators, keep chomping). */
const EDGE_WHITESPACE = /^[ \t\n]|[ \t\n]$/;

/**
 * A single-line string quoted as `yaml` quotes it (quotedString): in single quotes when it holds `"`
 * and no `'`, otherwise in double quotes, escaped as JSON (with no control character and no line
 * break, `yaml`'s escapes are JSON's).
 */
function quoted(value: string): string {
  return value.includes('"') && !value.includes("'") ? `'${value}'` : JSON.stringify(value);
}

/** `yaml`'s key order with `sortMapEntries: true` (Schema.ts), on the keys' text. */
function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** Single-line strings as written (the same as a key or a value, at any indent), or {@link NEEDS_YAML}. */
type LineCache = Map<string, string | typeof NEEDS_YAML>;

class Writer {
  /** Every list and object written so far: `yaml` writes a second sighting as an alias. */
  private readonly seen = new Set<object>();
  private readonly tests: SchemaTests;

  constructor(
    private readonly options: YamlWriteOptions,
    private readonly cache: LineCache,
  ) {
    this.tests = SCHEMA_TESTS[options.version];
  }

  /** `value` where `yaml`'s context indent is `indent`. */
  public node(value: unknown, indent: string): string {
    if (Array.isArray(value)) {
      return this.list(value, indent);
    }
    if (isPlainObject(value)) {
      return this.map(value, indent);
    }
    if (typeof value === 'string') {
      return this.value(value, indent);
    }
    if (typeof value === 'boolean') {
      return value ? 'true' : 'false';
    }
    // Whole numbers print as JavaScript does; -0, fractions and the rest follow `yaml`'s number rules.
    if (typeof value === 'number' && Number.isSafeInteger(value) && !Object.is(value, -0)) {
      return String(value);
    }
    if (value === null) {
      return 'null';
    }
    throw NEEDS_YAML;
  }

  /** A string value at `indent`: a literal block when multi-line, folded by `yaml` when too long for a line. */
  private value(value: string, indent: string): string {
    if (value.includes('\n')) {
      return this.literalBlock(value, indent);
    }
    const written = this.line(value);
    const { lineWidth } = this.options;
    // foldFlowLines leaves a line of up to this length alone.
    if (lineWidth > 0 && written.length > Math.max(1 + MIN_CONTENT_WIDTH, 1 + lineWidth - indent.length)) {
      throw NEEDS_YAML;
    }
    return written;
  }

  /**
   * A multi-line string as `yaml` writes it where it may (a value, never a key): a literal block (`|`),
   * stripped (`|-`) unless it ends with one line break, each line indented, empty lines left empty.
   */
  private literalBlock(value: string, indent: string): string {
    const clip = value.endsWith('\n');
    const body = clip ? value.slice(0, -1) : value;
    const { lineWidth } = this.options;
    if (
      body === '' ||
      EDGE_WHITESPACE.test(body) ||
      CONTROL_CHARACTERS.test(body) ||
      this.tests.claiming.some((tag) => tag.identify?.(value)) ||
      // A line longer than this makes `yaml` fold the block (`>`).
      (lineWidth > 0 && body.split('\n').some((line) => line.length > lineWidth - indent.length))
    ) {
      throw NEEDS_YAML;
    }
    return `|${clip ? '' : '-'}\n${indent}${body.replace(/\n+/g, (breaks) => breaks + indent)}`;
  }

  /** A single-line string, plain or quoted, as a key or before folding. */
  private line(value: string): string {
    let written = this.cache.get(value);
    if (written === undefined) {
      written = this.judge(value);
      this.cache.set(value, written);
    }
    if (written === NEEDS_YAML) {
      throw NEEDS_YAML;
    }
    return written;
  }

  private judge(value: string): string | typeof NEEDS_YAML {
    if (value.includes('\n') || CONTROL_CHARACTERS.test(value) || this.tests.claiming.some((tag) => tag.identify?.(value))) {
      return NEEDS_YAML;
    }
    if (NOT_PLAIN.test(value)) {
      return quoted(value);
    }
    if (DOCUMENT_MARKER.test(value)) {
      return NEEDS_YAML;
    }
    return this.tests.typed.some((test) => test.test(value)) ? quoted(value) : value;
  }

  private visit(value: object): void {
    if (this.seen.has(value)) {
      throw NEEDS_YAML;
    }
    this.seen.add(value);
  }

  private map(value: Record<string, unknown>, indent: string): string {
    this.visit(value);
    let keys = Object.keys(value);
    if (!this.options.keepUndefined) {
      keys = keys.filter((key) => value[key] !== undefined);
    }
    if (this.options.sortMapEntries) {
      keys.sort(byKey);
    }
    if (keys.length === 0) {
      return '{}';
    }
    const inner = indent + INDENT_STEP;
    const lines = keys.map((key) => {
      const keyText = this.line(key);
      if (keyText.length > MAX_IMPLICIT_KEY_LENGTH) {
        throw NEEDS_YAML;
      }
      const item = value[key];
      const written = this.node(item, inner);
      const collection = Array.isArray(item) || isPlainObject(item);
      // A collection with items starts on the next line; an empty one is written `{}` or `[]` after the key.
      return collection && written !== '{}' && written !== '[]' ? `${keyText}:\n${inner}${written}` : `${keyText}: ${written}`;
    });
    return lines.join(`\n${indent}`);
  }

  private list(value: readonly unknown[], indent: string): string {
    this.visit(value);
    if (value.length === 0) {
      return '[]';
    }
    const itemIndent = indent + INDENT_STEP;
    const lines: string[] = [];
    for (let i = 0; i < value.length; i++) {
      if (!(i in value) || value[i] === undefined) {
        throw NEEDS_YAML;
      }
      lines.push(`- ${this.node(value[i], itemIndent)}`);
    }
    return lines.join(`\n${indent}`);
  }
}

function write(doc: unknown, options: YamlWriteOptions, cache: LineCache): string | undefined {
  if (!isPlainObject(doc)) {
    return undefined;
  }
  try {
    const body = new Writer(options, cache).node(doc, '');
    // An empty top level is `{}` in flow style, which the fast path leaves to `yaml`.
    return body === '{}' ? undefined : `${body}\n`;
  } catch (err) {
    if (err === NEEDS_YAML) {
      return undefined;
    }
    throw err;
  }
}

/**
 * `doc` as `yaml`'s `stringify(doc, options)` writes it, or undefined when it needs `yaml`'s judgement
 * (see the module's description): the top level must be an object with at least one key.
 */
export function fastYaml(doc: unknown, options: YamlWriteOptions): string | undefined {
  return write(doc, options, new Map());
}

/** `Yaml.stringify(...docs)` (cdk8s), byte for byte. */
export function manifestYaml(docs: readonly unknown[]): string {
  // One file repeats its keys and labels thousands of times: each string is judged once.
  const cache: LineCache = new Map();
  return docs.map((doc) => write(doc, CDK8S_YAML_OPTIONS, cache) ?? Yaml.stringify(doc)).join('---\n');
}
