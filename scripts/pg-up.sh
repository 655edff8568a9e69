#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and CI: a temp folder, loopback only, trust auth.
# Prints `PGTMP=...` and `DATABASE_URL=...` lines for `eval`; stop it with scripts/pg-down.sh.
# As root, the server runs as the `postgres` user (initdb and postgres refuse root).
set -euo pipefail
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "pg-up: no PostgreSQL server binaries (apt-get install -y postgresql)" >&2
  exit 3
fi
PGTMP=${PGTMP:-$(mktemp -d /tmp/copydesk-pg.XXXXXX)}
if [ -z "${PGPORT:-}" ]; then   # the first free port from 54329: a CI run and a test run may overlap
  PGPORT=54329
  while (exec 3<>"/dev/tcp/127.0.0.1/$PGPORT") 2>/dev/null; do PGPORT=$((PGPORT + 1)); done
fi
mkdir -p "$PGTMP"
trap 'PGTMP=$PGTMP bash "$(dirname "$0")/pg-down.sh"' ERR   # a failed start leaves nothing behind
chmod 700 "$PGTMP"
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$PGTMP"   # mktemp's folder is root's: postgres could not enter it
  runpg() { runuser -u postgres -- "$@"; }
else
  runpg() { "$@"; }
fi
runpg "$PGBIN/initdb" -D "$PGTMP/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
runpg "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/log" -w -t 30 start \
  -o "-k $PGTMP -c listen_addresses=127.0.0.1 -p $PGPORT -c max_connections=200" >/dev/null
runpg "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres copydesk_test
echo "PGTMP=$PGTMP"
echo "DATABASE_URL=postgres://postgres@127.0.0.1:$PGPORT/copydesk_test"
