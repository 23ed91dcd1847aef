/** One jest run, four projects: unit (pure logic), component (Taro pages in jsdom), api (server via inject), e2e (Chromium). */
const swc = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } },
]

module.exports = {
  // A guard against a hang, not a measurement: an API suite's app migrates and seeds its own PostgreSQL
  // schema in beforeAll, seconds on a busy machine, beyond jest's 5 s default. Global on purpose: jest
  // ignores testTimeout inside a project (measured: a 7 s test failed at 5 s with it set on the project).
  testTimeout: 30_000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
    },
    require('./tests/support/jest.component.config.js'),
    {
      displayName: 'api',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/api/**/*.test.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      // light-my-request pulls in cookie@2, which ships ESM only.
      transformIgnorePatterns: ['/node_modules/(?!cookie/)'],
      moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
    },
    {
      // The compiled mini-program (dist/weapp) in the headless WeChat logic layer of tests/weapp/runner.
      displayName: 'weapp',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/weapp/**/*.test.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      transformIgnorePatterns: ['/node_modules/(?!cookie/)'],
      moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc },
    },
  ],
}
