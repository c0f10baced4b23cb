"""Changing a round after it started: a later deadline only; secretaries added or taken out only
before anyone has voted; each change on the audit trail, each refusal with nothing written."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone

from dangjian.core.errors import codes_of
from dangjian.core.models import AuditEntry
from dangjian.evaluation import services
from dangjian.evaluation.models import Round, Subject
from dangjian.people.models import Post, PostTitle

from .helpers import YEAR, EvaluationTestCase, person


def local(value: dt.datetime) -> str:
    return f"{timezone.localtime(value):%Y-%m-%dT%H:%M}"


class DeadlineTests(EvaluationTestCase):
    def test_staff_move_the_deadline_later_and_the_trail_keeps_both(self):
        round_ = self.make_round(days=3)
        later = timezone.localtime(round_.deadline + dt.timedelta(days=4)).replace(second=0, microsecond=0)
        self.login_as(self.w.staff)
        response = self.client.post(f"/evaluation/{round_.pk}/deadline/", {"deadline": local(later)}, follow=True)
        self.assertContains(response, f"截止时间已推后至 {later:%Y-%m-%d %H:%M}")
        round_.refresh_from_db()
        self.assertEqual(round_.deadline, later)
        entry = AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Round), object_pk=str(round_.pk), event="update"
        ).latest("timestamp")
        self.assertIn("deadline", entry.changes_dict)
        self.assertEqual(entry.actor, self.w.staff)

    def test_an_earlier_deadline_or_one_in_the_past_is_refused_with_nothing_written(self):
        round_ = self.make_round(days=3)
        before = round_.deadline
        self.login_as(self.w.staff)
        earlier = round_.deadline - dt.timedelta(days=1)
        response = self.client.post(f"/evaluation/{round_.pk}/deadline/", {"deadline": local(earlier)})
        self.assertContains(response, "截止时间只能推后，不能提前")
        past = timezone.now() - dt.timedelta(days=1)
        response = self.client.post(f"/evaluation/{round_.pk}/deadline/", {"deadline": local(past)})
        self.assertContains(response, "截止时间须晚于现在")
        round_.refresh_from_db()
        self.assertEqual(round_.deadline, before)

    def test_a_closed_round_keeps_its_deadline(self):
        round_ = self.make_round()
        services.round_close(round_=round_, by=self.w.staff)
        with self.assertRaises(ValidationError) as ctx:
            services.round_set_deadline(round_=round_, deadline=timezone.now() + dt.timedelta(days=30))
        self.assertIn("round_closed", codes_of(ctx.exception))
        self.login_as(self.w.staff)
        self.assertNotContains(self.client.get(f"/evaluation/{round_.pk}/edit/"), "推后截止时间</button>")

    def test_an_org_admin_cannot_change_a_round(self):
        round_ = self.make_round()
        self.login_as(self.w.admin_a)
        later = local(round_.deadline + dt.timedelta(days=5))
        self.assertEqual(self.client.post(f"/evaluation/{round_.pk}/deadline/", {"deadline": later}).status_code, 404)


class SubjectTests(EvaluationTestCase):
    def give_a02_a_secretary(self) -> None:
        Post.objects.create(
            member=person(name="郑书记", org=self.w.branch_a2), org=self.w.branch_a2, title=PostTitle.SECRETARY,
            started_on=dt.date(YEAR - 1, 1, 1),
        )  # fmt: skip

    def test_a_secretary_appointed_later_is_added_at_the_end_of_the_ballot(self):
        round_ = self.make_round()
        self.assertNotIn("A02", self.subjects(round_))
        self.give_a02_a_secretary()
        self.login_as(self.w.staff)
        response = self.client.post(f"/evaluation/{round_.pk}/subjects/add/", {"org": self.w.branch_a2.pk}, follow=True)
        self.assertContains(response, "已将市财政局第二党支部书记郑书记列入本次评议。")
        added = self.subjects(round_)["A02"]
        self.assertEqual(added.secretary_name, "郑书记")
        self.assertEqual(added.position, max(s.position for s in round_.subjects.all()))
        created = AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Subject), object_pk=str(added.pk), event="create"
        )
        self.assertEqual(created.count(), 1)

    def test_an_organization_without_a_secretary_or_already_listed_is_refused(self):
        round_ = self.make_round()
        self.login_as(self.w.staff)
        response = self.client.post(f"/evaluation/{round_.pk}/subjects/add/", {"org": self.w.branch_a2.pk})
        self.assertContains(response, "该党组织目前没有在任书记")
        response = self.client.post(f"/evaluation/{round_.pk}/subjects/add/", {"org": self.w.branch_a1.pk})
        self.assertContains(response, "该党组织的书记已在本次评议中。")
        self.assertEqual(round_.subjects.count(), 4)

    def test_an_organization_outside_a_subtree_round_is_refused(self):
        round_ = self.make_round(scope=self.w.org_a)
        with self.assertRaises(ValidationError) as ctx:
            services.subject_add(round_=round_, org=self.w.branch_b1, by=self.w.staff)
        self.assertIn("subject_not_in_scope", codes_of(ctx.exception))
        self.assertFalse(round_.subjects.filter(org=self.w.branch_b1).exists())

    def test_a_secretary_is_taken_out_before_anyone_votes(self):
        round_ = self.make_round()
        subject = self.subjects(round_)["B01"]
        self.login_as(self.w.staff)
        response = self.client.post(f"/evaluation/subjects/{subject.pk}/remove/", follow=True)
        self.assertContains(response, "已将市教育局第一党支部书记吴书记移出本次评议。")
        self.assertNotIn("B01", self.subjects(round_))
        deleted = AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Subject), object_pk=str(subject.pk), event="delete"
        )
        self.assertEqual(deleted.count(), 1)

    def test_once_a_ballot_is_cast_the_list_of_secretaries_is_fixed(self):
        round_ = self.make_round()
        self.vote(round_.evaluators.first())
        self.give_a02_a_secretary()
        subject = self.subjects(round_)["B01"]
        self.login_as(self.w.staff)
        response = self.client.post(f"/evaluation/subjects/{subject.pk}/remove/", follow=True)
        self.assertContains(response, "已有评议人投票，不能再增减述职书记。")
        response = self.client.post(f"/evaluation/{round_.pk}/subjects/add/", {"org": self.w.branch_a2.pk})
        self.assertContains(response, "已有评议人投票，不能再增减述职书记。")
        self.assertEqual(sorted(self.subjects(round_)), ["A", "A01", "B", "B01"])
        page = self.client.get(f"/evaluation/{round_.pk}/edit/")
        self.assertNotContains(page, "/remove/")

    def test_a_submitted_report_keeps_its_secretary_in_the_round(self):
        round_ = self.make_round()
        subject = self.subjects(round_)["A01"]
        services.report_save(subject=subject, text="述职报告", submit=True)
        with self.assertRaises(ValidationError) as ctx:
            services.subject_remove(subject=subject, by=self.w.staff)
        self.assertIn("subject_report_submitted", codes_of(ctx.exception))
        self.assertTrue(Subject.objects.filter(pk=subject.pk).exists())
