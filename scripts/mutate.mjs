// `npm run mutate [-- <module> ...]`: mutation testing (StrykerJS) of the pure modules, each against
// its own tests, one module after another. Reports: reports/mutation/<module>/index.html and
// mutation.json (git-ignored). Prints a score table and exits 1 if a module is under its target.
// Not part of `npm test`: a full run takes many minutes.
import { Stryker } from '@stryker-mutator/core';

/** The minimum mutation score (%) each module must reach (issue 18). */
const TARGET = 80;

/** name → files mutated and the test files that own them. */
const MODULES = {
  'kubekey-validate': {
    mutate: ['constructs/kubekey/validate.ts'],
    tests: ['test/constructs/kubekey/validate.test.ts'],
  },
  'network-plan': {
    mutate: ['constructs/alicloud/network/plan.ts', 'constructs/core/cidr.ts'],
    tests: ['test/constructs/alicloud/network/plan.test.ts', 'test/constructs/core/cidr.test.ts'],
  },
  'cluster-security-matrix': {
    mutate: ['constructs/alicloud/cluster-security/matrix.ts'],
    tests: ['test/constructs/alicloud/cluster-security/matrix.test.ts'],
  },
  'config-schema': {
    mutate: ['stacks/config/schema.ts'],
    tests: ['test/stacks/config/schema.test.ts'],
  },
};

/** Stryker's mutation score: detected / (detected + undetected); errors and ignored mutants do not count. */
function score(results) {
  const count = (...states) => results.filter((r) => states.includes(r.status)).length;
  const detected = count('Killed', 'Timeout');
  const survived = count('Survived');
  const noCoverage = count('NoCoverage');
  const total = detected + survived + noCoverage;
  return { detected, survived, noCoverage, total, score: total === 0 ? NaN : (100 * detected) / total };
}

// `--concurrency N` overrides stryker.config.mjs (1): at most 2 on a shared machine.
const args = process.argv.slice(2);
const at = args.indexOf('--concurrency');
const concurrency = at === -1 ? undefined : Number(args.splice(at, 2)[1]);
const asked = args;
const unknown = asked.filter((name) => !(name in MODULES));
if (unknown.length > 0) {
  console.error(`Unknown module ${unknown.join(', ')} (known: ${Object.keys(MODULES).join(', ')})`);
  process.exit(2);
}
const names = asked.length > 0 ? asked : Object.keys(MODULES);
const rows = [];
for (const name of names) {
  const { mutate, tests } = MODULES[name];
  const dir = `reports/mutation/${name}`;
  console.log(`\n=== ${name}: ${mutate.join(', ')} against ${tests.join(', ')}`);
  // Stryker reads the shared settings from stryker.config.mjs and deep-merges these over them.
  const stryker = new Stryker({
    ...(concurrency === undefined ? {} : { concurrency }),
    mutate,
    jest: { config: { testMatch: tests.map((t) => `<rootDir>/${t}`) } },
    htmlReporter: { fileName: `${dir}/index.html` },
    jsonReporter: { fileName: `${dir}/mutation.json` },
  });
  rows.push({ name, ...score(await stryker.runMutationTest()) });
}

const pad = (text, width) => String(text).padEnd(width);
console.log(`\n${pad('module', 26)}${pad('score', 9)}${pad('killed', 8)}${pad('survived', 10)}${pad('no cov', 8)}total`);
for (const r of rows) {
  const mark = r.score >= TARGET ? '' : `  < ${TARGET}%`;
  console.log(
    `${pad(r.name, 26)}${pad(`${r.score.toFixed(1)}%`, 9)}${pad(r.detected, 8)}${pad(r.survived, 10)}${pad(r.noCoverage, 8)}${r.total}${mark}`,
  );
}
console.log('\nReports: reports/mutation/<module>/index.html (open in a browser) and mutation.json.');
process.exitCode = rows.every((r) => r.score >= TARGET) ? 0 : 1;
