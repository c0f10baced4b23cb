# A throwaway PostgreSQL, sourced by scripts/test-postgres.sh and bench/seeding/postgres.sh:
#   source scripts/pg-throwaway.sh; pg_throwaway_start "-c fsync=off ..."
# makes a new cluster in a temporary folder (PG_DIR), listening only on a Unix socket there,
# run as the postgres user when we are root (initdb refuses root), exports DATABASE_URL for it,
# and stops it and removes the folder on exit, whatever happens. Run from the checkout's root.
# scripts/pg-replica.sh sources it for find_pg_bin alone.
#
# PG_KEEP_DIR=/some/folder keeps the cluster instead: made there the first time (initdb),
# started again from there on later runs (the data kept, e.g. a seeded province), and on exit
# only stopped (a clean, fast shutdown), the folder left in place. Remove it by hand. A cluster
# found running there already is used as it is and left running.

# The folder of PostgreSQL's programs (15's first) holding initdb, pg_ctl and the programs named
# as arguments (scripts/pg-replica.sh: pg_basebackup psql); fails when no folder holds them all.
find_pg_bin() {
    local dir tool found
    for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
        found=1
        for tool in initdb pg_ctl "$@"; do
            [ -x "$dir/$tool" ] || found=0
        done
        if [ "$found" = 1 ]; then
            echo "$dir"
            return 0
        fi
    done
    for tool in initdb pg_ctl "$@"; do
        command -v "$tool" >/dev/null || return 1
    done
    dirname "$(command -v initdb)"
}

pg_throwaway_cleanup() {
    if [ -n "${PG_KEEP_DIR:-}" ]; then
        if [ -z "${PG_KEEP_RUNNING:-}" ]; then
            "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
        fi
        return 0
    fi
    "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
}

# $1: the server's settings (-c name=value …) besides the socket's.
pg_throwaway_start() {
    PG_BIN=$(find_pg_bin) || {
        bash scripts/apt-install.sh postgresql
        PG_BIN=$(find_pg_bin)
    }
    AS_PG=()
    if [ "$(id -u)" -eq 0 ]; then
        AS_PG=(runuser -u postgres --)
    fi
    if [ -n "${PG_KEEP_DIR:-}" ]; then
        mkdir -p "$PG_KEEP_DIR"
        PG_DIR=$(cd "$PG_KEEP_DIR" && pwd)
    else
        PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/dangjian-pg.XXXXXX")
    fi
    trap pg_throwaway_cleanup EXIT
    trap 'exit 130' INT TERM
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres: "$PG_DIR"
    fi
    if [ ! -f "$PG_DIR/data/PG_VERSION" ]; then
        "${AS_PG[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" --auth=trust -U postgres \
            --encoding=UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 || {
            cat "$PG_DIR/initdb.log" >&2
            exit 1
        }
    fi
    if [ -n "${PG_KEEP_DIR:-}" ] && "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; then
        PG_KEEP_RUNNING=1 # running already (started by someone else): used as it is, left running
    else
        "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -o \
            "-c listen_addresses='' -k $PG_DIR $1" start >/dev/null || {
            cat "$PG_DIR/server.log" >&2
            exit 1
        }
    fi
    # The socket folder goes in the host part, percent-encoded, which
    # dj-database-url turns into HOST=/that/folder.
    local host
    host=$(.venv/bin/python -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$PG_DIR")
    export DATABASE_URL="postgres://postgres@${host}/postgres"
}
