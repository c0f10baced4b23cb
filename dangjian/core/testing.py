"""Test factories and a small named world shared by every app's tests.

`World` builds a committee with two party committees and their branches, and
the named users every permission test speaks of: committee staff, the
administrators of two different organizations, a member and an outsider, and
the three administrators of 三员分立 (system, security, audit), each holding
their one role at the committee.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from html import unescape
from typing import Any

import factory
from django.test import TestCase

from dangjian.accounts.models import Role, RoleAssignment, User
from dangjian.core import idcard
from dangjian.orgs.models import Organization, OrgKind, Unit
from dangjian.people.models import Member, Status

PASSWORD = "Dangjian#2026"
_serial = itertools.count(1)


def make_id_number(birth_date: dt.date, *, male: bool = True, region: str = "150102", serial: int | None = None) -> str:
    """A valid 18-character ID number for BIRTH_DATE."""
    n = next(_serial) if serial is None else serial
    seq = (n % 499) * 2 + (1 if male else 0)
    first17 = f"{region}{birth_date:%Y%m%d}{seq:03d}"
    return first17 + idcard.check_digit(first17)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"市测试局{n}")


def make_org(code: str, name: str, kind: str, parent: Organization | None = None, **fields) -> Organization:
    units = fields.pop("units", ())
    create = dict(code=code, name=name, kind=kind, **fields)
    org = Organization.objects.add_root(create) if parent is None else Organization.objects.add_child(parent, create)
    if units:
        org.units.set(units)
    return org


def make_branches(parent: Organization, count: int, code: str = "PK", name: str = "专项工作") -> list[Organization]:
    """COUNT branches under PARENT (codes PK000…, names 专项工作第1党支部…): more than
    orgs.picker.SELECT_MAX of them turn an organization picker into a search box."""
    return [make_org(f"{code}{i:03d}", f"{name}第{i + 1}党支部", OrgKind.BRANCH, parent) for i in range(count)]


def assert_org_search_box(case: TestCase, html: str, name: str = "org") -> None:
    """HTML holds the organization picker's search box for the field NAME, not a select of every
    organization (orgs.picker)."""
    case.assertIn(f'<input type="hidden" name="{name}"', html)
    case.assertIn("data-org-picker-text", html)
    case.assertNotRegex(html, rf'<select[^>]*name="{name}"')
    case.assertNotIn("专项工作第1党支部</option>", html)


def search_vals(html: str) -> dict[str, str]:
    """The parameters the first organization search box in HTML sends to orgs:pick besides ?q=."""
    found = re.search(r'hx-vals="([^"]*)"', html)
    assert found, "no organization search box"
    return json.loads(unescape(found.group(1)))


class MemberFactory(factory.django.DjangoModelFactory[Member]):
    class Meta:
        model = Member
        exclude = ("male",)

    male = True
    name = factory.Iterator(["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周强", "吴霞"])
    gender = factory.LazyAttribute(lambda o: "M" if o.male else "F")
    ethnicity = "汉族"
    birth_date = factory.Sequence(lambda n: dt.date(1970 + n % 30, 1 + n % 12, 1 + n % 28))
    id_number = factory.LazyAttribute(lambda o: make_id_number(o.birth_date, male=o.male))
    phone = factory.Sequence(lambda n: f"139{n:08d}")
    status = Status.FULL
    joined_party_on = factory.LazyAttribute(
        lambda o: dt.date(o.birth_date.year + 25, 7, 1) if o.status in (Status.FULL, Status.PROBATIONARY) else None
    )
    education = "bachelor"
    cadre_rank = "section"
    job_title = "科员"


def make_user(username: str, *, person: Member | None = None, roles: tuple[tuple[str, Organization], ...] = ()) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, person=person, display_name=username)
    for role, org in roles:
        RoleAssignment.objects.create(user=user, role=role, org=org)
    return user


class World:
    """Committee GW with party committees A and B; named users around them.

    staff (committee staff at GW), admin_a / admin_b (organization administrators
    of A / B), member (张建国 of A01, no role), outsider (no role, no person), and
    sysadmin / secadmin / auditor (one administrator role each, at GW).
    """

    def __init__(self) -> None:
        self.unit_a = UnitFactory(name="市财政局")
        self.unit_b = UnitFactory(name="市教育局")
        self.committee = make_org("GW", "市直属机关工委", OrgKind.COMMITTEE)
        self.org_a = make_org("A", "市财政局机关党委", OrgKind.PARTY_COMMITTEE, self.committee, units=[self.unit_a])
        self.branch_a1 = make_org("A01", "市财政局第一党支部", OrgKind.BRANCH, self.org_a, units=[self.unit_a])
        self.branch_a2 = make_org("A02", "市财政局第二党支部", OrgKind.BRANCH, self.org_a, units=[self.unit_a])
        self.org_b = make_org("B", "市教育局机关党委", OrgKind.PARTY_COMMITTEE, self.committee, units=[self.unit_b])
        self.branch_b1 = make_org("B01", "市教育局第一党支部", OrgKind.BRANCH, self.org_b, units=[self.unit_b])
        self.person_a = MemberFactory.create(name="张建国", org=self.branch_a1, unit=self.unit_a)
        self.person_b = MemberFactory.create(name="李红梅", male=False, org=self.branch_b1, unit=self.unit_b)
        self.staff = make_user("staff", roles=((Role.COMMITTEE_STAFF, self.committee),))
        self.admin_a = make_user("admin_a", roles=((Role.ORG_ADMIN, self.org_a),))
        self.admin_b = make_user("admin_b", roles=((Role.ORG_ADMIN, self.org_b),))
        self.member = make_user("member", person=self.person_a)
        self.outsider = make_user("outsider")
        self.sysadmin = make_user("sysadmin", roles=((Role.SYSADMIN, self.committee),))
        self.secadmin = make_user("secadmin", roles=((Role.SECADMIN, self.committee),))
        self.auditor = make_user("auditor", roles=((Role.AUDITOR, self.committee),))

    def refresh(self) -> None:
        for name in ("committee", "org_a", "branch_a1", "branch_a2", "org_b", "branch_b1"):
            getattr(self, name).refresh_from_db()


class BaseTestCase(TestCase):
    """Every test starts with the named world; `login_as` logs a named user in.

    The world is written once per class (setUpTestData) and each test gets it back as it
    was: the database by the rollback of the test's savepoint, `self.w` as a deep copy
    (Django's TestData). A class that wants an empty database sets `named_world = False`.
    """

    named_world = True
    w: World

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        if cls.named_world:
            cls.w = World()

    def setUp(self) -> None:
        super().setUp()

    def login_as(self, user: User) -> None:
        self.client.force_login(user)


# --- a process killed midway (issue 16 §3) ---------------------------------------------------------

KILL_MARK = "DANGJIAN-KILL-ME-NOW"
# Printed by a child at the point where it is to die, holding whatever it holds (a transaction, a lock).
CHILD_PREAMBLE = f"""
import os, sys, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django
django.setup()

def midway():
    print({KILL_MARK!r}, flush=True)
    time.sleep(600)
"""


def in_memory_sqlite() -> bool:
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper

    wrapper = connections[DEFAULT_DB_ALIAS]
    return isinstance(wrapper, SQLiteWrapper) and wrapper.is_in_memory_db()


def rerun_on_a_sqlite_file(case: Any) -> bool:
    """When the test database is SQLite in memory (no other process can see it), run CASE's test again
    in a child pytest whose test database is a file, assert it passed, and return True."""
    import os
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    from django.conf import settings

    if not in_memory_sqlite():
        return False
    node = f"{sys.modules[type(case).__module__].__file__}::{type(case).__name__}::{case._testMethodName}"
    with tempfile.TemporaryDirectory(prefix="dangjian-killed-") as folder:
        env = {**os.environ, "SQLITE_TEST_NAME": str(Path(folder) / "test.sqlite3")}
        env.pop("DATABASE_URL", None)
        child = subprocess.run(
            [sys.executable, "-m", "pytest", node, "-p", "no:cacheprovider", "-p", "no:warnings", "-p", "no:randomly"],
            cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
    case.assertEqual(child.returncode, 0, f"the test on a SQLite file failed:\n{child.stdout[-6000:]}")
    case.assertIn("1 passed", child.stdout)
    return True


def database_url() -> str:
    """DATABASE_URL of the database this process uses now (the test database in a test)."""
    from urllib.parse import quote

    from django.db import connection

    conf = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{conf['NAME']}"
    login = quote(conf.get("USER") or "", safe="")
    if conf.get("PASSWORD"):
        login += ":" + quote(conf["PASSWORD"], safe="")
    host = quote(conf.get("HOST") or "", safe="")
    port = f":{conf['PORT']}" if conf.get("PORT") else ""
    return f"postgres://{login}@{host}{port}/{quote(conf['NAME'], safe='')}"


def kill_midway(code: str, *, env: dict[str, str] | None = None, timeout: float = 120) -> str:
    """Run CODE (Python, after django.setup(), on this test's database) in a child process; when it
    calls `midway()` the child is sent SIGKILL at once. Returns what it printed; fails (AssertionError)
    when the child ends, or takes longer than TIMEOUT, without reaching midway()."""
    import os
    import selectors
    import signal
    import subprocess
    import sys
    import time

    from django.conf import settings

    child_env = {**os.environ, "DATABASE_URL": database_url(), **(env or {})}
    child_env.pop("SQLITE_TEST_NAME", None)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD_PREAMBLE + code],
        cwd=settings.BASE_DIR, env=child_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    assert child.stdout is not None
    output = b""
    watch = selectors.DefaultSelector()
    watch.register(child.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            if not watch.select(timeout=1):
                continue
            chunk = os.read(child.stdout.fileno(), 65536)  # unbuffered: select() sees what is left
            if not chunk:
                break
            output += chunk
            if KILL_MARK.encode() in output:
                os.kill(child.pid, signal.SIGKILL)
                child.wait(timeout=30)
                assert child.returncode == -signal.SIGKILL
                return output.decode(errors="replace")
        raise AssertionError("the child never reached midway():\n" + output.decode(errors="replace")[-6000:])
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        watch.close()
        child.stdout.close()
