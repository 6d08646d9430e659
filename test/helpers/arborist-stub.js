// jest's stand-in for @npmcli/arborist (jest.config.js, moduleNameMapper). @pulumi/pulumi requires it
// at load for computeCodePaths, which packages a function's dependencies for a serialized closure
// (a Lambda, a dynamic provider): nothing the offline run or these tests do. Loading the real one
// costs ~0.35 s of CPU in each of the ~60 test files that load Pulumi; this fails loudly if used.
'use strict';

class Arborist {
  constructor() {
    throw new Error('@npmcli/arborist is stubbed in jest (test/helpers/arborist-stub.js): closure serialization is not available in tests');
  }
}

module.exports = { Arborist };
