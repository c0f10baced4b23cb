#!/usr/bin/env bash
# Time seed_demo on a throwaway PostgreSQL 15 (issue 16 §2), seeder by seeder:
#   bash bench/seeding/postgres.sh [--scale city|province] [--seed N] [--profile FILE]
# Starts its own cluster in a temporary folder (Unix socket only, durability off as in
# scripts/test-postgres.sh), migrates, runs bench/seeding/seed.py with the arguments given, and
# removes the folder afterwards. SEED_TIMEOUT (seconds, default none) stops the seed and
# prints how far it got.
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=scripts/pg-throwaway.sh
source scripts/pg-throwaway.sh
pg_throwaway_start "-c fsync=off -c full_page_writes=off -c max_wal_size=4GB -c shared_buffers=512MB"
export DEBUG=0
.venv/bin/python manage.py migrate -v0
if [ -n "${SEED_TIMEOUT:-}" ]; then
    timeout "$SEED_TIMEOUT" .venv/bin/python bench/seeding/seed.py "$@" || true
else
    .venv/bin/python bench/seeding/seed.py "$@"
fi
