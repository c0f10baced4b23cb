"""Issue 14 §4: a year shaped like the seed's report (DOMAIN.md) is stated exactly, in its wording."""

from __future__ import annotations

from dangjian.annual import selectors, services
from dangjian.annual.services import SectionData

from .helpers import YEAR, AnnualTestCase, only_metrics, seed_metric_list

SEED_TEXT = (
    "全年组织中心组集体学习{central_group.sessions}，处级干部参学{central_group.attendances}。"
    "举办各类培训班{training.classes}，培训党员干部{training.attendances}{training.attendances:change}。"
    "向上级报送信息{info_reports.submitted}。组建志愿服务支队{volunteer.brigades}。"
    "对{orgs.units_adjusted}单位的党组织设置进行调整，任命专职副书记{cadres.full_time_deputy_secretaries}，"
    "建成标准化党员活动室{activity_rooms.standardized}。报送优秀案例{cases.submitted}，获奖{cases.awarded}。"
    "申报党建品牌{brands.submitted}，认定{brands.recognized}{brands.recognized:change}。"
)


class ExactnessTests(AnnualTestCase):
    def test_it_states_the_seed_figures_in_the_seed_wording(self):
        with only_metrics(*seed_metric_list()):
            report = services.report_create(org=self.w.committee, year=YEAR)
            services.report_update(
                report=report, title=report.title, sections=[SectionData(heading="一、工作情况", template=SEED_TEXT)]
            )
            doc = selectors.document(report)
        text = "".join(p for _, p in doc.plain_paragraphs())
        self.assertEqual(
            text,
            "全年组织中心组集体学习3期，处级干部参学900多人次。"
            "举办各类培训班17次，培训党员干部2800余人次，比上年增长13.6%。"
            "向上级报送信息130篇。组建志愿服务支队70支。"
            "对29个单位的党组织设置进行调整，任命专职副书记10名，建成标准化党员活动室62个。"
            "报送优秀案例5篇，获奖2篇。申报党建品牌63个，认定30个，比上年增长25%。",
        )

    def test_the_default_work_lines_state_the_seed_figures_and_leave_out_what_is_not_registered(self):
        with only_metrics(*seed_metric_list()):
            report = services.report_create(org=self.w.committee, year=YEAR)
            doc = selectors.document(report)
        by_heading = dict(doc.plain_paragraphs())
        study = by_heading["一、抓实理论学习和教育培训"]
        self.assertEqual(
            study,
            "全年组织中心组集体学习3期，处级干部参学900多人次，比上年增长15.3%。"
            "举办各类培训班17次，培训党员干部2800余人次，比上年增长13.6%。",
        )
        # The volunteer line has no registered figure here: it is left out, and the brands line moves up.
        self.assertIn("申报党建品牌63个，经评审认定30个，比上年增长25%。", by_heading["四、打造党建品牌"])
        # Not registered here: the sentence about mobile lectures and the one about articles are left out.
        self.assertNotIn("流动讲堂", study)
        self.assertIn("lectures.mobile", doc.omitted)

    def test_every_figure_links_to_its_records_page_for_the_subtree_and_year(self):
        with only_metrics(*seed_metric_list()):
            report = services.report_create(org=self.w.org_a, year=YEAR)
            doc = selectors.document(report)
        self.assertTrue(doc.figures)
        for f in doc.figures:
            self.assertEqual(f.link, f"/annual/?org=A&year={YEAR}")
