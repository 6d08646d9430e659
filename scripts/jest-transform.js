'use strict';
const crypto = require('crypto');
const fs = require('fs');
const { transpile } = require('./ts-transpile');

// What else decides the output besides the file: the compiler's settings and version. Hashed once
// per process, so jest's transform cache (keyed below) is reused across runs and never stale. The
// version comes from TypeScript's package.json: loading the compiler (9 MB) in jest's process and in
// each worker only for its version would cost more than the transforms jest finds in its cache.
const COMPILER = crypto
  .createHash('sha256')
  .update(fs.readFileSync(require.resolve('./ts-transpile'), 'utf8'))
  .update('\0')
  .update(JSON.parse(fs.readFileSync(require.resolve('typescript/package.json'), 'utf8')).version)
  .update('\0')
  .update(fs.readFileSync(__filename, 'utf8'))
  .digest('hex');

module.exports = {
  process(source, fileName) {
    return { code: transpile(source, fileName) };
  },
  // jest uses this key alone once a transformer has one: it must carry whether jest instruments the
  // result for coverage (else a coverage run and a plain run would share cached files).
  getCacheKey(source, fileName, options) {
    return crypto
      .createHash('sha256')
      .update(COMPILER)
      .update('\0')
      .update(fileName)
      .update('\0')
      .update(source)
      .update('\0')
      .update(options && options.instrument ? 'instrument' : '')
      .digest('hex');
  },
};
