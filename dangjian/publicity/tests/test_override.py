from django.core.exceptions import ValidationError

from dangjian.core.errors import codes_of
from dangjian.core.models import AuditEntry
from dangjian.publicity.models import ArticleEvent, ContentOverride, Status
from dangjian.publicity.services import articles as services
from dangjian.publicity.services import gate

from .helpers import PublicityTestCase

# An anti-gambling article quoting a gambling word: the gate stops it, a reviewer lets it pass.
QUOTE = "<p>警惕网络赌博陷阱：不法分子以“百家乐”“六合彩”等名义诱骗群众参赌，党员干部要带头抵制。</p>"


class OverrideTests(PublicityTestCase):
    def blocked(self):
        article = self.draft(body=QUOTE)
        services.article_submit(article=article, by=self.editor)
        article.refresh_from_db()
        self.assertEqual(article.scan_verdict, "blocked")
        return article

    def test_it_lets_a_reviewer_override_with_a_reason(self):
        article = self.blocked()
        gate.article_override(article=article, by=self.reviewer, reason="反赌宣传文章引用的词语，不是推广")
        article.refresh_from_db()
        self.assertEqual(article.scan_verdict, "overridden")
        outcome = services.article_submit(article=article, by=self.editor)
        self.assertTrue(outcome.passed)
        article.refresh_from_db()
        self.assertEqual(article.status, Status.SUBMITTED)

    def test_it_records_the_override_in_the_history_and_the_audit_trail(self):
        article = self.blocked()
        override = gate.article_override(article=article, by=self.reviewer, reason="反赌宣传，引用词语")
        event = article.events.last()
        self.assertEqual((event.action, event.comment), (ArticleEvent.Action.OVERRIDDEN, "反赌宣传，引用词语"))
        entry = AuditEntry.objects.filter(object_pk=str(override.pk), event="create").first()
        self.assertIsNotNone(entry)
        self.assertEqual(entry.org_id, self.w.org_a.pk)

    def test_it_needs_a_reason(self):
        article = self.blocked()
        with self.assertRaises(ValidationError) as refused:
            gate.article_override(article=article, by=self.reviewer, reason="")
        self.assertEqual(codes_of(refused.exception), {"publicity_reason_required"})
        self.assertFalse(ContentOverride.objects.exists())

    def test_it_refuses_the_articles_own_editor(self):
        article = self.blocked()
        with self.assertRaisesMessage(ValidationError, "编辑不能为自己的稿件放行") as refused:
            gate.article_override(article=article, by=self.editor, reason="我觉得没问题")
        self.assertEqual(codes_of(refused.exception), {"publicity_own_article"})

    def test_it_does_not_cover_a_changed_text(self):
        article = self.blocked()
        gate.article_override(article=article, by=self.reviewer, reason="反赌宣传，引用词语")
        data = services.ArticleData(
            org=article.org, column=article.column, title=article.title, body=QUOTE + "<p>金沙9159官网下载</p>"
        )
        services.article_update(article=article, by=self.editor, data=data)
        outcome = services.article_submit(article=article, by=self.editor)
        self.assertFalse(outcome.passed)

    def test_it_shows_the_reason_on_the_articles_page(self):
        article = self.blocked()
        self.login_as(self.reviewer)
        self.client.post(f"/publicity/articles/{article.pk}/override/", {"reason": "反赌宣传文章，引用词语"})
        response = self.client.get(f"/publicity/articles/{article.pk}/")
        self.assertContains(response, "审核人员确认放行")
        self.assertContains(response, "反赌宣传文章，引用词语")
