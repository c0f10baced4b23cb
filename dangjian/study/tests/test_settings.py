"""The study module's typed settings: DOMAIN.md's defaults, a deployment's section, a loud wrong value."""

from __future__ import annotations

from django.core import checks
from django.test import SimpleTestCase, override_settings

from dangjian.core.uploads import DOCUMENT_KINDS
from dangjian.study.conf import StudySettings


def setting_errors() -> list[str]:
    return [m.msg for m in checks.run_checks() if m.id == "dangjian.E001"]


class StudySettingsTests(SimpleTestCase):
    @override_settings(DANGJIAN={})
    def test_the_defaults_are_domain_md_s_rules(self) -> None:
        rules = StudySettings.current()
        self.assertEqual(rules.central_group_min_per_quarter, 1)
        self.assertEqual(rules.observer_notice_working_days, 5)
        self.assertEqual(rules.writeup_due_days, 10)
        self.assertEqual(rules.training_person_times, "per_class")
        self.assertEqual(rules.material_kinds, DOCUMENT_KINDS)
        self.assertEqual(rules.org_life_requirements["general_meeting"]["every"], "quarter")
        self.assertEqual(setting_errors(), [])

    @override_settings(DANGJIAN={"study": {"holidays": ["2025-10-01"], "completion_ratio": 1}})
    def test_a_section_overrides_only_what_it_names(self) -> None:
        rules = StudySettings.current()
        self.assertEqual(rules.holidays, ("2025-10-01",))
        self.assertEqual(rules.completion_ratio, 1.0)
        self.assertEqual(rules.signin_grace_minutes, 15)

    @override_settings(DANGJIAN={"study": {"CENTRAL_GROUP_MIN_PER_QUARTER": 2}})
    def test_the_system_check_names_an_old_style_key(self) -> None:
        self.assertIn("CENTRAL_GROUP_MIN_PER_QUARTER", "\n".join(setting_errors()))

    @override_settings(DANGJIAN={"study": {"writeup_due_days": "10"}})
    def test_the_system_check_names_a_wrong_type(self) -> None:
        self.assertIn("writeup_due_days", "\n".join(setting_errors()))

    @override_settings(DANGJIAN={"study": {"training_person_times": "per_week"}})
    def test_the_system_check_names_a_value_out_of_its_choices(self) -> None:
        self.assertIn("training_person_times", "\n".join(setting_errors()))
