from django.core.exceptions import ValidationError

from dangjian.core.errors import codes_of
from dangjian.publicity import sanitize
from dangjian.publicity.models import ArticleImage
from dangjian.publicity.services import images

from .helpers import PNG, MediaTestCase


class SniffTests(MediaTestCase):
    def test_it_knows_images_by_their_first_bytes(self):
        self.assertEqual(sanitize.sniff(PNG[:16]), ("image/png", "png"))
        self.assertEqual(sanitize.sniff(b"\xff\xd8\xff\xe0" + b"\x00" * 12), ("image/jpeg", "jpg"))
        self.assertEqual(sanitize.sniff(b"GIF89a" + b"\x00" * 10), ("image/gif", "gif"))
        self.assertEqual(sanitize.sniff(b"RIFF\x00\x00\x00\x00WEBPVP8 "), ("image/webp", "webp"))

    def test_it_refuses_a_program_renamed_to_png(self):
        with self.assertRaisesMessage(ValidationError, "改扩展名无效") as refused:
            sanitize.check_image(b"MZ\x90\x00" + b"\x00" * 100, "photo.png")
        self.assertEqual(codes_of(refused.exception), {"publicity_image_not_accepted"})

    def test_it_refuses_an_svg(self):
        with self.assertRaises(ValidationError) as refused:
            sanitize.check_image(b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "a.svg")
        self.assertEqual(codes_of(refused.exception), {"publicity_image_not_accepted"})

    def test_it_refuses_an_empty_file(self):
        with self.assertRaises(ValidationError) as refused:
            sanitize.check_image(b"", "empty.png")
        self.assertEqual(codes_of(refused.exception), {"publicity_image_empty"})

    def test_it_refuses_a_file_over_the_size_cap(self):
        with self.settings(DANGJIAN={"publicity": {"image_max_bytes": 100}}):
            with self.assertRaisesMessage(ValidationError, "图片不能超过") as refused:
                sanitize.check_image(PNG + b"\x00" * 200, "big.png")
        self.assertEqual(codes_of(refused.exception), {"publicity_image_too_large"})


class UploadTests(MediaTestCase):
    def test_it_stores_the_image_and_adds_it_to_the_body(self):
        article = self.draft()
        image = images.image_add(article=article, by=self.editor, data=PNG, name="x.exe", alt="会议现场")
        article.refresh_from_db()
        self.assertTrue(image.file.name.endswith(".png"))
        self.assertIn(f'src="/news/images/{image.pk}/"', article.body)
        self.assertIn("<figcaption>会议现场</figcaption>", article.body)

    def test_it_serves_a_draft_image_only_to_those_who_see_the_article(self):
        article = self.draft()
        image = images.image_add(article=article, by=self.editor, data=PNG, alt="会议现场")
        self.assertEqual(self.client.get(f"/news/images/{image.pk}/").status_code, 404)
        self.login_as(self.w.admin_a)
        response = self.client.get(f"/news/images/{image.pk}/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/png")

    def test_it_uploads_through_the_page_and_explains_a_refusal(self):
        article = self.draft()
        self.login_as(self.editor)
        from django.core.files.uploadedfile import SimpleUploadedFile

        bad = SimpleUploadedFile("photo.jpg", b"not an image at all", content_type="image/jpeg")
        response = self.client.post(
            f"/publicity/articles/{article.pk}/images/", {"image": bad, "alt": "照片"}, follow=True
        )
        self.assertContains(response, "不是可接受的图片")
        self.assertFalse(ArticleImage.objects.exists())
        good = SimpleUploadedFile("photo.png", PNG, content_type="image/png")
        self.client.post(f"/publicity/articles/{article.pk}/images/", {"image": good, "alt": "照片"})
        self.assertEqual(ArticleImage.objects.count(), 1)
