/**
 * Manifest YAML exactly as cdk8s's `Yaml.stringify` writes it, without the `yaml` package's node tree
 * for the documents that need none of its judgement.
 *
 * `Yaml.stringify` renders each document with `yaml` (YAML 1.1 schema, no line folding): a node per
 * value, then a context object per pair. For a cluster's manifests that was the largest share of the
 * offline run's time per service. Most manifest values are block maps and lists of plain strings, whole
 * numbers and booleans, whose rendering `yaml` leaves no choice about; {@link fastManifestDocument}
 * writes those directly, applying `yaml`'s own tests (its schema's tag patterns for a string that
 * would read back as another type). A document holding anything else (a string that needs quotes or a
 * block scalar, a fraction, undefined, an object seen twice, which `yaml` writes as an alias) is
 * rendered by `yaml` itself, whole.
 */
import { Yaml } from 'cdk8s';
import { Document } from 'yaml';

/** Thrown inside the fast path when a value needs `yaml`'s judgement; never leaves this module. */
const NEEDS_YAML = Symbol('needs yaml');

/** The YAML 1.1 schema cdk8s renders with: its tags decide which plain strings would read back as another type. */
const SCHEMA = new Document(null, { version: '1.1' }).schema;
const TYPED_TAGS: readonly RegExp[] = [...SCHEMA.tags, ...(SCHEMA.compat ?? [])].flatMap((tag) =>
  // As plainString tests them: every default tag but `str` (`default` is 'key' for the merge key, which OTHER_TAGS leaves to `yaml`).
  tag.default && tag.tag !== 'tag:yaml.org,2002:str' && 'test' in tag && tag.test instanceof RegExp ? [tag.test] : [],
);

/**
 * The tags other than `str` that could claim a string: `yaml` writes a string one of them identifies
 * with that tag (`<<`, the merge key, goes bare), so such a string is left to `yaml`.
 */
const OTHER_TAGS = SCHEMA.tags.filter((tag) => tag.tag !== 'tag:yaml.org,2002:str' && tag.identify !== undefined);

/** What forces `yaml` to double-quote a string (stringifyString.ts). */
// eslint-disable-next-line no-control-regex -- yaml's own pattern: control characters are what it looks for
const CONTROL_CHARACTERS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
/** What rules out a plain scalar (plainString in stringifyString.ts): indicators, `: `, ` #`, edge whitespace; `yaml` quotes such a string. */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
/** A line that would read as a directive or a document marker. */
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
/** Longer keys are written as explicit keys (`? key`). */
const MAX_IMPLICIT_KEY_LENGTH = 1024;
const INDENT_STEP = '  ';

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

/**
 * A multi-line string as `yaml` writes it where it may (a value, never a key): a literal block (`|`),
 * stripped (`|-`) unless it ends with one line break, each line indented, empty lines left empty.
 */
function literalBlock(value: string, indent: string): string {
  const clip = value.endsWith('\n');
  const body = clip ? value.slice(0, -1) : value;
  if (body === '' || EDGE_WHITESPACE.test(body)) {
    throw NEEDS_YAML;
  }
  return `|${clip ? '' : '-'}\n${indent}${body.replace(/\n+/g, (breaks) => breaks + indent)}`;
}

/** A string as `yaml` writes it at `indent` (a key when `indent` is undefined), or {@link NEEDS_YAML}. */
function string(value: string, indent: string | undefined): string {
  if (CONTROL_CHARACTERS.test(value) || OTHER_TAGS.some((tag) => tag.identify?.(value))) {
    throw NEEDS_YAML;
  }
  if (value.includes('\n')) {
    if (indent === undefined) {
      throw NEEDS_YAML;
    }
    return literalBlock(value, indent);
  }
  if (NOT_PLAIN.test(value)) {
    return quoted(value);
  }
  if (DOCUMENT_MARKER.test(value)) {
    throw NEEDS_YAML;
  }
  return TYPED_TAGS.some((test) => test.test(value)) ? quoted(value) : value;
}

/**
 * Single-line strings as {@link string} writes them (the same as a key or a value, at any indent), or
 * {@link NEEDS_YAML}; a manifest file repeats its keys and labels thousands of times.
 */
type LineCache = Map<string, string | typeof NEEDS_YAML>;

function cachedString(value: string, indent: string | undefined, cache: LineCache): string {
  if (value.includes('\n')) {
    return string(value, indent);
  }
  let written = cache.get(value);
  if (written === undefined) {
    try {
      written = string(value, indent);
    } catch (err) {
      if (err !== NEEDS_YAML) {
        throw err;
      }
      written = NEEDS_YAML;
    }
    cache.set(value, written);
  }
  if (written === NEEDS_YAML) {
    throw NEEDS_YAML;
  }
  return written;
}

function scalar(value: unknown, indent: string, cache: LineCache): string {
  if (typeof value === 'string') {
    return cachedString(value, indent, cache);
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

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

class Writer {
  /** Every list and object written so far: `yaml` writes a second sighting as an alias. */
  private readonly seen = new Set<object>();

  constructor(private readonly cache: LineCache) {}

  /** `value` where `yaml`'s context indent is `indent`. */
  public node(value: unknown, indent: string): string {
    if (Array.isArray(value)) {
      return this.list(value, indent);
    }
    if (isPlainObject(value)) {
      return this.map(value, indent);
    }
    if (typeof value === 'object' && value !== null) {
      throw NEEDS_YAML;
    }
    return scalar(value, indent, this.cache);
  }

  private visit(value: object): void {
    if (this.seen.has(value)) {
      throw NEEDS_YAML;
    }
    this.seen.add(value);
  }

  private map(value: Record<string, unknown>, indent: string): string {
    this.visit(value);
    const keys = Object.keys(value);
    if (keys.length === 0) {
      return '{}';
    }
    const inner = indent + INDENT_STEP;
    const lines = keys.map((key) => {
      const keyText = cachedString(key, undefined, this.cache);
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

function writeDocument(doc: unknown, cache: LineCache): string | undefined {
  if (!isPlainObject(doc) || Object.keys(doc).length === 0) {
    return undefined;
  }
  try {
    return `${new Writer(cache).node(doc, '')}\n`;
  } catch (err) {
    if (err === NEEDS_YAML) {
      return undefined;
    }
    throw err;
  }
}

/**
 * One document as `Yaml.stringify` writes it, or undefined when it needs `yaml`'s judgement (see the
 * module's description): the top level must be an object with at least one key.
 */
export function fastManifestDocument(doc: unknown): string | undefined {
  return writeDocument(doc, new Map());
}

/** `Yaml.stringify(...docs)`, byte for byte. */
export function manifestYaml(docs: readonly unknown[]): string {
  const cache: LineCache = new Map();
  return docs.map((doc) => writeDocument(doc, cache) ?? Yaml.stringify(doc)).join('---\n');
}
