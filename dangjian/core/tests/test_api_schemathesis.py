"""schemathesis over the whole /api/v1/openapi.json, as committee staff and as a plain member.

Every operation gets a bounded number of generated requests (valid and
invalid ones); each answer must be no server error, carry a documented status
and content type, and match the documented schema. The failures of the whole
run are collected and reported together.

It seeds the demo data set and sends some 300 requests per account (five valid
and five invalid ones per operation; eight took about two minutes on an idle
machine), so it runs only on PostgreSQL (the pass `make test` runs second) unless
DANGJIAN_SCHEMATHESIS=1 asks for it anywhere; DANGJIAN_SCHEMATHESIS_EXAMPLES sets
the examples per operation (a deeper search: DANGJIAN_SCHEMATHESIS_EXAMPLES=50).
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from unittest import skipUnless

from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection

from dangjian.accounts.models import ApiToken, User
from dangjian.demo.tests.helpers import SeededTestCase

try:
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from schemathesis.checks import not_a_server_error
    from schemathesis.core.failures import FailureGroup
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )
except ImportError:  # pragma: no cover - the dev lock file installs it
    schemathesis = None  # type: ignore[assignment]

CHECKS = (
    [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
    if schemathesis is not None
    else []
)
# Generated requests per operation and generation mode (valid / invalid input). Five keep the
# suite's time; derandomized, they are the same five on every run.
MAX_EXAMPLES = int(os.environ.get("DANGJIAN_SCHEMATHESIS_EXAMPLES", "5"))
WANTED = os.environ.get("DANGJIAN_SCHEMATHESIS") == "1" or connection.vendor == "postgresql"


@skipUnless(schemathesis is not None, "schemathesis 未安装（requirements-dev.in 中的 schemathesis）")
@skipUnless(WANTED, "schemathesis 只在 PostgreSQL 一轮运行（DANGJIAN_SCHEMATHESIS=1 可在任何数据库上运行）")
class SchemathesisTests(SeededTestCase):
    """On the demo data set, so lists and records answer with real content."""

    def setUp(self) -> None:
        self.app = WSGIHandler()
        # As Django's test client does: a request's end must not close the test's connection
        # (PostgreSQL would lose the test's transaction, and the data with it).
        for signal in (request_started, request_finished):
            signal.disconnect(close_old_connections)
            self.addCleanup(signal.connect, close_old_connections)

    def fuzz(self, user: User) -> Run:
        _, raw = ApiToken.issue(user=user, name="schemathesis")
        headers = {"Authorization": f"Bearer {raw}"}
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", self.app)
        run = Run()
        for result in schema.get_all_operations():
            operation = result.ok()  # type: ignore[union-attr]  # an invalid schema raises here
            for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):
                self.run_operation(operation, mode, headers, run)
        self.assertGreater(len({label for label, _ in run.statuses}), 20, "the schema lists the API's operations")
        # The token worked: not one answer asked for a login.
        self.assertEqual([k for k in run.statuses if k[1] == 401], [])
        return run

    def run_operation(self, operation: Any, mode: Any, headers: dict[str, str], run: Run) -> None:
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def check(case: Any) -> None:
            response = None
            try:
                response = case.call(headers=headers)
                case.validate_response(response, checks=CHECKS, headers=headers)
            except (Exception, FailureGroup) as exc:  # collected, reported together below
                titles = [f.title for f in exc.exceptions] if isinstance(exc, FailureGroup) else [repr(exc)[:300]]
                key = f"{operation.label} [{mode.value}]: {'; '.join(sorted(titles))}"
                if key not in run.failures:
                    run.failures[key] = str(exc)[:1500]
            if response is not None:
                run.statuses[(operation.label, response.status_code)] += 1

        check()

    def test_it_finds_nothing_as_committee_staff(self):
        run = self.fuzz(User.objects.get(username="gongwei"))
        if run.failures:
            self.fail(run.report())
        answered = {label for label, status in run.statuses if status == 200}
        self.assertGreater(len(answered), 20, "committee staff get real answers from most routes")

    def test_it_finds_nothing_as_a_plain_member(self):
        run = self.fuzz(User.objects.get(username="dangyuan"))
        if run.failures:
            self.fail(run.report())
        answered = {label for label, status in run.statuses if status == 200}
        self.assertIn("GET /api/v1/study/me", answered)
        self.assertIn("GET /api/v1/volunteer/me", answered)
        self.assertNotIn("GET /api/v1/members", answered)


@dataclass
class Run:
    failures: dict[str, str] = field(default_factory=dict)
    statuses: Counter[tuple[str, int]] = field(default_factory=Counter)

    def report(self) -> str:
        return "\n\n".join(f"{key}\n{detail}" for key, detail in self.failures.items())
