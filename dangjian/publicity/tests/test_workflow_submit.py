from dangjian.publicity.models import ArticleEvent, Status
from dangjian.publicity.services import articles as services

from .helpers import SPAM_BODY, PublicityTestCase


class SubmitTests(PublicityTestCase):
    def test_it_starts_a_new_article_as_a_draft_with_its_editor(self):
        article = self.draft()
        self.assertEqual(article.status, Status.DRAFT)
        self.assertEqual(article.editor, self.editor)
        self.assertEqual(list(article.events.values_list("action", flat=True)), [ArticleEvent.Action.CREATED])

    def test_it_moves_a_clean_draft_to_review(self):
        article = self.draft()
        outcome = services.article_submit(article=article, by=self.editor)
        article.refresh_from_db()
        self.assertTrue(outcome.passed)
        self.assertEqual(article.status, Status.SUBMITTED)
        self.assertIsNotNone(article.submitted_at)
        self.assertEqual(article.scan_verdict, "clean")
        self.assertEqual(article.events.last().action, ArticleEvent.Action.SUBMITTED)

    def test_it_keeps_a_draft_carrying_spam_out_of_review(self):
        article = self.draft(body=SPAM_BODY)
        outcome = services.article_submit(article=article, by=self.editor)
        article.refresh_from_db()
        self.assertFalse(outcome.passed)
        self.assertEqual(article.status, Status.DRAFT)
        self.assertIsNone(article.submitted_at)
        self.assertEqual(article.scan_verdict, "blocked")
        self.assertEqual(outcome.blocking[0]["kind"], "name_tampered")

    def test_it_records_the_blocked_submission_in_the_history(self):
        article = self.draft(body=SPAM_BODY)
        services.article_submit(article=article, by=self.editor)
        event = article.events.last()
        self.assertEqual(event.action, ArticleEvent.Action.SUBMIT_BLOCKED)
        self.assertIn("澳门新葡京官网", event.data["findings"][0]["excerpt"])

    def test_it_resubmits_a_returned_article(self):
        article = self.submitted()
        services.article_return(article=article, by=self.reviewer, comment="请补充活动照片")
        outcome = services.article_submit(article=article, by=self.editor)
        article.refresh_from_db()
        self.assertTrue(outcome.passed)
        self.assertEqual(article.status, Status.SUBMITTED)

    def test_it_checks_the_page_title_too(self):
        article = self.draft(page_title="市直机关党建网-银河娱乐官网")
        outcome = services.article_submit(article=article, by=self.editor)
        self.assertFalse(outcome.passed)
        self.assertEqual(outcome.blocking[0]["field"], "page_title")
