import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import SimpleTestCase
from PIL import Image

from dangjian.core import uploads
from dangjian.core.errors import codes_of


def jpeg_with_exif(size=(800, 600)) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", size, "red")
    exif = image.getexif()
    exif[0x010F] = "CanonMaker"  # camera make
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


class CheckFileTests(SimpleTestCase):
    def test_it_accepts_a_pdf_and_reports_its_type_and_hash(self):
        checked = uploads.check_file(SimpleUploadedFile("述职报告.pdf", b"%PDF-1.7\n..."))
        self.assertEqual((checked.extension, checked.content_type), (".pdf", "application/pdf"))
        self.assertEqual(len(checked.sha256), 64)

    def test_it_refuses_a_renamed_html_page(self):
        with self.assertRaises(uploads.UploadRefused) as refused:
            uploads.check_file(SimpleUploadedFile("材料.pdf", b"<html><script>alert(1)</script>"))
        self.assertEqual(codes_of(refused.exception), {"upload_mismatch"})

    def test_it_refuses_markup_posing_as_text(self):
        with self.assertRaises(uploads.UploadRefused) as refused:
            uploads.check_file(SimpleUploadedFile("说明.txt", b"<svg onload=alert(1)>"))
        self.assertEqual(refused.exception.code, "upload_mismatch")

    def test_it_refuses_an_extension_not_allowed(self):
        with self.assertRaises(uploads.UploadRefused) as refused:
            uploads.check_file(SimpleUploadedFile("logo.svg", b"<svg/>"), kinds=uploads.IMAGE_KINDS)
        self.assertEqual(refused.exception.code, "upload_type")

    def test_it_refuses_a_file_over_the_cap_and_an_empty_one(self):
        with self.assertRaises(uploads.UploadRefused) as refused:
            uploads.check_file(SimpleUploadedFile("a.pdf", b"%PDF-" + b"0" * 2000), max_bytes=1000)
        self.assertEqual(refused.exception.code, "upload_too_large")
        with self.assertRaises(uploads.UploadRefused) as refused:
            uploads.check_file(SimpleUploadedFile("a.pdf", b""))
        self.assertEqual(refused.exception.code, "upload_empty")

    def test_a_refusal_naming_a_field_sits_beside_that_field(self):
        with self.assertRaises(uploads.UploadRefused) as refused:
            uploads.check_file(None, field="evidence")
        self.assertEqual(list(refused.exception.message_dict), ["evidence"])
        self.assertEqual(codes_of(refused.exception), {"upload_missing"})


class CleanImageTests(SimpleTestCase):
    def test_it_drops_exif_and_makes_a_thumbnail(self):
        data = jpeg_with_exif()
        self.assertIn(b"CanonMaker", data)
        cleaned = uploads.clean_image(data)
        self.assertNotIn(b"CanonMaker", cleaned.data)
        self.assertEqual((cleaned.extension, cleaned.width, cleaned.height), (".jpg", 800, 600))
        with Image.open(io.BytesIO(cleaned.thumbnail)) as thumb:
            self.assertLessEqual(max(thumb.size), 320)

    def test_it_refuses_svg_and_html_whatever_they_are_called(self):
        for data in (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", b"<html></html>"):
            with self.assertRaises(uploads.UploadRefused) as refused:
                uploads.clean_image(data)
            self.assertEqual(refused.exception.code, "image_invalid")

    def test_it_refuses_a_truncated_png(self):
        with self.assertRaises(uploads.UploadRefused) as refused:
            uploads.clean_image(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
        self.assertEqual(refused.exception.code, "image_invalid")

    def test_it_refuses_an_oversized_image(self):
        with self.assertRaises(uploads.UploadRefused) as refused:
            uploads.clean_image(jpeg_with_exif(), max_bytes=100)
        self.assertEqual(refused.exception.code, "image_too_large")
        with self.assertRaises(uploads.UploadRefused) as refused:
            uploads.clean_image(jpeg_with_exif((400, 300)), max_pixels=10_000)
        self.assertEqual(refused.exception.code, "image_too_large")
