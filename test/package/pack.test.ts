/**
 * The published package as a consumer gets it: built as `npm pack`'s `prepack` builds it (in this
 * process, see beforeAll), packed by `npm pack`, then `examples/small-platform` copied to a temporary folder with the tarball unpacked as its
 * `aliyun-kubesphere` dependency, compiled with its own tsconfig and run through its offline run.
 *
 * Offline and fast: the example's other dependencies (the SDKs, TypeScript) are linked from this
 * repository's node_modules, as an install from the registry would put the same versions there.
 * Nothing else of the repository is reachable from the copy: the package is a real folder from the
 * tarball, and the example's sources, tsconfig and stack config are copies.
 *
 * `templates/kubesphere-platform` goes the same way, as `pulumi new` would make it: its placeholders
 * filled, `Pulumi.dev.yaml` written from the template's config (defaults, and answers for the rest).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type * as TypeScript from 'typescript';
import { parse, stringify } from 'yaml';

// The emit cache below keeps its entries as the transpile cache does (scripts/cache-entry.js).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readVerifiedEntry, sha256, writeVerifiedEntry } = require('../../scripts/cache-entry') as {
  readVerifiedEntry: (file: string) => string | undefined;
  sha256: (...parts: string[]) => string;
  writeVerifiedEntry: (file: string, body: string) => void;
};

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLE = path.join(ROOT, 'examples', 'small-platform');
const TEMPLATE = path.join(ROOT, 'templates', 'kubesphere-platform');
const PACKAGE = 'aliyun-kubesphere';
const PEERS = ['@pulumi/alicloud', '@pulumi/kubernetes', '@pulumi/pulumi', '@viz-js/viz', 'cdk8s', 'cdk8s-plus-27', 'constructs'];

interface PackResult {
  readonly filename: string;
  readonly files: ReadonlyArray<{ readonly path: string }>;
}

interface Manifest {
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly main?: string;
  readonly types?: string;
}

interface PlanFile {
  readonly stacks: Record<string, { readonly resources: ReadonlyArray<{ readonly type: string; readonly name: string }> }>;
}

let tmp: string;
let packed: PackResult;
let installed: Manifest;
let example: string;
let outDir: string;

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** `node_modules/<name>` → this repository's copy: what a registry install of the same version gives. */
function linkFromRepo(nodeModules: string, name: string): void {
  const target = path.join(nodeModules, name);
  if (fs.existsSync(target)) {
    return;
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.symlinkSync(fs.realpathSync(path.join(ROOT, 'node_modules', name)), target, 'dir');
}

/**
 * Declaration files every compile here reads: the SDKs', Node's and TypeScript's own, the same files
 * (links into this repository's node_modules). Parsed and bound once, as an editor's language service
 * shares them between projects; each compile still type-checks its own program. Keyed by what decides
 * their parse (language version, module format, JSDoc mode): a compile with other ones parses its own
 * copy. Only declaration files: the binder ignores the options that differ between these compiles
 * (strictness, switch fallthrough, unused labels) in them.
 */
const declarations = new Map<string, TypeScript.SourceFile>();

/** The TypeScript of `dir`'s node_modules. */
function typescriptOf(dir: string): typeof TypeScript {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(dir, 'node_modules', 'typescript')) as typeof TypeScript;
}

/**
 * `tsc` in `dir` with `options` on `rootNames`, in this process: type-checks, writes what it emits
 * (unless `noEmit`; `emit` in place of `program.emit()`); fails with tsc's diagnostics.
 */
