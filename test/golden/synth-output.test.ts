/**
 * The offline run's output for the shipped stacks, byte for byte. Refactors and performance work
 * (issues 13 and 16) must leave every file in dist/ unchanged; this test holds them to it.
 *
 * A change that is meant to change the output updates the golden copy in the same commit:
 *   npm run synth -- --out test/golden/dist
 * and the diff of test/golden/dist is then part of the review.
 */
import * as fs from 'fs';
import * as path from 'path';
import { SHIPPED_RUN_TIMEOUT_MS, shippedOutput } from '../helpers/shipped-run';

const GOLDEN = path.join(__dirname, 'dist');

function listFiles(dir: string, base = dir): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name))]))
    .sort();
}

describe('offline run output is byte-identical to the golden copy', () => {
  let outDir: string;

  // `npm run synth --out …` in a child process, shared with the other suites that read its output.
  beforeAll(async () => {
    outDir = await shippedOutput();
  }, SHIPPED_RUN_TIMEOUT_MS);

  it('writes the same set of files', () => {
    expect(listFiles(outDir)).toEqual(listFiles(GOLDEN));
  });

  it.each(listFiles(GOLDEN))('%s is unchanged', (file) => {
    const actual = fs.readFileSync(path.join(outDir, file), 'utf8');
    const expected = fs.readFileSync(path.join(GOLDEN, file), 'utf8');
    // toBe on whole files would print megabytes; compare, then show the first differing line.
    if (actual !== expected) {
      const a = actual.split('\n');
      const e = expected.split('\n');
      const line = a.findIndex((l, i) => l !== e[i]);
      throw new Error(`${file} differs from test/golden/dist/${file} at line ${line + 1}:\n  golden: ${e[line]}\n  now:    ${a[line]}`);
    }
  });
});
