// @pulumi/pulumi loads, when it is first required, what its closure serializer (`serializeFunction`,
// used for Lambdas and dynamic providers) needs: npm's Arborist with its dependency tree,
// normalize-package-data, and the whole TypeScript compiler. This project serializes no closure,
// and those modules were about half of the CPU time of loading the six SDKs (0.45 s of 0.95 s
// on the 2-core machine, and 57 MiB of memory).
//
// With this hook, the serializer's modules get each of those three as a stand-in that loads the
// real module on first use: a program that does serialize a closure still works, it pays the load
// then. Nothing else is touched: the same names required from anywhere else load as usual.
// Loaded by scripts/ts-register.js (the npm scripts, cdk8s.yaml's app, `pulumi preview` and `up`).
'use strict';
const Module = require('module');
const path = require('path');

/** The folder of Pulumi's closure serializer, whose requires are deferred. */
const CLOSURE_DIR = `${path.sep}${path.join('@pulumi', 'pulumi', 'runtime', 'closure')}${path.sep}`;

/** What the serializer requires at load and uses only when it serializes a closure. */
const DEFERRED = new Set(['@npmcli/arborist', 'normalize-package-data', '../../typescript-shim']);

/**
 * A stand-in for a module that loads it on first use. It reads as an ES module (`__esModule`), so
 * TypeScript's `__importStar` and `__importDefault` hand it over as it is instead of copying its
 * keys (which would load it); `default` is then the module itself, as those helpers would have
 * made it. Calling or constructing it calls or constructs the module (normalize-package-data is a
 * function).
 */
function deferredModule(load) {
  let loaded;
  const real = () => {
    if (loaded === undefined) {
      loaded = { value: load() };
    }
    return loaded.value;
  };
  return new Proxy(function deferred() {}, {
    get(_target, key) {
      if (key === '__esModule') {
        return true;
      }
      const mod = real();
      return key === 'default' && !(mod && mod.__esModule) ? mod : mod[key];
    },
    has: (_target, key) => key in real(),
    apply: (_target, self, args) => Reflect.apply(real(), self, args),
    construct: (_target, args) => Reflect.construct(real(), args),
  });
}

/** True once the hook is installed in this process. */
let installed = false;

/** Installs the hook (once per process). */
function deferClosureDeps() {
  if (installed) {
    return;
  }
  installed = true;
  const load = Module._load;
  Module._load = function loadDeferringClosureDeps(request, parent, isMain) {
    if (DEFERRED.has(request) && parent && typeof parent.filename === 'string' && parent.filename.includes(CLOSURE_DIR)) {
      return deferredModule(() => load.call(this, request, parent, isMain));
    }
    return load.call(this, request, parent, isMain);
  };
}

module.exports = { deferClosureDeps, deferredModule, DEFERRED };