function compile(
  ts: typeof TypeScript,
  dir: string,
  options: TypeScript.CompilerOptions,
  rootNames: readonly string[],
  emit = (program: TypeScript.Program): TypeScript.EmitResult => program.emit(),
): void {
  const host = ts.createCompilerHost(options);
  host.getCurrentDirectory = () => dir;
  // As tsc sets it: JSDoc is parsed only where it carries types (JavaScript files), not the SDKs' docs.
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, onError, create) => {
    if (!fileName.startsWith(path.join(ROOT, 'node_modules') + path.sep) || !fileName.endsWith('.d.ts')) {
      return read(fileName, language, onError, create);
    }
    const parse = typeof language === 'object' ? language : { languageVersion: language };
    const key = [parse.languageVersion, parse.impliedNodeFormat, parse.jsDocParsingMode, fileName].join(' ');
    const known = declarations.get(key) ?? read(fileName, language, onError, create);
    if (known !== undefined) {
      declarations.set(key, known);
    }
    return known;
  };
  const program = ts.createProgram({ rootNames: rootNames.map((f) => path.resolve(dir, f)), options, host });
  // What tsc reports, in its order (emitFilesAndReportErrors): the declaration diagnostics come with
  // the emit, not from a declaration pass of their own.
  const diagnostics = [...program.getConfigFileParsingDiagnostics(), ...program.getSyntacticDiagnostics()];
  if (diagnostics.length === 0) {
    diagnostics.push(...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics());
    if (diagnostics.length === 0) {
      diagnostics.push(...program.getSemanticDiagnostics());
    }
  }
  const emitted = emit(program);
  diagnostics.push(...emitted.diagnostics);
  if (diagnostics.length > 0 || (emitted.emitSkipped && !options.noEmit)) {
    throw new Error(
      ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => dir, getNewLine: () => '\n' }),
    );
  }
}

/**
 * `tsc -p <config>` in `dir`, in this process, with the TypeScript of `dir`'s node_modules; `override`
 * as tsc's flags would (e.g. `--noCheck`); `emit` as in {@link compile}.
 */
function compileProject(
  dir: string,
  config = 'tsconfig.json',
  override: TypeScript.CompilerOptions = {},
  emit?: (program: TypeScript.Program) => TypeScript.EmitResult,
): void {
  const ts = typescriptOf(dir);
  const failed = (diagnostics: readonly TypeScript.Diagnostic[]): never => {
    throw new Error(
      ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => dir, getNewLine: () => '\n' }),
    );
  };
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(dir, config), override, {
    ...ts.sys,
    getCurrentDirectory: () => dir,
    onUnRecoverableConfigFileDiagnostic: (d) => failed([d]),
  });
  if (parsed === undefined || parsed.errors.length > 0) {
    failed(parsed?.errors ?? []);
  }
  compile(ts, dir, parsed!.options, parsed!.fileNames, emit);
}

/**
 * Where the package build keeps what tsc emitted for each file (see {@link emitCached}): with the
 * installed packages, as scripts/ts-transpile.js keeps its transpiles, so `npm ci` starts it empty.
 */
const EMIT_CACHE = path.join(ROOT, 'node_modules', '.cache', 'aliyun-kubesphere-package');

/**
 * `program.emit()` one root file at a time, what tsc emits for each kept on disk by a hash of what
 * decides it: TypeScript's version, the compiler options, the file's path and its text. Nothing else
 * decides it: with `isolatedModules` (tsconfig.json) and `isolatedDeclarations` (tsconfig.package.json)
 * tsc rejects a file whose .js or .d.ts would depend on another file or a dependency's declarations (a
 * test pins both options). A file found in the cache is written from it, not emitted again; only an
 * emit without diagnostics is stored. An entry carries a hash of its body: a truncated or edited entry
 * is emitted again.
 */
