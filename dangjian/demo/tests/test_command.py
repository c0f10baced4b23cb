from __future__ import annotations

from django.core.management.base import CommandError
from django.test import TestCase, override_settings

from dangjian.core.testing import BaseTestCase
from dangjian.orgs.models import Organization
from dangjian.people.models import Member

from .helpers import seed_demo


class PopulatedDatabaseTests(BaseTestCase):
    """The named World is already there: seeding must not mix demo data into it."""

    def test_it_refuses_without_if_empty(self) -> None:
        before = Organization.objects.count()
        with self.assertRaisesMessage(CommandError, f"数据库中已有 {before} 个党组织"):
            seed_demo()
        self.assertEqual(Organization.objects.count(), before)

    def test_it_does_nothing_with_if_empty(self) -> None:
        orgs, people = Organization.objects.count(), Member.objects.count()
        output = seed_demo("--if-empty")
        self.assertIn("已有数据", output)
        self.assertEqual((Organization.objects.count(), Member.objects.count()), (orgs, people))


class EmptyDatabaseTests(TestCase):
    def test_it_seeds_with_if_empty_when_empty(self) -> None:
        seed_demo("--if-empty")
        self.assertEqual(Member.objects.count(), 300)

    def test_it_can_leave_the_roster_empty_for_an_import(self) -> None:
        seed_demo("--without-people")
        self.assertGreater(Organization.objects.count(), 20)
        self.assertEqual(Member.objects.count(), 0)

    def test_it_rejects_a_malformed_day(self) -> None:
        from io import StringIO

        from django.core.management import call_command

        with self.assertRaisesMessage(CommandError, "日期格式不正确"):
            call_command("seed_demo", "--today", "2025-13-01", stdout=StringIO())
        self.assertFalse(Organization.objects.exists())

    @override_settings(ENVIRONMENT="production")
    def test_it_refuses_in_production(self) -> None:
        with self.assertRaisesMessage(CommandError, "生产环境不能生成演示数据"):
            seed_demo()
        self.assertFalse(Organization.objects.exists())
