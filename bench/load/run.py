"""`make load`: the city demo under LOAD_USERS simulated users over HTTP, then a sign-up burst.

    .venv/bin/python bench/load/run.py [--seconds 60] [--users 50] [--burst 500] [--places 30]

1. A database of its own under var/load/: the `city` demo (seed_demo) plus the load test's
   accounts, seeded once and kept as var/load/seed-city.sqlite3 (seeded again when the
   migrations, the demo code or this folder change); each run starts from a fresh copy.
2. The server as `make serve` runs it (gunicorn, WORKERS × THREADS, on a free loopback port)
   with the task worker beside it, and DANGJIAN_VAR_DIR in the run's folder (its own caches).
3. locust, headless, USERS users of the roles in pages.MIX for SECONDS seconds: requests per
   second, p50/p95/p99 and errors per page.
4. The sign-up burst: BURST members (already logged in, each with their activity page open)
   press 报名 at once for a new activity with PLACES places: exactly PLACES confirmed, the rest
   waitlisted in arrival order, no "please retry" answer, and the answers' p99.
5. The resident memory of each server worker and of the task worker.

Exits 1 when a page answered anything but 200, or the burst went wrong; the targets of
issue 16 (≥ 100 requests per second, burst p99 ≤ 2 s) are printed as 达标 / 未达标.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BASE))
from bench.load.burst import Burst, report_burst  # noqa: E402
from bench.load.report import log, table, verdict  # noqa: E402
from bench.load.seeding import PY, RUN, django_env, ensure_seed, prepare, seed_postgres, setup_django  # noqa: E402

DB = RUN / "load.sqlite3"
TARGET_RPS = 100.0


# ---------------------------------------------------------------- the database


def write_targets(path: Path, members: int) -> None:
    from bench.load import pages, world
    from dangjian.accounts.models import User

    accounts = {role: list(names) for role, names in pages.DEMO_USERNAMES.items()}
    accounts["branch_secretary"] = [pages.SECRETARY_USERNAME]
    accounts["member"] = [pages.member_username(i) for i in range(members)]
    values, by_account = {}, {}
    for mix in pages.MIX:
        user = None if mix.role == "public" else User.objects.get(username=accounts[mix.role][0])
        values[mix.role] = world.targets(user)
        if mix.role not in ("public", "member"):  # each administrator's own organization
            for username in accounts[mix.role]:
                by_account[username] = world.targets(User.objects.get(username=username))
    from dangjian.core.seeding import DEMO_PASSWORD

    path.write_text(
        json.dumps(
            {"accounts": accounts, "values": values, "by_account": by_account, "password": DEMO_PASSWORD},
            ensure_ascii=False,
        )
    )


# ---------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(env: dict[str, str], port: int) -> tuple[subprocess.Popen[bytes], subprocess.Popen[bytes]]:
    """The task worker and gunicorn, as `make run` starts them (access log into the run's folder)."""
    worker = subprocess.Popen(
        [PY, "manage.py", "db_worker"],
        cwd=BASE,
        env=env,
        stdout=open(RUN / "worker.log", "wb"),
        stderr=subprocess.STDOUT,
    )
    server = subprocess.Popen(
        [
            PY, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
            "--workers", os.environ.get("WORKERS", "2"), "--threads", os.environ.get("THREADS", "1"),
            "--timeout", "120", "--no-control-socket",
            "--access-logfile", str(RUN / "access.log"), "--error-logfile", str(RUN / "server.log"),
        ],
        cwd=BASE, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=10) as r:
                if r.status == 200:
                    return server, worker
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"服务没有启动，见 {(RUN / 'server.log').relative_to(BASE)}")
        time.sleep(0.5)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time the processes PIDS have used so far."""
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return sorted(found)


def memory_line(server: subprocess.Popen[bytes], worker: subprocess.Popen[bytes]) -> str:
    workers = [rss_mb(pid) for pid in children(server.pid)]
    shown = "，".join(f"{mb:.0f} MB" for mb in workers if mb is not None) or "—"
    task_pid = worker.pid
    while children(task_pid):  # in development db_worker runs under the autoreloader: the child works
        task_pid = children(task_pid)[0]
    task = rss_mb(task_pid)
    return f"常驻内存（RSS）：服务进程 {shown}（目标各 ≤ 150 MB）；任务进程 {f'{task:.0f} MB' if task else '—'}"


# ---------------------------------------------------------------- locust


def run_locust(port: int, args: argparse.Namespace, targets: Path) -> list[dict[str, str]]:
    prefix = RUN / "locust"
    env = {
        **os.environ,
        "LOAD_TARGETS": str(targets),
        "LOAD_WAIT": str(args.wait),
        "LOAD_USERS": str(args.users),
        "LOAD_SECONDS": str(args.seconds),
        "LOAD_LOGINS": str(RUN / "logins.json"),
    }
    command = [
        str(Path(PY).with_name("locust")), "-f", str(Path(__file__).with_name("locustfile.py")), "--headless",
        "--users", str(args.users), "--spawn-rate", str(args.spawn_rate), "--run-time", f"{args.seconds + 600}s",
        "--host", f"http://127.0.0.1:{port}", "--csv", str(prefix), "--only-summary", "--stop-timeout", "10",
        "--exit-code-on-error", "0", "--loglevel", "WARNING",
    ]  # fmt: skip
    with open(RUN / "locust.log", "wb") as out:
        subprocess.run(command, cwd=BASE, env=env, stdout=out, stderr=subprocess.STDOUT, check=True)
    with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def failures() -> list[dict[str, str]]:
    path = Path(f"{RUN / 'locust'}_failures.csv")
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))


# ---------------------------------------------------------------- the report


def report_locust(rows: list[dict[str, str]], args: argparse.Namespace) -> bool:
    """Print the figures per page; True when no page answered an error."""
    headers = ["页面（角色·页面）", "请求", "错误", "每秒", "p50", "p95", "p99", "最慢"]
    body, total = [], None
    for row in rows:
        line = [
            row["Name"] if row["Name"] != "Aggregated" else "合计",
            row["Request Count"],
            row["Failure Count"],
            f"{float(row['Requests/s']):.1f}",
            *(f"{row[p]} ms" if row[p] != "N/A" else "—" for p in ("50%", "95%", "99%")),
            f"{float(row['Max Response Time']):.0f} ms",
        ]
        if row["Request Count"] == "0":  # the login pages, counted before the figures started again
            continue
        if row["Name"] == "Aggregated":
            total = row
        else:
            body.append(line)
    body.sort(key=lambda r: r[0])
    if total is not None:
        body.append([""] * len(headers))
        body.append(
            [
                "合计",
                total["Request Count"],
                total["Failure Count"],
                f"{float(total['Requests/s']):.1f}",
                *(f"{total[p]} ms" for p in ("50%", "95%", "99%")),
                f"{float(total['Max Response Time']):.0f} ms",
            ]
        )
    table(headers, body)
    errors = int(total["Failure Count"]) if total else 1
    rps = float(total["Requests/s"]) if total else 0.0
    for failure in failures()[:10]:
        log(f"  错误：{failure['Name']}：{failure['Error']}（{failure['Occurrences']} 次）")
    logins_file = RUN / "logins.json"
    if logins_file.exists():
        logins = json.loads(logins_file.read_text())
        login = logins["logins"]["登录"]
        log(
            f"\n登录（压测开始前，{login['requests']} 人同时登录，不计入上表）：p50 {login['p50']:.0f} ms，"
            f"p95 {login['p95']:.0f} ms，最慢 {login['max']:.0f} ms，失败 {login['failures']} 次"
        )
        for error in logins["errors"][:5]:
            log(f"  错误：{error['name']}：{error['error']}（{error['count']} 次）")
        errors += sum(e["count"] for e in logins["errors"])
    log(
        f"\n{args.users} 个并发用户 {args.seconds} 秒：每秒 {rps:.1f} 个请求（目标 ≥ {TARGET_RPS:.0f}："
        f"{verdict(rps >= TARGET_RPS)}），错误 {errors} 个（目标 0：{verdict(errors == 0)}）"
    )
    return errors == 0


# ---------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description="压力测试：演示数据上的并发访问与报名洪峰")
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("LOAD_SECONDS", "60")))
    parser.add_argument("--users", type=int, default=int(os.environ.get("LOAD_USERS", "50")))
    parser.add_argument("--spawn-rate", type=float, default=10.0, help="每秒登录的用户数")
    parser.add_argument("--wait", type=float, default=float(os.environ.get("LOAD_WAIT", "0")))
    parser.add_argument("--burst", type=int, default=500, help="同时报名的人数（0：不测）")
    parser.add_argument("--places", type=int, default=30)
    parser.add_argument("--scale", default="city", choices=["demo", "city"])
    parser.add_argument("--members", type=int, default=600, help="为压测准备的党员账号数（≥ 用户数与洪峰人数）")
    parser.add_argument("--prepare", metavar="DB", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        prepare(args.scale, args.members)
        return 0
    if args.members < max(args.burst, args.users):
        parser.error("--members 须不少于 --burst 与 --users")

    postgres = os.environ.get("LOAD_DATABASE_URL", "")
    if postgres:  # bench/load/postgres.sh: a throwaway PostgreSQL, seeded afresh for this run
        shutil.rmtree(RUN, ignore_errors=True)
        (RUN / "var").mkdir(parents=True)
        env = {**os.environ, "DATABASE_URL": postgres, "DANGJIAN_VAR_DIR": str(RUN / "var")}
        env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        seed_postgres(args.scale, args.members, env)
    else:
        seed = ensure_seed(args.scale, args.members)
        shutil.rmtree(RUN, ignore_errors=True)
        (RUN / "var").mkdir(parents=True)
        shutil.copyfile(seed, DB)
        env = django_env(DB, RUN / "var")
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "DANGJIAN_VAR_DIR", "DJANGO_SETTINGS_MODULE")})
    setup_django()
    targets = RUN / "targets.json"
    write_targets(targets, args.members)

    port = free_port()
    server, worker = start_server(env, port)
    ok = True
    try:
        log(f"服务：http://127.0.0.1:{port}/（gunicorn {os.environ.get('WORKERS', '2')} 进程 × "
            f"{os.environ.get('THREADS', '1')} 线程，任务进程在旁；日志在 {RUN.relative_to(BASE)}/）")  # fmt: skip
        log(
            f"压测：{args.users} 个用户（各角色按 pages.MIX 的比例），{args.seconds} 秒，"
            f"每页之间最多等待 {args.wait} 秒\n"
        )
        ok = report_locust(run_locust(port, args, targets), args)
        log(memory_line(server, worker))
        if args.burst:
            burst = Burst(port, args.burst, args.places)
            workers = children(server.pid)
            outcome = burst.run(cpu=lambda: cpu_seconds(workers))
            ok = report_burst(outcome, burst.check(outcome), burst) and ok
            log(memory_line(server, worker))
    finally:
        stop(server)
        stop(worker)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
