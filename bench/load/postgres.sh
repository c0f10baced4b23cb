#!/usr/bin/env bash
# `make load` on PostgreSQL: a throwaway cluster (scripts/pg-throwaway.sh), the `city` demo seeded
# into it afresh, then bench/load/run.py with the arguments given (--users, --seconds, --burst …)
# serving from it. The cluster and its folder are removed afterwards.
#   bash bench/load/postgres.sh [--users 50] [--seconds 60] [--burst 500]
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=scripts/pg-throwaway.sh
source scripts/pg-throwaway.sh
pg_throwaway_start "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
export LOAD_DATABASE_URL=$DATABASE_URL
.venv/bin/python bench/load/run.py "$@"
