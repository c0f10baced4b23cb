"""The organization picker: a select for a few organizations, a search box for many."""

from __future__ import annotations

from unittest import mock

from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from dangjian.core.testing import make_org
from dangjian.orgs.models import OrgKind

from .helpers import OrgTestCase


def picker_html(user, **params: str) -> str:
    request = RequestFactory().get("/")
    request.user = user
    args = " ".join(f'{k}="{v}"' for k, v in params.items())
    return Template("{% load orgs_tags %}{% org_picker " + args + " %}").render(Context({"request": request}))


class PickerSearchTests(OrgTestCase):
    def test_it_finds_by_name_and_by_code_with_the_names_above(self):
        self.login_as(self.w.staff)
        html = self.client.get(reverse("orgs:pick"), {"q": "第一党支部"}).content.decode()
        self.assertIn('data-code="A01"', html)
        self.assertIn('data-code="B01"', html)
        self.assertNotIn('data-code="A02"', html)
        self.assertIn("市直属机关工委 › 市财政局机关党委", html)  # where A01 sits
        html = self.client.get(reverse("orgs:pick"), {"q": "a0"}).content.decode()
        self.assertIn('data-code="A01"', html)
        self.assertIn('data-code="A02"', html)
        self.assertNotIn('data-code="B01"', html)

    def test_it_offers_only_what_the_user_sees(self):
        self.login_as(self.w.admin_a)
        html = self.client.get(reverse("orgs:pick"), {"q": "第一党支部"}).content.decode()
        self.assertIn('data-code="A01"', html)
        self.assertNotIn("市教育局", html)
        self.assertNotIn("市直属机关工委", html)  # above admin_a's sight: not in the trail either
        self.login_as(self.w.member)
        html = self.client.get(reverse("orgs:pick"), {"q": "党"}).content.decode()
        self.assertNotIn("data-code=", html.replace('data-code=""', ""))
        self.assertIn("没有名称或编码含“党”的组织", html)

    def test_it_says_when_it_shows_only_the_first_matches(self):
        for i in range(3):
            make_org(f"A1{i}", f"市财政局第{i + 3}党支部", OrgKind.BRANCH, self.w.org_a)
        self.login_as(self.w.staff)
        with mock.patch("dangjian.orgs.picker.MATCH_LIMIT", 2):
            html = self.client.get(reverse("orgs:pick"), {"q": "市财政局"}).content.decode()
        self.assertEqual(html.count("data-org-pick"), 2)
        self.assertIn("只列出前 2 个", html)

    def test_the_empty_choice_comes_first_when_asked_for(self):
        self.login_as(self.w.staff)
        html = self.client.get(reverse("orgs:pick"), {"q": "A01", "empty": "全部组织"}).content.decode()
        self.assertLess(html.index("全部组织"), html.index('data-code="A01"'))
        self.assertIn('data-code=""', html)

    def test_an_empty_query_asks_for_text(self):
        self.login_as(self.w.staff)
        html = self.client.get(reverse("orgs:pick")).content.decode()
        self.assertIn("输入组织名称或编码的一部分", html)
        self.assertNotIn("data-code=", html)


class PickerTagTests(OrgTestCase):
    def test_few_organizations_make_a_select(self):
        html = picker_html(self.w.admin_a, name="org", selected="A02", empty_label="全部组织")
        self.assertIn('<select id="org-picker-org" name="org"', html)
        self.assertInHTML('<option value="A02" selected>\u3000市财政局第二党支部</option>', html)
        self.assertNotIn("市教育局", html)

    def test_many_organizations_make_a_search_box_holding_the_choice(self):
        with mock.patch("dangjian.orgs.picker.SELECT_MAX", 3):
            html = picker_html(self.w.staff, name="org", selected="B01", id="f-org", empty_label="全部组织")
        self.assertNotIn("<select", html)
        self.assertIn('type="hidden" name="org" value="B01"', html)
        self.assertIn('value="市教育局第一党支部"', html)  # the chosen one's name in the box
        self.assertIn(f'hx-get="{reverse("orgs:pick")}"', html)
        self.assertIn('form=""', html)  # the box's text is not sent with the form

    def test_a_code_the_user_does_not_see_shows_no_name(self):
        with mock.patch("dangjian.orgs.picker.SELECT_MAX", 1):
            html = picker_html(self.w.admin_a, name="org", selected="B01")
        self.assertNotIn("市教育局", html)
