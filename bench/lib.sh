# Shared by bench/run.sh and bench/soak.sh. Source it after scripts/lib.sh; do not run it.

# Compiles the API, the worker and the benchmarks into DIR (leaves dist/ alone).
compile_into() {
  local dir=$1
  log "building into $dir"
  rm -rf "$dir"
  npx tsc -p tsconfig.build.json --outDir "$dir"
  npx tsc-alias -p tsconfig.build.json --outDir "$dir"
}

# Runs `node SCRIPT` in a process group of its own, with the API and the worker it starts: whatever happens here
# (Ctrl-C, an error, a kill), the whole group is stopped on the way out. Exits with the script's status.
run_in_own_group() {
  BENCH_GROUP_PID=""
  trap stop_bench_group INT TERM EXIT
  setsid node "$1" &
  BENCH_GROUP_PID=$!
  local status=0
  wait "$BENCH_GROUP_PID" || status=$?
  BENCH_GROUP_PID=""
  exit "$status"
}

stop_bench_group() {
  trap - INT TERM EXIT
  local pid=${BENCH_GROUP_PID:-}
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    sleep 2
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
}
