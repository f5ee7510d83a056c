// NestJS 12 ships ESM only; @swc/jest down-levels it (and our TypeScript) to CommonJS.
// Run through `npm test` (or `npm run test:jest`): PGlite needs --experimental-vm-modules.
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testTimeout: 60000,
  testRegex: '(libs|apps|test)/.*\\.(spec|int-spec|e2e-spec)\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  transform: { '^.+\\.(t|m?j)s$': ['@swc/jest', swc] },
  transformIgnorePatterns: ['/node_modules/(?!@nestjs/)'],
  moduleNameMapper: {
    '^@anxin/(common|persistence|conversation|channels|knowledge|agent|quality|staff|handoff)$':
      '<rootDir>/libs/$1/src/index.ts',
    '^@anxin/testing$': '<rootDir>/test/support/index.ts',
  },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/data/'],
};
