// A V8 code cache for every CommonJS module a run loads (the SDKs' 1,500 files and ours): Node.js
// then skips parsing and compiling what it compiled on an earlier run, about a third of the load.
//
// Node.js 22 has this built in (`module.enableCompileCache`); on Node.js 20 the cache is kept here:
// each module is compiled with `vm.Script` and V8's `cachedData`, keyed by a hash of its path and
// source, of the Node.js version and of the process's flags. V8 checks the data against the source
// and its flags itself and rejects what does not fit (another V8, a damaged file): the module is then
// compiled as usual and the entry rewritten. The flags are in the key so that processes started with
// other flags (`--cpu-prof`, a GC setting) keep entries of their own instead of rejecting and
// rewriting each other's. New entries are written when the process exits, so they hold the functions
// the run actually compiled.
'use strict';
const fs = require('fs');
const Module = require('module');
const path = require('path');
const vm = require('vm');
const { sha256, writeAtomic } = require('./cache-entry');

/** Where the entries live: with the installed packages, so `rm -rf node_modules` clears them too. */
const DEFAULT_CACHE_DIR = path.join(__dirname, '..', 'node_modules', '.cache', 'aliyun-kubesphere-v8');

const stats = { mode: 'off', hits: 0, misses: 0, rejected: 0, skipped: 0 };

/** `import(` in a module's text: it may load an ES module at run time. */
const DYNAMIC_IMPORT = /\bimport\s*\(/;

/** What besides a module's path and text decides its compiled code: the Node.js build and this process's flags. */
const PROCESS_KEY = [process.version, process.arch, ...process.execArgv, process.env.NODE_OPTIONS ?? ''].join('\0');

function entryFile(dir, filename, content) {
  const key = sha256(PROCESS_KEY, filename, content);
  return path.join(dir, key.slice(0, 2), `${key}.bin`);
}

/** The `require` Node.js gives a module (lib/internal/modules/helpers.js makeRequireFunction). */
function makeRequire(mod) {
  const require = (id) => mod.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

function installOwnCache(dir) {
  const pending = [];
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileWithCache(content, filename) {
    // A script compiled by `vm` can run `import()` only through an experimental loader option (with a
    // warning on stderr): modules that may import dynamically keep Node.js's own compile.
    if (DYNAMIC_IMPORT.test(content)) {
      stats.skipped++;
      return compile.call(this, content, filename);
    }
    const file = entryFile(dir, filename, content);
    let cachedData;
    try {
      cachedData = fs.readFileSync(file);
    } catch {
      cachedData = undefined;
    }
    let script;
    try {
      script = new vm.Script(Module.wrap(content), { filename, cachedData });
    } catch {
      // Not a plain CommonJS script (a syntax error, ESM syntax Node.js may still accept): its own path.
      return compile.call(this, content, filename);
    }
    if (cachedData === undefined) {
      stats.misses++;
      pending.push({ file, script });
    } else if (script.cachedDataRejected) {
      stats.rejected++;
      pending.push({ file, script });
    } else {
      stats.hits++;
    }
    const wrapper = script.runInThisContext({ displayErrors: true });
    return wrapper.call(this.exports, this.exports, makeRequire(this), this, filename, path.dirname(filename));
  };
  process.once('exit', () => {
    for (const { file, script } of pending) {
      writeAtomic(file, script.createCachedData());
    }
  });
}

/**
 * Turns the code cache on for this process (once): Node.js's own where it has one, else this
 * module's. `NODE_DISABLE_COMPILE_CACHE=1` (Node.js's own switch) turns both off.
 * @param {{ cacheDir?: string }} [options] `cacheDir` defaults to node_modules/.cache/aliyun-kubesphere-v8
 * @returns {{ mode: string, hits: number, misses: number, rejected: number, skipped: number }} live counters ('node' mode counts nothing)
 */
function enableCompileCache(options = {}) {
  if (stats.mode !== 'off' || process.env.NODE_DISABLE_COMPILE_CACHE === '1') {
    return stats;
  }
  const dir = options.cacheDir ?? DEFAULT_CACHE_DIR;
  if (typeof Module.enableCompileCache === 'function') {
    Module.enableCompileCache(dir);
    stats.mode = 'node';
  } else {
    installOwnCache(dir);
    stats.mode = 'own';
  }
  return stats;
}

module.exports = { enableCompileCache, DEFAULT_CACHE_DIR, DYNAMIC_IMPORT };
