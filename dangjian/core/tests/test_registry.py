from django.test import SimpleTestCase

from dangjian.core import registry


class RegistryTests(SimpleTestCase):
    def test_it_refuses_a_key_registered_twice_by_different_code(self):
        registry.register("test.once", "测试")(lambda org, year: 1)
        try:
            with self.assertRaisesMessage(ValueError, "registered twice"):
                registry.register("test.once", "测试")(lambda org, year: 2)
        finally:
            registry._metrics.pop("test.once")
