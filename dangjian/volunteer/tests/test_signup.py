"""Signing up: a place while places last, then the waiting list; one sign-up per person; the deadline."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from dangjian.core.testing import MemberFactory, make_org
from dangjian.orgs.models import OrgKind
from dangjian.volunteer import services
from dangjian.volunteer.models import ActivityStatus, Participation

from .helpers import VolunteerTestCase, make_activity, people


class SignupTests(VolunteerTestCase):
    def test_it_gives_a_place_while_places_last(self):
        result = services.signup(activity_id=self.activity.pk, member=self.w.person_a)
        self.assertEqual(result.participation.status, "confirmed")
        self.assertIsNone(result.waiting_position)
        self.assertIn("报名成功", result.message)

    def test_it_registers_the_volunteer_with_a_number_on_the_first_sign_up(self):
        services.signup(activity_id=self.activity.pk, member=self.w.person_a)
        self.assertEqual(self.volunteer_of(self.w.person_a).number, f"ZY{self.w.person_a.pk:08d}")

    def test_it_puts_latecomers_on_the_waiting_list_with_their_position(self):
        activity = make_activity(self.brigade_a, places=2)
        crowd = people(self.w.branch_a1, 4)
        results = [services.signup(activity_id=activity.pk, member=m) for m in crowd]
        self.assertEqual([r.participation.status for r in results], ["confirmed", "confirmed", "waiting", "waiting"])
        self.assertEqual([r.waiting_position for r in results], [None, None, 1, 2])
        self.assertIn("候补名单第 2 位", results[3].message)

    def test_it_refuses_a_second_sign_up_of_the_same_person(self):
        services.signup(activity_id=self.activity.pk, member=self.w.person_a)
        with self.assertRefused("already_signed_up", "无需重复报名", services.SignupError):
            services.signup(activity_id=self.activity.pk, member=self.w.person_a)
        self.assertEqual(Participation.objects.filter(activity=self.activity).count(), 1)

    def test_it_closes_sign_up_at_the_deadline(self):
        activity = make_activity(self.brigade_a, deadline=timezone.now() - dt.timedelta(minutes=1))
        with self.assertRefused("signup_closed", "报名已于", services.SignupError):
            services.signup(activity_id=activity.pk, member=self.w.person_a)

    def test_it_keeps_sign_up_open_until_the_deadline(self):
        activity = make_activity(self.brigade_a, deadline=timezone.now() + dt.timedelta(minutes=5))
        self.assertEqual(
            services.signup(activity_id=activity.pk, member=self.w.person_a).participation.status, "confirmed"
        )

    def test_it_refuses_sign_up_to_a_draft_or_a_cancelled_activity(self):
        for status in (ActivityStatus.DRAFT, ActivityStatus.CANCELLED):
            activity = make_activity(self.brigade_a, status=status)
            with self.assertRefused("signup_not_open", "未发布或已取消", services.SignupError):
                services.signup(activity_id=activity.pk, member=self.w.person_a)

    def test_it_refuses_people_of_another_committee(self):
        other_root = make_org("GW2", "另一工委", OrgKind.COMMITTEE)
        branch = make_org("GW2A", "另一支部", OrgKind.BRANCH, other_root)
        stranger = MemberFactory(name="外单位", org=branch)
        with self.assertRefused("outside_committee", "仅面向本工委", services.SignupError):
            services.signup(activity_id=self.activity.pk, member=stranger)

    def test_it_puts_someone_who_signs_up_again_after_cancelling_at_the_end_of_the_line(self):
        activity = make_activity(self.brigade_a, places=1)
        first, second = people(self.w.branch_a1, 2)
        services.signup(activity_id=activity.pk, member=first)
        services.signup(activity_id=activity.pk, member=second)  # waiting
        services.signup_cancel(activity_id=activity.pk, member=first)  # second promoted
        again = services.signup(activity_id=activity.pk, member=first)
        self.assertEqual(again.participation.status, "waiting")
        self.assertEqual(again.waiting_position, 1)
        self.assertEqual(again.participation.seq, 3)

    def test_it_refuses_a_second_activity_at_the_same_time(self):
        services.signup(activity_id=self.activity.pk, member=self.w.person_a)
        same_time = make_activity(self.brigade_b, title="环境整治：同一时段")
        with self.assertRefused("time_clash", "同一时段的活动", services.SignupError):
            services.signup(activity_id=same_time.pk, member=self.w.person_a)
        services.signup_cancel(activity_id=self.activity.pk, member=self.w.person_a)
        again = services.signup(activity_id=same_time.pk, member=self.w.person_a)
        self.assertEqual(again.participation.status, "confirmed")


class ChangedBeforeTheLockTests(VolunteerTestCase):
    """What a sign-up read before taking the lock is checked again under it: an organizer may
    have cut the places or cancelled the activity in the moment between."""

    def read_then(self, change):
        """Run CHANGE right after the sign-up's unlocked read of the activity."""
        import importlib
        from unittest import mock

        module = importlib.import_module(
            "dangjian.volunteer.services.signup"
        )  # (the package exports a function of that name)

        real = module._activity_for_signup
        calls = []

        def read(activity_id):
            found = real(activity_id)
            calls.append(1)
            if len(calls) == 1:
                change()
            return found

        return mock.patch.object(module, "_activity_for_signup", read)

    def test_places_cut_in_between_are_the_places_it_keeps_to(self):
        from dangjian.volunteer.models import Activity

        activity = make_activity(self.brigade_a, places=2)
        services.signup(activity_id=activity.pk, member=people(self.w.branch_a1, 1, prefix="甲")[0])
        with self.read_then(lambda: Activity.objects.filter(pk=activity.pk).update(places=1)):
            result = services.signup(activity_id=activity.pk, member=self.w.person_a)
        self.assertEqual(result.participation.status, "waiting")
        self.assertEqual(result.waiting_position, 1)
        self.assertEqual(Participation.objects.filter(activity=activity, status="confirmed").count(), 1)

    def test_an_activity_cancelled_in_between_takes_no_sign_up(self):
        from dangjian.volunteer.models import Activity

        activity = make_activity(self.brigade_a, places=5)
        cancel = lambda: Activity.objects.filter(pk=activity.pk).update(status=ActivityStatus.CANCELLED)  # noqa: E731
        with self.read_then(cancel), self.assertRefused("signup_not_open", "不能报名", services.SignupError):
            services.signup(activity_id=activity.pk, member=self.w.person_a)
        self.assertFalse(Participation.objects.filter(activity=activity).exists())
        self.assertEqual(Activity.objects.get(pk=activity.pk).signup_seq, 0)
