// Lets Node.js `require` TypeScript files through the cached transpiler (scripts/ts-transpile.js).
// Loaded by scripts/run-ts.js (the npm scripts, cdk8s.yaml's app) and, through Pulumi.yaml's
// `nodeargs: --require`, by `pulumi preview` / `pulumi up`.
'use strict';
const fs = require('fs');
const { transpileCached } = require('./ts-transpile');

if (require.extensions['.ts'] === undefined) {
  require.extensions['.ts'] = (module, fileName) => {
    module._compile(transpileCached(fs.readFileSync(fileName, 'utf8'), fileName).code, fileName);
  };
}