function emitCached(ts: typeof TypeScript, program: TypeScript.Program, cacheDir = EMIT_CACHE): TypeScript.EmitResult {
  const options = program.getCompilerOptions();
  const outDir = options.outDir!;
  const optionsKey = JSON.stringify(Object.entries(options).sort(([a], [b]) => a.localeCompare(b)));
  const diagnostics: TypeScript.Diagnostic[] = [];
  let emitSkipped = false;
  for (const fileName of program.getRootFileNames()) {
    const source = program.getSourceFile(fileName)!;
    const entry = path.join(cacheDir, `${sha256(ts.version, optionsKey, fileName, source.text)}.json`);
    const body = readVerifiedEntry(entry);
    let outputs: Record<string, string> | undefined = body === undefined ? undefined : (JSON.parse(body) as Record<string, string>);
    if (outputs === undefined) {
      const emitted: Record<string, string> = {};
      const result = program.emit(source, (name, data) => {
        emitted[path.relative(outDir, name)] = data;
      });
      diagnostics.push(...result.diagnostics);
      emitSkipped ||= result.emitSkipped;
      outputs = emitted;
      if (result.diagnostics.length === 0 && !result.emitSkipped) {
        writeVerifiedEntry(entry, JSON.stringify(emitted));
      }
    }
    for (const [name, data] of Object.entries(outputs)) {
      fs.mkdirSync(path.dirname(path.join(outDir, name)), { recursive: true });
      fs.writeFileSync(path.join(outDir, name), data);
    }
  }
  return { diagnostics, emitSkipped };
}

/** `tsc <args>` (files on the command line, no tsconfig) in `dir`, in this process. */
function compileFiles(dir: string, args: readonly string[]): void {
  const ts = typescriptOf(dir);
  const parsed = ts.parseCommandLine(args);
  if (parsed.errors.length > 0) {
    throw new Error(
      ts.formatDiagnostics(parsed.errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => dir, getNewLine: () => '\n' }),
    );
  }
  compile(ts, dir, parsed.options, parsed.fileNames);
}

