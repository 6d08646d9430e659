/**
 * `engines.node` is a claim about the published package: every package a consumer installs with it
 * (its dependencies, its peer dependencies, and theirs, as the lock file resolves them) accepts the
 * oldest Node.js it names. Development needs more than that only where the README says so: the
 * test-only `kubernetes-models` packages declare Node.js 22; anything else would fail here.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as semver from 'semver';

const ROOT = path.resolve(__dirname, '../..');

interface LockEntry {
  readonly version?: string;
  readonly engines?: { readonly node?: string } | string[];
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { readonly optional?: boolean }>;
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as LockEntry & { engines: { node: string } };
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };

/** The dev-only packages that need a newer Node.js than `engines` names, each with why that is fine. */
const DEV_ONLY_NEWER_NODE: Readonly<Record<string, string>> = {
  'kubernetes-models': 'test-only schema checks of the manifests; runs on Node.js 20 (CI runs it there)',
  '@kubernetes-models/apimachinery': 'part of kubernetes-models',
  '@kubernetes-models/base': 'part of kubernetes-models',
  '@kubernetes-models/validate': 'part of kubernetes-models',
  'eslint-visitor-keys':
    'lint only (typescript-eslint 8 wants v5, engines ^20.19); `npm run lint` is a development step, never run by a package user',
};

/** Where npm resolves `name` from the package installed at `from` (nested node_modules first). */
function resolveIn(from: string, name: string): string | undefined {
  for (let dir = from; ; dir = dir.replace(/\/?node_modules\/(@[^/]+\/)?[^/]+$/, '')) {
    const candidate = `${dir === '' ? '' : `${dir}/`}node_modules/${name}`;
    if (candidate in lock.packages) return candidate;
    if (dir === '') return undefined;
  }
}

/** Every lock entry a consumer of the package installs: dependencies and peers, transitively. */
function runtimeClosure(): string[] {
  const seen = new Set<string>();
  const queue = [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})].map((n) => resolveIn('', n));
  while (queue.length > 0) {
    const at = queue.pop();
    if (at === undefined || seen.has(at)) continue;
    seen.add(at);
    const entry = lock.packages[at];
    const required = Object.keys(entry.peerDependencies ?? {}).filter((p) => entry.peerDependenciesMeta?.[p]?.optional !== true);
    for (const name of [...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {}), ...required]) {
      queue.push(resolveIn(at, name));
    }
  }
  return [...seen].sort();
}

/** The entries whose `engines.node` refuses `version`. */
function refusing(locations: readonly string[], version: string): string[] {
  return locations.filter((at) => {
    const engines = lock.packages[at].engines;
    const node = engines !== undefined && !Array.isArray(engines) ? engines.node : undefined;
    return node !== undefined && !semver.satisfies(version, node);
  });
}

/** The oldest Node.js of each line `engines` admits: `^20.17.0 || >=22.9.0` gives 20.17.0 and 22.9.0. */
const OLDEST = new semver.Range(manifest.engines.node).set.map(
  (comparators) => semver.minVersion(comparators.map((c) => c.value).join(' '))?.version ?? '',
);

test('engines names the lower bound of each Node.js line', () => {
  // @pulumi/pulumi depends on npm's own libraries (@npmcli/arborist, pacote, …): ^20.17.0 || >=22.9.0.
  expect(manifest.engines.node).toBe('^20.17.0 || >=22.9.0');
  expect(OLDEST).toEqual(['20.17.0', '22.9.0']);
});

test('the lock file is resolved through: the SDKs and their dependencies are in the closure', () => {
  const closure = runtimeClosure();
  expect(closure).toEqual(
    expect.arrayContaining([
      'node_modules/@pulumi/pulumi',
      'node_modules/@pulumi/alicloud',
      'node_modules/cdk8s-plus-27',
      'node_modules/yaml',
      'node_modules/@grpc/grpc-js',
    ]),
  );
  expect(closure.filter((at) => /kubernetes-models|jest|typedoc|gitlab-ci-local/.test(at))).toEqual([]);
});

test.each(OLDEST)('every package a consumer installs accepts Node.js %s', (oldest) => {
  expect(refusing(runtimeClosure(), oldest)).toEqual([]);
});

test('in development, only the known test-only packages want a newer Node.js than 20', () => {
  const all = Object.keys(lock.packages).filter((at) => at !== '');
  const names = refusing(all, OLDEST[0])
    .map((at) => at.replace(/^.*node_modules\//, ''))
    .sort();
  expect(names).toEqual(Object.keys(DEV_ONLY_NEWER_NODE).sort());
  // typescript-eslint's eslint-visitor-keys 5 wants ^22.13 on the 22 line: lint only, never installed by a user.
  expect(refusing(all, OLDEST[1]).map((at) => at.replace(/^.*node_modules\//, ''))).toEqual(['eslint-visitor-keys']);
});
