// Lets Node.js `require` TypeScript files through the cached transpiler (scripts/ts-transpile.js),
// and turns on the V8 code cache (scripts/compile-cache.js).
// Loaded by scripts/run-ts.js (the npm scripts, cdk8s.yaml's app) and, through Pulumi.yaml's
// `nodeargs: --require`, by `pulumi preview` / `pulumi up`.
'use strict';
const fs = require('fs');
const { enableCompileCache } = require('./compile-cache');
const { deferClosureDeps } = require('./lazy-closure-deps');
const { transpileCached } = require('./ts-transpile');

// Compiled code of every module (the SDKs' too) is cached as well: see scripts/compile-cache.js.
enableCompileCache();
// What Pulumi's closure serializer needs is loaded when a closure is serialized, not with the SDK.
deferClosureDeps();

if (require.extensions['.ts'] === undefined) {
  require.extensions['.ts'] = (module, fileName) => {
    module._compile(transpileCached(fs.readFileSync(fileName, 'utf8'), fileName).code, fileName);
  };
}
