from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from dangjian.assessment import services
from dangjian.assessment.models import Evidence, Mark
from dangjian.core.errors import codes_of
from dangjian.core.testing import BaseTestCase

from .helpers import build_scheme, indicator, media, pdf, self_indicator


class SelfEvaluationTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        media(self)
        self.scheme = build_scheme(self.w)
        self.ind = self_indicator(self.scheme)

    def mark(self, **kwargs):
        args = {"scheme": self.scheme, "indicator": self.ind, "org": self.w.branch_a1, "points": Decimal(8),
                "by": self.w.admin_a}  # fmt: skip
        args.update(kwargs)
        return services.mark_self(**args)

    def refused(self, code: str, **kwargs) -> None:
        with self.assertRaises(ValidationError) as ctx:
            self.mark(**kwargs)
        self.assertIn(code, codes_of(ctx.exception))
        self.assertFalse(Mark.objects.exists())
        self.assertFalse(Evidence.objects.exists())

    def test_it_keeps_the_points_the_note_and_the_evidence(self):
        mark = self.mark(note="台账齐全", files=[pdf()])
        self.assertEqual((mark.points, mark.note), (Decimal("8.0"), "台账齐全"))
        ev = mark.evidence.get()
        self.assertEqual((ev.name, ev.content_type), ("台账.pdf", "application/pdf"))
        self.assertNotIn("台账", ev.file.name)  # stored under a name of its own

    def test_a_second_self_evaluation_replaces_the_points(self):
        self.mark()
        self.mark(points=Decimal(5))
        self.assertEqual(Mark.objects.get().points, Decimal("5.0"))

    def test_points_above_the_maximum_are_refused(self):
        self.refused("points_above_max", points=Decimal("10.5"), files=[pdf()])

    def test_negative_points_are_refused(self):
        self.refused("points_invalid", points=Decimal(-1))

    def test_an_evidence_file_that_is_not_what_its_extension_says_is_refused(self):
        html = SimpleUploadedFile("台账.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
        self.refused("upload_mismatch", files=[html])

    def test_an_executable_is_refused(self):
        self.refused("upload_type", files=[SimpleUploadedFile("a.exe", b"MZ\x90\x00")])

    def test_another_organizations_administrator_cannot_fill_it(self):
        self.refused("indicator_wrong_source", by=self.w.admin_b)

    def test_a_committee_indicator_is_not_self_evaluated(self):
        self.refused("indicator_wrong_source", indicator=indicator(self.scheme, "重点任务"))

    def test_a_draft_scheme_takes_no_marks(self):
        draft = build_scheme(self.w, publish=False, year=2025)
        self.refused("scheme_not_published", scheme=draft, indicator=self_indicator(draft))


class CommitteeScoringTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.scheme = build_scheme(self.w)
        self.ind = indicator(self.scheme, "重点任务")

    def test_an_assessor_scores_several_organizations_at_once(self):
        services.mark_committee(
            scheme=self.scheme,
            indicator=self.ind,
            by=self.w.staff,
            points={self.w.org_a: Decimal(9), self.w.org_b: Decimal("7.5"), self.w.branch_b1: None},
        )
        self.assertEqual(
            dict(Mark.objects.values_list("org__code", "points")), {"A": Decimal("9.0"), "B": Decimal("7.5")}
        )

    def test_one_score_above_the_maximum_writes_none(self):
        with self.assertRaises(ValidationError) as ctx:
            services.mark_committee(scheme=self.scheme, indicator=self.ind, by=self.w.staff,
                                    points={self.w.org_a: Decimal(9), self.w.org_b: Decimal(11)})  # fmt: skip
        self.assertIn("points_above_max", codes_of(ctx.exception))
        self.assertFalse(Mark.objects.exists())

    def test_someone_not_named_as_assessor_cannot_score(self):
        self.scheme.assessors.clear()
        with self.assertRaises(ValidationError) as ctx:
            services.mark_committee(scheme=self.scheme, indicator=self.ind, by=self.w.staff,
                                    points={self.w.org_a: Decimal(9)})  # fmt: skip
        self.assertIn("not_assessor", codes_of(ctx.exception))
        self.assertFalse(Mark.objects.exists())
