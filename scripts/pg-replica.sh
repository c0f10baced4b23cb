#!/usr/bin/env bash
# A PostgreSQL primary and a streaming replica of it, for the replica router's tests and for
# trying the production layout on one machine. Both listen only on Unix sockets in DIR (no TCP
# port is opened), the replica is made with pg_basebackup -R (standby.signal, primary_conninfo)
# and follows the primary by streaming replication. Durability is off for speed: test data only.
#
#   scripts/pg-replica.sh start DIR   make DIR (it must not exist), start both, print the two URLs
#   scripts/pg-replica.sh stop DIR    stop both and remove DIR
#
# `start` prints, for the environment:
#   DATABASE_URL=postgres://postgres@<DIR>:5491/postgres
#   DATABASE_REPLICA_URL=postgres://postgres@<DIR>:5492/postgres
# PostgreSQL refuses to run as root: as root the servers run as the postgres user (runuser).
set -euo pipefail
cd "$(dirname "$0")/.."

PRIMARY_PORT=${PRIMARY_PORT:-5491}
REPLICA_PORT=${REPLICA_PORT:-5492}

usage() {
    echo "usage: $0 start|stop DIR" >&2
    exit 2
}
[ $# -eq 2 ] || usage
action=$1
DIR=$2

# shellcheck source=scripts/pg-throwaway.sh
source scripts/pg-throwaway.sh # find_pg_bin

AS_PG=()
if [ "$(id -u)" -eq 0 ]; then
    AS_PG=(runuser -u postgres --)
fi

stop_all() {
    local bin=$1
    for node in replica primary; do
        if [ -f "$DIR/$node/postmaster.pid" ]; then
            "${AS_PG[@]}" "$bin/pg_ctl" -D "$DIR/$node" -m immediate stop >/dev/null 2>&1 || true
        fi
    done
}

case "$action" in
stop)
    if [ -d "$DIR" ]; then
        PG_BIN=$(find_pg_bin pg_basebackup psql) || { rm -rf "$DIR"; exit 0; }
        stop_all "$PG_BIN"
        rm -rf "$DIR"
    fi
    exit 0
    ;;
start) ;;
*) usage ;;
esac

PG_BIN=$(find_pg_bin pg_basebackup psql) || {
    bash scripts/apt-install.sh postgresql
    PG_BIN=$(find_pg_bin pg_basebackup psql)
}
if [ -e "$DIR" ]; then
    echo "$DIR exists: stop the pair first ($0 stop $DIR)" >&2
    exit 1
fi
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$DIR"
fi
# Anything that fails from here on leaves no server behind.
trap 'status=$?; if [ $status -ne 0 ]; then stop_all "$PG_BIN"; rm -rf "$DIR"; fi' EXIT

fail_with() {
    cat "$1" >&2
    exit 1
}

FAST="-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
"${AS_PG[@]}" "$PG_BIN/initdb" -D "$DIR/primary" --auth=trust -U postgres \
    --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$DIR/initdb.log" 2>&1 || fail_with "$DIR/initdb.log"
# initdb's pg_hba.conf already trusts local replication connections; the primary ships WAL
# (wal_level replica and wal senders are the defaults) and keeps enough of it for a slow replica.
"${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$DIR/primary" -l "$DIR/primary.log" -w -o \
    "-c listen_addresses='' -k $DIR -p $PRIMARY_PORT $FAST -c wal_keep_size=64MB" \
    start >/dev/null || fail_with "$DIR/primary.log"

"${AS_PG[@]}" "$PG_BIN/pg_basebackup" -h "$DIR" -p "$PRIMARY_PORT" -U postgres -D "$DIR/replica" \
    -R -X stream -c fast --no-sync >"$DIR/basebackup.log" 2>&1 || fail_with "$DIR/basebackup.log"
test -f "$DIR/replica/standby.signal" || { echo "pg_basebackup -R wrote no standby.signal" >&2; exit 1; }
"${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$DIR/replica" -l "$DIR/replica.log" -w -o \
    "-c listen_addresses='' -k $DIR -p $REPLICA_PORT $FAST -c hot_standby=on" \
    start >/dev/null || fail_with "$DIR/replica.log"

# The replica is only useful once it streams: wait for the primary to see its WAL receiver.
for _ in $(seq 1 100); do
    streaming=$("${AS_PG[@]}" "$PG_BIN/psql" -h "$DIR" -p "$PRIMARY_PORT" -U postgres -Atqc \
        "select count(*) from pg_stat_replication where state = 'streaming'" 2>/dev/null || echo 0)
    [ "$streaming" = "1" ] && break
    sleep 0.1
done
if [ "$streaming" != "1" ]; then
    echo "the replica does not stream from the primary:" >&2
    fail_with "$DIR/replica.log"
fi

host=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$DIR")
echo "DATABASE_URL=postgres://postgres@${host}:${PRIMARY_PORT}/postgres"
echo "DATABASE_REPLICA_URL=postgres://postgres@${host}:${REPLICA_PORT}/postgres"
