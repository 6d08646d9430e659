// One transpile-only TypeScript compiler for every place that runs .ts without a build:
// jest (as its transform) and `npm run synth` / `npm run bench` / `pulumi preview` (as a require hook,
// scripts/ts-register.js). `npm run build` is where types are checked; doing it again here would cost
// ~8x per run.
//
// Transpiling is itself most of a run's CPU (the compiler is 9 MB of JavaScript to load, then every
// file is parsed and printed), so the require hook keeps each result on disk, keyed by a hash of
// everything that decides the output: the source text, its path (the inline source map names it), the
// compiler options and the TypeScript version. A run whose files have not changed never loads the
// compiler. An entry carries a hash of its own body: a truncated or edited entry is ignored and
// rewritten, never run.
'use strict';
const fs = require('fs');
const path = require('path');
const { readVerifiedEntry, sha256, writeVerifiedEntry } = require('./cache-entry');

/** Bumped when the shape of an entry or of the key changes. */
const CACHE_FORMAT = 'ts-transpile-cache-v1';

/** Where the entries live: with the installed packages, so `rm -rf node_modules` clears them too. */
const DEFAULT_CACHE_DIR = path.join(__dirname, '..', 'node_modules', '.cache', 'aliyun-kubesphere-ts');

// The options as TypeScript's JSON (tsconfig) spelling: stable text for the cache key, converted to
// the compiler's enums only when the compiler is loaded.
const COMPILER_OPTIONS_JSON = {
  target: 'ES2022',
  module: 'commonjs',
  esModuleInterop: true,
  resolveJsonModule: true,
  sourceMap: false,
  inlineSourceMap: true,
  inlineSources: true,
};

let compiler;

/** TypeScript and the converted options, loaded on the first cache miss only. */
function loadCompiler() {
  if (compiler === undefined) {
    const ts = require('typescript');
    const { options, errors } = ts.convertCompilerOptionsFromJson(COMPILER_OPTIONS_JSON, __dirname);
    if (errors.length > 0) {
      throw new Error(`ts-transpile: bad compiler options: ${errors.map((e) => e.messageText).join('; ')}`);
    }
    compiler = { ts, options };
  }
  return compiler;
}

let typescriptVersion;

/** The installed TypeScript's version, read from its package.json (cheap: the compiler is not loaded). */
function tsVersion() {
  typescriptVersion ??= JSON.parse(fs.readFileSync(require.resolve('typescript/package.json'), 'utf8')).version;
  return typescriptVersion;
}

/** Transpiles one file, without a cache. */
function transpile(source, fileName) {
  const { ts, options } = loadCompiler();
  return ts.transpileModule(source, { compilerOptions: options, fileName }).outputText;
}

/** The cache key of one file: everything that decides {@link transpile}'s output. */
function cacheKey(source, fileName) {
  return sha256(CACHE_FORMAT, tsVersion(), JSON.stringify(COMPILER_OPTIONS_JSON), fileName, source);
}

/**
 * Transpiles one file through the on-disk cache: a hit returns the stored output without loading
 * TypeScript; a miss (new or changed source, another TypeScript version, a corrupt entry) transpiles
 * and stores the result.
 * @param {string} source the file's text
 * @param {string} fileName its absolute path
 * @param {{ cacheDir?: string }} [options] `cacheDir` defaults to node_modules/.cache/aliyun-kubesphere-ts
 * @returns {{ code: string, hit: boolean }}
 */
function transpileCached(source, fileName, options = {}) {
  const key = cacheKey(source, fileName);
  const file = path.join(options.cacheDir ?? DEFAULT_CACHE_DIR, key.slice(0, 2), `${key}.js`);
  const cached = readVerifiedEntry(file);
  if (cached !== undefined) {
    return { code: cached, hit: true };
  }
  const code = transpile(source, fileName);
  writeVerifiedEntry(file, code);
  return { code, hit: false };
}

module.exports = { transpile, transpileCached, DEFAULT_CACHE_DIR };
