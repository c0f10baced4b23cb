"""The pages: a draft through the web with its logo, submit, return, scoring, selection; lists, exports."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from pypdf import PdfReader

from dangjian.brands import services
from dangjian.brands.models import Brand, BrandStatus, Score
from dangjian.core.testing import make_org
from dangjian.orgs.models import OrgKind

from .helpers import TEXTS, BrandsTestCase, png


class DraftPageTests(BrandsTestCase):
    def test_an_org_admin_creates_a_draft_with_a_logo_and_submits_it(self):
        self.login_as(self.w.admin_a)
        logo = SimpleUploadedFile("logo.png", png(), content_type="image/png")
        response = self.client.post(
            "/brands/new/", {"org": self.w.branch_a1.pk, "batch": self.batch.pk, **TEXTS, "logo": logo}
        )
        brand = Brand.objects.get()
        self.assertRedirects(response, f"/brands/{brand.pk}/")
        self.assertEqual(self.client.get(f"/brands/{brand.pk}/logo/").status_code, 200)
        self.client.post(f"/brands/{brand.pk}/submit/")
        brand.refresh_from_db()
        self.assertEqual((brand.status, brand.version_count), (BrandStatus.SUBMITTED, 1))
        self.assertContains(self.client.get(f"/brands/{brand.pk}/"), "第 1 版")

    def test_a_renamed_html_logo_gets_a_clear_message_and_nothing_is_saved(self):
        self.login_as(self.w.admin_a)
        fake = SimpleUploadedFile("logo.png", b"<html><script>alert(1)</script></html>", content_type="image/png")
        response = self.client.post(
            "/brands/new/", {"org": self.w.branch_a1.pk, "batch": self.batch.pk, **TEXTS, "logo": fake}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "只接受 PNG 或 JPEG")
        self.assertFalse(Brand.objects.exists())

    def test_an_admin_is_offered_only_the_organizations_of_their_subtree(self):
        self.login_as(self.w.admin_b)
        response = self.client.post("/brands/new/", {"org": self.w.branch_a1.pk, "batch": self.batch.pk, **TEXTS})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "不在您的管理范围内")
        self.assertFalse(Brand.objects.exists())

    def test_the_committee_returns_a_submission_with_comments_the_org_sees(self):
        brand = self.submitted()
        self.login_as(self.w.staff)
        self.client.post(f"/brands/{brand.pk}/return/", {"comment": "请补充品牌成效的数据"})
        self.login_as(self.w.admin_a)
        response = self.client.get(f"/brands/{brand.pk}/")
        self.assertContains(response, "请补充品牌成效的数据")
        self.assertContains(response, "提交申报")

    def test_a_blocked_text_is_named_on_the_page(self):
        brand = self.draft(impact="详情请访问澳门新葡京娱乐官网下载app手机客户端")
        self.login_as(self.w.admin_a)
        response = self.client.post(f"/brands/{brand.pk}/submit/", follow=True)
        self.assertContains(response, "内容安全检查")
        brand.refresh_from_db()
        self.assertEqual(brand.status, BrandStatus.DRAFT)


class ScopingTests(BrandsTestCase):
    def test_an_admin_sees_their_subtree_and_a_foreign_brand_is_404(self):
        mine = self.draft(self.w.branch_a1)
        theirs = self.draft(self.w.branch_b1)
        self.login_as(self.w.admin_a)
        names = [b.org.name for b in self.client.get("/brands/").context["page"]]
        self.assertEqual(names, ["市财政局第一党支部"])
        self.assertEqual(self.client.get(f"/brands/{mine.pk}/").status_code, 200)
        for path in (
            f"/brands/{theirs.pk}/",
            f"/brands/{theirs.pk}/edit/",
            f"/brands/{theirs.pk}/logo/",
            f"/api/v1/brands/{theirs.pk}",
        ):
            self.assertEqual(self.client.get(path).status_code, 404, path)
        self.assertEqual(self.client.post(f"/brands/{theirs.pk}/submit/").status_code, 404)

    def test_committee_staff_see_every_brand(self):
        self.draft(self.w.branch_a1)
        self.draft(self.w.branch_b1)
        self.login_as(self.w.staff)
        self.assertEqual(self.client.get("/brands/").context["page"].paginator.count, 2)

    def test_a_member_does_not_reach_the_brand_pages(self):
        self.login_as(self.w.member)
        self.assertEqual(self.client.get("/brands/").status_code, 404)


class ReviewPageTests(BrandsTestCase):
    def test_a_reviewer_scores_and_the_committee_selects_from_the_ranking(self):
        a = self.submitted(self.w.branch_a1)
        b = self.submitted(self.w.branch_b1)
        self.to_review()
        self.login_as(self.w.staff)
        self.client.post(f"/brands/batches/{self.batch.pk}/reviewers/", {"user": self.w.staff.pk, "title": "组织部"})
        parts = {f"s_{k}": m for k, _, m in self.batch.rubric_items()}
        self.client.post(f"/brands/{a.pk}/score/", {**parts, "opinion": "很好"})
        self.client.post(f"/brands/{b.pk}/score/", {**parts, "s_impact": "5"})
        self.assertEqual(Score.objects.count(), 2)
        response = self.client.get(f"/brands/batches/{self.batch.pk}/")
        self.assertEqual([r.brand.pk for r in response.context["ranking"]], [a.pk, b.pk])
        bad = self.client.post(f"/brands/{a.pk}/score/", {**parts, "s_meaning": "25"})
        self.assertContains(bad, "0 到 20 分之间")
        self.client.post(f"/brands/batches/{self.batch.pk}/select/", {"brand": [a.pk]})
        a.refresh_from_db()
        self.assertEqual(a.status, BrandStatus.SELECTED)
        response = self.client.post(f"/brands/batches/{self.batch.pk}/recognize/", follow=True)
        self.assertContains(response, "公示期至")
        a.refresh_from_db()
        self.assertEqual(a.status, BrandStatus.SELECTED)

    def test_the_batch_page_shows_each_row_with_its_links_in_as_many_queries_for_two_brands_as_for_five(self):
        first = [self.submitted(org) for org in (self.w.branch_a1, self.w.branch_b1)]
        self.reviewer("r1")
        self.to_review()
        reviewer = self.batch.reviewers.get().user
        services.score_record(brand=first[0], parts=self.parts(), by=reviewer)
        self.login_as(reviewer)
        url = f"/brands/batches/{self.batch.pk}/"
        with CaptureQueriesContext(connection) as two:
            response = self.client.get(url)
        self.assertContains(response, f'href="/brands/{first[0].pk}/score/">修改评分</a>', html=False)
        self.assertContains(response, f'href="/brands/{first[1].pk}/score/">评分</a>', html=False)
        self.assertContains(response, f'<a href="/brands/{first[0].pk}/">红色账本</a>', html=True)
        self.assertContains(response, "市教育局第一党支部")
        self.login_as(self.w.staff)
        staff_page = self.client.get(url)
        self.assertContains(staff_page, f'name="brand" value="{first[1].pk}"')
        for i in range(3):
            org = make_org(f"A1{i}", f"市财政局第{i + 3}党支部", OrgKind.BRANCH, self.w.org_a)
            Brand.objects.create(org=org, batch=self.batch, status=BrandStatus.SUBMITTED, name=f"品牌{i}<b>")
        self.login_as(reviewer)
        with CaptureQueriesContext(connection) as five:
            response = self.client.get(url)
        self.assertEqual(len(response.context["ranking"]), 5)
        self.assertContains(response, "品牌0&lt;b&gt;")  # names are escaped
        self.assertEqual(len(five), len(two))

    def test_the_ranking_exports_to_excel(self):
        self.submitted()
        self.to_review()
        self.login_as(self.w.staff)
        response = self.client.get(f"/brands/batches/{self.batch.pk}/?export=xlsx")
        self.assertEqual(response.status_code, 200)
        sheet = load_workbook(io.BytesIO(response.content)).active
        self.assertIn("红色账本", [c.value for r in sheet.iter_rows() for c in r])


class ListPageTests(BrandsTestCase):
    def test_the_list_filters_and_exports(self):
        self.submitted(self.w.branch_a1)
        self.draft(self.w.branch_b1, name="清风驿站")
        self.login_as(self.w.staff)
        self.assertEqual([b.name for b in self.client.get("/brands/?status=submitted").context["page"]], ["红色账本"])
        self.assertEqual([b.name for b in self.client.get("/brands/?q=清风").context["page"]], ["清风驿站"])
        response = self.client.get("/brands/?status=draft&export=xlsx")
        sheet = load_workbook(io.BytesIO(response.content)).active
        values = [c.value for r in sheet.iter_rows() for c in r]
        self.assertIn("清风驿站", values)
        self.assertNotIn("红色账本", values)


class PublicPageTests(BrandsTestCase):
    def recognized(self):
        brand = self.submitted()
        import datetime as dt

        self.to_review()
        services.batch_select(batch=self.batch, brand_ids=[brand.pk], today=dt.date(2026, 1, 5))
        services.batch_recognize(batch=self.batch, today=dt.date(2026, 1, 20))
        brand.refresh_from_db()
        return brand

    def test_the_wall_shows_recognized_brands_to_anyone_and_drops_revoked_ones(self):
        draft = self.draft(self.w.branch_b1, name="清风驿站")
        brand = self.recognized()
        response = self.client.get("/brands/wall/")
        self.assertContains(response, "红色账本")
        self.assertNotContains(response, "清风驿站")
        self.assertEqual(self.client.get(f"/brands/wall/{draft.pk}/").status_code, 404)
        self.assertEqual(self.client.get(f"/brands/wall/{brand.pk}/logo/").status_code, 200)
        self.assertContains(self.client.get(f"/brands/verify/{brand.verify_token}/"), "证书有效")
        brand.status = BrandStatus.REVOKED
        brand.save()
        self.assertNotContains(self.client.get("/brands/wall/"), "红色账本")
        self.assertContains(self.client.get(f"/brands/verify/{brand.verify_token}/"), "证书失效")


class CertificateTests(BrandsTestCase):
    recognized = PublicPageTests.recognized

    def test_a_recognized_brand_has_a_certificate_pdf_with_its_verify_link(self):
        brand = self.recognized()
        self.login_as(self.w.admin_a)
        response = self.client.get(f"/brands/{brand.pk}/certificate.pdf")
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"))
        text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
        self.assertIn("党建品牌认定证书", text.replace(" ", ""))
        self.assertIn(brand.certificate_no, text.replace(" ", ""))

    def test_a_brand_without_recognition_has_no_certificate(self):
        brand = self.submitted()
        self.login_as(self.w.admin_a)
        self.assertEqual(self.client.get(f"/brands/{brand.pk}/certificate.pdf").status_code, 404)
