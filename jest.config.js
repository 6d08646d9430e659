/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': '<rootDir>/scripts/jest-transform.js' },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // One offline run of the shipped stacks for the whole run, shared by the suites that read it
  // (test/helpers/shipped-run.ts): these make and remove its folder.
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
  // Pulumi's runtime keeps global state per process: one worker per test file keeps mocks apart.
  maxWorkers: 2,
  testTimeout: 60000,
};
