"""The sign-up burst of `make load`: BURST logged-in members press 报名 at once for PLACES places.

Exactly PLACES confirmed, the rest waitlisted in arrival order, nobody told to try again, and
the answers' p50/p95/p99 against the target of issue 16 (p99 ≤ 2 s).
"""

from __future__ import annotations

import http.client
import re
import statistics
import threading
import time
from collections.abc import Callable
from typing import Any, NamedTuple
from urllib.parse import urlencode

from bench.load.report import log, percentile, verdict

BUSY = "系统繁忙"  # the sign-up page's "please retry" (volunteer.views.signup.BUSY)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TARGET_BURST_P99 = 2.0


class Answer(NamedTuple):
    status_code: int
    text: str


class Burst:
    """BURST logged-in members, each on the activity page, press 报名 together."""

    def __init__(self, port: int, size: int, places: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.port = port
        self.size, self.places = size, places

    def sessions(self) -> tuple[int, list[str]]:
        """A new activity and a logged-in session for each member (force_login: no Argon2 per member)."""
        import datetime as dt

        from django.conf import settings
        from django.test import Client

        from bench.load import pages, world
        from dangjian.accounts.models import User
        from dangjian.volunteer.models import Brigade
        from dangjian.volunteer.tests.helpers import make_activity

        brigade = Brigade.objects.filter(corps__org=world.corps_root()).order_by("pk").first()
        assert brigade is not None
        # Far enough ahead that nobody's other sign-ups clash with it.
        activity = make_activity(
            brigade, places=self.places, starts_in=dt.timedelta(days=120), title="压测：报名洪峰（文明交通劝导）"
        )
        cookies = []
        users = User.objects.filter(username__in=[pages.member_username(i) for i in range(self.size)])
        for user in users.order_by("username"):
            client = Client()
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            cookies.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
        if len(cookies) < self.size:
            raise RuntimeError(f"压测账号只有 {len(cookies)} 个，少于 {self.size}")
        return activity.pk, cookies

    def run(self, cpu: Callable[[], float] | None = None) -> dict[str, Any]:
        """The burst; CPU: the server's CPU seconds so far, read as the presses start and end."""
        import requests
        from django.conf import settings

        activity_id, cookies = self.sessions()
        path = f"/volunteer/activities/{activity_id}/"
        page = f"{self.base}{path}"
        barrier = threading.Barrier(len(cookies) + 1)
        opening = threading.Semaphore(8)  # the pages open a few at a time, as people arrive
        times: list[float] = []
        answers: list[str] = []
        problems: list[str] = []
        lock = threading.Lock()

        def member(cookie: str) -> None:
            session = requests.Session()
            session.cookies.set(settings.SESSION_COOKIE_NAME, cookie)
            try:
                with opening:
                    # A connection of its own for the sign-up: the server closes an idle one after 2 s.
                    opened = session.get(page, allow_redirects=False, timeout=120, headers={"Connection": "close"})
                token = CSRF.search(opened.text)
                if opened.status_code != 200 or token is None:
                    raise RuntimeError(f"活动页 HTTP {opened.status_code}，{'无' if token is None else '有'}报名表单")
            except Exception as e:  # noqa: BLE001  (reported below; the member still waits at the barrier)
                with lock:
                    problems.append(str(e))
                barrier.wait()
                return
            # The press itself through http.client: the client shares the two cores with the server,
            # and requests' machinery would cost it the CPU time it is measuring.
            body = urlencode({"csrfmiddlewaretoken": token[1]})
            headers = {
                "Cookie": "; ".join(f"{c.name}={c.value}" for c in session.cookies),
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": page,
                "HX-Request": "true",  # as the page's button does it: the answer is the sign-up box
                "Connection": "close",
            }
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            barrier.wait()
            started = time.perf_counter()
            try:
                connection.request("POST", f"{path}signup/", body=body, headers=headers)
                response = connection.getresponse()
                answer = Answer(response.status, response.read().decode())
                elapsed = time.perf_counter() - started
            except Exception as e:  # noqa: BLE001
                with lock:
                    problems.append(f"报名请求失败：{e}")
                return
            finally:
                connection.close()
            with lock:
                times.append(elapsed)
                if answer.status_code != 200:
                    problems.append(f"报名 HTTP {answer.status_code}")
                answers.append(
                    "busy"
                    if BUSY in answer.text
                    else "confirmed"
                    if "报名成功" in answer.text
                    else "waiting"
                    if "候补名单第" in answer.text
                    else "other"
                )

        threads = [threading.Thread(target=member, args=(c,)) for c in cookies]
        for t in threads:
            t.start()
        barrier.wait()
        started = time.perf_counter()
        cpu_before = cpu() if cpu else 0.0
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
        outcome = {"activity": activity_id, "times": times, "answers": answers, "problems": problems, "wall": wall}
        if cpu:
            outcome["server_cpu"] = cpu() - cpu_before
        return outcome

    def check(self, outcome: dict[str, Any]) -> list[str]:
        from django.db import connection

        from dangjian.volunteer.models import Participation

        connection.close()
        rows = list(
            Participation.objects.filter(activity_id=outcome["activity"])
            .order_by("seq")
            .values_list("status", "seq", "signed_up_at")
        )
        wrong = list(outcome["problems"][:5])
        statuses = [s for s, _, _ in rows]
        expected = ["confirmed"] * self.places + ["waiting"] * (self.size - self.places)
        if statuses != expected:
            wrong.append(
                f"{statuses.count('confirmed')} 人获得名额、{statuses.count('waiting')} 人候补"
                f"（应为 {self.places} 与 {self.size - self.places}，按报名顺序）"
            )
        if [q for _, q, _ in rows] != list(range(1, len(rows) + 1)):
            wrong.append("报名顺序号不连续")
        times = [t for _, _, t in rows]
        if times != sorted(times):
            wrong.append("候补顺序与报名时间不一致")
        busy = outcome["answers"].count("busy")
        if busy:
            wrong.append(f"{busy} 人被告知“系统繁忙，请稍后再试”")
        return wrong


def report_burst(outcome: dict[str, Any], wrong: list[str], burst: Burst) -> bool:
    times = outcome["times"]
    answers = outcome["answers"]
    log(
        f"\n报名洪峰：{burst.size} 名党员同时报名一个 {burst.places} 个名额的活动（每人一个连接，已登录、已打开活动页）"
    )
    if times:
        p99 = percentile(times, 99)
        log(
            f"  应答时间：p50 {percentile(times, 50) * 1000:.0f} ms，p95 {percentile(times, 95) * 1000:.0f} ms，"
            f"p99 {p99 * 1000:.0f} ms（目标 ≤ {TARGET_BURST_P99:.0f} s：{verdict(p99 <= TARGET_BURST_P99)}），"
            f"最慢 {max(times) * 1000:.0f} ms，平均 {statistics.mean(times) * 1000:.0f} ms；"
            f"全部处理完 {outcome['wall']:.1f} 秒"
        )
    if "server_cpu" in outcome:
        log(f"  服务进程用 CPU {outcome['server_cpu']:.1f} 秒，每人 {outcome['server_cpu'] / burst.size * 1000:.1f} ms")
    log(
        f"  页面所示结果：报名成功 {answers.count('confirmed')}，候补 {answers.count('waiting')}，"
        f"请稍后再试 {answers.count('busy')}，其他 {answers.count('other')}"
    )
    if wrong:
        for line in wrong:
            log(f"  错误：{line}")
    else:
        log(
            f"  核对：恰好 {burst.places} 人获得名额，其余 {burst.size - burst.places} 人按报名顺序候补，无人被要求重试"
        )
    return not wrong
