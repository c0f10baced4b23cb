"""Locust users for `make load`: one user class per role of mix.MIX, each page a task.

    .venv/bin/locust -f bench/load/locustfile.py --headless -u 50 -r 10 -t 60s --host http://127.0.0.1:PORT

Run by bench/load/run.py, which prepares the database and sets LOAD_TARGETS (the JSON file
with each role's account names and the values of the pages' placeholders). Each simulated
user logs in once through the login form (CSRF token from the form, like a browser) and keeps
its session (FastHttpUser: geventhttpclient, so the load generator, which shares the machine,
takes less of its CPU than with requests), so django-axes never sees a failure; each simulated
member is a different person (accounts load_m0000 …). The pages wait until all LOAD_USERS users are logged in; then the
figures start from zero and the mix runs LOAD_SECONDS seconds (the logins' own figures go to
the file LOAD_LOGINS). Between two pages a user waits LOAD_WAIT seconds at most (default 0:
the next page as soon as the last one answered). Any answer but 200 (a redirect to the login,
a 404, a 500) counts as an error of that page.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gevent
from gevent.event import Event
from locust import FastHttpUser, between
from locust.env import Environment

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench.load import pages  # noqa: E402  (the mix: locust- and Django-free)

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TARGETS: dict[str, Any] = (
    json.loads(Path(os.environ["LOAD_TARGETS"]).read_text()) if "LOAD_TARGETS" in os.environ else {}
)
WAIT = float(os.environ.get("LOAD_WAIT", "0"))
USERS = int(os.environ.get("LOAD_USERS", "0"))  # 0: no login phase, the mix starts at once
SECONDS = float(os.environ.get("LOAD_SECONDS", "0"))  # 0: locust's own --run-time ends the test
LOGINS = os.environ.get("LOAD_LOGINS", "")
_counters: dict[str, itertools.count[int]] = {}
_arrived = 0
_everyone_in = Event()


def _arrive(environment: Environment) -> None:
    """One more user past its login. When all USERS are, the logins' figures are kept aside
    (LOAD_LOGINS), the figures start again for the mix alone, and its SECONDS start: so the
    morning wave of logins (Argon2, slow on purpose) is measured apart from the pages."""
    global _arrived
    _arrived += 1
    if not USERS:
        _everyone_in.set()
        return
    if _arrived < USERS:
        return
    stats = environment.stats
    if LOGINS:
        figures = {}
        for name, method in (("登录页", "GET"), ("登录", "POST")):
            entry = stats.get(name, method)
            figures[name] = {
                "requests": entry.num_requests,
                "failures": entry.num_failures,
                "p50": entry.get_response_time_percentile(0.5),
                "p95": entry.get_response_time_percentile(0.95),
                "max": entry.max_response_time,
            }
        errors = [{"name": e.name, "error": str(e.error), "count": e.occurrences} for e in stats.errors.values()]
        Path(LOGINS).write_text(json.dumps({"logins": figures, "errors": errors}, ensure_ascii=False))
    stats.reset_all()
    if SECONDS and environment.runner is not None:
        gevent.spawn_later(SECONDS, environment.runner.quit)
    _everyone_in.set()


def _next_account(role: str) -> str:
    names: list[str] = TARGETS["accounts"][role]
    n = next(_counters.setdefault(role, itertools.count()))
    return names[n % len(names)]


def _task(page: pages.Page) -> Callable[[FastHttpUser], None]:
    def task(user: FastHttpUser) -> None:
        path = pages.path_of(page, user.values)  # type: ignore[attr-defined]
        name = f"{user.label}·{page.name}"
        with user.client.get(path, name=name, allow_redirects=page.follow, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"HTTP {r.status_code} {r.headers.get('Location', '')}".strip())
            elif "/accounts/login/" in r.url:
                r.failure("转到了登录页")

    task.__name__ = f"page_{abs(hash(page.name))}"
    return task


class RoleUser(FastHttpUser):
    abstract = True
    role: str = ""
    label: str = ""
    wait_time = between(0, WAIT)
    values: dict[str, str]

    def on_start(self) -> None:
        self.values = dict(TARGETS["values"][self.role])
        try:
            if self.role != "public":
                self._login()
        finally:
            _arrive(self.environment)
        _everyone_in.wait()

    def _login(self) -> None:
        username = _next_account(self.role)
        self.values.update(TARGETS["by_account"].get(username, {}))
        form = self.client.get("/accounts/login/", name="登录页")
        token = CSRF.search(form.text)
        with self.client.post(
            "/accounts/login/",
            data={
                "username": username,
                "password": TARGETS["password"],
                "csrfmiddlewaretoken": token[1] if token else "",
            },
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="登录",
            allow_redirects=False,
            catch_response=True,
        ) as r:
            if r.status_code != 302 or "/accounts/login/" in r.headers.get("Location", "/accounts/login/"):
                r.failure(f"{username} 登录失败：HTTP {r.status_code}")
                self.stop()


def _user_class(mix: pages.RoleMix) -> type[RoleUser]:
    tasks = {_task(page): page.weight for page in mix.pages}
    attrs = {"role": mix.role, "label": mix.label, "weight": mix.weight, "tasks": tasks, "__module__": __name__}
    return type(f"{mix.role.title().replace('_', '')}User", (RoleUser,), attrs)


for _mix in pages.MIX:
    globals()[f"{_mix.role.title().replace('_', '')}User"] = _user_class(_mix)

random.seed(int(os.environ.get("LOAD_SEED", "1")))
