#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL 15 server for the Worker tests, from Debian's `postgresql` package:
# a fresh cluster in a temp folder, listening only on 127.0.0.1 on a free port, trust auth (loopback only).
#
#   eval "$(scripts/postgres-test-server.sh start)"   # exports TABLERECOVERY_TEST_POSTGRES and TABLERECOVERY_TEST_PGDIR
#   scripts/postgres-test-server.sh stop              # stops the server in $TABLERECOVERY_TEST_PGDIR and removes it
#
# As root the server runs as the `postgres` user (initdb refuses root). Prints only `export` lines on stdout.
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[ -x "$bindir/initdb" ] || { echo "postgres-test-server: PostgreSQL not installed (apt-get install postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  echo "postgres-test-server: no free port found" >&2; return 1
}

start() {
  local dir port
  dir=$(mktemp -d /tmp/tablerecovery-pg.XXXXXX)
  chmod 755 "$dir"
  mkdir -p "$dir/data" "$dir/socket"
  [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$dir"
  port=$(free_port)
  as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir/socket'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
  as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
  "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qc "CREATE DATABASE tablerecovery_test" >/dev/null
  echo "export TABLERECOVERY_TEST_PGDIR='$dir'"
  echo "export TABLERECOVERY_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=tablerecovery_test;Pooling=true;Maximum Pool Size=50'"
  echo "postgres-test-server: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $dir" >&2
}

stop() {
  local dir=${1:-${TABLERECOVERY_TEST_PGDIR:-}}
  [ -n "$dir" ] && [ -d "$dir/data" ] || { echo "postgres-test-server: nothing to stop" >&2; return 0; }
  as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  echo "postgres-test-server: stopped, removed $dir" >&2
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start | stop [DIR]" >&2; exit 2 ;;
esac
