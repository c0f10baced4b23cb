"""The apps' typed settings: defaults, a deployment's section, and a loud failure on a wrong key or type."""

from __future__ import annotations

from django.core import checks
from django.test import SimpleTestCase, override_settings

from dangjian.core.importing.conf import ImportSettings
from dangjian.orgs.conf import OrgsSettings
from dangjian.people.conf import PeopleSettings


def setting_errors() -> list[str]:
    return [m.msg for m in checks.run_checks() if m.id == "dangjian.E001"]


class AppSettingsTests(SimpleTestCase):
    def test_the_defaults_are_domain_md_s_numbers(self) -> None:
        with override_settings(DANGJIAN={}):
            orgs = OrgsSettings.current()
            self.assertEqual(orgs.branch_min_full_members, 3)
            self.assertEqual(orgs.term_years["party_committee"], 5)
            self.assertEqual(orgs.general_branch_range, (50, 100))
            self.assertEqual(orgs.surplus_percent, 20)
            self.assertEqual(PeopleSettings.current().member_page_size, 50)
            self.assertEqual(ImportSettings.current().max_upload_bytes, 10 * 1024 * 1024)

    @override_settings(DANGJIAN={"orgs": {"term_remind_months": 3, "general_branch_range": [40, 90]}})
    def test_a_section_overrides_only_what_it_names(self) -> None:
        orgs = OrgsSettings.current()
        self.assertEqual(orgs.term_remind_months, 3)
        self.assertEqual(orgs.general_branch_range, (40, 90))
        self.assertEqual(orgs.branch_max_members, 50)
        self.assertEqual(setting_errors(), [])

    @override_settings(DANGJIAN={"orgs": {"branch_min_members": 3}, "people": {"member_page_size": "50"}})
    def test_the_system_check_names_a_wrong_key_and_a_wrong_type(self) -> None:
        errors = "\n".join(setting_errors())
        self.assertIn("branch_min_members", errors)
        self.assertIn("member_page_size", errors)
