"""The committee reviews self-evaluations (accept / adjust with a reason / return); only reviewed
ones count in the result; every review on the audit trail; bad input refused, nothing written."""

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from dangjian.assessment import services
from dangjian.assessment.models import Mark, ReviewStatus
from dangjian.core.errors import codes_of
from dangjian.core.models import AuditEntry
from dangjian.core.testing import BaseTestCase

from .helpers import EXAMPLE, build_scheme, figures, media, self_indicator


class SelfReviewTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        media(self)
        self.scheme = build_scheme(self.w)
        self.mark = services.mark_self(
            scheme=self.scheme, indicator=self_indicator(self.scheme), org=self.w.branch_a1, points=Decimal(8),
            by=self.w.admin_a,
        )  # fmt: skip

    def ledger(self) -> dict:
        with figures(EXAMPLE):
            rs = services.results_compute(scheme=self.scheme, by=self.w.staff)
        return {b["indicator"]: b for b in rs.results.get(org=self.w.branch_a1).breakdown}["工作台账"]

    def review(self, **data):
        self.login_as(self.w.staff)
        key = f"r{self_indicator(self.scheme).pk}"
        return self.client.post(
            f"/assessment/marks/{self.mark.pk}/review/", {f"{key}-{k}": v for k, v in data.items()}, follow=True
        )

    def test_an_unreviewed_self_evaluation_does_not_count(self):
        row = self.ledger()
        self.assertEqual(row["points"], "0")
        self.assertIn("待审核，不计分", row["note"])

    def test_an_accepted_self_evaluation_counts_as_given_and_is_on_the_trail(self):
        response = self.review(decision="accepted")
        self.assertContains(response, "已审核市财政局第一党支部“工作台账”的自评。")
        self.assertContains(response, 'data-review="accepted"')
        self.assertEqual(self.ledger()["points"], "8.0")
        entry = AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Mark), object_pk=str(self.mark.pk), event="update"
        ).latest("timestamp")
        self.assertEqual(entry.changes_dict["review_status"], ["pending", "accepted"])
        self.assertEqual(entry.actor, self.w.staff)

    def test_an_adjusted_self_evaluation_counts_with_the_committees_points_and_reason(self):
        self.review(decision="adjusted", points="6", reason="台账缺少第三季度记录")
        row = self.ledger()
        self.assertEqual(row["points"], "6.0")
        self.assertIn("审核调整为 6 分（台账缺少第三季度记录）", row["note"])
        self.login_as(self.w.admin_a)
        page = self.client.get(f"/assessment/{self.scheme.pk}/orgs/A01/")
        self.assertContains(page, "台账缺少第三季度记录")
        self.assertNotContains(page, "提交审核")  # the organization sees the review, not the form

    def test_a_returned_self_evaluation_gives_nothing_until_filled_again_and_reviewed(self):
        self.review(decision="returned", reason="请补充佐证材料")
        self.assertEqual(self.ledger()["points"], "0")
        mark = services.mark_self(scheme=self.scheme, indicator=self_indicator(self.scheme), org=self.w.branch_a1,
                                  points=Decimal(7), by=self.w.admin_a)  # fmt: skip
        self.assertEqual(mark.review_status, ReviewStatus.PENDING)
        self.assertEqual(self.ledger()["points"], "0")
        services.mark_review(scheme=self.scheme, mark=mark, decision="accepted", by=self.w.staff)
        self.assertEqual(self.ledger()["points"], "7.0")

    def test_adjusting_without_a_reason_or_above_the_maximum_is_refused_with_nothing_written(self):
        response = self.review(decision="adjusted", points="12", reason="")
        self.assertContains(response, "超过满分 10")
        self.assertContains(response, "调整分数或退回自评时，请填写理由。")
        self.mark.refresh_from_db()
        self.assertEqual(self.mark.review_status, ReviewStatus.PENDING)
        self.assertIsNone(self.mark.reviewed_points)
        with self.assertRaises(ValidationError) as ctx:
            services.mark_review(scheme=self.scheme, mark=self.mark, decision="returned", by=self.w.staff)
        self.assertIn("review_reason_missing", codes_of(ctx.exception))

    def test_only_committee_staff_review(self):
        with self.assertRaises(ValidationError) as ctx:
            services.mark_review(scheme=self.scheme, mark=self.mark, decision="accepted", by=self.w.admin_a)
        self.assertIn("assessment_staff_only", codes_of(ctx.exception))
        self.login_as(self.w.admin_a)
        key = f"r{self_indicator(self.scheme).pk}"
        response = self.client.post(f"/assessment/marks/{self.mark.pk}/review/", {f"{key}-decision": "accepted"})
        self.assertEqual(response.status_code, 404)
        self.mark.refresh_from_db()
        self.assertEqual(self.mark.review_status, ReviewStatus.PENDING)

    def test_the_review_list_shows_what_waits(self):
        self.login_as(self.w.staff)
        page = self.client.get(f"/assessment/{self.scheme.pk}/reviews/")
        self.assertContains(page, f'data-mark="{self.mark.pk}"')
        services.mark_review(scheme=self.scheme, mark=self.mark, decision="accepted", by=self.w.staff)
        self.assertNotContains(self.client.get(f"/assessment/{self.scheme.pk}/reviews/"), f'data-mark="{self.mark.pk}"')
