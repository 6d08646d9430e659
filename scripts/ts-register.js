// Lets Node.js `require` TypeScript files through the cached transpiler (scripts/ts-transpile.js),
// and turns on the V8 code cache (scripts/compile-cache.js).
// Loaded by scripts/run-ts.js (the npm scripts, cdk8s.yaml's app) and, through Pulumi.yaml's
// `nodeargs: --require`, by `pulumi preview` / `pulumi up`.
'use strict';
const fs = require('fs');
const { enableCompileCache } = require('./compile-cache');
const { deferSdkModules } = require('./defer-sdk-modules');
const { transpileCached } = require('./ts-transpile');

// Compiled code of every module (the SDKs' too) is cached as well: see scripts/compile-cache.js.
enableCompileCache();
// The parts of Pulumi's SDK no program here uses load on first use, not with the SDK.
deferSdkModules();

if (require.extensions['.ts'] === undefined) {
  require.extensions['.ts'] = (module, fileName) => {
    module._compile(transpileCached(fs.readFileSync(fileName, 'utf8'), fileName).code, fileName);
  };
}
