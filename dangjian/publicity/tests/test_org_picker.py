"""The organization picker of the publicity forms (the kernel's, orgs.widgets): a search box when the
writer has many organizations, offering only those they write for."""

from __future__ import annotations

from django.urls import reverse

from dangjian.core.testing import assert_org_search_box, make_branches, make_org, search_vals
from dangjian.orgs.models import OrgKind
from dangjian.orgs.picker import SELECT_MAX
from dangjian.publicity.models import Article

from .helpers import CLEAN_BODY, PublicityTestCase

STALE = "所选组织不存在或不在您的管理范围内，请刷新页面后重新选择。"


class OrgPickerTests(PublicityTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.branches = make_branches(self.w.org_a, SELECT_MAX)

    def test_the_article_form_has_a_search_box_not_every_organization(self) -> None:
        self.login_as(self.w.staff)
        html = self.client.get("/publicity/articles/new/").content.decode()
        assert_org_search_box(self, html)
        self.assertEqual(search_vals(html)["value"], "pk")

    def test_its_search_offers_only_where_the_writer_writes(self) -> None:
        self.login_as(self.editor_a)  # an editor at 市财政局机关党委: no scope role, a writer's
        vals = search_vals(self.client.get("/publicity/articles/new/").content.decode())
        found = self.client.get(reverse("orgs:pick"), {**vals, "q": "专项工作第3"}).content.decode()
        self.assertIn(f'data-value="{self.branches[2].pk}"', found)
        found = self.client.get(reverse("orgs:pick"), {**vals, "q": self.w.org_b.name}).content.decode()
        self.assertNotIn("data-value=", found)

    def test_it_saves_an_organization_found_by_search_and_shows_it_chosen_on_edit(self) -> None:
        far = self.branches[-1]
        self.login_as(self.w.staff)
        data = {"org": far.pk, "column": self.column.pk, "title": "专项稿件", "body": CLEAN_BODY}
        response = self.client.post("/publicity/articles/new/", data)
        article = Article.objects.get(title="专项稿件")
        self.assertRedirects(response, f"/publicity/articles/{article.pk}/")
        self.assertEqual(article.org, far)
        html = self.client.get(f"/publicity/articles/{article.pk}/edit/").content.decode()
        self.assertIn(f'<input type="hidden" name="org" value="{far.pk}"', html)
        self.assertIn(f'value="{far.name}"', html)

    def test_it_refuses_another_committees_organization(self) -> None:
        other = make_org("QT01", "另一工委第一党支部", OrgKind.BRANCH, make_org("QT", "另一工委", OrgKind.COMMITTEE))
        self.login_as(self.w.staff)
        for url, data in (
            ("/publicity/articles/new/", {"column": self.column.pk, "title": "越权稿件", "body": CLEAN_BODY}),
            ("/publicity/reports/new/", {"title": "越权报送", "body": "正文"}),
        ):
            response = self.client.post(url, {"org": other.pk, **data})
            self.assertEqual(response.status_code, 200, url)
            self.assertContains(response, STALE)
        self.assertFalse(Article.objects.filter(title="越权稿件").exists())

    def test_the_targets_page_picks_its_organization_by_code(self) -> None:
        self.login_as(self.w.staff)
        far = self.branches[-1]
        html = self.client.get(f"/publicity/reports/targets/?org={far.code}").content.decode()
        assert_org_search_box(self, html)
        self.assertIn(f'<input type="hidden" name="org" value="{far.code}"', html)
        self.assertIn(f'value="{far.name}"', html)
