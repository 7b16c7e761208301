#!/usr/bin/env bash
# npm run bench: makes PostgreSQL and Redis available, builds, and runs every benchmark against its own database
# (hireloop_bench, dropped and migrated at each run), queue prefix (hireloop-bench) and port (3200).
# Prints one table and writes bench/results/latest.json. See bench/README.md.
#
#   BENCH_DATABASE_URL   default postgres://postgres@127.0.0.1:5432/hireloop_bench (its name must contain "bench")
#   BENCH_PORT           default 3200          BENCH_QUEUE_PREFIX  default hireloop-bench
#   BENCH_ONLY           e.g. submission,debrief (default: every figure)
#   BENCH_DIST           compile into this folder instead of `npm run build` into dist/ (leaves dist/ alone)
#   BENCH_SKIP_INSTALL=1 do not check node_modules against package-lock.json
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
source bench/lib.sh
require_node
[ "${BENCH_SKIP_INSTALL:-}" = "1" ] || ensure_dependencies

export BENCH_DATABASE_URL="${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/hireloop_bench}"
export BENCH_PORT="${BENCH_PORT:-3200}"
export BENCH_QUEUE_PREFIX="${BENCH_QUEUE_PREFIX:-hireloop-bench}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
DATABASE_URL="$BENCH_DATABASE_URL" bash scripts/services.sh

if [ -n "${BENCH_DIST:-}" ]; then
  compile_into "$BENCH_DIST"
  DIST="$BENCH_DIST"
else
  log "building"
  npm run --silent build
  DIST=dist
fi

log "running the benchmarks (about 6–9 minutes); progress on stderr, the table on stdout"
run_in_own_group "$DIST/bench/src/main.js"
