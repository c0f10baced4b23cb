from django.core.exceptions import ValidationError

from dangjian.publicity.models import Article, ArticleEvent, Status
from dangjian.publicity.services import articles as services

from .helpers import PublicityTestCase


class PublishTests(PublicityTestCase):
    def test_it_publishes_an_approved_article(self):
        article = self.approved()
        outcome = services.article_publish(article=article, by=self.reviewer)
        article.refresh_from_db()
        self.assertTrue(outcome.passed)
        self.assertEqual(article.status, Status.PUBLISHED)
        self.assertIsNotNone(article.published_at)
        self.assertEqual(article.published_hash, article.content_hash())

    def test_it_checks_again_right_before_publishing(self):
        article = self.approved()
        # Content changed behind the workflow's back after approval (a hacked database).
        Article.objects.filter(pk=article.pk).update(
            body="<p>工作动态<a href='http://x.com' style='display:none'>金沙</a></p>"
        )
        article.refresh_from_db()
        outcome = services.article_publish(article=article, by=self.reviewer)
        article.refresh_from_db()
        self.assertFalse(outcome.passed)
        self.assertEqual(article.status, Status.APPROVED)
        self.assertIsNone(article.published_at)
        self.assertEqual(article.events.last().action, ArticleEvent.Action.PUBLISH_BLOCKED)
        self.assertIn("hidden_link", [f["kind"] for f in outcome.blocking])

    def test_it_refuses_to_publish_an_unapproved_article(self):
        article = self.submitted()
        with self.assertRaises(ValidationError):
            services.article_publish(article=article, by=self.reviewer)

    def test_it_walks_the_whole_way_through_the_pages(self):
        self.login_as(self.editor)
        response = self.client.post(
            "/publicity/articles/new/",
            {
                "org": self.w.org_a.pk,
                "column": self.column.pk,
                "title": "市财政局召开支部党员大会",
                "body": "<p>会议传达学习了全会精神。</p>",
            },
        )
        article = Article.objects.get(title="市财政局召开支部党员大会")
        self.assertRedirects(response, f"/publicity/articles/{article.pk}/")
        self.client.post(f"/publicity/articles/{article.pk}/submit/")
        self.login_as(self.reviewer)
        self.client.post(f"/publicity/articles/{article.pk}/approve/")
        self.client.post(f"/publicity/articles/{article.pk}/publish/")
        article.refresh_from_db()
        self.assertEqual(article.status, Status.PUBLISHED)
        page = self.client.get(f"/news/a/{article.pk}/")
        self.assertContains(page, "编辑：bianji")
        self.assertContains(page, "审核：shenhe")
