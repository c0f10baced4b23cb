from django.test import SimpleTestCase

from dangjian.core import registry
from dangjian.core.manifests import AppManifest, added
from dangjian.orgs.models import Organization


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


class ContributionTests(SimpleTestCase):
    """A figure another app adds to: read through the registry, it is the owner's part plus each contribution."""

    def setUp(self):
        self.owner = registry.metric("test.trained", "参加培训", unit="人次")(lambda org, year: 100)
        self.part = registry.metric("other.trained", "品牌培训", unit="人次", adds_to="test.trained")(
            lambda org, year: 30 if year == 2025 else 0
        )
        self.enterContext(registry.installed_for_test(self.owner))
        self.enterContext(added(AppManifest(app="other", label="其他", metrics=(self.part,))))
        self.org = Organization(pk=1, path="0001", name="工委")

    def test_the_owner_sums_its_contributions(self):
        self.assertEqual(registry.contributions("test.trained"), [self.part])
        self.assertEqual(registry.total("test.trained", self.org, 2025), 130)
        self.assertEqual(registry.total("test.trained", self.org, 2024), 100)
        self.assertEqual(registry.per_org("test.trained", [self.org], 2025), {1: 130})

    def test_the_contribution_is_a_figure_of_its_own_and_calling_a_metric_gives_its_own_part(self):
        self.assertEqual(registry.total("other.trained", self.org, 2025), 30)
        self.assertEqual(self.owner(self.org, 2025), 100)

    def test_a_contribution_in_another_unit_or_to_a_contribution_is_refused(self):
        hours = registry.metric("third.hours", "时长", unit="小时", adds_to="test.trained")(lambda org, year: 1)
        with added(AppManifest(app="third", label="第三", metrics=(hours,))):
            with self.assertRaisesMessage(ValueError, "units differ"):
                registry.metrics()
        chained = registry.metric("third.more", "再加", unit="人次", adds_to="other.trained")(lambda org, year: 1)
        with added(AppManifest(app="third", label="第三", metrics=(chained,))):
            with self.assertRaisesMessage(ValueError, "itself adds to"):
                registry.metrics()

    def test_a_contribution_to_a_figure_nobody_registers_adds_nothing(self):
        lost = registry.metric("third.lost", "无主", adds_to="nobody.figure")(lambda org, year: 5)
        with added(AppManifest(app="third", label="第三", metrics=(lost,))):
            self.assertEqual(registry.total("test.trained", self.org, 2025), 130)
            self.assertEqual(registry.total("third.lost", self.org, 2025), 5)
