// The on-disk entries of this project's caches (scripts/ts-transpile.js's transpiles, the V8 code cache
// of scripts/compile-cache.js, test/package/pack.test.ts's package emits): written atomically, and,
// where nothing else checks them, carrying a hash of their own body so that a truncated or edited
// entry is ignored instead of used.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

/** SHA-256 (hex) of `parts`, each followed by a NUL so that no two lists of parts hash alike by joining. */
function sha256(...parts) {
  const hash = crypto.createHash('sha256');
  for (const part of parts) {
    hash.update(part).update('\0');
  }
  return hash.digest('hex');
}

/**
 * Writes `data` to `file` atomically (a reader sees the old file or the whole new one), making its
 * folder; a cache that cannot be written (read-only, full) is no error: nothing is written.
 */
function writeAtomic(file, data) {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temp, data);
    fs.renameSync(temp, file);
  } catch {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // nothing was written
    }
  }
}

/** The body of the entry {@link writeVerifiedEntry} wrote, or undefined when it is missing or does not match its own hash. */
function readVerifiedEntry(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const newline = text.indexOf('\n');
  const body = text.slice(newline + 1);
  return newline === 64 && text.slice(0, 64) === sha256(body) ? body : undefined;
}

/** Writes `body` as an entry headed by its own hash (see {@link readVerifiedEntry}), atomically. */
function writeVerifiedEntry(file, body) {
  writeAtomic(file, `${sha256(body)}\n${body}`);
}

module.exports = { sha256, writeAtomic, readVerifiedEntry, writeVerifiedEntry };
