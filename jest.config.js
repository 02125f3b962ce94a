// Jest runs in native ESM mode (NestJS 12 is ESM-only); @swc/jest compiles TypeScript
// with legacy decorators and emitted metadata, which NestJS and class-validator need.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
  },
];

const libs = {
  '^#domain$': '<rootDir>/libs/domain/src/index.ts',
  '^#event-store$': '<rootDir>/libs/event-store/src/index.ts',
  '^#projections$': '<rootDir>/libs/projections/src/index.ts',
  '^#read-models$': '<rootDir>/libs/read-models/src/index.ts',
  '^(\\.{1,2}/.*)\\.js$': '$1',
};

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: libs,
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  testTimeout: 30000,
  globalSetup: '<rootDir>/test/global-setup.ts',
};
