// jest's module runtime, with each module compiled once per worker instead of once per test file.
//
// jest gives every test file a fresh module registry and context, and compiles every module it loads
// again with `vm.compileFunction`, which V8 caches nowhere: a suite that loads the Pulumi and cdk8s
// SDKs (about 2,000 files) spent ~200 ms compiling them, every suite. A `vm.Script` is not bound to a
// context, so here a module's script is compiled the first time the worker loads it and run again in
// each later test file's context: the module still runs afresh in each file (its own `module`,
// `exports`, globals), only the parse and the bytecode (the lazily compiled functions' too) are shared.
// jest's own compile is kept where this could differ: modules that may `import()` (jest gives those a
// loader of its own), a text jest cannot compile as a script, and runs that collect coverage (V8's
// counters would then add up over the files that share a script).
//
// Nor does it read each module's file again in every test file only to find that jest's transform,
// which keeps what it gave per worker (by file name and modification time), has it already: the
// transform reads the file itself when it has not.
//
// It also switches off, when a test file is done, the AsyncLocalStorage instances the file enabled
// (jest-circus makes one per file; so may the code under test). Node.js keeps every enabled one in one
// list and runs a hook over that list for every promise the process creates: a worker that had run 70
// files paid for 70 storages on each promise of the next file, none of which could be read again.
//
// And the worker runs without V8's optimizing compiler (TurboFan), as the short commands do
// (scripts/turbofan.js): each test file's modules run in a new context, so what TurboFan compiles, on
// a thread of its own, serves one file. `node --turbofan node_modules/.bin/jest` keeps it.
'use strict';
const { AsyncLocalStorage } = require('async_hooks');
const vm = require('vm');
const Runtime = require('jest-runtime').default;
const { DYNAMIC_IMPORT } = require('./compile-cache');
const { turnOffTurbofanUnlessAsked } = require('./turbofan');

turnOffTurbofanUnlessAsked();

/** Set to a file name: each test file's counts are appended to it, one JSON line (for the tests). */
const STATS_ENV = 'ALIYUN_KUBESPHERE_JEST_SCRIPT_STATS';

/** Storages enabled while the current test file ran (test files run one at a time in a worker). */
const enabledStorages = new Set();
// Node.js 20 enables a storage in `_enable` (on each `run` and `enterWith`); where it has no such
// method (its storages live in the async context frame, outside any list) there is nothing to do.
const enableStorage = AsyncLocalStorage.prototype._enable;
if (typeof enableStorage === 'function') {
  AsyncLocalStorage.prototype._enable = function recordEnabled(...args) {
    enabledStorages.add(this);
    return Reflect.apply(enableStorage, this, args);
  };
}

/** The scripts of this worker, by file name: the transformed text they were compiled from, and the script. */
const scripts = new Map();

class SharedScriptRuntime extends Runtime {
  constructor(config, environment, resolver, transformer, cacheFS, coverageOptions, testPath, globalConfig) {
    super(config, environment, resolver, transformer, cacheFS, coverageOptions, testPath, globalConfig);
    this.scriptStats = { compiled: 0, reused: 0, jest: 0 };
    // jest-runtime's module executor (30.x): without it, jest's own compile stays as it is.
    const executor = this.executor;
    if (coverageOptions.collectCoverage || typeof executor?.compile !== 'function' || !Array.isArray(executor.injectedModuleParameters)) {
      return;
    }
    this.transformWithoutReading();
    const jestCompile = executor.compile.bind(executor);
    const parameters = executor.injectedModuleParameters.join(', ');
    executor.compile = (source, filename) => {
      const context = this._environment.getVmContext();
      const script = context == null ? undefined : this.scriptFor(source, filename, parameters);
      if (script === undefined) {
        this.scriptStats.jest++;
        return jestCompile(source, filename);
      }
      return script.runInContext(context);
    };
  }

  /** jest-runtime's TransformCache.transform (30.x), without its read of the file before the transform's own cache. */
  transformWithoutReading() {
    const cache = this.transformCache;
    const { scriptTransformer, transforms, sourceMaps } = cache ?? {};
    if (typeof scriptTransformer?.transform !== 'function' || !(transforms instanceof Map) || !(sourceMaps instanceof Map)) {
      return;
    }
    const jestTransform = cache.transform.bind(cache);
    cache.transform = (filename, options) => {
      if (options?.isInternalModule) {
        return jestTransform(filename, options);
      }
      const transformed = scriptTransformer.transform(filename, cache.getFullTransformationOptions(options));
      transforms.set(filename, transformed);
      if (transformed.sourceMapPath) {
        sourceMaps.set(filename, transformed.sourceMapPath);
      }
      return transformed.code;
    };
  }

  /** The compiled module function's script, or undefined where jest's own compile is kept. */
  scriptFor(source, filename, parameters) {
    const known = scripts.get(filename);
    if (known !== undefined && known.source === source && known.parameters === parameters) {
      if (known.script !== undefined) {
        this.scriptStats.reused++;
      }
      return known.script;
    }
    let script;
    if (!DYNAMIC_IMPORT.test(source)) {
      try {
        // The header on a line of its own, counted back by lineOffset: lines and columns stay the file's.
        script = new vm.Script(`(function (${parameters}) {\n${source}\n})`, { filename, lineOffset: -1 });
        this.scriptStats.compiled++;
      } catch {
        // A syntax error or ES module syntax: jest's own compile reports it in its own words.
        script = undefined;
      }
    }
    scripts.set(filename, { source, parameters, script });
    return script;
  }

  teardown() {
    for (const storage of enabledStorages) {
      storage.disable();
    }
    enabledStorages.clear();
    const statsFile = process.env[STATS_ENV];
    if (statsFile) {
      require('fs').appendFileSync(statsFile, `${JSON.stringify({ testPath: this._testPath, ...this.scriptStats })}\n`);
    }
    super.teardown();
  }
}

module.exports = SharedScriptRuntime;
module.exports.STATS_ENV = STATS_ENV;
