"""The report's pages as a committee office uses them: draft, read with linked figures, edit, freeze."""

from __future__ import annotations

from django.urls import reverse

from dangjian.annual import services
from dangjian.annual.models import AnnualReport, Status

from .helpers import YEAR, AnnualTestCase, only_metrics, seed_metric_list


class PageTests(AnnualTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.login_as(self.w.staff)

    def test_staff_draft_a_report_from_the_list(self):
        self.assertContains(self.client.get(reverse("annual:reports")), "起草新报告")
        response = self.client.post(reverse("annual:report_new"), {"org": self.w.org_a.pk, "year": YEAR})
        report = AnnualReport.objects.get()
        self.assertRedirects(response, reverse("annual:report", args=[report.pk]))
        self.assertEqual(report.title, f"市财政局机关党委{YEAR}年度党建工作报告")

    def test_a_second_report_for_the_same_year_is_refused_on_the_form(self):
        services.report_create(org=self.w.org_a, year=YEAR)
        response = self.client.post(reverse("annual:report_new"), {"org": self.w.org_a.pk, "year": YEAR})
        self.assertContains(response, "已有年度报告")
        self.assertEqual(AnnualReport.objects.count(), 1)

    def test_every_figure_is_a_link_to_its_records(self):
        with only_metrics(*seed_metric_list()):
            report = services.report_create(org=self.w.committee, year=YEAR)
            response = self.client.get(reverse("annual:report", args=[report.pk]))
        # Nine figures the default work lines state, each linked in the text and in the sources table.
        self.assertContains(response, f'href="/annual/?org=GW&amp;year={YEAR}"', count=18)
        self.assertContains(response, ">900多人次</a>")

    def test_the_real_registry_drafts_a_page_without_error(self):
        report = services.report_create(org=self.w.committee, year=YEAR)
        response = self.client.get(reverse("annual:report", args=[report.pk]))
        self.assertContains(response, "举办各类培训班<a")
        self.assertContains(response, 'href="/study/records/classes/?org=GW&amp;year=')

    def test_editing_with_a_misspelt_key_shows_the_error_and_saves_nothing(self):
        report = services.report_create(org=self.w.committee, year=YEAR)
        sections = list(report.sections.all())
        data = {"title": "新标题"}
        for i, s in enumerate(sections):
            data[f"heading_{i}"] = s.heading
            data[f"template_{i}"] = s.template
        data["template_0"] = "举办培训班{training.clases}。"
        response = self.client.post(reverse("annual:report_edit", args=[report.pk]), data)
        self.assertContains(response, "training.clases")
        report.refresh_from_db()
        self.assertNotEqual(report.title, "新标题")
        data["template_0"] = "举办培训班{training.classes}。"
        response = self.client.post(reverse("annual:report_edit", args=[report.pk]), data)
        self.assertRedirects(response, reverse("annual:report", args=[report.pk]))
        self.assertEqual(report.sections.first().template, "举办培训班{training.classes}。")

    def test_freezing_and_reopening_from_the_page(self):
        report = services.report_create(org=self.w.org_a, year=YEAR)
        self.client.post(reverse("annual:report_freeze", args=[report.pk]))
        report.refresh_from_db()
        self.assertEqual(report.status, Status.FROZEN)
        self.assertTrue(report.figures.exists())
        self.assertContains(self.client.get(reverse("annual:report", args=[report.pk])), "冻结数据")
        self.client.post(reverse("annual:report_reopen", args=[report.pk]))
        report.refresh_from_db()
        self.assertEqual(report.status, Status.DRAFT)

    def test_word_and_pdf_download_at_once_for_a_small_subtree(self):
        report = services.report_create(org=self.w.org_a, year=YEAR)
        docx = self.client.get(reverse("annual:report_file", args=[report.pk, "docx"]))
        self.assertEqual(docx["Content-Type"], services.CONTENT_TYPES["docx"])
        self.assertTrue(docx.content.startswith(b"PK"))
        pdf = self.client.get(reverse("annual:report_file", args=[report.pk, "pdf"]))
        self.assertTrue(pdf.content.startswith(b"%PDF"))
        self.assertEqual(self.client.get(reverse("annual:report_file", args=[report.pk, "odt"])).status_code, 404)

    def test_an_administrator_sees_only_reports_of_their_subtree(self):
        mine = services.report_create(org=self.w.org_a, year=YEAR)
        theirs = services.report_create(org=self.w.org_b, year=YEAR)
        self.login_as(self.w.admin_a)
        listing = self.client.get(reverse("annual:reports"))
        self.assertContains(listing, mine.title)
        self.assertNotContains(listing, theirs.title)
        self.assertEqual(self.client.get(reverse("annual:report", args=[theirs.pk])).status_code, 404)
