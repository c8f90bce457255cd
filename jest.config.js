/**
 * Tests run on the compiled output (npm test builds first), so they exercise
 * exactly the JavaScript that npm start runs.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/services'],
  testMatch: ['**/dist/**/__tests__/**/*.test.js', '**/dist/e2e/**/*.test.js'],
  globalSetup: '<rootDir>/packages/stack/dist/test/global-setup.js',
  globalTeardown: '<rootDir>/packages/stack/dist/test/global-teardown.js',
  testTimeout: 60_000,
  maxWorkers: 2,
  watchman: false,
};
