const fs = require('node:fs');
const path = require('node:path');

/** Names of installed packages that are ES modules ("type": "module"), found once per jest start. */
function esmPackages() {
  const root = path.join(__dirname, 'node_modules');
  const names = [];
  const isEsm = (dir) => {
    try {
      return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).type === 'module';
    } catch {
      return false;
    }
  };
  for (const entry of fs.existsSync(root) ? fs.readdirSync(root) : []) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) {
      for (const sub of fs.readdirSync(path.join(root, entry))) if (isEsm(path.join(root, entry, sub))) names.push(`${entry}/${sub}`);
    } else if (isEsm(path.join(root, entry))) names.push(entry);
  }
  return names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

/** Three tiers: unit (pure logic, no services), integration and e2e (real PostgreSQL and Redis). */
const swc = ['@swc/jest', { swcrc: true }];
const moduleNameMapper = {
  '^@hireloop/(calibration|core|database|queue|config)$': '<rootDir>/libs/$1/src',
  '^@hireloop/(calibration|core|database|queue|config)/(.*)$': '<rootDir>/libs/$1/src/$2',
  // Test support lives with the tests, outside libs/ (no library imports an app).
  '^@hireloop/testing$': '<rootDir>/test/support',
  '^@hireloop/testing/(.*)$': '<rootDir>/test/support/$1',
};
// NestJS 12 ships ES modules only. Node 20 loads them natively (require(esm)), but jest's module runtime does not,
// so jest compiles those packages to CommonJS with SWC like our own sources.
// @fastify/cookie is CommonJS but loads its ES-module dependency `cookie` with a dynamic import(), which jest's
// runtime cannot run either: compiled too, the import() becomes a require().
const ESM_PACKAGES = [...esmPackages(), '@fastify/cookie'];
const common = {
  rootDir: __dirname,
  transform: { '^.+\\.(ts|js|mjs)$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  moduleNameMapper,
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/setup-env.ts'],
};

module.exports = {
  // A global option: jest ignores testTimeout inside a project. Real services and worker processes take their time.
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/bench/**/*.spec.ts', '<rootDir>/deploy/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
    },
  ],
};
