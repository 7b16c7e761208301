/**
 * Runs our TypeScript sources in a plain Node process (the real worker, spawned by e2e tests) without a build:
 * `node --require ./test/support/swc-register.js apps/worker/src/main.ts`.
 *
 * - .ts files outside node_modules are compiled to CommonJS with SWC, using the repository's .swcrc (decorators and
 *   their metadata, as jest does). node_modules are left alone: NestJS 12's ES modules load natively (require(esm)).
 * - `@hireloop/<lib>[/<path>]` resolves to libs/<lib>/src[/<path>] (`@hireloop/testing`: test/support), as in tsconfig.json's `paths`.
 */
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { addHook } = require('pirates');
const { transformSync } = require('@swc/core');

const ROOT = path.resolve(__dirname, '..', '..');
const swcrc = JSON.parse(fs.readFileSync(path.join(ROOT, '.swcrc'), 'utf8'));
delete swcrc.$schema;

process.setSourceMapsEnabled?.(true);

addHook(
  (code, filename) =>
    transformSync(code, { ...swcrc, filename, swcrc: false, configFile: false, sourceMaps: 'inline', module: { type: 'commonjs' } }).code,
  { exts: ['.ts'], ignoreNodeModules: true },
);

const ALIAS = /^@hireloop\/(calibration|core|database|queue|config|testing)(\/.*)?$/;
const aliasRoot = (lib) => (lib === 'testing' ? path.join(ROOT, 'test', 'support') : path.join(ROOT, 'libs', lib, 'src'));
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveHireloopAlias(request, parent, isMain, options) {
  const match = ALIAS.exec(request);
  if (match) request = path.join(aliasRoot(match[1]), match[2] ? match[2].slice(1) : '');
  return resolveFilename.call(this, request, parent, isMain, options);
};
