"""Many members taking the last places at the same moment, on PostgreSQL (real concurrent connections).

The SQLite test database lives in memory for one connection at a time, so this runs in the
PostgreSQL pass only (scripts/test-postgres.sh); the single-connection tests in
test_training_capacity.py cover the same rule everywhere.
"""

import datetime as dt
import threading
import unittest
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection
from django.test import TransactionTestCase
from django.utils import timezone

from dangjian.core.testing import MemberFactory, make_org
from dangjian.orgs.models import OrgKind
from dangjian.study.models import Enrolment, TrainingClass, VenueKind
from dangjian.study.services import training as services


@unittest.skipUnless(connection.vendor == "postgresql", "needs concurrent connections (PostgreSQL pass)")
class ConcurrentSignUpTests(TransactionTestCase):
    def test_twelve_members_racing_for_five_places_fill_exactly_five(self):
        root = make_org("GW", "市直属机关工委", OrgKind.COMMITTEE)
        branch = make_org("A01", "第一党支部", OrgKind.BRANCH, root)
        people = [MemberFactory(org=branch) for _ in range(12)]
        start = timezone.localdate() + dt.timedelta(days=7)
        klass = services.class_create(
            org=root, title="抢名额", venue_kind=VenueKind.ONLINE, starts_on=start, ends_on=start,
            hours=Decimal("3"), capacity=5, self_signup=True, by=None,
        )  # fmt: skip
        barrier = threading.Barrier(len(people))
        outcomes = []

        def sign_up(person):
            try:
                barrier.wait()
                services.signup(klass=TrainingClass.objects.get(pk=klass.pk), person=person, by=None)
                outcomes.append("ok")
            except ValidationError:
                outcomes.append("full")
            finally:
                connection.close()

        threads = [threading.Thread(target=sign_up, args=(p,)) for p in people]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        klass.refresh_from_db()
        self.assertEqual(sorted(outcomes), ["full"] * 7 + ["ok"] * 5)
        self.assertEqual((klass.enrolled, Enrolment.objects.filter(klass=klass).count()), (5, 5))
