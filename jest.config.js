/** Two tiers: fast unit tests of pure logic, and e2e tests against the real PostgreSQL and Redis. */
const shared = {
  testEnvironment: 'node',
  moduleNameMapper: { '^@app/(.*)$': '<rootDir>/src/$1', '^@test/(.*)$': '<rootDir>/test/$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // content-disposition (under @fastify/static) ships only ES modules, which Jest cannot require.
    '^.+/node_modules/content-disposition/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
};

module.exports = {
  // Per test; storms against the real services take seconds on two cores.
  testTimeout: 60_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      setupFiles: ['<rootDir>/test/support/test-environment.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
    },
    {
      // Through nginx against the local cluster that test/cluster/run.sh starts (npm run test:cluster).
      ...shared,
      displayName: 'cluster',
      testMatch: ['<rootDir>/test/cluster/**/*.cluster-spec.ts'],
      setupFiles: ['<rootDir>/test/cluster/cluster-environment.ts'],
    },
  ],
};
