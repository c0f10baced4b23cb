"""The demo seeder: deterministic, no overbooked activity, records only where hours were confirmed."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, F, Q

from dangjian.accounts.models import User
from dangjian.core.testing import BaseTestCase
from dangjian.demo.builder import seed
from dangjian.demo.tests.helpers import TODAY, SeededTestCase
from dangjian.volunteer.models import Activity, Brigade, Corps, Participation, ServiceRecord, Volunteer


class DemoSeedTests(SeededTestCase):
    def test_it_seeds_a_corps_brigades_and_years_of_activities(self):
        self.assertEqual(Corps.objects.count(), 1)
        self.assertIn(f"volunteer.brigades: {Brigade.objects.count()}\n", self.output)
        years = {d.year for d in Activity.objects.values_list("starts_at", flat=True)}
        self.assertEqual(years, {2024, 2025})
        self.assertTrue(Activity.objects.filter(starts_at__date__gt=TODAY, status="published").exists())

        overbooked = Activity.objects.annotate(
            taken=Count("participations", filter=Q(participations__status="confirmed"))
        ).filter(taken__gt=F("places"))
        self.assertFalse(overbooked.exists())
        self.assertFalse(ServiceRecord.objects.filter(activity__hours_confirmed_at__isnull=True).exists())
        self.assertFalse(Participation.objects.filter(status="waiting", checked_in_at__isnull=False).exists())

        dangyuan = User.objects.get(username="dangyuan")
        volunteer = Volunteer.objects.get(member=dangyuan.person)
        self.assertTrue(volunteer.records.exists())
        self.assertTrue(volunteer.certificates.exists())


class DeterminismTests(BaseTestCase):
    named_world = False  # seed_demo wants an empty database

    def test_it_gives_the_same_data_for_the_same_seed(self):
        def snapshot() -> tuple[list, list]:
            with transaction.atomic():
                seed(scale="demo", today=TODAY, accounts=False)
                data = (
                    list(Activity.objects.order_by("pk").values_list("title", "starts_at", "places")),
                    list(ServiceRecord.objects.order_by("pk").values_list("served_on", "hours")),
                )
                transaction.set_rollback(True)  # an empty database again for the second run
            return data

        self.assertEqual(snapshot(), snapshot())
