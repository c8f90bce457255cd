/**
 * Three projects, a test pyramid (docs/testing.md):
 *
 * - unit: TypeScript sources through ts-jest, no build, no database. Files
 *   `src/**\/__tests__/*.test.ts` that are not `*.subgraph.test.ts`.
 * - subgraph: one subgraph and its own database on a real Postgres, run on the
 *   compiled output (`*.subgraph.test.ts`).
 * - e2e: the federation (real subgraphs, the real gateway, a real browser),
 *   on the compiled output: `packages/stack/src/e2e/`.
 *
 * `npm test` builds and runs all three; `npx jest --selectProjects unit` runs
 * the unit tests alone, with no Postgres.
 * @type {import('jest').Config}
 */
const postgres = {
  globalSetup: '<rootDir>/packages/stack/dist/test/global-setup.js',
  globalTeardown: '<rootDir>/packages/stack/dist/test/global-teardown.js',
};

module.exports = {
  maxWorkers: 2,
  // Federation tests start real servers; unit tests finish long before this.
  testTimeout: 60_000,
  watchman: false,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/packages', '<rootDir>/services'],
      testMatch: ['**/src/**/__tests__/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/', '\\.subgraph\\.test\\.ts$'],
      setupFiles: ['reflect-metadata'],
      transform: {
        '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.unit.json' }],
      },
      moduleNameMapper: {
        // Workspace packages are read from their sources, so no build is needed.
        '^@thidua/kit$': '<rootDir>/packages/kit/src/index.ts',
        '^@thidua/kit/(.*)$': '<rootDir>/packages/kit/src/$1/index.ts',
        // Sources import './x.js' (Node ESM-style paths); the file is x.ts.
        '^(\\.{1,2}/.*)\\.js$': '$1',
      },
    },
    {
      displayName: 'subgraph',
      testEnvironment: 'node',
      roots: ['<rootDir>/packages', '<rootDir>/services'],
      testMatch: ['**/dist/**/__tests__/**/*.subgraph.test.js'],
      ...postgres,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/packages/stack'],
      testMatch: ['**/dist/e2e/**/*.test.js'],
      ...postgres,
    },
  ],
};
