// Lets Node.js `require` TypeScript files through the cached transpiler (scripts/ts-transpile.js),
// and turns on the V8 code cache (scripts/compile-cache.js).
// Loaded by scripts/run-ts.js (the npm scripts, cdk8s.yaml's app), through Pulumi.yaml's
// `nodeargs: --require` by `pulumi preview` / `pulumi up`, and by the policy pack's entry
// (policy/index.js), which replaces the type-checking ts-node hook Pulumi's policy host installs.
'use strict';
const fs = require('fs');
const { enableCompileCache } = require('./compile-cache');
const { deferSdkModules } = require('./defer-sdk-modules');
const { transpileCached } = require('./ts-transpile');

// Compiled code of every module (the SDKs' too) is cached as well: see scripts/compile-cache.js.
enableCompileCache();
// The parts of Pulumi's SDK no program here uses load on first use, not with the SDK.
deferSdkModules();

/** Loads a `.ts` file through the cached transpiler. */
function loadTypeScript(module, fileName) {
  module._compile(transpileCached(fs.readFileSync(fileName, 'utf8'), fileName).code, fileName);
}

/** Makes `.ts` files load through the cached transpiler, replacing any other hook for them (ts-node's). */
function useCachedTranspiler() {
  require.extensions['.ts'] = loadTypeScript;
}

// Another hook already there (jest's, ts-node's) is kept unless useCachedTranspiler() is called.
if (require.extensions['.ts'] === undefined) {
  useCachedTranspiler();
}

module.exports = { useCachedTranspiler };
