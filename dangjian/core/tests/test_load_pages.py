"""Every page of the load test's mix answers 200 to its role, so `make load` cannot rot.

The mix (bench/load/pages.py) is the list locustfile.py turns into locust tasks; here each page
of each role is opened with the test client on the small named world plus what the pages need
(a volunteer activity open for sign-up, a published article), with the placeholders filled by
the same bench/load/world.targets that `make load` uses.
"""

from __future__ import annotations

import ast
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings

from bench.load import pages, world
from dangjian.accounts.models import Role, User
from dangjian.core.testing import BaseTestCase, MemberFactory, make_user
from dangjian.publicity.models import Status
from dangjian.publicity.services import articles as article_services
from dangjian.publicity.tests.helpers import CLEAN_BODY, setup_publicity
from dangjian.volunteer.tests.helpers import make_activity, make_brigade, make_corps

LOCUSTFILE = Path(settings.BASE_DIR) / "bench" / "load" / "locustfile.py"


class LoadMixPagesTests(BaseTestCase):
    users: dict[str, User | None]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        w = cls.w
        corps = make_corps(w.committee)
        make_activity(make_brigade(corps, w.org_a), places=30)
        case = SimpleNamespace(w=w)
        setup_publicity(case)
        article = article_services.article_create(
            by=case.editor,
            data=article_services.ArticleData(
                org=w.org_a, column=case.column, title="市财政局开展主题党日活动", body=CLEAN_BODY
            ),
        )
        assert article_services.article_submit(article=article, by=case.editor).passed
        article = article_services.article_approve(article=article, by=case.reviewer)
        assert article_services.article_publish(article=article, by=case.reviewer).passed
        article.refresh_from_db()
        assert article.status == Status.PUBLISHED
        shuji = MemberFactory.create(name="王书记", org=w.branch_a1, unit=w.unit_a)
        secretary = make_user("secretary_a1", person=shuji, roles=((Role.ORG_ADMIN, w.branch_a1),))
        cls.users = {
            "committee_staff": w.staff,
            "org_admin": w.admin_a,
            "branch_secretary": secretary,
            "member": w.member,
            "editor": case.editor,
            "reviewer": case.reviewer,
            "public": None,
        }

    def test_it_covers_every_role_of_the_mix(self) -> None:
        self.assertEqual({m.role for m in pages.MIX}, set(self.users))
        for mix in pages.MIX:
            self.assertTrue(mix.pages, mix.role)
            names = [p.name for p in mix.pages]
            self.assertEqual(len(names), len(set(names)), f"{mix.role}: 页面名称重复")
            for page in mix.pages:
                self.assertNotRegex(page.path, r"/\d+/", f"{page.name}: 路径中不应写死编号")

    def test_it_answers_200_to_every_page_of_every_role(self) -> None:
        for mix in pages.MIX:
            user = self.users[mix.role]
            self.client.logout()
            if user is not None:
                self.login_as(user)
            values = world.targets(user)
            for page in mix.pages:
                path = pages.path_of(page, values)
                with self.subTest(role=mix.role, page=page.name, path=path):
                    response = self.client.get(path, follow=page.follow)
                    self.assertEqual(response.status_code, 200, f"{mix.label}·{page.name} {path}")
                    self.assertNotIn("/accounts/", response.request["PATH_INFO"])

    def test_the_member_pages_reach_a_real_activity_and_article(self) -> None:
        values = world.targets(self.users["member"])
        self.assertNotEqual(values["activity"], "0")
        self.assertNotEqual(values["article"], "0")
        response = self.client.get(f"/volunteer/activities/{values['activity']}/")
        self.assertNotEqual(response.status_code, 200)  # logged out: the activity page needs a login

    def test_the_locustfile_takes_its_tasks_from_the_mix(self) -> None:
        """The locustfile holds no page of its own: every request it makes comes from pages.MIX
        (the login aside), so what this test opens is what the load test opens."""
        tree = ast.parse(LOCUSTFILE.read_text(encoding="utf-8"))
        literals = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
        urls = {s for s in literals if s.startswith("/")}
        self.assertEqual(urls, {"/accounts/login/"})
        self.assertIn("pages.MIX", ast.unparse(tree))
