"""Dates in the publicity forms: the one date widget, ISO YYYY-MM-DD whatever the locale (zh-Hans
would render 2026/12/03, which a browser date input shows as empty, so the form could not be sent)."""

from __future__ import annotations

import re

from django.utils import timezone

from dangjian.publicity.conf import PublicitySettings
from dangjian.publicity.models import InfoReport, Paper, PaperKind, ReportStatus, SpecialPage
from dangjian.publicity.services import papers, reports

from .helpers import PublicityTestCase


def date_input(html: str, name: str) -> str:
    """The tag of the <input name=NAME>, which must be a browser date input."""
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert match, f"no input {name}"
    tag = match.group(0)
    assert 'type="date"' in tag, tag
    return tag


def value_of(tag: str) -> str:
    match = re.search(r'value="([^"]*)"', tag)
    return match.group(1) if match else ""


class DateWidgetTests(PublicityTestCase):
    def sent_report(self) -> InfoReport:
        report = reports.info_report_create(by=self.w.admin_a, org=self.w.org_a, title="信息", body="正文内容。")
        reports.submit(record=report, by=self.w.admin_a)
        reports.send_up(record=report, by=self.w.staff)
        return report

    def test_it_renders_the_adoption_date_as_an_iso_date_and_submits_it(self) -> None:
        report = self.sent_report()
        self.login_as(self.w.staff)
        html = self.client.get(f"/publicity/reports/{report.pk}/").content.decode()
        value = value_of(date_input(html, "adopted_on"))
        self.assertEqual(value, timezone.localdate().isoformat())
        self.assertRegex(value, r"^\d{4}-\d{2}-\d{2}$")
        level = PublicitySettings.current().adoption_levels[0][0]
        response = self.client.post(
            f"/publicity/reports/{report.pk}/adopt/", {"level": level, "adopted_on": value, "adopted_in": "第3期"}
        )
        self.assertEqual(response.status_code, 302)
        report.refresh_from_db()
        self.assertEqual(report.status, ReportStatus.ADOPTED)
        self.assertEqual(report.adopted_on, timezone.localdate())

    def test_it_renders_the_award_date_as_a_date_input_and_submits_it(self) -> None:
        paper = papers.paper_create(
            by=self.w.admin_a,
            kind=PaperKind.CASE_STUDY,
            org=self.w.org_a,
            year=timezone.localdate().year,
            title="案例",
            body="正文内容。",
        )
        reports.submit(record=paper, by=self.w.admin_a)
        reports.send_up(record=paper, by=self.w.staff)
        self.login_as(self.w.staff)
        html = self.client.get(f"/publicity/papers/cases/{paper.pk}/").content.decode()
        date_input(html, "awarded_on")
        level = PublicitySettings.current().award_levels[0][0]
        self.client.post(
            f"/publicity/papers/cases/{paper.pk}/award/",
            {"level": level, "name": "优秀案例", "awarded_on": "2026-07-01"},
        )
        paper = Paper.objects.get(pk=paper.pk)
        self.assertEqual(str(paper.awarded_on), "2026-07-01")

    def test_it_takes_a_special_pages_date_as_iso(self) -> None:
        self.login_as(self.w.staff)
        html = self.client.get("/publicity/special-pages/new/").content.decode()
        date_input(html, "run_on")
        response = self.client.post(
            "/publicity/special-pages/new/",
            {"channel": self.paper.pk, "title": "七一专版", "newspaper": "城市日报", "run_on": "2026-07-01"},
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(SpecialPage.objects.get(title="七一专版").run_on.isoformat(), "2026-07-01")
