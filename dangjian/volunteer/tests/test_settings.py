"""The volunteer module's typed settings: defaults, a deployment's section, a loud wrong value."""

from __future__ import annotations

from django.core import checks
from django.test import SimpleTestCase, override_settings

from dangjian.volunteer.conf import VolunteerSettings


def setting_errors() -> list[str]:
    return [m.msg for m in checks.run_checks() if m.id == "dangjian.E001"]


class VolunteerSettingsTests(SimpleTestCase):
    @override_settings(DANGJIAN={})
    def test_the_defaults(self) -> None:
        rules = VolunteerSettings.current()
        self.assertEqual(rules.hours_step_minutes, 30)
        self.assertEqual(rules.certificate_prefix, "ZM")
        self.assertEqual(rules.max_places, 1000)
        self.assertEqual(setting_errors(), [])

    @override_settings(DANGJIAN={"volunteer": {"max_places": 200}})
    def test_a_section_overrides_only_what_it_names(self) -> None:
        rules = VolunteerSettings.current()
        self.assertEqual(rules.max_places, 200)
        self.assertEqual(rules.checkin_opens_minutes_before, 60)

    @override_settings(DANGJIAN={"volunteer": {"HOURS_STEP_MINUTES": 15}})
    def test_the_system_check_names_an_old_style_key(self) -> None:
        self.assertIn("HOURS_STEP_MINUTES", "\n".join(setting_errors()))

    @override_settings(DANGJIAN={"volunteer": {"max_places": "many"}})
    def test_the_system_check_names_a_wrong_type(self) -> None:
        self.assertIn("max_places", "\n".join(setting_errors()))
