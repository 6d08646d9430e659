// Shared StrykerJS settings for `npm run mutate`. scripts/mutate.mjs adds, per pure module, the files
// to mutate, the jest `testMatch` of that module's own tests and the report paths; run it, not
// `stryker run`, so each module is scored against its own tests only.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  // The project's own jest config (and so its TypeScript transform, scripts/jest-transform.js);
  // scripts/mutate.mjs narrows `testMatch` to the module's tests.
  jest: { projectType: 'custom', configFile: 'jest.config.js', enableFindRelatedTests: false },
  // Each mutant runs only the tests that reached it in the dry run.
  coverageAnalysis: 'perTest',
  // The machine is shared: one jest worker, one module at a time.
  concurrency: 1,
  timeoutMS: 30000,
  ignorePatterns: ['/dist', '/lib', '/docs', '/coverage', '/reports', '/bench', '/examples'],
  reporters: ['html', 'json', 'clear-text', 'progress'],
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 90, low: 80 },
};
