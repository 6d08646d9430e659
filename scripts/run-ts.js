// Runs a TypeScript entry point without a prior build: `node scripts/run-ts.js infra/synth.ts [args]`.
// The files are transpiled once and kept in a cache on disk (scripts/ts-transpile.js).
'use strict';
const path = require('path');
const v8 = require('v8');

// The commands run here are short (a synth is 1-4 s): V8's optimizing compiler (TurboFan) spends
// more CPU compiling hot functions, on a thread of its own, than its code then saves. Without it an
// offline run took about a quarter less CPU, and less wall time too, from 10 to 1,000 services
// (README, "Speed and memory"). Set before any module loads; `node --turbofan scripts/run-ts.js …`
// keeps it.
if (!process.execArgv.some((arg) => /^--(no-)?(turbofan|opt)$/.test(arg))) {
  v8.setFlagsFromString('--no-turbofan');
}

require('./ts-register');

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.js <file.ts> [args...]');
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(entry), ...args];
require(path.resolve(entry));