/** The scripts by which `npm pack` builds the package (package.json), which beforeAll runs in this process. */
const PREPACK = 'npm run build:package';
const BUILD_PACKAGE = `node -e "require('fs').rmSync('lib/package',{recursive:true,force:true})" && tsc -p tsconfig.package.json`;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pack-'));
  // `npm pack` runs `prepack` (PREPACK, then BUILD_PACKAGE), done here in this process so its compile
  // shares the SDKs' parsed declarations with the consumers' below; a test pins the two scripts.
  // Without the type-check (`--noCheck`): `npm run build` type-checks constructs/ (.ci/run, before
  // the tests), and the emitted files are the same (tsc 5.x emits declarations without it). What tsc
  // emitted for a file before is taken from the cache (emitCached): the program is still made, as the
  // consumers below share its parse of the SDKs' declarations.
  fs.rmSync(path.join(ROOT, 'lib', 'package'), { recursive: true, force: true });
  compileProject(ROOT, 'tsconfig.package.json', { noCheck: true }, (program) => emitCached(typescriptOf(ROOT), program));
  const stdout = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  [packed] = JSON.parse(stdout.slice(stdout.indexOf('['))) as PackResult[];

  example = path.join(tmp, 'small-platform');
  fs.cpSync(EXAMPLE, example, { recursive: true, filter: (src) => !/[\\/](node_modules|lib|dist)$/.test(src) });
  const nodeModules = path.join(example, 'node_modules');
  const unpacked = path.join(tmp, 'unpacked');
  fs.mkdirSync(unpacked);
  execFileSync('tar', ['-xzf', path.join(tmp, packed.filename), '-C', unpacked]);
  fs.mkdirSync(nodeModules);
  fs.renameSync(path.join(unpacked, 'package'), path.join(nodeModules, PACKAGE));
  installed = readJson<Manifest>(path.join(nodeModules, PACKAGE, 'package.json'));

  const consumer = readJson<Manifest>(path.join(example, 'package.json'));
  const wanted = [
    ...Object.keys(consumer.dependencies ?? {}),
    ...Object.keys(consumer.devDependencies ?? {}),
    ...Object.keys(installed.dependencies ?? {}),
  ];
  for (const name of wanted.filter((n) => n !== PACKAGE)) {
    linkFromRepo(nodeModules, name);
  }

  compileProject(example);
  outDir = path.join(tmp, 'out');
  execFileSync(process.execPath, [path.join(example, 'lib', 'synth.js'), outDir], {
    cwd: example,
    stdio: 'pipe',
    env: { ...process.env, NODE_PATH: '' },
  });
}, 120_000);

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('the tarball holds the compiled package and no tests, stacks, entry points or dist/', () => {
  const files = packed.files.map((f) => f.path);
  expect(files).toContain('package.json');
  expect(files).toContain('lib/package/index.js');
  expect(files).toContain('lib/package/index.d.ts');
  expect(files.filter((f) => /^(test|stacks|infra|dist|examples|scripts|bench|constructs|docs)\//.test(f))).toEqual([]);
  expect(files.filter((f) => /\.ts$/.test(f) && !/\.d\.ts$/.test(f))).toEqual([]);
  expect(files.filter((f) => /(^|\/)Pulumi\.|\.test\.|\.map$|\.tgz$/.test(f))).toEqual([]);
});

test('`npm pack` builds the package first: prepack empties lib/package and compiles tsconfig.package.json', () => {
  const scripts = readJson<{ scripts: Record<string, string> }>(path.join(ROOT, 'package.json')).scripts;
  expect(scripts.prepack).toBe(PREPACK);
  expect(scripts['build:package']).toBe(BUILD_PACKAGE);
});

test('each file of the package emits on its own (isolatedModules, isolatedDeclarations): what the emit cache keys on', () => {
  const ts = typescriptOf(ROOT);
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(ROOT, 'tsconfig.package.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  )!;
  expect([parsed.options.isolatedModules, parsed.options.isolatedDeclarations]).toEqual([true, true]);
});

test('the emit cache gives back what tsc emitted for a file, and emits again for a changed file or a damaged entry', () => {
  const project = path.join(tmp, 'emit-cache');
  const cacheDir = path.join(tmp, 'emit-cache-entries');
  fs.mkdirSync(path.join(project, 'src'), { recursive: true });
  linkFromRepo(path.join(project, 'node_modules'), 'typescript');
  const options = { target: 'ES2022', module: 'commonjs', lib: ['ES2022'], types: [], declaration: true, isolatedModules: true };
  fs.writeFileSync(
    path.join(project, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { ...options, isolatedDeclarations: true, rootDir: 'src', outDir: 'out' } }),
  );
  fs.writeFileSync(path.join(project, 'src', 'a.ts'), 'export const A: number = 1;\n');
  fs.writeFileSync(path.join(project, 'src', 'b.ts'), "export { A } from './a';\nexport const B = 'b';\n");
  const ts = typescriptOf(project);
  const build = (): Record<string, string> => {
    fs.rmSync(path.join(project, 'out'), { recursive: true, force: true });
    compileProject(project, 'tsconfig.json', { noCheck: true }, (program) => emitCached(ts, program, cacheDir));
    const out = path.join(project, 'out');
    return Object.fromEntries(fs.readdirSync(out).map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8')]));
  };
  const emitted = build();
  expect(Object.keys(emitted).sort()).toEqual(['a.d.ts', 'a.js', 'b.d.ts', 'b.js']);
  expect(emitted['b.d.ts']).toBe('export { A } from \'./a\';\nexport declare const B = "b";\n');
  const entries = fs.readdirSync(cacheDir).map((f) => path.join(cacheDir, f));
  expect(entries).toHaveLength(2);
  // A valid entry is used as it is: one that says otherwise shows it was read, not emitted again.
  const [aEntry] = entries.filter((e) => fs.readFileSync(e, 'utf8').includes('a.js'));
  writeVerifiedEntry(aEntry, readVerifiedEntry(aEntry)!.replace('exports.A = 1', 'exports.A = 2'));
  expect(build()['a.js']).toContain('exports.A = 2');
  // A damaged entry (its hash does not match) is emitted again, and stored again.
  fs.writeFileSync(aEntry, fs.readFileSync(aEntry, 'utf8').replace('exports.A = 2', 'exports.A = 3'));
  expect(build()).toEqual(emitted);
  expect(fs.readFileSync(aEntry, 'utf8')).toContain('exports.A = 1');
  // A changed file is another key.
  fs.writeFileSync(path.join(project, 'src', 'a.ts'), 'export const A: number = 4;\n');
  expect(build()['a.js']).toContain('exports.A = 4');
  expect(fs.readdirSync(cacheDir)).toHaveLength(3);
});

test('the SDKs are peer dependencies, so the consumer has one copy of each', () => {
  expect(Object.keys(installed.peerDependencies ?? {}).sort()).toEqual(PEERS);
  expect(Object.keys(installed.dependencies ?? {}).filter((d) => PEERS.includes(d))).toEqual([]);
  expect(installed.main).toBe('lib/package/index.js');
  expect(installed.types).toBe('lib/package/index.d.ts');
});

test('the example resolves the package from the tarball, not from this repository', () => {
  const resolved = require.resolve(PACKAGE, { paths: [example] });
  expect(resolved).toBe(path.join(example, 'node_modules', PACKAGE, 'lib', 'package', 'index.js'));
  expect(fs.lstatSync(path.join(example, 'node_modules', PACKAGE)).isSymbolicLink()).toBe(false);
  // Only registry packages are links; every other file of the copy is a real file.
  const links: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        links.push(path.relative(example, full));
      } else if (entry.isDirectory() && full !== path.join(example, 'node_modules', PACKAGE)) {
        walk(full);
      }
    }
  };
  walk(example);
  expect(links.filter((l) => !l.startsWith(`node_modules${path.sep}`))).toEqual([]);
});

