/** The parts of Pulumi's SDK no program here uses load on first use (scripts/defer-sdk-modules.js). */
import { spawnSync } from 'child_process';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deferredModule, DEFERRED } = require('../../scripts/defer-sdk-modules') as {
  deferredModule: (load: () => unknown) => Record<string, unknown> & ((...args: unknown[]) => unknown);
  DEFERRED: ReadonlyArray<{ from: string; request: string }>;
};

const HOOK = path.resolve(__dirname, '../../scripts/defer-sdk-modules.js');

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

describe('deferSdkModules in a Node.js process', () => {
  // One process: loading the SDK defers exactly those modules; serializing a closure and the
  // Automation API and provider SDK still work, loading them then.
  const script = `
    require(${JSON.stringify(HOOK)}).deferSdkModules();
    const loaded = (name) => Object.keys(require.cache).some((f) => f.includes(name));
    const state = () => ({
      typescript: loaded('/node_modules/typescript/'),
      arborist: loaded('/@npmcli/arborist/'),
      normalize: loaded('/normalize-package-data/'),
      automation: loaded('/@pulumi/pulumi/automation/'),
      provider: loaded('/@pulumi/pulumi/provider/'),
    });
    const pulumi = require('@pulumi/pulumi');
    const before = state();
    const elsewhere = typeof require('normalize-package-data');
    const api = { workspace: typeof pulumi.automation.LocalWorkspace, providerMain: typeof pulumi.provider.main };
    pulumi.runtime.serializeFunction(() => 40 + 2).then((f) => {
      console.log(JSON.stringify({ before, elsewhere, api, after: state(), text: f.text.includes('40 + 2') }));
    });`;
  // (Serializing walks Node.js's globals, whose getters print deprecation warnings: --no-warnings.)
  const run = spawnSync(process.execPath, ['--no-warnings', '-e', script], { cwd: path.resolve(__dirname, '../..'), encoding: 'utf8' });

  test('the SDK loads without TypeScript, Arborist, normalize-package-data, the Automation API and the provider SDK', () => {
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).before).toEqual({
      typescript: false,
      arborist: false,
      normalize: false,
      automation: false,
      provider: false,
    });
    expect(DEFERRED.map((d) => d.request).sort()).toEqual([
      '../../typescript-shim',
      './automation',
      './provider',
      '@npmcli/arborist',
      'normalize-package-data',
    ]);
  });

  test('required from anywhere else, the same module loads as usual; each deferred part works when used', () => {
    const result = JSON.parse(run.stdout);
    expect(result.elsewhere).toBe('function');
    expect(result.api).toEqual({ workspace: 'function', providerMain: 'function' });
    // normalize-package-data: required directly above; Arborist: only a closure of a package's own code needs it.
    expect(result.after).toEqual({ typescript: true, arborist: false, normalize: true, automation: true, provider: true });
    expect(result.text).toBe(true);
  });
});
