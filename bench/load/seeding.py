"""The load test's database: the `city` demo plus the load accounts, seeded once into a SQLite
file kept under var/load/ (again when the migrations, the demo code or bench/load/world.py change),
or afresh into the PostgreSQL of LOAD_DATABASE_URL (bench/load/postgres.sh). The seeding itself
runs in a child `run.py --prepare` whose DATABASE_URL is the new database."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.load.report import log

BASE = Path(__file__).resolve().parents[2]
LOAD = BASE / "var" / "load"
RUN = LOAD / "run"
PY = sys.executable
RUN_SCRIPT = Path(__file__).with_name("run.py")


def seed_key(scale: str, members: int) -> str:
    """What the seeded copy depends on: the migrations, the demo code, this folder."""
    digest = hashlib.sha256(f"{scale}:{members}".encode())
    files = [*BASE.glob("dangjian/*/migrations/*.py"), *BASE.glob("dangjian/**/demo*/**/*.py")]
    files += [*BASE.glob("dangjian/*/demo.py"), *BASE.glob("dangjian/core/seeding*.py")]
    files += [BASE / "bench" / "load" / "world.py"]
    for path in sorted(set(files)):
        digest.update(str(path.relative_to(BASE)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def django_env(db: Path, var_dir: Path) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "DANGJIAN_VAR_DIR": str(var_dir)}
    env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    return env


def ensure_seed(scale: str, members: int) -> Path:
    seed = LOAD / f"seed-{scale}.sqlite3"
    key_file = seed.with_suffix(".key")
    key = seed_key(scale, members)
    if seed.exists() and key_file.exists() and key_file.read_text().strip() == key:
        log(f"演示数据：沿用 {seed.relative_to(BASE)}（{scale}，已含压测账号）")
        return seed
    work = LOAD / "seeding"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    db = work / "seed.sqlite3"
    log(f"演示数据：首次生成 {scale} 规模（migrate + seed_demo + 压测账号），约需一两分钟……")
    started = time.perf_counter()
    with open(LOAD / "seeding.log", "wb") as out:
        subprocess.run(
            [PY, str(RUN_SCRIPT), "--prepare", str(db), "--scale", scale, "--members", str(members)],
            cwd=BASE,
            env=django_env(db, work / "var"),
            stdout=out,
            stderr=subprocess.STDOUT,
            check=True,
        )
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    db.replace(seed)
    key_file.write_text(key + "\n")
    shutil.rmtree(work, ignore_errors=True)
    log(f"演示数据：已生成并缓存 {seed.relative_to(BASE)}（{time.perf_counter() - started:.0f} 秒）")
    return seed


def seed_postgres(scale: str, members: int, env: dict[str, str]) -> None:
    """Migrate and seed the PostgreSQL database of ENV (LOAD_DATABASE_URL) in a child process."""
    log(f"演示数据：在 PostgreSQL 上生成 {scale} 规模（migrate + seed_demo + 压测账号）……")
    started = time.perf_counter()
    with open(RUN / "seeding.log", "wb") as out:
        subprocess.run(
            [PY, str(RUN_SCRIPT), "--prepare", "postgres", "--scale", scale, "--members", str(members)],
            cwd=BASE,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=True,
        )
    log(f"演示数据：已生成（{time.perf_counter() - started:.0f} 秒）")


def prepare(scale: str, members: int) -> None:
    """In a child process whose DATABASE_URL is the new database: migrate, seed, accounts."""
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    from bench.load import world

    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", "--scale", scale, verbosity=0)
    world.prepare_accounts(members=members)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            cursor.execute("PRAGMA optimize")
        else:
            cursor.execute("ANALYZE")
    connection.close()


def setup_django() -> None:
    sys.path.insert(0, str(BASE))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
