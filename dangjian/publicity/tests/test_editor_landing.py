from dangjian.publicity.models import Article

from .helpers import PublicityTestCase


class EditorLandingTests(PublicityTestCase):
    def test_an_editor_with_no_other_role_lands_on_the_publicity_workspace(self):
        self.login_as(self.editor_a)
        self.assertRedirects(self.client.get("/"), "/publicity/", fetch_redirect_response=False)

    def test_the_menu_offers_the_publicity_workspace_to_an_editor(self):
        self.login_as(self.editor_a)
        self.assertContains(
            self.client.get("/publicity/"), 'href="/publicity/"><i class="bi bi-megaphone"></i> 宣传报送'
        )

    def test_a_plain_typed_body_is_saved_as_paragraphs(self):
        self.login_as(self.editor_a)
        self.client.post(
            "/publicity/articles/new/",
            {"org": self.w.org_a.pk, "column": self.column.pk, "title": "党员大会", "body": "第一段\n第二段"},
        )
        self.assertEqual(Article.objects.get(title="党员大会").body, "<p>第一段</p>\n<p>第二段</p>")
