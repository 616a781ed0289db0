/**
 * Jest runs the TypeScript sources directly; type checking is `npm run build`, so ts-jest only
 * transpiles. text-readability and its syllable counter are ESM-only, so they are transpiled too.
 */
const esmOnly = ['text-readability', 'syllable', 'normalize-strings', 'pluralize'];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(ts|js)$': ['ts-jest', { tsconfig: { isolatedModules: true, allowJs: true, module: 'commonjs', target: 'ES2022', esModuleInterop: true, resolveJsonModule: true } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  setupFilesAfterEnv: ['<rootDir>/test/helpers/setup.ts'],
  testTimeout: 30000,
  clearMocks: true,
};
