/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': '<rootDir>/scripts/jest-transform.js' },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Pulumi's runtime keeps global state per process: one worker per test file keeps mocks apart.
  maxWorkers: 2,
  testTimeout: 60000,
};
