// Preloaded into a child process (`NODE_OPTIONS=--require=<this file>`): at exit, writes the path of
// every CommonJS module the process loaded, one a line, to the file RECORD_MODULES_TO names. Lets a
// test see what a command really loads, e.g. that the Kubernetes-only path loads no @pulumi module.
'use strict';
const fs = require('fs');

const target = process.env.RECORD_MODULES_TO;
if (target) {
  process.on('exit', () => fs.writeFileSync(target, `${Object.keys(require.cache).join('\n')}\n`));
}
