#!/usr/bin/env bash
# Run the suite on a throwaway PostgreSQL 15 started here: a new cluster in a
# temporary folder, listening only on a Unix socket in that folder, with
# durability switched off for speed. The server is stopped and the folder
# removed on exit, whether the tests pass or not. Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/pg-throwaway.sh
source scripts/pg-throwaway.sh
pg_throwaway_start "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
"$PG_BIN/postgres" --version

echo "PostgreSQL pass: DATABASE_URL=$DATABASE_URL"

bash scripts/pytest.sh "$@"
