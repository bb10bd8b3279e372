/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  // Property suites: one recorded seed (the same run every time); `npm run fuzz` varies it.
  setupFiles: ['<rootDir>/test/setup/fast-check.ts'],
  // Component tests pick jsdom with a `@jest-environment jsdom` docblock.
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 60000,
};