/**
 * The subpath entry points (package.json `exports`) and whether each may load a Pulumi module: the
 * Kubernetes-only path (`cdk8s synth`) and a config layer build on the Pulumi-free ones.
 */
const SUBPATH_LOADS_PULUMI: Readonly<Record<string, boolean>> = {
  core: false,
  'alicloud/plan': false,
  kubekey: false,
  k8s: false,
  'stack-config': false,
  diagram: false,
  ci: false,
  policy: false,
  offline: true,
};

/** What loading the entry points in the example gives (see entryLoads). */
interface EntryLoads {
  /** Per subpath, loaded alone: the file it resolves to, its number of exports, the @pulumi modules loaded. */
  readonly subpaths: Record<string, { readonly file: string; readonly exports: number; readonly pulumi: string[] }>;
  /** Per subpath, the exports of the subpath entry the main entry does not re-export (the same object). */
  readonly notReexported: Record<string, string[]>;
}

let loads: EntryLoads | undefined;

/**
 * Loads the entry points with Node in the example, as its code would: the package from its
 * node_modules. One process: before each subpath the module cache is emptied, so what is in it after
 * is what that subpath loads, as in a process of its own. Then the main entry, in the same cache as
 * the last subpath (the one loading Pulumi, whose load is the longest), and every subpath again from
 * that cache, as a consumer's program loads them: a re-export is the same object only if the main
 * entry loads the same module file.
 */
function entryLoads(): EntryLoads {
  const subpaths = exportedSubpaths().sort((a, b) => Number(SUBPATH_LOADS_PULUMI[a] ?? false) - Number(SUBPATH_LOADS_PULUMI[b] ?? false));
  const script = `
    const subpaths = ${JSON.stringify(subpaths)};
    const NAMESPACE = { core: undefined, 'alicloud/plan': undefined, kubekey: 'kubekey', k8s: 'k8s', 'stack-config': 'stackConfig',
      offline: 'offline', diagram: 'diagram', ci: 'ci', policy: 'policy' };
    const fresh = () => { for (const f of Object.keys(require.cache)) delete require.cache[f]; };
    const result = { subpaths: {}, notReexported: {} };
    for (const sub of subpaths) {
      fresh();
      const m = require('${PACKAGE}/' + sub);
      const pulumi = Object.keys(require.cache).filter((f) => /node_modules[\\/]@pulumi[\\/]/.test(f));
      result.subpaths[sub] = { file: require.resolve('${PACKAGE}/' + sub), exports: Object.keys(m).length, pulumi };
    }
    const main = require('${PACKAGE}');
    for (const [sub, ns] of Object.entries(NAMESPACE)) {
      result.notReexported[sub] = Object.entries(require('${PACKAGE}/' + sub)).filter(([k, v]) => (ns ? main[ns][k] : main[k]) !== v).map(([k]) => k);
    }
    console.log(JSON.stringify(result));`;
  loads ??= JSON.parse(
    execFileSync(process.execPath, ['-e', script], { cwd: example, encoding: 'utf8', env: { ...process.env, NODE_PATH: '' } }),
  ) as EntryLoads;
  return loads;
}

