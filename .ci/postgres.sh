#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on 127.0.0.1 for khabar's store tests.
#
# Usage:   eval "$(.ci/postgres.sh)"        # exports KHABAR_TEST_PG_URL in the calling shell
#          .ci/postgres.sh stop             # stops the server and removes its data directory
# Env:     KHABAR_PG_PORT (default 54329), KHABAR_PG_DATA (default /tmp/khabar-pg),
#          KHABAR_PG_DB / KHABAR_PG_USER / KHABAR_PG_PASSWORD (default khabar_test / khabar / khabar)
# Needs root (or sudo) for apt-get and for running the server as the postgres user.
# Everything but the final `export` line goes to stderr, so `eval` only sees the export.
set -euo pipefail

PORT="${KHABAR_PG_PORT:-54329}"
DATA="${KHABAR_PG_DATA:-/tmp/khabar-pg}"
DB="${KHABAR_PG_DB:-khabar_test}"
USER_NAME="${KHABAR_PG_USER:-khabar}"
PASSWORD="${KHABAR_PG_PASSWORD:-khabar}"

log() { echo "[postgres.sh] $*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
as_pg() { as_root runuser -u postgres -- "$@"; }

pg_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  [ -n "$dir" ] && [ -x "$dir/pg_ctl" ] && echo "$dir"
}

if [ "${1:-start}" = "stop" ]; then
  BIN="$(pg_bin)"
  as_pg "$BIN/pg_ctl" -D "$DATA" -m fast stop >&2 || true
  as_root rm -rf "$DATA"
  exit 0
fi

if ! BIN="$(pg_bin)"; then
  log "installing PostgreSQL from Debian packages"
  as_root apt-get update >&2
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y postgresql >&2
  BIN="$(pg_bin)"
fi
log "using $BIN"

if [ ! -s "$DATA/PG_VERSION" ]; then
  as_root mkdir -p "$DATA"
  as_root chown postgres:postgres "$DATA"
  as_root chmod 700 "$DATA"
  as_pg "$BIN/initdb" -D "$DATA" -A trust -U postgres --encoding UTF8 --locale C.UTF-8 >&2
fi

if ! as_pg "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  as_pg "$BIN/pg_ctl" -D "$DATA" -w -l "$DATA/server.log" \
    -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" start >&2
fi

psql_pg() { as_pg "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql_pg -c "SELECT 1 FROM pg_roles WHERE rolname = '$USER_NAME'")" != "1" ]; then
  psql_pg -c "CREATE ROLE $USER_NAME LOGIN PASSWORD '$PASSWORD'" >&2
fi
if [ "$(psql_pg -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != "1" ]; then
  psql_pg -c "CREATE DATABASE $DB OWNER $USER_NAME" >&2
fi

URL="postgresql://$USER_NAME:$PASSWORD@127.0.0.1:$PORT/$DB"
log "ready: $URL"
echo "export KHABAR_TEST_PG_URL=$URL"
