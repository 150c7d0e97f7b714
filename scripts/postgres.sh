#!/usr/bin/env bash
# Makes sure a PostgreSQL server is reachable for the tests and prints its admin URL.
# Uses PORTICO_TEST_POSTGRES_URL when it already answers; otherwise installs Debian's
# PostgreSQL if missing and starts a throwaway cluster on port 55432.
set -euo pipefail
source "$(dirname "$0")/env.sh"

port=55432
url_default="postgres://postgres@127.0.0.1:$port/postgres"
if [ -n "${PORTICO_TEST_POSTGRES_URL:-}" ] && psql "$PORTICO_TEST_POSTGRES_URL" -qAtc 'select 1' >/dev/null 2>&1; then
  echo "$PORTICO_TEST_POSTGRES_URL"; exit 0
fi
if psql "$url_default" -qAtc 'select 1' >/dev/null 2>&1; then
  echo "$url_default"; exit 0
fi

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ]; then
  echo "==> installing PostgreSQL (Debian)" >&2
  scripts/apt-install.sh postgresql >&2
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

# Outside $HOME: the postgres user must be able to reach it.
dir="${PORTICO_POSTGRES_DIR:-/var/tmp/portico-postgres}"
as_owner() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
mkdir -p "$dir"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
if [ ! -f "$dir/data/PG_VERSION" ]; then
  as_owner "$bin/initdb -D $dir/data --auth=trust --username=postgres -E UTF8 >/dev/null"
fi
# Tests create a database each (test.sh drops those of earlier runs); durability is not what
# they measure.
as_owner "$bin/pg_ctl -D $dir/data -l $dir/log -o \"-p $port -k $dir -c fsync=off -c max_connections=300\" -w start" >&2
echo "$url_default"
