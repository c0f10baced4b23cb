from django.core.exceptions import ValidationError

from dangjian.core.errors import codes_of
from dangjian.publicity.models import ArticleEvent, Status
from dangjian.publicity.services import articles as services

from .helpers import PublicityTestCase


class WithdrawTests(PublicityTestCase):
    def test_it_withdraws_a_published_article_with_a_reason(self):
        article = self.published()
        services.article_withdraw(article=article, by=self.reviewer, reason="数据有误，核实后重发")
        article.refresh_from_db()
        self.assertEqual(article.status, Status.WITHDRAWN)
        self.assertIsNotNone(article.withdrawn_at)
        self.assertEqual(article.events.last().action, ArticleEvent.Action.WITHDRAWN)

    def test_it_takes_the_article_off_the_public_site(self):
        article = self.published()
        self.assertEqual(self.client.get(f"/news/a/{article.pk}/").status_code, 200)
        services.article_withdraw(article=article, by=self.reviewer, reason="重复发布")
        self.assertEqual(self.client.get(f"/news/a/{article.pk}/").status_code, 404)

    def test_it_needs_a_reason(self):
        article = self.published()
        with self.assertRaises(ValidationError) as refused:
            services.article_withdraw(article=article, by=self.reviewer, reason="")
        self.assertEqual(codes_of(refused.exception), {"publicity_reason_required"})

    def test_it_refuses_to_withdraw_what_is_not_published(self):
        article = self.approved()
        with self.assertRaises(ValidationError) as refused:
            services.article_withdraw(article=article, by=self.reviewer, reason="x")
        self.assertEqual(codes_of(refused.exception), {"publicity_wrong_state"})

    def test_it_lets_a_withdrawn_article_be_edited_and_resubmitted(self):
        article = self.published()
        services.article_withdraw(article=article, by=self.reviewer, reason="需修改")
        outcome = services.article_submit(article=article, by=self.editor)
        article.refresh_from_db()
        self.assertTrue(outcome.passed)
        self.assertEqual(article.status, Status.SUBMITTED)
