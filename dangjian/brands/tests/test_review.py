"""Scores on the rubric, reviewers standing aside for their own unit, visits, the ranking, selection
on notice and recognition after it."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.test import override_settings
from PIL import Image

from dangjian.brands import selectors, services
from dangjian.brands.models import BatchStatus, BrandStatus, Score
from dangjian.brands.services.common import after_working_days
from dangjian.core.errors import codes_of

from .helpers import BrandsTestCase, days, jpeg_with_exif


class ScoreTests(BrandsTestCase):
    def setUp(self):
        super().setUp()
        self.brand = self.submitted()
        self.r1 = self.reviewer("r1")
        self.to_review()

    def test_a_reviewer_scores_on_the_rubric(self):
        score = services.score_record(
            brand=self.brand, parts=self.parts(meaning="18.5"), opinion="特色鲜明", by=self.r1
        )
        self.assertEqual(score.total, Decimal("98.5"))
        self.assertEqual(self.batch.full_marks, 100)

    def test_a_second_score_by_the_same_reviewer_replaces_the_first(self):
        services.score_record(brand=self.brand, parts=self.parts(), by=self.r1)
        services.score_record(brand=self.brand, parts=self.parts(10), by=self.r1)
        self.assertEqual(list(Score.objects.values_list("total", flat=True)), [Decimal(60)])

    def test_a_score_outside_the_rubric_is_refused_and_nothing_written(self):
        for bad in ("21", "-1", "abc", "10.25", "NaN"):
            with self.subTest(bad), self.assertRaises(ValidationError) as e:
                services.score_record(brand=self.brand, parts=self.parts(meaning=bad), by=self.r1)
            self.assertIn("score_out_of_rubric", codes_of(e.exception))
        with self.assertRaises(ValidationError) as e:
            services.score_record(brand=self.brand, parts=self.parts(bonus="5"), by=self.r1)
        self.assertIn("score_out_of_rubric", codes_of(e.exception))
        self.assertFalse(Score.objects.exists())

    def test_someone_not_on_the_panel_cannot_score(self):
        with self.assertRaises(ValidationError) as e:
            services.score_record(brand=self.brand, parts=self.parts(), by=self.w.staff)
        self.assertIn("not_reviewer", codes_of(e.exception))

    def test_a_reviewer_from_the_submitting_unit_stands_aside(self):
        own = self.reviewer("r_caizheng", unit=self.w.unit_a)
        with self.assertRaises(ValidationError) as e:
            services.score_record(brand=self.brand, parts=self.parts(), by=own)
        self.assertIn("reviewer_own_unit", codes_of(e.exception))
        self.assertFalse(Score.objects.exists())
        other = self.reviewer("r_jiaoyu", unit=self.w.unit_b)
        services.score_record(brand=self.brand, parts=self.parts(), by=other)

    def test_scoring_waits_for_the_review_to_start(self):
        self.batch.status = BatchStatus.OPEN
        self.batch.save()
        with self.assertRaises(ValidationError) as e:
            services.score_record(brand=self.brand, parts=self.parts(), by=self.r1)
        self.assertIn("batch_wrong_state", codes_of(e.exception))

    def test_only_committee_staff_may_be_reviewers(self):
        with self.assertRaises(ValidationError) as e:
            services.reviewer_add(batch=self.batch, user=self.w.admin_a, by=self.w.staff)
        self.assertIn("reviewer_invalid", codes_of(e.exception))
        with self.assertRaises(ValidationError) as e:
            services.reviewer_add(batch=self.batch, user=self.r1, by=self.w.staff)
        self.assertIn("reviewer_exists", codes_of(e.exception))


class VisitTests(BrandsTestCase):
    def test_a_visit_is_recorded_with_photos_without_exif(self):
        brand = self.submitted()
        visit = services.visit_record(
            brand=brand,
            visited_on=days(0),
            visitors="组织部 王科长",
            note="台账齐全",
            photos=[jpeg_with_exif()],
            by=self.w.staff,
        )
        photo = visit.photos.get()
        with photo.file.open("rb") as f, Image.open(f) as image:
            self.assertFalse(image.getexif())

    def test_a_visit_in_the_future_or_with_a_bad_photo_is_refused(self):
        brand = self.submitted()
        with self.assertRaises(ValidationError) as e:
            services.visit_record(brand=brand, visited_on=days(3), visitors="组织部", note="好", by=self.w.staff)
        self.assertIn("visit_invalid", codes_of(e.exception))
        with self.assertRaises(ValidationError) as e:
            services.visit_record(
                brand=brand, visited_on=days(0), visitors="组织部", note="好", photos=[b"<html>"], by=self.w.staff
            )
        self.assertIn("image_invalid", codes_of(e.exception))
        self.assertFalse(brand.visits.exists())

    def test_an_org_admin_does_not_record_visits(self):
        with self.assertRaises(ValidationError) as e:
            services.visit_record(
                brand=self.submitted(), visited_on=days(0), visitors="自己", note="好", by=self.w.admin_a
            )
        self.assertIn("brands_staff_only", codes_of(e.exception))


class RankingTests(BrandsTestCase):
    def test_five_reviewers_or_more_drop_the_highest_and_the_lowest(self):
        self.assertEqual(selectors.mean_of([Decimal(v) for v in (60, 80, 82, 84, 100)], 5), (Decimal("82.00"), True))
        self.assertEqual(selectors.mean_of([Decimal(v) for v in (60, 80, 100, 70)], 5), (Decimal("77.50"), False))

    def test_the_ranking_shows_ties(self):
        a = self.submitted(self.w.branch_a1)
        b = self.submitted(self.w.branch_a2)
        c = self.submitted(self.w.branch_b1)
        r = self.reviewer("r1")
        self.to_review()
        services.score_record(brand=a, parts=self.parts(10), by=r)
        services.score_record(brand=b, parts=self.parts(), by=r)
        services.score_record(brand=c, parts=self.parts(10), by=r)
        rows = selectors.batch_ranking(self.batch)
        self.assertEqual(
            [(row.brand.pk, row.rank, row.tied) for row in rows], [(b.pk, 1, False), (a.pk, 2, True), (c.pk, 2, True)]
        )


class SelectionTests(BrandsTestCase):
    def setUp(self):
        super().setUp()
        self.a = self.submitted(self.w.branch_a1)
        self.b = self.submitted(self.w.branch_b1)
        self.to_review()

    def test_the_selection_goes_on_notice_for_five_working_days_then_is_recognized(self):
        monday = dt.date(2026, 11, 30)
        services.batch_select(batch=self.batch, brand_ids=[self.a.pk], by=self.w.staff, today=monday)
        self.batch.refresh_from_db()
        self.assertEqual((self.batch.status, self.batch.notice_ends_on), (BatchStatus.NOTICE, dt.date(2026, 12, 7)))
        self.a.refresh_from_db()
        self.b.refresh_from_db()
        self.assertEqual((self.a.status, self.b.status), (BrandStatus.SELECTED, BrandStatus.NOT_SELECTED))
        with self.assertRaises(ValidationError) as e:
            services.batch_recognize(batch=self.batch, by=self.w.staff, today=dt.date(2026, 12, 7))
        self.assertIn("notice_not_over", codes_of(e.exception))
        self.a.refresh_from_db()
        self.assertEqual(self.a.status, BrandStatus.SELECTED)
        services.batch_recognize(batch=self.batch, by=self.w.staff, today=dt.date(2026, 12, 8))
        self.a.refresh_from_db()
        self.assertEqual(self.a.status, BrandStatus.RECOGNIZED)
        self.assertTrue(self.a.certificate_no)
        self.assertIsNotNone(self.a.recognized_at)

    def test_working_days_skip_the_weekend(self):
        self.assertEqual(after_working_days(dt.date(2026, 12, 4), 5), dt.date(2026, 12, 11))  # Friday → Friday

    @override_settings(DANGJIAN={"brands": {"notice_working_days": 1}})
    def test_the_notice_length_is_configurable(self):
        services.batch_select(batch=self.batch, brand_ids=[self.a.pk], by=self.w.staff, today=dt.date(2026, 11, 30))
        self.batch.refresh_from_db()
        self.assertEqual(self.batch.notice_ends_on, dt.date(2026, 12, 1))

    def test_selection_refusals(self):
        with self.assertRaises(ValidationError) as e:
            services.batch_select(batch=self.batch, brand_ids=[], by=self.w.staff)
        self.assertIn("nothing_selected", codes_of(e.exception))
        services.brand_return(brand=self.b, comment="请补充佐证材料", by=self.w.staff)  # back with its organization
        with self.assertRaises(ValidationError) as e:
            services.batch_select(batch=self.batch, brand_ids=[self.b.pk], by=self.w.staff)
        self.assertIn("not_in_batch", codes_of(e.exception))
        with self.assertRaises(ValidationError) as e:
            services.batch_select(batch=self.batch, brand_ids=[self.a.pk], by=self.w.admin_a)
        self.assertIn("brands_staff_only", codes_of(e.exception))
        self.a.refresh_from_db()
        self.assertEqual(self.a.status, BrandStatus.SUBMITTED)

    def test_a_batch_moves_one_way(self):
        with self.assertRaises(ValidationError) as e:
            services.batch_start_review(batch=self.batch, by=self.w.staff)
        self.assertIn("batch_wrong_state", codes_of(e.exception))
        with self.assertRaises(ValidationError) as e:
            services.batch_recognize(batch=self.batch, by=self.w.staff)
        self.assertIn("batch_wrong_state", codes_of(e.exception))
