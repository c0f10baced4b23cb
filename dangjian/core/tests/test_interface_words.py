"""No developer identifiers in what a secretary reads: metric keys, rule codes, commands.

Codes stay in the exports and the API (their own tests), where other programs read them.
"""

from __future__ import annotations

from django.utils.html import strip_tags

from dangjian.core import registry
from dangjian.core.registry import metrics
from dangjian.core.testing import BaseTestCase
from dangjian.orgs import compliance


class InterfaceWordsTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.login_as(self.w.staff)

    def visible_text(self, url: str) -> str:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return strip_tags(response.content.decode())

    def assertNoDeveloperWords(self, text: str) -> None:  # noqa: N802
        self.assertNotIn("manage.py", text)
        for code in compliance.CODES:
            self.assertNotIn(code, text)

    def test_the_dashboard_names_figures_without_their_keys(self) -> None:
        metric = registry.metric("test.children", "直属下级组织数", unit="个")(lambda org, year: org.numchild)
        self.enterContext(registry.installed_for_test(metric))
        text = self.visible_text("/dashboard/?org=A&year=2024")
        self.assertIn("直属下级组织数", text)
        for m in metrics():
            self.assertNotIn(m.key, text)
        self.assertNoDeveloperWords(text)

    def test_the_compliance_page_names_rules_in_chinese_only(self) -> None:
        findings = compliance.findings_for_subtree(self.w.committee)
        self.assertTrue(findings)
        text = self.visible_text("/orgs/compliance/")
        for f in findings:
            self.assertIn(f.label, text)
        self.assertNoDeveloperWords(text)

    def test_an_organizations_page_lists_its_findings_without_codes(self) -> None:
        found = compliance.findings_for_org(self.w.branch_a1)
        self.assertTrue(found)
        text = self.visible_text("/orgs/A01/")
        self.assertIn(found[0].label, text)
        self.assertNoDeveloperWords(text)

    def test_the_tree_and_roster_show_no_codes(self) -> None:
        for url in ("/orgs/", "/orgs/?expand=1", "/members/"):
            with self.subTest(url=url):
                self.assertNoDeveloperWords(self.visible_text(url))
