// jest source-maps every frame of every stack trace a test file makes (its Error.prepareStackTrace,
// installed in the worker's own realm). Pulumi reads the stack of a new Error for each promise it
// tracks (runtime/debuggable.js: debuggablePromise, for its leak report, which a test never shows),
// and under jest that mapping was about a third of the CPU of a stack evaluation. Those traces keep
// each frame's file, line and column, unmapped; every other error still goes through jest's mapping.
'use strict';
const fs = require('fs');

/** The worker realm's Error (a test file's `Error` is its own realm's), taken from an error node makes. */
function workerRealmError() {
  try {
    fs.statSync('');
  } catch (err) {
    return err.constructor;
  }
  throw new Error('fs.statSync("") did not throw');
}

function pulumiDebugTrace(frames) {
  const top = frames[0];
  return top !== undefined && top.getFunctionName() === 'debuggablePromise' && /[\\/]@pulumi[\\/]pulumi[\\/]/.test(top.getFileName() ?? '');
}

const workerError = workerRealmError();
if (workerError !== Error) {
  // node formats an error with its own realm's Error.prepareStackTrace if it has one, else the worker
  // realm's: jest's, installed after this file runs, so it is looked up on each call.
  Error.prepareStackTrace = (error, frames) => {
    if (pulumiDebugTrace(frames)) {
      return `${error.name}: ${error.message}${frames.map((f) => `\n    at ${f.getFileName()}:${f.getLineNumber()}:${f.getColumnNumber()}`).join('')}`;
    }
    const jestFormat = workerError.prepareStackTrace;
    return typeof jestFormat === 'function' ? jestFormat(error, frames) : `${error}${frames.map((f) => `\n    at ${f}`).join('')}`;
  };
}
