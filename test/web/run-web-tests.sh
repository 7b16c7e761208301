#!/usr/bin/env bash
# The web app's tests: its unit tests (vitest) and the browser test (playwright-core driving Debian's Chromium)
# against the API + worker serving the built app. Writes the counts to .run/web.json ({"passed":N,"failed":M}).
#
#   bash test/web/run-web-tests.sh                       # starts its own API + worker (needs PostgreSQL and Redis)
#   WEB_BASE_URL=http://127.0.0.1:3000 bash test/web/run-web-tests.sh   # uses a running API + worker instead
#
# With WEB_BASE_URL the API must have been started after apps/web/dist was built (it registers the files at start).
# Environment: CHROMIUM_PATH (default /usr/bin/chromium), DATABASE_URL and REDIS_URL (for the API it starts; the
# database used is DATABASE_URL's with "_web" appended), WEB_REPORT_TIMEOUT_MS (default 90000), WEB_TEST_PORT (the
# API's port; default a free one), WEB_SPECS (the browser specs to run; default test/web/*.web-spec.mjs),
# WEB_REMINDER_CRON (the worker's feedback-reminder scan; default every 5 s).
# Screenshots of every page: test/web/screenshots/ (not committed).
set -uo pipefail
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT_DIR"
WEB_DIR=apps/web
RUN_DIR=.run
mkdir -p "$RUN_DIR" test/web/screenshots
rm -f test/web/screenshots/*.png
rm -f "$RUN_DIR/web.json" "$RUN_DIR/web-unit.json" "$RUN_DIR/web-e2e.tap"

log() { printf '\033[1;34m[web-tests]\033[0m %s\n' "$*" >&2; }
write_result() { printf '{"passed":%d,"failed":%d}\n' "$1" "$2" > "$RUN_DIR/web.json"; }
setup_failed() {
  printf '\033[1;31m[web-tests] %s\033[0m\n' "$*" >&2
  write_result 0 1
  exit 1
}

# --- Chromium: Debian's package, never a browser download ---------------------------------------------------
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM_PATH" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    log "installing Debian's chromium (apt-get)"
    { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >"$RUN_DIR/web-apt.log" 2>&1 \
      || setup_failed "apt-get install chromium failed (see $RUN_DIR/web-apt.log)"
  else
    setup_failed "Chromium is needed at $CHROMIUM_PATH for the browser tests. Install Debian's package as root (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary."
  fi
fi
export CHROMIUM_PATH

# --- the web app's own dependencies (apps/web is its own npm project) ------------------------------------------
stamp="$WEB_DIR/node_modules/.hireloop-installed"
if [ ! -f "$stamp" ] || [ "$WEB_DIR/package-lock.json" -nt "$stamp" ]; then
  log "installing the web app's dependencies (npm ci in $WEB_DIR)"
  (cd "$WEB_DIR" && npm ci --no-audit --no-fund --loglevel=error) || setup_failed "npm ci in $WEB_DIR failed"
  touch "$stamp"
fi

# --- unit tests of the web app's pure helpers --------------------------------------------------------------------
log "unit tests (vitest)"
(cd "$WEB_DIR" && npx vitest run --reporter=default --reporter=json --outputFile="$ROOT_DIR/$RUN_DIR/web-unit.json")
unit_status=$?

# --- build the web app when a source is newer than the build --------------------------------------------------
build_failed=0
if [ ! -f "$WEB_DIR/dist/index.html" ] || [ -n "$(find "$WEB_DIR/src" "$WEB_DIR/index.html" "$WEB_DIR/vite.config.ts" "$WEB_DIR/package-lock.json" -newer "$WEB_DIR/dist/index.html" -print -quit)" ]; then
  log "building the web app"
  (cd "$WEB_DIR" && npm run --silent build) || build_failed=1
fi

# --- the API + worker under test -------------------------------------------------------------------------------
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

start_services() {
  local base_db="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/hireloop}"
  local db_url port out="$RUN_DIR/web-e2e-dist"
  db_url="$(node -e 'const u=new URL(process.argv[1]); u.pathname=u.pathname.replace(/\/?$/,"")+"_web"; console.log(u.toString())' "$base_db")"
  port="${WEB_TEST_PORT:-$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}"
  log "compiling the API and worker into $out"
  rm -rf "$out"
  # Type errors are the type check's business (tsc still emits); a missing entry point is ours.
  npx tsc -p test/web/tsconfig.backend.json --outDir "$out" >"$RUN_DIR/web-tsc.log" 2>&1 || log "tsc reported type errors (see $RUN_DIR/web-tsc.log); running what it emitted"
  npx tsc-alias -p test/web/tsconfig.backend.json --outDir "$out" >>"$RUN_DIR/web-tsc.log" 2>&1 || { cat "$RUN_DIR/web-tsc.log" >&2; return 1; }
  [ -f "$out/apps/api/src/main.js" ] && [ -f "$out/apps/worker/src/main.js" ] || { cat "$RUN_DIR/web-tsc.log" >&2; return 1; }
  node scripts/ensure-database.js "$db_url" || return 1
  export DATABASE_URL="$db_url" QUEUE_PREFIX="hireloop-web-$$" SERVE_WEB=true MIGRATIONS_RUN=true LOG_LEVEL="${WEB_LOG_LEVEL:-warn}"
  # The feedback-reminder scan every 5 s instead of every 15 min, so that a reminder email for an interview that
  # ended long ago arrives while the browser test waits for it (account-links.web-spec.mjs follows its link).
  export REMINDER_CRON="${WEB_REMINDER_CRON:-*/5 * * * * *}"
  export LOGIN_THROTTLE_LIMIT=1000 LOGIN_THROTTLE_ADDRESS_LIMIT=100000 JWT_SECRET="${JWT_SECRET:-web-tests-$(node -e 'console.log(require("crypto").randomBytes(24).toString("hex"))')}"
  # Emails go to the API's development mailbox (on a free port, so parallel runs do not collide); their links use
  # the address the browser test opens.
  export PUBLIC_APP_URL="http://127.0.0.1:$port" DEV_MAILBOX_PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  log "starting the API on :$port (database $(node -e 'console.log(new URL(process.argv[1]).pathname.slice(1))' "$db_url"))"
  PORT="$port" node "$out/apps/api/src/main.js" >"$RUN_DIR/web-api.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    kill -0 "${pids[0]}" 2>/dev/null || { tail -40 "$RUN_DIR/web-api.log" >&2; return 1; }
    sleep 0.5
  done
  curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 || return 1
  node "$out/apps/worker/src/main.js" >"$RUN_DIR/web-worker.log" 2>&1 &
  pids+=($!)
  export WEB_BASE_URL="http://127.0.0.1:$port"
}

