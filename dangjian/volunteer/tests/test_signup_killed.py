"""The server killed (SIGKILL) in the middle of a run of sign-ups never leaves an activity overbooked
or a half-made sign-up, and the cut-off volunteer signs up again (issue 16 §3).

The child process plays the server: it signs twelve people up for five places, one after another,
and is killed inside the seventh sign-up's transaction, after its participation row is written. On
SQLite the test needs a database file the child can open too: on an in-memory test database it runs
itself again in a child pytest on a file.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.test import TransactionTestCase

from dangjian.core import audit_upkeep
from dangjian.core.testing import World, kill_midway, rerun_on_a_sqlite_file
from dangjian.volunteer import services
from dangjian.volunteer.models import Activity, Participation, ParticipationStatus
from dangjian.volunteer.services.signup import waiting_position

from .helpers import make_activity, make_brigade, make_corps, people

PLACES = 5
SIGNUPS = 12
KILLED_AT = 7  # the seventh sign-up dies before it commits


class KilledSignupTests(TransactionTestCase):
    # Naming the apps makes the flush between tests TRUNCATE … CASCADE, which PostgreSQL needs.
    available_apps = list(settings.INSTALLED_APPS)

    def test_a_server_killed_during_sign_ups_leaves_no_overbooking_and_the_volunteer_signs_up_again(self):
        if rerun_on_a_sqlite_file(self):
            return
        w = World()
        activity = make_activity(make_brigade(make_corps(w.committee), w.org_a), places=PLACES)
        volunteers = people(w.branch_a1, SIGNUPS, prefix="报名者")
        ids = [m.pk for m in volunteers]

        output = kill_midway(f"""
import importlib
from unittest import mock
from dangjian.people.models import Member

s = importlib.import_module("dangjian.volunteer.services.signup")

real, made = s.Participation.objects.create, []
def made_then_die(**kwargs):
    row = real(**kwargs)
    made.append(1)
    if len(made) == {KILLED_AT}:
        midway()  # the participation is written, the transaction open
    return row

with mock.patch.object(s.Participation.objects, "create", made_then_die):
    for pk in {ids!r}:
        s.signup(activity_id={activity.pk}, member=Member.objects.get(pk=pk))
        print("signed up", pk, flush=True)
""")  # fmt: skip
        self.assertEqual(output.count("signed up"), KILLED_AT - 1)

        connection.close()
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA integrity_check")
                self.assertEqual(cursor.fetchone()[0], "ok")
        rows = Participation.objects.filter(activity=activity).order_by("seq")
        self.assertEqual([p.volunteer.member_id for p in rows], ids[: KILLED_AT - 1])  # none for the seventh
        self.assertEqual([p.seq for p in rows], list(range(1, KILLED_AT)))
        confirmed = rows.filter(status=ParticipationStatus.CONFIRMED).count()
        self.assertEqual(confirmed, PLACES)  # never more than the places
        activity.refresh_from_db()
        self.assertEqual(activity.signup_seq, KILLED_AT - 1)  # the dead one's number went with it
        self.assertIsNone(audit_upkeep.verify().broken)

        # The seventh volunteer, told nothing, tries again; the rest follow.
        again = services.signup(activity_id=activity.pk, member=volunteers[KILLED_AT - 1])
        self.assertEqual(waiting_position(again.participation), KILLED_AT - PLACES)
        for member in volunteers[KILLED_AT:]:
            services.signup(activity_id=activity.pk, member=member)
        self.assertEqual(Participation.objects.filter(activity=activity).count(), SIGNUPS)
        self.assertEqual(
            Participation.objects.filter(activity=activity, status=ParticipationStatus.CONFIRMED).count(), PLACES
        )
        waiting = Participation.objects.filter(activity=activity, status=ParticipationStatus.WAITING).order_by("seq")
        self.assertEqual([p.volunteer.member_id for p in waiting], ids[PLACES:])
        self.assertEqual(Activity.objects.get(pk=activity.pk).signup_seq, SIGNUPS)
