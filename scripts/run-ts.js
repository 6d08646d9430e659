// Runs a TypeScript entry point without a prior build: `node scripts/run-ts.js infra/synth.ts [args]`.
// The files are transpiled once and kept in a cache on disk (scripts/ts-transpile.js).
'use strict';
const path = require('path');
const { turnOffTurbofanUnlessAsked } = require('./turbofan');

// The commands run here are short: see scripts/turbofan.js. `node --turbofan scripts/run-ts.js …` keeps it.
turnOffTurbofanUnlessAsked();

require('./ts-register');

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.js <file.ts> [args...]');
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(entry), ...args];
require(path.resolve(entry));