e2e_status=0
if [ "$build_failed" = 1 ]; then
  log "the web app did not build: skipping the browser test"
  e2e_status=1
elif [ -n "${WEB_BASE_URL:-}" ]; then
  curl -fsS "${WEB_BASE_URL%/}/health" >/dev/null 2>&1 || { log "nothing answers at ${WEB_BASE_URL%/}/health"; e2e_status=1; }
else
  start_services || { log "could not start the API and worker for the browser test (logs in $RUN_DIR/web-*.log)"; e2e_status=1; }
fi

if [ "$e2e_status" = 0 ]; then
  log "browser test against $WEB_BASE_URL (Chromium: $CHROMIUM_PATH)"
  node --test --test-concurrency=1 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$RUN_DIR/web-e2e.tap" \
    ${WEB_SPECS:-test/web/*.web-spec.mjs}
  e2e_status=$?
fi

# --- counts ---------------------------------------------------------------------------------------------------
read -r passed failed < <(node -e '
const fs = require("fs");
let passed = 0, failed = 0;
try { const u = JSON.parse(fs.readFileSync(".run/web-unit.json", "utf8")); passed += u.numPassedTests; failed += u.numFailedTests + (u.numFailedTestSuites || 0); }
catch { failed += 1; }
let tap = "";
try { tap = fs.readFileSync(".run/web-e2e.tap", "utf8"); } catch {}
const count = (name) => Number((tap.match(new RegExp(`^# ${name} (\\d+)$`, "m")) || [])[1] || 0);
passed += count("pass");
failed += count("fail") + count("cancelled");
if (!tap && process.argv[1] !== "0") failed += 1; // the browser test could not run at all
if (process.argv[2] === "1") failed += 1; // the build failed
console.log(passed, failed);
' "$e2e_status" "$build_failed")
write_result "$passed" "$failed"
log "web: $passed passed, $failed failed (screenshots in test/web/screenshots/)"
[ "$unit_status" = 0 ] && [ "$e2e_status" = 0 ] && [ "$build_failed" = 0 ]
