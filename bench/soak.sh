#!/usr/bin/env bash
# npm run bench:soak: a bounded soak at a moderate, fixed rate on loopback (issue 8, part 4). Makes PostgreSQL and
# Redis available, compiles, and runs bench/src/soak.ts against a database, queue prefix and port of its own (so it
# can run beside `npm run bench`). Prints a table, writes bench/results/soak.json, exits 1 when a criterion fails.
# See bench/README.md ("Soak").
#
#   SOAK_DURATION_S      default 300    seconds of load (the warm-up included)
#   SOAK_WARMUP_S        default 120    first seconds not judged for memory (they hold V8's first major collection)
#   SOAK_RATE            default 30     requests/s, all operations together (open loop)
#   SOAK_SAMPLE_S        default 2      seconds between memory samples
#   SOAK_WINDOW_S        default a fifth of (duration − warm-up), 10–60 s: the first and last windows compared
#   SOAK_MEMORY_TOLERANCE default 0.10  allowed |change| of the windows' mean RSS
#   SOAK_INTERVIEWERS    default 16     SOAK_MAX_IN_FLIGHT default 64   SOAK_DRAIN_TIMEOUT_S default 120
#   BENCH_DATABASE_URL   default postgres://postgres@127.0.0.1:5432/hireloop_bench_soak (its name must contain "bench")
#   BENCH_PORT           default 3300          BENCH_QUEUE_PREFIX  default hireloop-bench-soak
#   BENCH_DIST           default .run/soak-dist: the compiled tree (dist/ is left alone)
#   BENCH_SKIP_INSTALL=1 do not check node_modules against package-lock.json
# Quick check: SOAK_DURATION_S=60 SOAK_WARMUP_S=15 npm run bench:soak
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
source bench/lib.sh
require_node
[ "${BENCH_SKIP_INSTALL:-}" = "1" ] || ensure_dependencies

export BENCH_DATABASE_URL="${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/hireloop_bench_soak}"
export BENCH_PORT="${BENCH_PORT:-3300}"
export BENCH_QUEUE_PREFIX="${BENCH_QUEUE_PREFIX:-hireloop-bench-soak}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
DATABASE_URL="$BENCH_DATABASE_URL" bash scripts/services.sh

DIST="${BENCH_DIST:-.run/soak-dist}"
compile_into "$DIST"

log "soaking for ${SOAK_DURATION_S:-300} s plus set-up and drain; progress on stderr, the table on stdout"
run_in_own_group "$DIST/bench/src/soak.js"
