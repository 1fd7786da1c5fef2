#!/usr/bin/env bash
# Installs PostgreSQL from Debian if needed and runs a throw-away cluster for the tests.
#   scripts/postgres.sh start DIR PORT   → prints the database URL on its last line
#   scripts/postgres.sh stop DIR
set -euo pipefail
action=$1 dir=$2 port=${3:-5433}

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

case "$action" in
start)
  if [ -z "$(find_bin)" ]; then
    echo "Cài PostgreSQL (apt-get)…" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql postgresql-contrib >&2
  fi
  bin=$(find_bin)
  rm -rf "$dir" && mkdir -p "$dir" && chown postgres:postgres "$dir"
  su postgres -c "$bin/initdb -D '$dir/data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
  su postgres -c "$bin/pg_ctl -D '$dir/data' -o '-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off' -l '$dir/server.log' -w start" >/dev/null
  "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -q -c "CREATE ROLE hoptac LOGIN PASSWORD 'hoptac'" -c "CREATE DATABASE hoptac_test OWNER hoptac" >/dev/null
  echo "postgres://hoptac:hoptac@127.0.0.1:$port/hoptac_test?sslmode=disable"
  ;;
stop)
  bin=$(find_bin)
  [ -d "$dir/data" ] && su postgres -c "$bin/pg_ctl -D '$dir/data' -m fast -w stop" >/dev/null || true
  rm -rf "$dir"
  ;;
esac
