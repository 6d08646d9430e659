'use strict';
const crypto = require('crypto');
const { transpile } = require('./ts-transpile');

module.exports = {
  process(source, fileName) {
    return { code: transpile(source, fileName) };
  },
  getCacheKey(source, fileName) {
    return crypto.createHash('sha256').update(fileName).update('\0').update(source).update('\0v1').digest('hex');
  },
};
