#!/usr/bin/env bash
# Sets everything up on a fresh machine and runs the service: the API (HTTP) and the worker (jobs).
# Ctrl-C stops both. Configuration comes from the environment (see README); local defaults work as they are.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT_DIR"
require_node
ensure_dependencies
bash scripts/services.sh
ensure_jwt_secret

log "building"
npm run --silent build
if [ -f apps/web/package.json ]; then
  log "building the web app"
  npm run --silent build:web || log "the web app did not build; the API still serves /v1 and /docs"
fi

PORT="${PORT:-3000}"
pids=()
stop_all() {
  trap - INT TERM EXIT
  log "stopping"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all INT TERM EXIT

# The API applies pending migrations at start; the worker starts once the schema is there.
node dist/apps/api/src/main.js &
pids+=($!)
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; then break; fi
  kill -0 "${pids[0]}" 2>/dev/null || die "the API exited during start-up (see the log above)"
  sleep 0.5
done
node dist/apps/worker/src/main.js &
pids+=($!)
log "API on http://127.0.0.1:$PORT (docs: /docs, readiness: /health/ready); worker running. Ctrl-C stops both."
wait -n "${pids[@]}" || true
die "a process exited; stopping the service"
