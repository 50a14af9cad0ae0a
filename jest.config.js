// Native ESM Jest: Nest 12 packages are ESM-only, so tests run as ES modules
// (NODE_OPTIONS / --experimental-vm-modules is set by the `test` script).
const swc = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    '^engage-send$': '<rootDir>/libs/engage-send/src/index.ts',
    '^engage-send/testing$': '<rootDir>/libs/engage-send/src/testing/index.ts',
    '^engage-send/outbox$': '<rootDir>/libs/engage-send/src/outbox/index.ts',
    // ESM sources import siblings as `./x.js`; Jest resolves the `.ts` file.
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 30_000,
};
