// @pulumi/pulumi loads, when it is first required, parts that a Pulumi program of this project never
// uses; they were more than half of the CPU time of loading the six SDKs (0.5 s of 0.95 s on the
// 2-core machine, and 60 MiB of memory):
//
// - what its closure serializer (`serializeFunction`, for Lambdas and dynamic providers) needs:
//   npm's Arborist with its dependency tree, normalize-package-data, and the whole TypeScript compiler;
// - the Automation API (`pulumi.automation`, which drives the Pulumi CLI from a program) and the
//   provider SDK (`pulumi.provider`, for writing a resource provider), with their gRPC services.
//
// With this hook, the modules that require those get a stand-in that loads the real module on
// first use: a program that does serialize a closure or use the Automation API still works, it pays
// the load then. Nothing else is touched: the same names required from anywhere else load as usual.
// Loaded by scripts/ts-register.js (the npm scripts, cdk8s.yaml's app, `pulumi preview` and `up`).
'use strict';
const Module = require('module');
const path = require('path');

const SDK = path.join('@pulumi', 'pulumi');

/** What is deferred: each request, when made by a module whose path ends with `from`. */
const DEFERRED = [
  ...['@npmcli/arborist', 'normalize-package-data', '../../typescript-shim'].map((request) => ({
    from: `${path.sep}${path.join(SDK, 'runtime', 'closure')}${path.sep}`,
    request,
  })),
  ...['./automation', './provider'].map((request) => ({ from: `${path.sep}${path.join(SDK, 'index.js')}`, request })),
];

/** Whether `request`, made by the module at `parentFile`, is one of {@link DEFERRED}. */
function isDeferred(request, parentFile) {
  return DEFERRED.some(
    (d) => d.request === request && (d.from.endsWith(path.sep) ? parentFile.includes(d.from) : parentFile.endsWith(d.from)),
  );
}

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
function deferSdkModules() {
  if (installed) {
    return;
  }
  installed = true;
  const load = Module._load;
  Module._load = function loadDeferringSdkModules(request, parent, isMain) {
    if (parent && typeof parent.filename === 'string' && isDeferred(request, parent.filename)) {
      return deferredModule(() => load.call(this, request, parent, isMain));
    }
    return load.call(this, request, parent, isMain);
  };
}

module.exports = { deferSdkModules, deferredModule, DEFERRED };
