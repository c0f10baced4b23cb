"""The workspace's tabs and menu lead nowhere a user is refused (issue 11 §1)."""

from __future__ import annotations

import re
from typing import Any

from django.utils import timezone

from dangjian.core.models import AuditEntry
from dangjian.publicity.models import PaperKind
from dangjian.publicity.services import papers, reports

from .helpers import PublicityTestCase

LINK = re.compile(r'href="(/publicity/[^"#?]*)(?:\?[^"#]*)?"')
TAB = re.compile(r'<a class="nav-link[^"]*" href="(/publicity/[^"]*)"')


def links(html: str) -> set[str]:
    return set(LINK.findall(html))


class TabTests(PublicityTestCase):
    def setUp(self) -> None:
        super().setUp()
        # Something in every list, so the pages carry links to records too.
        self.draft(title="草稿")
        self.published(title="已发布")
        self.submitted(title="待审")
        reports.info_report_create(by=self.w.admin_a, org=self.w.org_a, title="信息", body="正文内容。")
        papers.paper_create(
            by=self.w.admin_a,
            kind=PaperKind.CASE_STUDY,
            org=self.w.org_a,
            year=timezone.localdate().year,
            title="案例",
            body="正文内容。",
        )

    def users(self) -> dict[str, Any]:
        """The publicity roles of the demo: committee staff, an organization's administrator, 编辑, 审核."""
        return {
            "staff": self.w.staff,
            "admin_a": self.w.admin_a,
            "editor": self.editor,
            "editor_a": self.editor_a,
            "reviewer": self.reviewer,
        }

    def tabs(self) -> list[str]:
        html = self.client.get("/publicity/").content.decode()
        return TAB.findall(html.split("dj-subnav", 1)[1].split("</ul>", 1)[0])

    def test_it_follows_every_tab_and_menu_link_of_the_workspace_without_a_refusal(self) -> None:
        for name, user in self.users().items():
            self.login_as(user)
            pages = ["/publicity/", *self.tabs()]
            followed: set[str] = set()
            for page in pages:
                response = self.client.get(page)
                self.assertEqual(response.status_code, 200, f"{name}: {page}")
                for link in sorted(links(response.content.decode()) - followed):
                    followed.add(link)
                    with self.subTest(user=name, page=page, link=link):
                        self.assertNotIn(self.client.get(link).status_code, (403, 404))
            self.assertGreater(len(followed), len(pages), name)
            self.assertFalse(
                AuditEntry.objects.filter(event="denied", actor=user).exists(),
                f"{name}: a link of the workspace wrote an 越权访问 entry",
            )

    def test_it_shows_a_reviewer_only_the_article_tabs(self) -> None:
        self.login_as(self.reviewer)
        self.assertEqual(
            self.tabs(), ["/publicity/", "/publicity/articles/", "/publicity/gate/", "/publicity/special-pages/"]
        )

    def test_it_shows_an_organization_administrator_no_channels_tab(self) -> None:
        self.login_as(self.w.admin_a)
        tabs = self.tabs()
        self.assertIn("/publicity/reports/", tabs)
        self.assertNotIn("/publicity/channels/", tabs)

    def test_it_shows_committee_staff_every_tab(self) -> None:
        self.login_as(self.w.staff)
        self.assertEqual(len(self.tabs()), 8)
