from django.core.exceptions import ImproperlyConfigured

from dangjian.core.conf import check_all
from dangjian.core.manifests import manifest_of
from dangjian.core.testing import BaseTestCase
from dangjian.publicity.conf import PublicitySettings


class SettingsTests(BaseTestCase):
    def test_it_reads_a_deployments_override(self):
        self.assertEqual(PublicitySettings.current().rss_items, 30)
        with self.settings(DANGJIAN={"publicity": {"rss_items": 5, "own_hosts": ["dj.example.cn"]}}):
            self.assertEqual(PublicitySettings.current().rss_items, 5)
            self.assertEqual(PublicitySettings.current().own_hosts, ("dj.example.cn",))

    def test_the_system_check_names_a_wrong_key_or_type(self):
        self.assertIs(manifest_of("publicity").settings, PublicitySettings)
        with self.settings(DANGJIAN={"publicity": {"rss_itemz": 5}}):
            self.assertIn("rss_itemz", "".join(check_all([PublicitySettings])))
            with self.assertRaises(ImproperlyConfigured):
                PublicitySettings.current()
        with self.settings(DANGJIAN={"publicity": {"list_page_size": "30"}}):
            self.assertIn("list_page_size", "".join(check_all([PublicitySettings])))
