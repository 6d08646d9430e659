/** Pulumi's closure serializer loads its heavy dependencies on first use (scripts/lazy-closure-deps.js). */
import { spawnSync } from 'child_process';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deferredModule, DEFERRED } = require('../../scripts/lazy-closure-deps') as {
  deferredModule: (load: () => unknown) => Record<string, unknown> & ((...args: unknown[]) => unknown);
  DEFERRED: ReadonlySet<string>;
};

const HOOK = path.resolve(__dirname, '../../scripts/lazy-closure-deps.js');

// TypeScript's CommonJS helpers exactly as @pulumi/pulumi's compiled modules define them.
function importStar(mod: Record<string, unknown>): Record<string, unknown> {
  if (mod && mod.__esModule) {
    return mod;
  }
  const result: Record<string, unknown> = {};
  for (const k in mod) {
    if (Object.hasOwnProperty.call(mod, k)) {
      result[k] = mod[k];
    }
  }
  result.default = mod;
  return result;
}
function importDefault(mod: unknown): { default: unknown } {
  return mod && (mod as { __esModule?: boolean }).__esModule ? (mod as { default: unknown }) : { default: mod };
}

describe('deferredModule', () => {
  test('loads nothing until used, then once; reads through the TypeScript import helpers like the module', () => {
    let loads = 0;
    class Tree {
      constructor(public readonly path: string) {}
    }
    const lazy = deferredModule(() => {
      loads++;
      return { Tree, version: '1.0.0' };
    });
    const star = importStar(lazy);
    expect(loads).toBe(0);
    const T = star.Tree as typeof Tree;
    expect(new T('/work').path).toBe('/work');
    expect(star.version).toBe('1.0.0');
    expect('Tree' in lazy).toBe(true);
    expect(loads).toBe(1);
  });

  test('a function module: its default import and a direct call both call it', () => {
    const normalize = (data: { name: string }) => ({ ...data, normalized: true });
    const lazy = deferredModule(() => normalize);
    expect((importDefault(lazy).default as typeof normalize)({ name: 'x' })).toEqual({ name: 'x', normalized: true });
    expect(lazy({ name: 'y' })).toEqual({ name: 'y', normalized: true });
  });

  test('an ES module stays as it is: its own default export', () => {
    const lazy = deferredModule(() => ({ __esModule: true, default: 'the default' }));
    expect(importDefault(lazy).default).toBe('the default');
  });
});

describe('deferClosureDeps in a Node.js process', () => {
  // One process: loading the SDK defers exactly the three modules, and serializing a closure still works.
  const script = `
    require(${JSON.stringify(HOOK)}).deferClosureDeps();
    const loaded = (name) => Object.keys(require.cache).some((f) => f.includes(name));
    const pulumi = require('@pulumi/pulumi');
    const before = { typescript: loaded('/node_modules/typescript/'), arborist: loaded('/@npmcli/arborist/'), normalize: loaded('/normalize-package-data/') };
    const elsewhere = typeof require('normalize-package-data');
    pulumi.runtime.serializeFunction(() => 40 + 2).then((f) => {
      console.log(JSON.stringify({ before, elsewhere, after: loaded('/node_modules/typescript/'), text: f.text.includes('40 + 2') }));
    });`;
  // (Serializing walks Node.js's globals, whose getters print deprecation warnings: --no-warnings.)
  const run = spawnSync(process.execPath, ['--no-warnings', '-e', script], { cwd: path.resolve(__dirname, '../..'), encoding: 'utf8' });

  test('the SDK loads without TypeScript, Arborist and normalize-package-data', () => {
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).before).toEqual({ typescript: false, arborist: false, normalize: false });
    expect([...DEFERRED].sort()).toEqual(['../../typescript-shim', '@npmcli/arborist', 'normalize-package-data']);
  });

  test('required from anywhere else, the same module loads as usual; a closure still serializes', () => {
    const result = JSON.parse(run.stdout);
    expect(result.elsewhere).toBe('function');
    expect(result.after).toBe(true);
    expect(result.text).toBe(true);
  });
});
