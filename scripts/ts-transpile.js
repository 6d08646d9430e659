// One transpile-only TypeScript compiler for every place that runs .ts without a build:
// jest (as its transform) and `npm run synth` / `npm run bench` (as a require hook).
// `npm run build` is where types are checked; doing it again here would cost ~8x per run.
'use strict';
const ts = require('typescript');

const COMPILER_OPTIONS = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  esModuleInterop: true,
  resolveJsonModule: true,
  sourceMap: false,
  inlineSourceMap: true,
  inlineSources: true,
};

function transpile(source, fileName) {
  return ts.transpileModule(source, { compilerOptions: COMPILER_OPTIONS, fileName }).outputText;
}

module.exports = { transpile };
