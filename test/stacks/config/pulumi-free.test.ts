/**
 * The stack config is parsed on the Kubernetes-only path too (`cdk8s synth`), which must load no
 * Pulumi module: stacks/config imports constructs/ only through the Pulumi-free entry points, and
 * nothing behind them loads `@pulumi/*` either. Checked in a fresh Node process, where the require
 * cache shows every module loaded. Its .ts files load through the cached transpiler `npm run synth`
 * uses (scripts/ts-transpile.js): on a hit it does not load TypeScript, whose own load would be most
 * of this test's time.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../..');

/** The packages under node_modules that loading `entry` (a .ts file or folder of this repository) loads. */
function packagesLoadedBy(entry: string): string[] {
  const script = `
    const fs = require('fs');
    const { transpileCached } = require('./scripts/ts-transpile');
    require.extensions['.ts'] = (m, f) => m._compile(transpileCached(fs.readFileSync(f, 'utf8'), f).code, f);
    require(${JSON.stringify(path.join(ROOT, entry))});
    const names = Object.keys(require.cache)
      .map((f) => /node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/.exec(f))
      .filter(Boolean)
      .map((m) => m[1].replace(/\\\\/g, '/'));
    console.log(JSON.stringify([...new Set(names)].sort()));
  `;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })) as string[];
}

test('parsing the stack config loads no @pulumi module', () => {
  const loaded = packagesLoadedBy('stacks/config');
  expect(loaded).toContain('yaml');
  expect(loaded.filter((p) => p.startsWith('@pulumi/'))).toEqual([]);
}, 60_000);
