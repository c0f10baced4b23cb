"""The gate's typed settings: DANGJIAN["contentsec"], read by the gate and checked by `manage.py check`."""

from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.test import SimpleTestCase, override_settings

from dangjian.publicity import contentsec
from dangjian.publicity.contentsec.conf import RULES_DIR, ContentSecSettings


def setting_errors() -> list[str]:
    return [m.msg for m in checks.run_checks() if m.id == "dangjian.E001"]


class ContentSecSettingsTests(SimpleTestCase):
    @override_settings(DANGJIAN={})
    def test_the_defaults(self):
        current = ContentSecSettings.current()
        self.assertEqual(current.upper_committees, ())
        self.assertEqual(current.extra_allowed_domains, ())
        self.assertEqual(current.rules_dir, RULES_DIR)
        self.assertEqual(setting_errors(), [])

    def test_the_deployment_names_the_upper_committee(self):
        self.assertIn("自治区直属机关工委", ContentSecSettings.current().upper_committees)

    @override_settings(DANGJIAN={"contentsec": {"upper_comittees": ["自治区直属机关工委"]}})
    def test_the_system_check_names_a_wrong_key(self):
        [error] = setting_errors()
        self.assertIn("upper_comittees", error)
        self.assertIn("contentsec", error)
        with self.assertRaises(ImproperlyConfigured):
            ContentSecSettings.current()

    @override_settings(DANGJIAN={"contentsec": {"extra_allowed_domains": "example.cn"}})
    def test_the_system_check_names_a_wrong_type(self):
        self.assertIn("extra_allowed_domains", "".join(setting_errors()))

    @override_settings(DANGJIAN={"publicity": {"extra_allowed_domains": ["example.cn"]}})
    def test_the_old_publicity_key_is_flagged(self):
        self.assertIn("extra_allowed_domains", "".join(setting_errors()))

    def test_an_extra_allowed_domain_lets_its_links_pass(self):
        text = "详见 http://www.example-partner.cn/notice.html 的通知"
        contentsec.clear_options()
        self.addCleanup(contentsec.clear_options)
        kinds = [f.kind for f in contentsec.scan(text, opts=contentsec.options(), html=False).findings]
        self.assertIn("external_link", kinds)
        with override_settings(DANGJIAN={"contentsec": {"extra_allowed_domains": ["example-partner.cn"]}}):
            self.assertEqual(contentsec.scan(text, opts=contentsec.options(), html=False).findings, [])
