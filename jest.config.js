/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': '<rootDir>/scripts/jest-transform.js' },
  // Each module compiled once per worker, not once per test file: see the file.
  runtime: '<rootDir>/scripts/jest-runtime.js',
  moduleFileExtensions: ['ts', 'js', 'json'],
  // @pulumi/pulumi loads npm's Arborist for closure serialization, which nothing here uses: a stub
  // that throws if called saves its load in every test file that loads Pulumi.
  // Likewise the TypeScript compiler it requires for the same serializer: loaded on first use.
  moduleNameMapper: {
    '^@npmcli/arborist$': '<rootDir>/test/helpers/arborist-stub.js',
    '^\\.\\./\\.\\./typescript-shim$': '<rootDir>/test/helpers/typescript-shim-stub.js',
  },
  // Pulumi's debug stack traces (one per promise) skip jest's source mapping: see the file.
  setupFiles: ['<rootDir>/test/helpers/stack-traces.js'],
  // One offline run of the shipped stacks for the whole run, shared by the suites that read it
  // (test/helpers/shipped-run.ts): these make and remove its folder.
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
  // Pulumi's runtime keeps global state per process: one worker per test file keeps mocks apart.
  maxWorkers: 2,
  testTimeout: 60000,
};
