/**
 * The offline run's evaluation cache: a stack whose name, config, secret keys and the outputs it
 * reads are the same again is reused, and the run writes exactly what a run without the cache writes;
 * any of those changed evaluates it anew.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import { EvaluationCache, OfflineStack, synthesize } from '../../../constructs/offline/synthesize';

/** A custom resource of any type token, without a provider SDK. */
class Thing extends pulumi.CustomResource {
  constructor(name: string, inputs: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
    super('unit:index:Thing', name, inputs, opts);
  }
}

/** How many times each stack's program ran. */
const runs: Record<string, number> = {};

function baseStack(size: number): OfflineStack {
  return {
    name: 'base',
    config: { 'unit:size': JSON.stringify(size) },
    secretKeys: [],
    program: async () => {
      runs.base = (runs.base ?? 0) + 1;
      const config = new pulumi.Config('unit');
      const thing = new Thing('base-thing', { size: config.requireNumber('size') });
      return {
        outputs: { size: thing.id.apply(() => config.requireNumber('size')) },
        artifacts: [{ path: 'base.txt', content: `${size}\n` }],
      };
    },
  };
}

function appStack(name: string, secretKeys: readonly string[] = []): OfflineStack {
  return {
    name: 'app',
    config: { 'unit:name': name },
    secretKeys,
    program: async () => {
      runs.app = (runs.app ?? 0) + 1;
      const size = new pulumi.StackReference('organization/unit/base').getOutput('size');
      new Thing('app-thing', { name: new pulumi.Config('unit').require('name'), size });
      return { outputs: {}, warnings: [`app ${name}`] };
    },
  };
}

const out = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'synthesize-')), 'out');

function folder(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

beforeEach(() => {
  runs.base = 0;
  runs.app = 0;
});

test('the same stacks again: nothing evaluated, the same files written as without the cache', async () => {
  const cache: EvaluationCache = new Map();
  const fresh = out();
  const first = await synthesize({ project: 'unit', outDir: fresh, stacks: [baseStack(2), appStack('a')] });
  const cached = out();
  await synthesize({ project: 'unit', outDir: out(), stacks: [baseStack(2), appStack('a')], cache });
  expect(runs).toEqual({ base: 2, app: 2 });
  const again = await synthesize({ project: 'unit', outDir: cached, stacks: [baseStack(2), appStack('a')], cache });
  expect(runs).toEqual({ base: 2, app: 2 });
  expect(again.plan).toEqual(first.plan);
  expect(again.warnings).toEqual({ app: ['app a'] });
  expect(folder(cached)).toEqual(folder(fresh));
  expect(folder(cached)['base.txt']).toBe('2\n');
  expect(cache.size).toBe(2);
});

test('a changed config or secret keys evaluates that stack anew, and reuses the unchanged one', async () => {
  const cache: EvaluationCache = new Map();
  await synthesize({ project: 'unit', outDir: out(), stacks: [baseStack(2), appStack('a')], cache });
  const changed = await synthesize({ project: 'unit', outDir: out(), stacks: [baseStack(2), appStack('b')], cache });
  expect(runs).toEqual({ base: 1, app: 2 });
  expect(changed.plan.stacks.app.resources.find((r) => r.name === 'app-thing')?.inputs).toEqual({ name: 'b', size: 2 });
  await synthesize({ project: 'unit', outDir: out(), stacks: [baseStack(2), appStack('b', ['unit:name'])], cache });
  expect(runs).toEqual({ base: 1, app: 3 });
});

test('a stack whose referenced outputs changed is evaluated anew, though its own config did not change', async () => {
  const cache: EvaluationCache = new Map();
  await synthesize({ project: 'unit', outDir: out(), stacks: [baseStack(2), appStack('a')], cache });
  const bigger = await synthesize({ project: 'unit', outDir: out(), stacks: [baseStack(3), appStack('a')], cache });
  expect(runs).toEqual({ base: 2, app: 2 });
  expect(bigger.plan.stacks.app.resources.find((r) => r.name === 'app-thing')?.inputs).toEqual({ name: 'a', size: 3 });
});

test('another project is another key', async () => {
  const cache: EvaluationCache = new Map();
  await synthesize({ project: 'unit', outDir: out(), stacks: [baseStack(2)], cache });
  await synthesize({ project: 'other', outDir: out(), stacks: [baseStack(2)], cache });
  expect(runs.base).toBe(2);
});
