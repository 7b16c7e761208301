#!/usr/bin/env bash
# Shared helpers for the project's scripts. Source it; do not run it.

log() { printf '\033[1;34m[hireloop]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[hireloop] %s\033[0m\n' "$*" >&2; exit 1; }

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

require_node() {
  command -v node >/dev/null 2>&1 || die "Node.js 20 or newer is required (https://nodejs.org). It is not on PATH."
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  [ "$major" -ge 20 ] || die "Node.js 20 or newer is required; found $(node -v)."
}

# Installs the locked dependencies when node_modules is missing or older than package-lock.json.
ensure_dependencies() {
  local stamp="$ROOT_DIR/node_modules/.hireloop-installed"
  if [ ! -f "$stamp" ] || [ "$ROOT_DIR/package-lock.json" -nt "$stamp" ]; then
    log "installing dependencies (npm ci)"
    (cd "$ROOT_DIR" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed"
    touch "$stamp"
  fi
}

# host and port of a URL like postgres://user@host:5432/db
url_host() { node -e 'const u=new URL(process.argv[1]); console.log(u.hostname)' "$1"; }
url_port() { node -e 'const u=new URL(process.argv[1]); console.log(u.port||process.argv[2])' "$1" "$2"; }

tcp_open() { (exec 3<>"/dev/tcp/$1/$2") >/dev/null 2>&1; }

wait_for_tcp() {
  local host=$1 port=$2 seconds=${3:-30}
  for _ in $(seq 1 $((seconds * 4))); do
    tcp_open "$host" "$port" && return 0
    sleep 0.25
  done
  return 1
}

# Exports JWT_SECRET for the API. When it is not set already, a random secret is created once in
# $ROOT_DIR/.run/secrets/jwt-secret (mode 0600, untracked: .run/ is in .gitignore) and reused on every start.
# Rotation: delete the file (or set JWT_SECRET) and restart; every token signed with the old secret is refused.
ensure_jwt_secret() {
  if [ -n "${JWT_SECRET:-}" ]; then export JWT_SECRET; return 0; fi
  local dir="$ROOT_DIR/.run/secrets" file="$ROOT_DIR/.run/secrets/jwt-secret"
  if [ ! -s "$file" ]; then
    (umask 077 && mkdir -p "$dir" && chmod 700 "$dir" &&
      node -e 'process.stdout.write(require("node:crypto").randomBytes(48).toString("base64url"))' >"$file.tmp" &&
      chmod 600 "$file.tmp" && mv "$file.tmp" "$file") || die "could not create $file"
    log "created a random JWT secret in .run/secrets/jwt-secret (kept for later starts)"
  fi
  chmod 600 "$file"
  JWT_SECRET="$(cat "$file")"
  export JWT_SECRET
}
