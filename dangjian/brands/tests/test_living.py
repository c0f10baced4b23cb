"""The living list: yearly re-evaluation (keep, downgrade, revoke after a notice), restoring, events."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from dangjian.brands import selectors, services
from dangjian.brands.models import BrandEvent, BrandStatus, ExchangeKind, ReevalStatus
from dangjian.core.errors import codes_of

from .helpers import BrandsTestCase


class LivingTestCase(BrandsTestCase):
    def recognized(self, org=None):
        brand = self.submitted(org)
        if self.batch.status == "open":
            self.to_review()
        services.batch_select(batch=self.batch, brand_ids=[brand.pk], by=self.w.staff, today=dt.date(2026, 1, 5))
        services.batch_recognize(batch=self.batch, by=self.w.staff, today=dt.date(2026, 1, 20))
        brand.refresh_from_db()
        return brand


class ReevaluationTests(LivingTestCase):
    def setUp(self):
        super().setUp()
        self.brand = self.recognized()
        self.year = timezone.localdate().year
        self.monday = dt.date(2026, 11, 30)

    def decide(self, outcome, **kw):
        return services.reevaluation_decide(
            brand=self.brand,
            year=kw.pop("year", self.year),
            outcome=outcome,
            reasons=kw.pop("reasons", "年度复评意见"),
            by=kw.pop("by", self.w.staff),
            today=kw.pop("today", self.monday),
            **kw,
        )

    def test_keep_takes_effect_at_once(self):
        reeval = self.decide("keep")
        self.brand.refresh_from_db()
        self.assertEqual((reeval.status, self.brand.status), (ReevalStatus.EFFECTIVE, BrandStatus.RECOGNIZED))
        self.assertTrue(self.brand.events.filter(action=BrandEvent.Action.KEPT).exists())

    def test_a_downgrade_waits_for_its_notice_then_sets_a_probation(self):
        reeval = self.decide("downgrade", probation_until=dt.date(2027, 6, 30))
        self.brand.refresh_from_db()
        self.assertEqual((reeval.status, self.brand.status), (ReevalStatus.NOTICE, BrandStatus.RECOGNIZED))
        self.assertEqual(reeval.notice_ends_on, dt.date(2026, 12, 7))
        with self.assertRaises(ValidationError) as e:
            services.reevaluation_confirm(reevaluation=reeval, by=self.w.staff, today=dt.date(2026, 12, 7))
        self.assertIn("notice_not_over", codes_of(e.exception))
        services.reevaluation_confirm(reevaluation=reeval, by=self.w.staff, today=dt.date(2026, 12, 8))
        self.brand.refresh_from_db()
        self.assertEqual(
            (self.brand.status, self.brand.probation_until), (BrandStatus.DOWNGRADED, dt.date(2027, 6, 30))
        )
        self.assertEqual(selectors.downgraded_in(self.w.committee, self.year).count(), 1)

    def test_a_downgraded_brand_kept_next_year_is_restored(self):
        self.brand.recognized_at = self.brand.recognized_at.replace(year=self.year - 1)
        self.brand.save()
        reeval = self.decide("downgrade", year=self.year - 1)
        services.reevaluation_confirm(reevaluation=reeval, by=self.w.staff, today=dt.date(2026, 12, 8))
        self.decide("keep", reasons="整改到位，恢复认定")
        self.brand.refresh_from_db()
        self.assertEqual(self.brand.status, BrandStatus.RECOGNIZED)
        self.assertIsNotNone(self.brand.restored_at)
        self.assertEqual(
            list(self.brand.events.values_list("action", flat=True))[-3:], ["proposed", "downgraded", "restored"]
        )

    def test_a_revocation_after_its_notice_takes_the_brand_off_the_wall(self):
        self.assertIn(self.brand, selectors.wall_brands())
        reeval = self.decide("revoke", reasons="品牌活动停止开展一年以上")
        services.reevaluation_confirm(reevaluation=reeval, by=self.w.staff, today=dt.date(2026, 12, 8))
        self.brand.refresh_from_db()
        self.assertEqual(self.brand.status, BrandStatus.REVOKED)
        self.assertNotIn(self.brand, selectors.wall_brands())
        self.assertEqual(selectors.revoked_in(self.w.committee, self.year).count(), 1)
        with self.assertRaises(ValidationError) as e:
            self.decide("keep")
        self.assertIn("brand_wrong_state", codes_of(e.exception))

    def test_a_downgraded_brand_that_does_not_put_things_right_is_revoked_after_a_notice(self):
        self.brand.recognized_at = self.brand.recognized_at.replace(year=self.year - 1)
        self.brand.save()
        reeval = self.decide("downgrade", year=self.year - 1)
        services.reevaluation_confirm(reevaluation=reeval, by=self.w.staff, today=dt.date(2026, 12, 8))
        with self.assertRaises(ValidationError) as e:
            self.decide("downgrade")  # a second downgrade: revoke instead
        self.assertIn("reevaluation_invalid", codes_of(e.exception))
        reeval = self.decide("revoke", reasons="整改期满仍未达到要求")
        self.brand.refresh_from_db()
        self.assertEqual(self.brand.status, BrandStatus.DOWNGRADED)  # on notice first
        services.reevaluation_confirm(reevaluation=reeval, by=self.w.staff, today=dt.date(2026, 12, 8))
        self.brand.refresh_from_db()
        self.assertEqual(self.brand.status, BrandStatus.REVOKED)
        self.assertIsNotNone(self.brand.revoked_at)
        self.assertEqual(
            list(self.brand.events.values_list("from_status", "to_status"))[-1],
            (BrandStatus.DOWNGRADED, BrandStatus.REVOKED),
        )
        self.assertNotIn(self.brand, selectors.wall_brands())

    def test_a_proposal_may_be_withdrawn_during_its_notice(self):
        reeval = self.decide("revoke")
        services.reevaluation_withdraw(reevaluation=reeval, reason="异议成立，保留认定", by=self.w.staff)
        reeval.refresh_from_db()
        self.assertEqual(reeval.status, ReevalStatus.WITHDRAWN)
        with self.assertRaises(ValidationError) as e:
            services.reevaluation_confirm(reevaluation=reeval, by=self.w.staff, today=dt.date(2027, 1, 1))
        self.assertIn("reevaluation_invalid", codes_of(e.exception))

    def test_refusals(self):
        with self.assertRaises(ValidationError) as e:
            self.decide("keep", reasons="好")
        self.assertIn("reason_required", codes_of(e.exception))
        with self.assertRaises(ValidationError) as e:
            self.decide("promote")
        self.assertIn("reevaluation_invalid", codes_of(e.exception))
        with self.assertRaises(ValidationError) as e:
            self.decide("keep", by=self.w.admin_a)
        self.assertIn("brands_staff_only", codes_of(e.exception))
        self.decide("revoke")
        with self.assertRaises(ValidationError) as e:
            self.decide("keep")
        self.assertIn("reevaluation_pending", codes_of(e.exception))

    def test_one_effective_reevaluation_a_year(self):
        self.decide("keep")
        with self.assertRaises(ValidationError) as e:
            self.decide("keep")
        self.assertIn("reevaluation_exists", codes_of(e.exception))

    def test_a_brand_not_recognized_is_not_reevaluated(self):
        with self.assertRaises(ValidationError) as e:
            second = services.batch_create(
                stage=self.stage, name="第二批", year=self.year, submit_by=dt.date(2026, 12, 31)
            )
            services.reevaluation_decide(
                brand=self.draft(self.w.branch_b1, batch=second),
                year=self.year,
                outcome="keep",
                reasons="年度复评意见",
                by=self.w.staff,
            )
        self.assertIn("brand_wrong_state", codes_of(e.exception))


class ExchangeTests(LivingTestCase):
    def test_an_exchange_records_who_presented(self):
        brand = self.recognized()
        item = services.exchange_record(
            committee=self.w.committee,
            kind=ExchangeKind.EXCHANGE,
            title="党建品牌交流会",
            held_on=dt.date(2026, 6, 1),
            place="市委党校",
            attendees=120,
            presenters=[(brand, "以账为媒")],
            counts_in_training=True,
            by=self.w.staff,
        )
        self.assertEqual(list(item.presenters.all()), [brand])
        self.assertTrue(brand.events.filter(action=BrandEvent.Action.PRESENTED).exists())

    def test_only_listed_brands_present_and_bad_input_is_refused(self):
        draft = self.draft(self.w.branch_b1)
        with self.assertRaises(ValidationError) as e:
            services.exchange_record(
                committee=self.w.committee,
                kind="party",
                title="",
                held_on=None,
                place="",
                attendees=-1,
                presenters=[(draft, "")],
                by=self.w.staff,
            )
        self.assertEqual(codes_of(e.exception), {"exchange_invalid"})
        self.assertEqual(
            set(e.exception.error_dict),  # type: ignore[attr-defined]
            {"kind", "title", "held_on", "place", "attendees", "presenters"},
        )
        with self.assertRaises(ValidationError) as e:
            services.exchange_record(
                committee=self.w.committee,
                kind="training",
                title="培训",
                held_on=dt.date(2026, 6, 1),
                place="党校",
                attendees=10,
                by=self.w.admin_a,
            )
        self.assertIn("brands_staff_only", codes_of(e.exception))