/** The subpaths of the installed package's `exports`. */
function exportedSubpaths(): string[] {
  return Object.keys(readJson<{ exports: Record<string, unknown> }>(path.join(example, 'node_modules', PACKAGE, 'package.json')).exports)
    .filter((k) => k !== '.' && k !== './package.json')
    .map((k) => k.slice(2));
}

test('every subpath of `exports` loads from the tarball; the Pulumi-free ones load no @pulumi module', () => {
  const subpaths = exportedSubpaths();
  expect(subpaths.sort()).toEqual(Object.keys(SUBPATH_LOADS_PULUMI).sort());
  const loaded = entryLoads().subpaths;
  expect(Object.keys(loaded).sort()).toEqual(subpaths.sort());
  for (const subpath of subpaths) {
    expect(path.relative(path.join(example, 'node_modules', PACKAGE), loaded[subpath].file).startsWith(path.join('lib', 'package'))).toBe(
      true,
    );
    expect(loaded[subpath].exports).toBeGreaterThan(0);
    expect([subpath, loaded[subpath].pulumi.length > 0]).toEqual([subpath, SUBPATH_LOADS_PULUMI[subpath]]);
  }
});

test('the main entry re-exports every subpath entry', () => {
  expect(entryLoads().notReexported).toEqual({
    core: [],
    'alicloud/plan': [],
    kubekey: [],
    k8s: [],
    'stack-config': [],
    offline: [],
    diagram: [],
    ci: [],
    policy: [],
  });
});

test.each(['node16', 'node10'])('a TypeScript consumer (moduleResolution %s) gets the types of a subpath entry', (resolution) => {
  const consumer = path.join(tmp, `subpath-${resolution}`);
  fs.mkdirSync(consumer);
  fs.symlinkSync(path.join(example, 'node_modules'), path.join(consumer, 'node_modules'), 'dir');
  fs.writeFileSync(
    path.join(consumer, 'index.ts'),
    [
      `import { Validator } from '${PACKAGE}/core';`,
      `import { planVSwitches } from '${PACKAGE}/alicloud/plan';`,
      `import { DEFAULT_KUBERNETES_VERSION } from '${PACKAGE}/kubekey';`,
      `import { DEFAULT_NAS_STORAGE_CLASS_NAME } from '${PACKAGE}/k8s';`,
      `export const used: [Validator, typeof planVSwitches, string, string] = [new Validator(), planVSwitches, DEFAULT_KUBERNETES_VERSION, DEFAULT_NAS_STORAGE_CLASS_NAME];`,
      '',
    ].join('\n'),
  );
  const module = resolution === 'node16' ? 'node16' : 'commonjs';
  compileFiles(consumer, [
    '--noEmit',
    '--strict',
    '--skipLibCheck',
    '--types',
    'node',
    '--module',
    module,
    '--moduleResolution',
    resolution,
    'index.ts',
  ]);
});

