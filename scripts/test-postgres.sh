#!/usr/bin/env bash
# Run the suite on a throwaway PostgreSQL 15 started here: a new cluster in a
# temporary folder, listening only on a Unix socket in that folder, with
# durability switched off for speed. The server is stopped and the folder
# removed on exit, whether the tests pass or not. Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

find_pg_bin() {
    local dir
    for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return 0
        fi
    done
    if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
        dirname "$(command -v initdb)"
        return 0
    fi
    return 1
}

PG_BIN=$(find_pg_bin) || {
    bash scripts/apt-install.sh postgresql
    PG_BIN=$(find_pg_bin)
}

# initdb refuses to run as root: run the server as the postgres user then.
AS_PG=()
if [ "$(id -u)" -eq 0 ]; then
    AS_PG=(runuser -u postgres --)
fi

PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/dangjian-pg.XXXXXX")
cleanup() {
    "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$PG_DIR"
fi

"${AS_PG[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" --auth=trust -U postgres \
    --encoding=UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 || {
    cat "$PG_DIR/initdb.log" >&2
    exit 1
}
"${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -o \
    "-c listen_addresses='' -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || {
    cat "$PG_DIR/server.log" >&2
    exit 1
}
"$PG_BIN/postgres" --version

# The socket folder goes in the host part, percent-encoded, which
# dj-database-url turns into HOST=/that/folder.
host=$(.venv/bin/python -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$PG_DIR")
export DATABASE_URL="postgres://postgres@${host}/postgres"
echo "PostgreSQL pass: DATABASE_URL=$DATABASE_URL"

bash scripts/pytest.sh "$@"
