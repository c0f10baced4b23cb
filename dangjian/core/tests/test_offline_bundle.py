"""make bundle and scripts/install-offline.sh: a bundle installs on a machine with no network.

The test builds a bundle of HEAD, unpacks it into a scratch folder and installs it with every
package index unreachable: inside a network namespace of its own where the machine allows one
(root on Linux), and in any case with pip's and npm's indexes pointed at a closed port, this
machine's pip configuration (its local wheel folders) out of reach and apt-get replaced by a
stub that fails. The installed platform must pass `manage.py check` and migrate an empty SQLite.

In the suite the bundle is a small one: the production lock's wheels and no Debian packages,
with wheels and npm downloads kept under var/bundle/cache between runs. `make test-bundle`
(DANGJIAN_BUNDLE_TEST=full) builds the whole bundle `make bundle` builds and installs it the way
the README says, `make setup` included.
"""

import os
import shutil
import socket
import sqlite3
import subprocess
import tarfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
FULL = os.environ.get("DANGJIAN_BUNDLE_TEST") == "full"

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")),
    reason="installing does not depend on the database: the SQLite pass covers it",
)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def no_network_prefix() -> list[str]:
    """`unshare -n` where it works: the commands after it see no network at all."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0:
        return [unshare, "-n"]
    return []


def run(cmd: list[str], *, cwd: Path, env: dict[str, str], timeout: int = 600) -> str:
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_it_installs_from_the_bundle_with_the_package_indexes_unreachable(tmp_path: Path) -> None:
    if not shutil.which("npm") or not shutil.which("git"):
        pytest.skip("building a bundle needs git and npm")
    # --- build (this side may reach the package indexes) ---
    out = tmp_path / "out"
    build_env = {
        **os.environ,
        "PY": str(REPO / ".venv/bin/python"),
        "BUNDLE_OUT": str(out),
        "BUNDLE_CACHE": str(REPO / "var/bundle/cache"),
        "BUNDLE_LOCK": "requirements-dev.lock" if FULL else "requirements.lock",
        "BUNDLE_DEBS": "1" if FULL else "0",
    }
    if FULL:
        run(["make", "--no-print-directory", "bundle", f"BUNDLE_OUT={out}"], cwd=REPO, env=build_env, timeout=1800)
    else:
        run(["bash", "scripts/bundle.sh"], cwd=REPO, env=build_env)
    (archive,) = out.glob("dangjian-*.tar.gz")
    run(["sha256sum", "--check", "--quiet", "SHA256SUMS"], cwd=out, env=build_env)

    # --- install on the "air-gapped" side ---
    site = tmp_path / "site"
    site.mkdir()
    with tarfile.open(archive) as tar:
        tar.extractall(site, filter="tar")
    (top,) = site.iterdir()
    stubs = tmp_path / "stubs"
    stubs.mkdir()
    apt_called = tmp_path / "apt-called"
    for name in ("apt-get", "apt"):
        stub = stubs / name
        stub.write_text(f'#!/bin/sh\necho "$0 $*" >> {apt_called}\necho "no apt here" >&2\nexit 100\n')
        stub.chmod(0o755)
    closed = f"http://127.0.0.1:{closed_port()}/"
    offline_env = {
        "PATH": f"{stubs}:{os.environ['PATH']}",
        "HOME": str(tmp_path / "home"),
        "LANG": "C.UTF-8",
        "PIP_INDEX_URL": closed + "simple",
        "PIP_EXTRA_INDEX_URL": closed + "simple",
        "npm_config_registry": closed,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    if not FULL:
        offline_env["PIP_NO_COMPILE"] = "1"  # time: the bytecode is not what is under test
    offline = no_network_prefix()
    log = run([*offline, "bash", "scripts/install-offline.sh"], cwd=top, env=offline_env, timeout=1200)

    assert not apt_called.exists(), apt_called.read_text()
    assert (top / "node_modules/htmx.org/dist/htmx.min.js").is_file()
    if FULL:
        assert "make run" in log
        # The set-up's stamps are current: `make run` goes straight to migrating and serving.
        stamps = [".venv/.installed-requirements-dev.lock", "node_modules/.installed-package-lock.json"]
        run(["make", "--question", *stamps], cwd=top, env=offline_env)

    # --- the installed platform, still offline ---
    python = str(top / ".venv/bin/python")
    run([*offline, python, "manage.py", "check", "--fail-level", "WARNING"], cwd=top, env=offline_env)
    run([*offline, python, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=top, env=offline_env)
    with sqlite3.connect(tmp_path / "db.sqlite3") as db:
        apps = {app for (app,) in db.execute("select distinct app from django_migrations")}
    assert {"accounts", "orgs", "people"} <= apps
