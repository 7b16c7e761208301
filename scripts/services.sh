#!/usr/bin/env bash
# Makes PostgreSQL and Redis available for the service and the tests, in this order of preference:
#   1. already reachable → use them
#   2. installed here → start them
#   3. a Docker engine runs → docker compose up postgres redis
#   4. root with apt-get → install Debian's postgresql and redis-server, then start them
#   5. otherwise → stop with a message saying what to do
# Then creates the database named in DATABASE_URL if it is missing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
require_node

DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/hireloop}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
PG_HOST="$(url_host "$DATABASE_URL")"; PG_PORT="$(url_port "$DATABASE_URL" 5432)"
REDIS_HOST="$(url_host "$REDIS_URL")"; REDIS_PORT="$(url_port "$REDIS_URL" 6379)"
is_local() { [[ "$1" == "127.0.0.1" || "$1" == "localhost" || "$1" == "::1" ]]; }
IS_ROOT=0; [ "$(id -u)" = "0" ] && IS_ROOT=1

pg_up() { tcp_open "$PG_HOST" "$PG_PORT"; }
redis_up() { tcp_open "$REDIS_HOST" "$REDIS_PORT"; }

start_installed_postgres() {
  command -v pg_ctlcluster >/dev/null 2>&1 || return 1
  [ -d /etc/postgresql ] || return 1
  local version
  version="$(ls /etc/postgresql | sort -V | tail -1)"
  [ -n "$version" ] || return 1
  log "starting the installed PostgreSQL $version cluster"
  if [ "$IS_ROOT" = 1 ]; then
    pg_ctlcluster --skip-systemctl-redirect "$version" main start >/dev/null 2>&1 || true
  else
    pg_ctlcluster "$version" main start >/dev/null 2>&1 || true
  fi
  wait_for_tcp "$PG_HOST" "$PG_PORT" 30
}

start_installed_redis() {
  command -v redis-server >/dev/null 2>&1 || return 1
  log "starting the installed redis-server on port $REDIS_PORT"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no >/dev/null 2>&1 || return 1
  wait_for_tcp "$REDIS_HOST" "$REDIS_PORT" 15
}

docker_engine() { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }

compose_up() {
  log "starting $1 with docker compose"
  (cd "$ROOT_DIR" && docker compose up -d "$1") >/dev/null
}

apt_install() {
  [ "$IS_ROOT" = 1 ] && command -v apt-get >/dev/null 2>&1 || return 1
  log "installing Debian packages: $*"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# A freshly installed Debian cluster asks for passwords on TCP; local development uses trust on loopback only.
trust_loopback() {
  local hba
  hba="$(ls /etc/postgresql/*/main/pg_hba.conf 2>/dev/null | sort -V | tail -1)"
  [ -n "$hba" ] || return 0
  if ! grep -q '^# hireloop: trust loopback' "$hba"; then
    log "allowing passwordless PostgreSQL connections from loopback (development setup)"
    sed -i '1i # hireloop: trust loopback\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
    local version; version="$(basename "$(dirname "$(dirname "$hba")")")"
    pg_ctlcluster --skip-systemctl-redirect "$version" main reload >/dev/null 2>&1 || true
  fi
}

ensure_postgres() {
  pg_up && return 0
  is_local "$PG_HOST" || die "PostgreSQL at $PG_HOST:$PG_PORT is not reachable. Start it, or set DATABASE_URL to one that is."
  start_installed_postgres && return 0
  if docker_engine; then compose_up postgres && wait_for_tcp "$PG_HOST" "$PG_PORT" 60 && return 0; fi
  if apt_install postgresql; then trust_loopback; start_installed_postgres && return 0; fi
  die "PostgreSQL is not running on $PG_HOST:$PG_PORT and could not be started here.
  Do one of: install it (Debian: sudo apt-get install postgresql) and start it;
  or run 'docker compose up -d postgres' on a machine with a Docker engine;
  or point DATABASE_URL at a reachable server."
}

ensure_redis() {
  redis_up && return 0
  is_local "$REDIS_HOST" || die "Redis at $REDIS_HOST:$REDIS_PORT is not reachable. Start it, or set REDIS_URL to one that is."
  start_installed_redis && return 0
  if docker_engine; then compose_up redis && wait_for_tcp "$REDIS_HOST" "$REDIS_PORT" 60 && return 0; fi
  if apt_install redis-server; then start_installed_redis && return 0; fi
  die "Redis is not running on $REDIS_HOST:$REDIS_PORT and could not be started here.
  Do one of: install it (Debian: sudo apt-get install redis-server) and start it;
  or run 'docker compose up -d redis' on a machine with a Docker engine;
  or point REDIS_URL at a reachable server."
}

ensure_postgres
ensure_redis
if [ -d "$ROOT_DIR/node_modules/pg" ]; then
  node "$ROOT_DIR/scripts/ensure-database.js" "$DATABASE_URL"
fi
log "PostgreSQL $PG_HOST:$PG_PORT and Redis $REDIS_HOST:$REDIS_PORT are available"