test("the example's offline run plans exactly the small platform", () => {
  const plan = readJson<PlanFile>(path.join(outDir, 'plan.json'));
  expect(Object.keys(plan.stacks)).toEqual(['dev']);
  const counts: Record<string, number> = {};
  for (const r of plan.stacks.dev.resources) {
    counts[r.type] = (counts[r.type] ?? 0) + 1;
  }
  expect(counts).toEqual({
    // One KubeSpherePlatform builds all of it.
    'aliyun-kubesphere:alicloud:KubeSpherePlatform': 1,
    'aliyun-kubesphere:alicloud:Network': 1,
    'alicloud:vpc/network:Network': 1,
    'alicloud:vpc/switch:Switch': 1,
    'alicloud:ecs/securityGroup:SecurityGroup': 1,
    // The nodes' egress (KubeKey downloads, image pulls): NAT gateway, EIP, its association, one SNAT entry.
    'alicloud:vpc/natGateway:NatGateway': 1,
    'alicloud:ecs/eipAddress:EipAddress': 1,
    'alicloud:ecs/eipAssociation:EipAssociation': 1,
    'alicloud:vpc/snatEntry:SnatEntry': 1,
    'aliyun-kubesphere:alicloud:ClusterSecurityRules': 1,
    // The KubeKey port matrix inside one security group, plus SSH from the admin CIDR; the
    // NodePort range in two around the console's port, which only the admin CIDR reaches.
    'alicloud:ecs/securityGroupRule:SecurityGroupRule': 15,
    'aliyun-kubesphere:alicloud:NodePool': 1,
    'alicloud:ecs/instance:Instance': 3,
    'aliyun-kubesphere:alicloud:NasStorage': 1,
    'alicloud:nas/fileSystem:FileSystem': 1,
    'alicloud:nas/accessGroup:AccessGroup': 1,
    'alicloud:nas/accessRule:AccessRule': 1,
    'alicloud:nas/mountTarget:MountTarget': 1,
    'alicloud:nas/recycleBin:RecycleBin': 1,
    // The CSI driver's credentials: an instance RAM role on each node, no AccessKey.
    'aliyun-kubesphere:alicloud:NodeRamRole': 1,
    'alicloud:ram/role:Role': 1,
    'alicloud:ram/policy:Policy': 1,
    'alicloud:ram/rolePolicyAttachment:RolePolicyAttachment': 1,
    'alicloud:ecs/ramRoleAttachment:RamRoleAttachment': 3,
    'aliyun-kubesphere:alicloud:KubeSphereCluster': 1,
    'pulumi:providers:kubernetes': 1,
    'aliyun-kubesphere:alicloud:NasCsiDriver': 1,
    'kubernetes:helm.sh/v3:Release': 1,
    'kubernetes:yaml/v2:ConfigGroup': 1,
  });
  expect(Object.keys(counts).filter((t) => /slb|cdn|oss/.test(t))).toEqual([]);
});

test('the example writes its KubeKey document, manifests and diagram', () => {
  const kubekey = fs.readFileSync(path.join(outDir, 'kubekey', 'small.yaml'), 'utf8');
  expect(kubekey).toContain('kind: Cluster');
  expect(kubekey.match(/- name: small-\d/g)).toHaveLength(3);
  const manifests = fs.readFileSync(path.join(outDir, 'k8s', 'small', 'apps.k8s.yaml'), 'utf8');
  expect(manifests).toContain('kind: Deployment');
  expect(manifests).toContain('registry.example.com/shop/catalog:1.4.2');
  expect(manifests).toContain('nas.aliyuncs.com');
  const dot = fs.readFileSync(path.join(outDir, 'architecture.dot'), 'utf8');
  expect(dot).toContain('namespace shop');
  expect(fs.readFileSync(path.join(outDir, 'architecture.svg'), 'utf8')).toContain('<svg');
});

