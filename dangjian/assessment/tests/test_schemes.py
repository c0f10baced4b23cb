from decimal import Decimal

from django.core.exceptions import ValidationError

from dangjian.assessment import services
from dangjian.assessment.models import Category, Indicator, Scheme, SchemeStatus
from dangjian.core.errors import codes_of
from dangjian.core.testing import BaseTestCase

from .helpers import YEAR, build_scheme, indicator


def settings_of(scheme: Scheme, **changes) -> services.SchemeIn:
    fields = {n: getattr(scheme, n) for n in services.SchemeIn.__dataclass_fields__ if n != "assessors"}
    fields.update(changes)
    return services.SchemeIn(**fields)


class SchemeTests(BaseTestCase):
    def refused(self, code: str, call, *args, **kwargs) -> None:
        with self.assertRaises(ValidationError) as ctx:
            call(*args, **kwargs)
        self.assertIn(code, codes_of(ctx.exception))

    def test_a_new_scheme_starts_with_the_starter_indicators_and_the_default_weights(self):
        scheme = services.scheme_create(committee=self.w.committee, year=YEAR, by=self.w.staff)
        self.assertEqual(scheme.status, SchemeStatus.DRAFT)
        self.assertEqual(sum(scheme.component_weights().values()), 100)
        self.assertTrue(Indicator.objects.filter(category__scheme=scheme, metric_key="org_life.compliance_rate"))
        # Its weights add up; only the assessors are left to name.
        self.assertEqual(
            [str(p) for p in services.publish_problems(scheme)], ["方案含工委评分指标，请先指定评分人员。"]
        )

    def test_only_committee_staff_create_a_scheme(self):
        self.refused("assessment_staff_only", services.scheme_create, committee=self.w.committee, year=YEAR,
                     by=self.w.admin_a)  # fmt: skip
        self.assertFalse(Scheme.objects.exists())

    def test_a_second_scheme_for_the_same_year_is_refused(self):
        build_scheme(self.w)
        self.refused("scheme_exists", services.scheme_create, committee=self.w.committee, year=YEAR)

    def test_copying_last_years_scheme_keeps_its_indicators_and_keys(self):
        old = build_scheme(self.w, year=YEAR - 1)
        new = services.scheme_copy(committee=self.w.committee, year=YEAR, by=self.w.staff)
        self.assertEqual(new.copied_from, old)
        self.assertEqual(new.status, SchemeStatus.DRAFT)
        self.assertEqual(
            sorted(Indicator.objects.filter(category__scheme=new).values_list("key", flat=True)),
            sorted(Indicator.objects.filter(category__scheme=old).values_list("key", flat=True)),
        )
        self.assertEqual(list(new.assessors.all()), [self.w.staff])

    def test_copying_with_nothing_to_copy_is_refused(self):
        self.refused("scheme_nothing_to_copy", services.scheme_copy, committee=self.w.committee, year=YEAR)

    def test_publishing_freezes_the_scheme(self):
        scheme = build_scheme(self.w)
        self.assertIsNotNone(scheme.published_at)
        cat = Category.objects.filter(scheme=scheme).first()
        ind = indicator(scheme, "重点任务")
        before = Indicator.objects.count()
        self.refused("scheme_published", services.scheme_update, scheme=scheme, data=settings_of(scheme, title="改"))
        self.refused("scheme_published", services.category_add, scheme=scheme, component="party", name="新")
        data = services.IndicatorIn(name="新", weight=Decimal(1), max_points=Decimal(1), source="self", rule="manual")
        self.refused("scheme_published", services.indicator_add, category=cat, data=data)
        self.refused("scheme_published", services.indicator_update, indicator=ind, data=data)
        self.refused("scheme_published", services.indicator_remove, indicator=ind)
        scheme.refresh_from_db()
        self.assertNotEqual(scheme.title, "改")
        self.assertEqual(Indicator.objects.count(), before)
        self.assertEqual(indicator(scheme, "重点任务").weight, Decimal(100))

    def test_a_change_to_a_published_scheme_is_a_new_version_and_the_old_one_is_kept(self):
        v1 = build_scheme(self.w)
        v2 = services.scheme_revise(scheme=v1, by=self.w.staff)
        self.assertEqual((v2.version, v2.status, v2.copied_from), (2, SchemeStatus.DRAFT, v1))
        services.indicator_update(
            indicator=indicator(v2, "重点任务"),
            data=services.IndicatorIn(name="重点任务（修订）", weight=Decimal(100), max_points=Decimal(20),
                                      source="committee", rule="manual"),
        )  # fmt: skip
        self.assertEqual(indicator(v1, "重点任务").max_points, Decimal(10))
        self.assertEqual(Indicator.objects.get(category__scheme=v2, name="重点任务（修订）").key,
                         indicator(v1, "重点任务").key)  # fmt: skip
        self.refused("scheme_not_latest", services.scheme_revise, scheme=v1)

    def test_weights_of_the_three_components_must_add_up_to_100(self):
        scheme = build_scheme(self.w, publish=False)
        self.refused("weights_not_100", services.scheme_update, scheme=scheme,
                     data=settings_of(scheme, weight_performance=30))  # fmt: skip
        scheme.refresh_from_db()
        self.assertEqual(scheme.weight_performance, 20)

    def test_publishing_refuses_indicator_weights_that_do_not_add_up_to_100(self):
        scheme = build_scheme(self.w, publish=False)
        ind = indicator(scheme, "工作台账")
        services.indicator_update(indicator=ind, data=services.IndicatorIn(
            name=ind.name, weight=Decimal(20), max_points=Decimal(10), source="self", rule="manual"))  # fmt: skip
        self.refused("weights_not_100", services.scheme_publish, scheme=scheme)
        scheme.refresh_from_db()
        self.assertEqual(scheme.status, SchemeStatus.DRAFT)
        self.assertIsNone(scheme.published_at)

    def test_publishing_with_committee_scoring_needs_assessors(self):
        scheme = build_scheme(self.w, publish=False)
        scheme.assessors.clear()
        self.refused("scheme_invalid", services.scheme_publish, scheme=scheme)

    def test_an_automatic_indicator_needs_a_registered_metric_and_its_rules_number(self):
        scheme = build_scheme(self.w, publish=False)
        cat = Category.objects.get(scheme=scheme, name="组织生活")
        I = services.IndicatorIn  # noqa: E741
        self.refused("metric_unknown", services.indicator_add, category=cat,
                     data=I(name="x", weight=Decimal(1), max_points=Decimal(1), source="auto", rule="rate",
                            metric_key="no.such"))  # fmt: skip
        self.refused("indicator_invalid", services.indicator_add, category=cat,
                     data=I(name="x", weight=Decimal(1), max_points=Decimal(1), source="auto", rule="target",
                            metric_key="info_reports.submitted"))  # fmt: skip
        self.refused(
            "indicator_invalid",
            services.indicator_add,
            category=cat,
            data=I(name="x", weight=Decimal(0), max_points=Decimal(1), source="self", rule="manual"),
        )
        self.assertEqual(cat.indicators.count(), 3)

    def test_assessors_must_be_committee_staff(self):
        scheme = build_scheme(self.w, publish=False)
        data = settings_of(scheme, assessors=[self.w.admin_a])
        self.refused("scheme_invalid", services.scheme_update, scheme=scheme, data=data)
        self.assertEqual(list(scheme.assessors.all()), [self.w.staff])
