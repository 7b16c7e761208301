#!/usr/bin/env bash
# Sets everything up on a fresh machine and runs the whole test suite: unit, integration and e2e (jest, against real
# PostgreSQL and Redis and, where jobs matter, the real worker process), then the browser tests of the web app.
# Writes the counts to .run/test-summary.txt ("<passed> <failed>").
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT_DIR"
require_node
ensure_dependencies
export DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/hireloop_test}"
bash scripts/services.sh || exit 1
mkdir -p .run
rm -f .run/jest.json .run/web.json .run/test-summary.txt

log "type-checking"
typecheck_failed=0
npx tsc -p tsconfig.json --noEmit || typecheck_failed=1

log "linting the OpenAPI document (Redocly, recommended rules)"
openapi_lint_failed=0
bash scripts/lint-openapi.sh || openapi_lint_failed=1

# ESLint (eslint.config.mjs: typescript-eslint, react-hooks, jsx-a11y) over the whole repository, no warning allowed,
# and Prettier's check of the formatting: one test each.
log "linting the code (ESLint)"
eslint_failed=0
npx eslint . --max-warnings=0 || eslint_failed=1
log "checking the formatting (Prettier)"
format_failed=0
npx prettier --check --log-level warn . || { format_failed=1; log "not formatted: run npm run format"; }

log "running jest (unit, integration, e2e)"
# Test files run side by side, each jest worker on its own copy of the database (test/global-setup.ts): most of an e2e
# file's time is spent waiting for the API, the worker and the services, not computing.
npx jest --ci --forceExit --maxWorkers="${JEST_MAX_WORKERS:-2}" --json --outputFile=.run/jest.json "$@"
jest_status=$?

web_status=0
if [ -x test/web/run-web-tests.sh ] && [ "$#" -eq 0 ]; then
  log "running the browser tests"
  bash test/web/run-web-tests.sh
  web_status=$?
fi

node -e '
const fs = require("fs");
const read = (f) => { try { return JSON.parse(fs.readFileSync(f, "utf8")); } catch { return null; } };
const jest = read(".run/jest.json");
const web = read(".run/web.json");
let passed = 0, failed = 0;
if (jest) { passed += jest.numPassedTests; failed += jest.numFailedTests + jest.numRuntimeErrorTestSuites; }
else failed += 1;
if (web) { passed += web.passed; failed += web.failed; }
if (process.argv[1] === "1") failed += 1; // the type check counts as one test
if (process.argv[2] === "1") failed += 1; else passed += 1; // so does the lint of the OpenAPI document
if (process.argv[3] === "1") failed += 1; else passed += 1; // and ESLint
if (process.argv[4] === "1") failed += 1; else passed += 1; // and the formatting check
fs.writeFileSync(".run/test-summary.txt", `${passed} ${failed}\n`);
console.log(`\nall tests (type check, OpenAPI lint, ESLint, Prettier, jest, browser): ${passed} passed, ${failed} failed`);
' "$typecheck_failed" "$openapi_lint_failed" "$eslint_failed" "$format_failed"

[ "$typecheck_failed" = 0 ] && [ "$openapi_lint_failed" = 0 ] && [ "$eslint_failed" = 0 ] && [ "$format_failed" = 0 ] && [ "$jest_status" = 0 ] && [ "$web_status" = 0 ]
