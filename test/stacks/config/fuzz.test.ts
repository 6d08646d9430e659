/**
 * Every leaf of every shipped stack file, broken three ways (wrong type, out of range, wrong
 * format): the offline run must refuse each, name the leaf's key, and leave the output folder as
 * it was. In-process, one project copy per stack, so the few hundred cases stay fast.
 *
 * Every case goes through `checkStacks`, the check `runOffline` makes before it runs or writes
 * anything, with the broken value set in the stack's config as read from its file. A sample of the
 * cases (every SAMPLE-th, which covers each stack and each way of breaking) also goes the whole way:
 * the broken value written into the YAML file, `runOffline` on the project copy, and the same
 * message as `checkStacks` gave; those prove the output folder is left as it was.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { OfflineConfigError, checkStacks, runOffline } from '../../../stacks/offline';
import { OUTPUT_MARKER } from '../../../constructs/offline/output';
import { RawConfig, readStackFile } from '../../../stacks/config/sources';
import { isSecretValue } from '../../../stacks/config/schema';

const ROOT = path.resolve(__dirname, '../../..');
const STACKS = ['shared', 'prod', 'test'] as const;
/** Every SAMPLE-th case also runs the whole offline run from a broken file. */
const SAMPLE = 8;

type Segment = string | number;
interface Leaf {
  readonly path: readonly Segment[];
  readonly value: string | number | boolean;
}

function leaves(value: unknown, at: readonly Segment[] = []): Leaf[] {
  if (isSecretValue(value)) {
    return []; // `secure:` entries are not config to fuzz; secret() has its own tests
  }
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => leaves(v, [...at, i]));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...at, k]));
  }
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? [{ path: at, value }] : [];
}

/** `['platform:nodePools', 0, 'count']` → `platform:nodePools[0].count`, as config errors name it. */
function configKey(at: readonly Segment[]): string {
  return at.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** The ways to break one leaf; each is invalid wherever a leaf of that type stands. */
function mutations(value: string | number | boolean): Array<[string, unknown]> {
  if (typeof value === 'number') {
    return [
      ['wrong type', `${value}x`],
      ['out of range', -1],
      ['out of range', 1e9],
    ];
  }
  if (typeof value === 'boolean') {
    return [['wrong type', value ? 'yes' : 'no']];
  }
  return [
    ['wrong type', 12345],
    ['wrong format', `${value}\u0000`],
  ];
}

/**
 * Replaces a file with a new one. Rewriting it in place, or renaming another over it, costs a disk
 * flush on ext4 (auto_da_alloc: ~5 ms, twice per case); a new file after an unlink does not.
 */
function replaceFile(file: string, text: string): void {
  fs.rmSync(file);
  fs.writeFileSync(file, text);
}

const RAW = new Map(STACKS.map((stack) => [stack, readStackFile(ROOT, stack)]));

const cases = STACKS.flatMap((stack) =>
  leaves(RAW.get(stack)!.values).flatMap((leaf) => mutations(leaf.value).map(([how, bad]) => ({ stack, leaf, how, bad }))),
).map((c, i) => ({ ...c, whole: i % SAMPLE === 0 }));

/** `raw` with the value at `at` (under its config) replaced, as setting it in the file and reading it again gives. */
function withValue(raw: RawConfig, at: readonly Segment[], value: unknown): RawConfig {
  const values = structuredClone(raw.values) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = values;
  for (const segment of at.slice(0, -1)) {
    parent = parent[segment] as Record<string | number, unknown>;
  }
  parent[at[at.length - 1]] = value;
  return { ...raw, values };
}

/** The error `f` throws, or undefined. */
async function thrownBy(f: () => unknown): Promise<unknown> {
  try {
    await f();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('fuzz: every leaf of every shipped stack file, broken', () => {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-'));
  const out = path.join(project, 'dist');
  const originals = new Map<string, string>();

  beforeAll(() => {
    for (const file of fs.readdirSync(ROOT).filter((f) => /^Pulumi(\..+)?\.yaml$/.test(f))) {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      originals.set(file, text);
      fs.writeFileSync(path.join(project, file), text);
    }
    fs.mkdirSync(out);
    // A previous output, which a good run would replace: a refused one must leave it as it is.
    fs.writeFileSync(path.join(out, OUTPUT_MARKER), '');
    fs.writeFileSync(path.join(out, 'plan.json'), 'previous run');
  });

  test('covers every stack file with many cases', () => {
    for (const stack of STACKS) {
      expect(cases.filter((c) => c.stack === stack).length).toBeGreaterThan(20);
    }
    // The whole-run sample breaks every stack file every way.
    const sampled = new Set(cases.filter((c) => c.whole).map((c) => `${c.stack} ${c.how}`));
    expect([...sampled].sort()).toEqual(
      STACKS.flatMap((s) => ['out of range', 'wrong format', 'wrong type'].map((h) => `${s} ${h}`)).sort(),
    );
  });

  test.each(cases.map((c) => [`${c.stack}: ${configKey(c.leaf.path)} ${c.how} (${JSON.stringify(c.bad)})`, c] as const))(
    '%s is refused',
    async (_name, c) => {
      // What runOffline({ stack }) checks: `shared`, and the stack itself when it is another.
      const stacks = c.stack === 'shared' ? ['shared' as const] : ['shared' as const, c.stack];
      const error = await thrownBy(() =>
        checkStacks(stacks.map((s) => (s === c.stack ? withValue(RAW.get(s)!, c.leaf.path, c.bad) : RAW.get(s)!))),
      );
      if (c.whole) {
        const file = `Pulumi.${c.stack}.yaml`;
        const doc = parseDocument(originals.get(file)!);
        doc.setIn(['config', ...c.leaf.path], c.bad);
        replaceFile(path.join(project, file), doc.toString());
        let whole: unknown;
        try {
          whole = await thrownBy(() => runOffline({ projectDir: project, outDir: out, stack: c.stack }));
        } finally {
          replaceFile(path.join(project, file), originals.get(file)!);
        }
        expect(whole).toBeInstanceOf(OfflineConfigError);
        expect((whole as Error).message).toBe((error as Error).message);
      }
      expect(error).toBeInstanceOf(OfflineConfigError);
      const keys = (error as OfflineConfigError).errors.flatMap((e) => e.issues.map((i) => i.key));
      expect(keys).toContain(configKey(c.leaf.path));
      expect(fs.readdirSync(out).sort()).toEqual([OUTPUT_MARKER, 'plan.json']);
      expect(fs.readFileSync(path.join(out, 'plan.json'), 'utf8')).toBe('previous run');
    },
  );
});
