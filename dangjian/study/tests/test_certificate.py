import datetime as dt
import io

from django.urls import reverse
from pypdf import PdfReader

from dangjian.study.models import Mark
from dangjian.study.services import signin
from dangjian.study.services import training as services
from dangjian.study.services.marks import MarkIn

from .helpers import StudyTestCase


class CertificateTests(StudyTestCase):
    def setUp(self):
        super().setUp()
        self.k = self.klass(starts_on=self.today - dt.timedelta(days=10), days=2, title="党支部书记培训班")
        services.enrol(klass=self.k, people=[self.w.person_a], by=None, on=self.k.starts_on - dt.timedelta(days=3))
        self.enrolment = self.k.enrolments.get()

    def attend(self, *days):
        for day in days:
            signin.day_mark(day=day, marks={self.w.person_a.pk: MarkIn(Mark.PRESENT)}, by=None)

    def test_the_certificate_is_a_pdf_with_the_chinese_name_in_it(self):
        self.attend(*self.k.days.all())
        self.login_as(self.w.member)
        r = self.client.get(reverse("study:certificate", args=[self.enrolment.pk]))
        self.assertEqual(r["Content-Type"], "application/pdf")
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(r.content)).pages)
        compact = "".join(text.split())
        self.assertIn("张建国", compact)
        self.assertIn("结业证书", compact)
        self.assertIn("党支部书记培训班", compact)

    def test_it_prints_on_one_a4_landscape_page_even_with_a_long_title(self):
        long = self.klass(starts_on=self.today - dt.timedelta(days=5), title="学习贯彻党的二十届三中全会精神" * 4)
        services.enrol(klass=long, people=[self.w.person_a], by=None, on=long.starts_on)
        signin.day_mark(day=long.days.get(), marks={self.w.person_a.pk: MarkIn(Mark.PRESENT)}, by=None)
        self.login_as(self.w.member)
        r = self.client.get(reverse("study:certificate", args=[long.enrolments.get().pk]))
        pages = PdfReader(io.BytesIO(r.content)).pages
        self.assertEqual(len(pages), 1)
        width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
        self.assertEqual((round(width), round(height)), (842, 595))  # A4 landscape, in points

    def test_no_certificate_without_enough_attendance(self):
        self.attend(self.k.days.first())  # one day of two: under the 80 % required
        self.login_as(self.w.member)
        r = self.client.get(reverse("study:certificate", args=[self.enrolment.pk]), follow=True)
        self.assertContains(r, "尚未达到结业条件（出勤 1/2 天）")

    def test_another_member_cannot_fetch_it(self):
        self.attend(*self.k.days.all())
        self.login_as(self.w.admin_b)
        self.assertEqual(self.client.get(reverse("study:certificate", args=[self.enrolment.pk])).status_code, 404)
