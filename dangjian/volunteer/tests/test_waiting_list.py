"""Cancelling, and the waiting list moving up in the order people signed up."""

from __future__ import annotations

import datetime as dt

from dangjian.volunteer import services
from dangjian.volunteer.models import Participation
from dangjian.volunteer.services.activities import ActivityData
from dangjian.volunteer.services.signup import waiting_position

from .helpers import VolunteerTestCase, make_activity, people


class WaitingListTests(VolunteerTestCase):
    def setUp(self):
        super().setUp()
        self.activity = make_activity(self.brigade_a, places=2)
        self.crowd = people(self.w.branch_a1, 5)
        for m in self.crowd:
            services.signup(activity_id=self.activity.pk, member=m)

    def status_of(self, member) -> str:
        return Participation.objects.get(activity=self.activity, volunteer__member=member).status

    def test_it_promotes_the_first_in_line_when_a_place_frees(self):
        promoted = services.signup_cancel(activity_id=self.activity.pk, member=self.crowd[0])
        self.assertEqual([p.volunteer.member_id for p in promoted], [self.crowd[2].pk])
        self.assertEqual(self.status_of(self.crowd[0]), "cancelled")
        self.assertEqual(self.status_of(self.crowd[2]), "confirmed")
        self.assertEqual(self.status_of(self.crowd[3]), "waiting")

    def test_it_moves_everyone_behind_up_one_position(self):
        services.signup_cancel(activity_id=self.activity.pk, member=self.crowd[1])
        rows = Participation.objects.filter(activity=self.activity, status="waiting").order_by("seq")
        self.assertEqual([r.volunteer.member_id for r in rows], [m.pk for m in self.crowd[3:]])
        self.assertEqual([waiting_position(r) for r in rows], [1, 2])

    def test_it_promotes_nobody_when_someone_waiting_cancels(self):
        promoted = services.signup_cancel(activity_id=self.activity.pk, member=self.crowd[3])
        self.assertEqual(promoted, [])
        self.assertEqual(Participation.objects.filter(activity=self.activity, status="confirmed").count(), 2)

    def test_it_records_when_the_promoted_volunteer_got_the_place(self):
        services.signup_cancel(activity_id=self.activity.pk, member=self.crowd[0])
        p = Participation.objects.get(activity=self.activity, volunteer__member=self.crowd[2])
        self.assertGreater(p.confirmed_at, p.signed_up_at)

    def test_it_refuses_to_cancel_once_the_activity_has_started(self):
        started = make_activity(self.brigade_a, starts_in=-dt.timedelta(minutes=10))
        services.volunteer_register(member=self.w.person_a)
        Participation.objects.create(
            activity=started, volunteer=self.volunteer_of(self.w.person_a), status="confirmed", seq=1,
            signed_up_at=started.starts_at,
        )  # fmt: skip
        with self.assertRefused("cancel_too_late", "活动已开始", services.SignupError):
            services.signup_cancel(activity_id=started.pk, member=self.w.person_a)

    def test_it_refuses_to_cancel_a_sign_up_that_does_not_exist(self):
        with self.assertRefused("not_signed_up", "没有报名", services.SignupError):
            services.signup_cancel(activity_id=self.activity.pk, member=self.w.person_b)

    def _data(self, places: int) -> ActivityData:
        a = self.activity
        return ActivityData(
            brigade=a.brigade, title=a.title, kind=a.kind, place=a.place, starts_at=a.starts_at, ends_at=a.ends_at,
            places=places, signup_deadline=a.signup_deadline,
        )  # fmt: skip

    def test_it_promotes_the_waiting_list_when_the_organizer_adds_places(self):
        services.activity_update(activity=self.activity, data=self._data(4))
        self.assertEqual([self.status_of(m) for m in self.crowd], ["confirmed"] * 4 + ["waiting"])

    def test_it_refuses_fewer_places_than_people_already_holding_one(self):
        with self.assertRefused("places_below_taken", "招募人数不能少于 2"):
            services.activity_update(activity=self.activity, data=self._data(1))