describe('templates/kubesphere-platform, as `pulumi new` makes it', () => {
  const PROJECT = 'estate';
  /** What a user types for the keys without a default, as `pulumi new` stores them: strings. */
  const ANSWERS: Readonly<Record<string, string>> = { keyPairName: 'ops', adminCidrs: '["203.0.113.0/24"]' };
  let project: string;
  let templateConfig: Record<string, { description: string; default?: string }>;
  let plan: PlanFile;

  beforeAll(() => {
    project = path.join(tmp, PROJECT);
    fs.cpSync(TEMPLATE, project, { recursive: true, filter: (src) => !/[\\/](node_modules|lib|dist)$/.test(src) });
    for (const file of ['Pulumi.yaml', 'package.json', 'README.md']) {
      const full = path.join(project, file);
      fs.writeFileSync(
        full,
        fs
          .readFileSync(full, 'utf8')
          .replace(/\$\{PROJECT\}/g, PROJECT)
          .replace(/\$\{DESCRIPTION\}/g, 'A test estate'),
      );
    }
    templateConfig = (parse(fs.readFileSync(path.join(project, 'Pulumi.yaml'), 'utf8')) as { template: { config: typeof templateConfig } })
      .template.config;
    const config = Object.fromEntries(
      Object.entries(templateConfig).map(([key, c]) => [key.includes(':') ? key : `${PROJECT}:${key}`, c.default ?? ANSWERS[key]]),
    );
    fs.writeFileSync(path.join(project, 'Pulumi.dev.yaml'), stringify({ config }));

    const nodeModules = path.join(project, 'node_modules');
    fs.mkdirSync(nodeModules);
    fs.cpSync(path.join(example, 'node_modules', PACKAGE), path.join(nodeModules, PACKAGE), { recursive: true });
    const consumer = readJson<Manifest>(path.join(project, 'package.json'));
    for (const name of [
      ...Object.keys(consumer.dependencies ?? {}),
      ...Object.keys(consumer.devDependencies ?? {}),
      ...Object.keys(installed.dependencies ?? {}),
    ].filter((n) => n !== PACKAGE)) {
      linkFromRepo(nodeModules, name);
    }
    compileProject(project);
    const out = path.join(tmp, 'template-out');
    execFileSync(process.execPath, [path.join(project, 'lib', 'synth.js'), 'dev', out], {
      cwd: project,
      stdio: 'pipe',
      env: { ...process.env, NODE_PATH: '' },
    });
    plan = readJson<PlanFile>(path.join(out, 'plan.json'));
  }, 120_000);

  test('asks for exactly the config its program reads (the kubeconfig is a secret, set by hand)', () => {
    const source = fs.readFileSync(path.join(TEMPLATE, 'src', 'platform.ts'), 'utf8');
    const read = [...source.matchAll(/config\.require(?:Object<[^>]+>|Number|Secret)?\('([^']+)'\)/g)].map((m) => m[1]);
    expect(read.filter((k) => k !== 'kubeconfig').sort()).toEqual(
      Object.keys(templateConfig)
        .filter((k) => !k.includes(':'))
        .sort(),
    );
    expect(read).toContain('kubeconfig');
    expect(Object.keys(templateConfig)).toContain('alicloud:region');
  });

  test('pins the SDKs at the versions this repository tests with', () => {
    const consumer = readJson<Manifest>(path.join(TEMPLATE, 'package.json'));
    const root = readJson<Manifest>(path.join(ROOT, 'package.json'));
    for (const sdk of ['@pulumi/alicloud', '@pulumi/kubernetes', '@pulumi/pulumi', 'cdk8s', 'cdk8s-plus-27', 'constructs']) {
      expect([sdk, consumer.dependencies?.[sdk]]).toEqual([sdk, root.devDependencies?.[sdk]]);
    }
  });

  test('its offline run plans one KubeSpherePlatform of 3 nodes from the defaults', () => {
    const types = plan.stacks.dev.resources.map((r) => r.type);
    expect(types.filter((t) => t === 'aliyun-kubesphere:alicloud:KubeSpherePlatform')).toHaveLength(1);
    expect(types.filter((t) => t === 'alicloud:ecs/instance:Instance')).toHaveLength(3);
    expect(plan.stacks.dev.resources.find((r) => r.type === 'aliyun-kubesphere:alicloud:KubeSpherePlatform')?.name).toBe(PROJECT);
  });
});
