#!/usr/bin/env bash
# Stops the cluster scripts/pg-up.sh started in $PGTMP and removes its folder.
set -uo pipefail
: "${PGTMP:?PGTMP names the folder pg-up.sh printed}"
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
case "$PGTMP" in /tmp/copydesk-pg.*) ;; *) echo "pg-down: $PGTMP is not a pg-up.sh folder" >&2; exit 2 ;; esac
if [ -f "$PGTMP/data/postmaster.pid" ]; then
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGTMP/data" -m fast -w stop >/dev/null
  else
    "$PGBIN/pg_ctl" -D "$PGTMP/data" -m fast -w stop >/dev/null
  fi
fi
rm -rf "$PGTMP"
