// Runs a TypeScript entry point without a prior build: `node scripts/run-ts.js infra/synth.ts [args]`.
'use strict';
const fs = require('fs');
const path = require('path');
const { transpile } = require('./ts-transpile');

require.extensions['.ts'] = (module, fileName) => {
  module._compile(transpile(fs.readFileSync(fileName, 'utf8'), fileName), fileName);
};

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.js <file.ts> [args...]');
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(entry), ...args];
require(path.resolve(entry));
