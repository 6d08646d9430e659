// jest's stand-in for @pulumi/pulumi's `typescript-shim` (jest.config.js, moduleNameMapper): the
// SDK requires the whole TypeScript compiler at load for its closure serializer, which no test
// uses; jest would compile that 9 MB file again in every test file that loads Pulumi. This loads
// it on first use instead (the same deferral `npm run synth` makes: scripts/defer-sdk-modules.js).
'use strict';
const { deferredModule } = require('../../scripts/defer-sdk-modules');

module.exports = deferredModule(() => require('typescript'));
