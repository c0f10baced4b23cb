#!/usr/bin/env bash
# Time seed_demo on a throwaway PostgreSQL 15 (issue 16 §2), seeder by seeder:
#   bash bench/seeding/postgres.sh [--scale city|province] [--seed N] [--profile FILE]
# Starts its own cluster in a temporary folder (Unix socket only, durability off as in
# scripts/test-postgres.sh), migrates, runs bench/seeding/seed.py with the arguments given, and
# removes the folder afterwards. SEED_TIMEOUT (seconds, default none) stops the seed and
# prints how far it got.
set -euo pipefail
cd "$(dirname "$0")/../.."

PG_BIN=
for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ]; then PG_BIN=$dir; break; fi
done
[ -n "$PG_BIN" ] || { bash scripts/apt-install.sh postgresql; PG_BIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | head -1)"); }

AS_PG=()
if [ "$(id -u)" -eq 0 ]; then AS_PG=(runuser -u postgres --); fi
PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/dangjian-seed-pg.XXXXXX")
cleanup() {
    "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
if [ "$(id -u)" -eq 0 ]; then chown postgres: "$PG_DIR"; fi

"${AS_PG[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" --auth=trust -U postgres --encoding=UTF8 --locale=C.UTF-8 \
    >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; exit 1; }
"${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -o \
    "-c listen_addresses='' -k $PG_DIR -c fsync=off -c full_page_writes=off -c max_wal_size=4GB -c shared_buffers=512MB" \
    start >/dev/null || { cat "$PG_DIR/server.log" >&2; exit 1; }

host=$(.venv/bin/python -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$PG_DIR")
export DATABASE_URL="postgres://postgres@${host}/postgres" DEBUG=0
.venv/bin/python manage.py migrate -v0
if [ -n "${SEED_TIMEOUT:-}" ]; then
    timeout "$SEED_TIMEOUT" .venv/bin/python bench/seeding/seed.py "$@" || true
else
    .venv/bin/python bench/seeding/seed.py "$@"
fi
