"""The organization picker of the publicity forms: search as you type, never the whole tree."""

from __future__ import annotations

import re

from dangjian.core.testing import make_org
from dangjian.orgs.models import Organization, OrgKind
from dangjian.publicity.models import Article

from .helpers import CLEAN_BODY, PublicityTestCase


def org_options(html: str) -> list[str]:
    select = re.search(r'<select name="org"[^>]*>(.*?)</select>', html, re.S)
    assert select, "no organization select"
    return re.findall(r'<option value="(\d+)"', select.group(1))


class OrgPickerTests(PublicityTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.branches = [
            make_org(f"PX{i:03d}", f"专项工作第{i}党支部", OrgKind.BRANCH, parent=self.w.org_a) for i in range(30)
        ]

    def test_it_lists_at_most_twenty_organizations_in_the_form(self) -> None:
        self.login_as(self.w.staff)
        html = self.client.get("/publicity/articles/new/").content.decode()
        self.assertGreater(Organization.objects.count(), 30)
        options = org_options(html)
        self.assertTrue(0 < len(options) <= 20, len(options))
        self.assertIn('hx-get="/publicity/orgs/search/?roles=write"', html)

    def test_it_finds_organizations_by_name_and_by_code(self) -> None:
        self.login_as(self.w.staff)
        by_name = self.client.get("/publicity/orgs/search/", {"q": "专项工作", "roles": "write"}).content.decode()
        self.assertEqual(len(re.findall(r'<option value="\d+"', by_name)), 20)
        self.assertIn("只列出前 20 个", by_name)
        by_code = self.client.get("/publicity/orgs/search/", {"q": "px017"}).content.decode()
        self.assertEqual(re.findall(r'<option value="(\d+)"', by_code), [str(self.branches[17].pk)])

    def test_it_offers_only_the_users_own_organizations(self) -> None:
        self.login_as(self.editor_a)
        found = self.client.get("/publicity/orgs/search/", {"q": self.w.org_b.name}).content.decode()
        self.assertNotIn(f'value="{self.w.org_b.pk}"', found)
        self.assertIn("没有找到匹配的组织", found)
        found = self.client.get("/publicity/orgs/search/", {"q": "专项工作第3"}).content.decode()
        self.assertIn(f'value="{self.branches[3].pk}"', found)

    def test_it_refuses_someone_without_a_publicity_role(self) -> None:
        self.login_as(self.w.member)
        self.assertEqual(self.client.get("/publicity/orgs/search/", {"q": "财政"}).status_code, 404)

    def test_it_takes_an_organization_found_by_search_and_shows_it_chosen_on_edit(self) -> None:
        far = self.branches[-1]
        self.login_as(self.w.staff)
        self.assertNotIn(str(far.pk), org_options(self.client.get("/publicity/articles/new/").content.decode()))
        response = self.client.post(
            "/publicity/articles/new/",
            {"org": far.pk, "column": self.column.pk, "title": "专项稿件", "body": CLEAN_BODY, "q": "专项"},
        )
        article = Article.objects.get(title="专项稿件")
        self.assertRedirects(response, f"/publicity/articles/{article.pk}/")
        self.assertEqual(article.org, far)
        html = self.client.get(f"/publicity/articles/{article.pk}/edit/").content.decode()
        self.assertRegex(html, rf'<option value="{far.pk}" selected>')

    def test_it_picks_the_targets_pages_organization_by_code_from_a_short_list(self) -> None:
        self.login_as(self.w.staff)
        html = self.client.get(f"/publicity/reports/targets/?org={self.branches[-1].code}").content.decode()
        select = re.search(r'<select name="org" id="targets-org"[^>]*>(.*?)</select>', html, re.S)
        assert select
        self.assertLessEqual(select.group(1).count("<option"), 21)
        self.assertIn(f'value="{self.branches[-1].code}" selected', select.group(1))
        found = self.client.get("/publicity/orgs/search/", {"q": "专项工作第29", "roles": "see", "value": "code"})
        self.assertContains(found, f'value="{self.branches[-1].code}"')
