"""Drafts, the logo and evidence, submission with a version each time, return for revision."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from dangjian.brands import services
from dangjian.brands.models import BrandEvent, BrandStatus, BrandVersion, Evidence
from dangjian.core.errors import codes_of

from .helpers import TEXTS, BrandsTestCase, jpeg_with_exif, pdf_upload, png


class DraftTests(BrandsTestCase):
    def test_an_org_admin_creates_a_draft_with_a_cleaned_logo_and_thumbnail(self):
        brand = services.brand_create(
            org=self.w.branch_a1, batch=self.batch, texts=TEXTS, logo=jpeg_with_exif(), by=self.w.admin_a
        )
        self.assertEqual(brand.status, BrandStatus.DRAFT)
        self.assertEqual(brand.logo_type, "image/jpeg")
        with brand.logo.open("rb") as f, Image.open(f) as image:
            self.assertFalse(image.getexif())
        self.assertTrue(brand.logo_thumb.name)
        self.assertEqual(list(brand.events.values_list("action", flat=True)), ["created"])

    def test_one_organization_has_one_brand(self):
        self.draft()
        with self.assertRaises(ValidationError) as e:
            self.draft()
        self.assertIn("brand_exists", codes_of(e.exception))

    def test_an_admin_of_another_subtree_is_refused(self):
        with self.assertRaises(ValidationError) as e:
            services.brand_create(org=self.w.branch_a1, batch=self.batch, texts=TEXTS, by=self.w.admin_b)
        self.assertIn("brands_staff_only", codes_of(e.exception))

    def test_a_renamed_html_logo_is_refused_and_nothing_is_written(self):
        with self.assertRaises(ValidationError) as e:
            services.brand_create(
                org=self.w.branch_a1,
                batch=self.batch,
                texts=TEXTS,
                logo=b"<html><script>x</script></html>",
                by=self.w.admin_a,
            )
        self.assertIn("image_invalid", codes_of(e.exception))
        self.assertFalse(self.w.branch_a1.brands.exists())

    def test_an_svg_logo_is_refused(self):
        svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
        with self.assertRaises(ValidationError) as e:
            services.brand_create(org=self.w.branch_a1, batch=self.batch, texts=TEXTS, logo=svg, by=self.w.admin_a)
        self.assertIn("image_invalid", codes_of(e.exception))

    def test_an_oversized_logo_is_refused(self):
        from django.test import override_settings

        with override_settings(DANGJIAN={"brands": {"logo_max_bytes": 20}}):
            with self.assertRaises(ValidationError) as e:
                self.draft()
        self.assertIn("image_too_large", codes_of(e.exception))
        self.assertFalse(self.w.branch_a1.brands.exists())

    def test_a_draft_is_edited_and_a_new_logo_replaces_it(self):
        brand = self.draft()
        old = brand.logo.name
        services.brand_update(brand=brand, texts={**TEXTS, "name": "红色账房"}, logo=png(40, 40), by=self.w.admin_a)
        brand.refresh_from_db()
        self.assertEqual(brand.name, "红色账房")
        self.assertNotEqual(brand.logo.name, old)

    def test_a_closed_batch_takes_no_new_draft(self):
        self.to_review()
        with self.assertRaises(ValidationError) as e:
            self.draft()
        self.assertIn("batch_closed", codes_of(e.exception))


class EvidenceTests(BrandsTestCase):
    def test_evidence_is_checked_from_its_bytes(self):
        brand = self.draft()
        item = services.evidence_add(brand=brand, upload=pdf_upload(), by=self.w.admin_a)
        self.assertEqual(item.content_type, "application/pdf")
        fake = SimpleUploadedFile("材料.pdf", b"<html>not a pdf</html>")
        with self.assertRaises(ValidationError) as e:
            services.evidence_add(brand=brand, upload=fake, by=self.w.admin_a)
        self.assertIn("upload_mismatch", codes_of(e.exception))
        self.assertEqual(Evidence.objects.count(), 1)

    def test_a_removed_file_stays_in_the_version_that_named_it(self):
        brand = self.draft()
        item = services.evidence_add(brand=brand, upload=pdf_upload(), by=self.w.admin_a)
        first = services.brand_submit(brand=brand, by=self.w.admin_a)
        services.brand_return(brand=brand, comment="请补充活动照片", by=self.w.staff)
        services.evidence_remove(evidence=item, by=self.w.admin_a)
        second = services.brand_submit(brand=brand, by=self.w.admin_a)
        self.assertEqual([e["name"] for e in first.evidence], ["材料.pdf"])
        self.assertEqual(second.evidence, [])
        self.assertTrue(Evidence.objects.filter(pk=item.pk).exists())


class SubmitTests(BrandsTestCase):
    def test_submitting_writes_a_version_and_the_first_submission_date(self):
        brand = self.draft()
        version = services.brand_submit(brand=brand, by=self.w.admin_a)
        brand.refresh_from_db()
        self.assertEqual(brand.status, BrandStatus.SUBMITTED)
        self.assertEqual((version.number, version.name), (1, "红色账本"))
        self.assertIsNotNone(brand.first_submitted_at)
        self.assertEqual(brand.submitted_at, brand.first_submitted_at)

    def test_all_five_elements_are_needed(self):
        brand = services.brand_create(
            org=self.w.branch_a1, batch=self.batch, texts={"name": "红色账本"}, by=self.w.admin_a
        )
        with self.assertRaises(ValidationError) as e:
            services.brand_submit(brand=brand, by=self.w.admin_a)
        self.assertEqual(codes_of(e.exception) - {"element_missing"}, set())
        self.assertEqual(
            set(e.exception.error_dict),
            {"logo", "meaning", "vehicle", "impact"},  # type: ignore[attr-defined]
        )
        brand.refresh_from_db()
        self.assertEqual((brand.status, BrandVersion.objects.count()), (BrandStatus.DRAFT, 0))

    def test_gambling_spam_in_the_text_is_stopped_by_the_content_gate(self):
        brand = self.draft(meaning="以账为媒，欢迎访问澳门新葡京娱乐官网下载app手机客户端。")
        with self.assertRaises(ValidationError) as e:
            services.brand_submit(brand=brand, by=self.w.admin_a)
        self.assertIn("content_blocked", codes_of(e.exception))
        brand.refresh_from_db()
        self.assertEqual((brand.status, brand.version_count), (BrandStatus.DRAFT, 0))

    def test_a_returned_brand_is_resubmitted_and_every_version_kept(self):
        brand = self.draft()
        services.brand_submit(brand=brand, by=self.w.admin_a)
        services.brand_return(brand=brand, comment="品牌成效请补充数据", by=self.w.staff)
        brand.refresh_from_db()
        self.assertEqual(brand.status, BrandStatus.RETURNED)
        services.brand_update(brand=brand, texts={**TEXTS, "impact": "新的成效"}, by=self.w.admin_a)
        services.brand_submit(brand=brand, by=self.w.admin_a)
        self.assertEqual(
            list(brand.versions.order_by("number").values_list("impact", flat=True)), [TEXTS["impact"], "新的成效"]
        )
        returned = brand.events.get(action=BrandEvent.Action.RETURNED)
        self.assertEqual(
            (returned.comment, returned.from_status, returned.to_status),
            ("品牌成效请补充数据", "submitted", "returned"),
        )

    def test_a_submitted_brand_cannot_be_edited(self):
        brand = self.submitted()
        with self.assertRaises(ValidationError) as e:
            services.brand_update(brand=brand, texts=TEXTS, by=self.w.admin_a)
        self.assertIn("brand_not_editable", codes_of(e.exception))

    def test_only_committee_staff_return_and_a_comment_is_required(self):
        brand = self.submitted()
        with self.assertRaises(ValidationError) as e:
            services.brand_return(brand=brand, comment="请修改内容", by=self.w.admin_a)
        self.assertIn("brands_staff_only", codes_of(e.exception))
        with self.assertRaises(ValidationError) as e:
            services.brand_return(brand=brand, comment="改", by=self.w.staff)
        self.assertIn("comment_required", codes_of(e.exception))
        brand.refresh_from_db()
        self.assertEqual(brand.status, BrandStatus.SUBMITTED)

    def test_a_draft_cannot_be_returned(self):
        with self.assertRaises(ValidationError) as e:
            services.brand_return(brand=self.draft(), comment="请修改内容", by=self.w.staff)
        self.assertIn("brand_wrong_state", codes_of(e.exception))
