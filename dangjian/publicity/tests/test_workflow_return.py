from django.core.exceptions import ValidationError

from dangjian.core.errors import codes_of
from dangjian.publicity.models import ArticleEvent, Status
from dangjian.publicity.services import articles as services

from .helpers import PublicityTestCase


class ReturnTests(PublicityTestCase):
    def test_it_returns_a_submitted_article_with_comments(self):
        article = self.submitted()
        services.article_return(article=article, by=self.reviewer, comment="标题请写明活动时间")
        article.refresh_from_db()
        self.assertEqual(article.status, Status.RETURNED)
        self.assertIsNotNone(article.returned_at)
        event = article.events.last()
        self.assertEqual((event.action, event.comment), (ArticleEvent.Action.RETURNED, "标题请写明活动时间"))

    def test_it_returns_an_approved_article_and_clears_the_approval(self):
        article = self.approved()
        services.article_return(article=article, by=self.reviewer, comment="数据需核实")
        article.refresh_from_db()
        self.assertEqual(article.status, Status.RETURNED)
        self.assertIsNone(article.reviewer)

    def test_it_needs_a_comment(self):
        article = self.submitted()
        with self.assertRaises(ValidationError) as refused:
            services.article_return(article=article, by=self.reviewer, comment="  ")
        self.assertEqual(codes_of(refused.exception), {"publicity_comment_required"})
        article.refresh_from_db()
        self.assertEqual(article.status, Status.SUBMITTED)

    def test_it_lets_the_editor_change_a_returned_article(self):
        article = self.submitted()
        services.article_return(article=article, by=self.reviewer, comment="请修改")
        self.login_as(self.editor)
        response = self.client.get(f"/publicity/articles/{article.pk}/edit/")
        self.assertEqual(response.status_code, 200)

    def test_it_shows_the_comment_in_the_history_on_the_page(self):
        article = self.submitted()
        self.login_as(self.reviewer)
        self.client.post(f"/publicity/articles/{article.pk}/return/", {"comment": "请补充参加人数"})
        response = self.client.get(f"/publicity/articles/{article.pk}/")
        self.assertContains(response, "退回修改")
        self.assertContains(response, "请补充参加人数")
