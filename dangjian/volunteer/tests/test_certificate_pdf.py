"""The certificate PDF is one A4 page, even with every kind of service and long names (issue 11 §5)."""

from __future__ import annotations

import datetime as dt

import pypdfium2 as pdfium

from dangjian.people.models import Member
from dangjian.volunteer import services
from dangjian.volunteer.models import ActivityKind, Volunteer
from dangjian.volunteer.pdf import certificate_pdf

from .helpers import VolunteerTestCase, make_activity, record_for

A4_POINTS = (595, 842)


def pages_of(pdf: bytes) -> list[tuple[int, int]]:
    """The size of each page, in whole points."""
    document = pdfium.PdfDocument(pdf)
    try:
        return [(round(page.get_width()), round(page.get_height())) for page in document]
    finally:
        document.close()


class CertificatePdfTests(VolunteerTestCase):
    def certificate_pdf(self, member: Member) -> bytes:
        volunteer = Volunteer.objects.get(member=member)
        certificate = services.certificate_issue(volunteer=volunteer, corps=self.corps, by=None)
        return certificate_pdf(
            certificate, verify_url=f"https://example.org/volunteer/verify/?number={certificate.number}"
        )

    def test_it_fits_one_a4_page(self):
        record_for(make_activity(self.brigade_a, starts_in=-dt.timedelta(days=5)), self.w.person_a)
        self.assertEqual(pages_of(self.certificate_pdf(self.w.person_a)), [A4_POINTS])

    def test_it_still_fits_one_page_with_every_kind_of_service_and_long_names(self):
        self.corps.name = "内蒙古自治区呼和浩特市直属机关工作委员会党员志愿服务总队（市直机关党员先锋志愿服务队）"
        self.corps.handler_name = "欧阳中华人民共和"
        self.corps.contact_phone = "0471-66000000 转 8801，139000000"  # 30 characters, the column's limit
        self.corps.save()
        for i, kind in enumerate(ActivityKind.values * 3):
            activity = make_activity(
                self.brigade_a, starts_in=-dt.timedelta(days=10 + i), kind=kind,
                title=f"长标题的志愿服务活动第{i}场：走进社区开展政策宣讲与环境整治",
            )  # fmt: skip
            record_for(activity, self.w.person_a, hours="3.50")
        self.assertEqual(pages_of(self.certificate_pdf(self.w.person_a)), [A4_POINTS])
