from django.test import SimpleTestCase

from dangjian.core import registry


class RegistryTests(SimpleTestCase):
    def test_it_refuses_a_key_registered_twice_by_different_code(self):
        first = registry.metric("test.once", "测试")(lambda org, year: 1)
        second = registry.metric("test.once", "测试")(lambda org, year: 2)
        with registry.installed_for_test(first), registry.installed_for_test(second):
            with self.assertRaisesMessage(ValueError, "registered twice"):
                registry.metrics()

    def test_the_same_metric_listed_twice_is_one_metric(self):
        once = registry.metric("test.once", "测试")(lambda org, year: 1)
        with registry.installed_for_test(once), registry.installed_for_test(once):
            self.assertEqual([m for m in registry.metrics() if m.key == "test.once"], [once])
