// V8's optimizing compiler (TurboFan) compiles hot functions on a thread of its own. The processes
// this project starts are short (a synth is 1-4 s) or run each test file's modules in a new context
// (jest's workers), so that compiling costs more CPU than the faster code saves: an offline run took
// about a quarter less CPU, and less wall time too, from 10 to 1,000 services without it (README,
// "Speed and memory"), jest's in-process suites about 12% less.
'use strict';
const v8 = require('v8');

/**
 * Turns TurboFan off for this process, before the modules that would use it load; a `--turbofan`
 * (or `--no-turbofan`, `--opt`) given to node on its command line is left as it is.
 */
function turnOffTurbofanUnlessAsked() {
  if (!process.execArgv.some((arg) => /^--(no-)?(turbofan|opt)$/.test(arg))) {
    v8.setFlagsFromString('--no-turbofan');
  }
}

module.exports = { turnOffTurbofanUnlessAsked };
