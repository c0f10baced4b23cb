#!/usr/bin/env bash
# Issue 16 §2 at province scale (100 committees, 1.2 million people) on PostgreSQL 15:
#   bash bench/province.sh [bench/pages.py's flags: --runs 5 --user gongwei --org GW001 …]
# A PostgreSQL cluster kept in PROVINCE_PG_DIR (default var/province-pg; Unix socket only,
# durability off as in bench/seeding/postgres.sh): made and seeded with `seed_demo --scale province`
# the first time (about 15–20 minutes on 2 cores; the seed's timings printed), only started again
# and migrated on later runs. Then bench/pages.py on it: every page as committee staff against
# 200 ms, the whole province's stats against 1 s. The cluster is stopped afterwards, its folder
# kept; delete the folder to seed afresh.
set -euo pipefail
cd "$(dirname "$0")/.."

export PG_KEEP_DIR=${PROVINCE_PG_DIR:-$PWD/var/province-pg}
# shellcheck source=scripts/pg-throwaway.sh
source scripts/pg-throwaway.sh
pg_throwaway_start "-c fsync=off -c full_page_writes=off -c max_wal_size=4GB -c shared_buffers=512MB"
export DEBUG=0
.venv/bin/python manage.py migrate -v0
seeded=$(.venv/bin/python manage.py shell --no-imports -v0 -c \
    'from dangjian.orgs.models import Organization; print(Organization.objects.exists())' | tail -n 1)
if [ "$seeded" != "True" ]; then
    echo "在 $PG_DIR 生成 province 演示数据（一次性）……"
    .venv/bin/python bench/seeding/seed.py --scale province
    echo
else
    echo "复用 $PG_DIR 中已生成的数据（删除该目录可重新生成）"
fi
.venv/bin/python bench/pages.py --database-url "$DATABASE_URL" --target-ms 200 "$@"
