import io
import json

from django.core.management import call_command

from dangjian.publicity.models import Article, ArticleEvent
from dangjian.publicity.services import gate

from .helpers import PublicityTestCase


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("scan_published", *args, stdout=out)
        return 0, out.getvalue()
    except SystemExit as e:
        return int(e.code or 0), out.getvalue()


class ScanPublishedTests(PublicityTestCase):
    def test_it_reports_all_clean(self):
        self.published()
        code, out = run()
        self.assertEqual(code, 0)
        self.assertIn("复查已发布稿件 1 篇，发现问题 0 篇", out)

    def test_it_marks_an_article_tampered_with_after_publishing(self):
        article = self.published()
        Article.objects.filter(pk=article.pk).update(body="<p>市财澳门新葡京官网局召开会议</p>")
        code, out = run("--json")
        self.assertEqual(code, 1)
        report = json.loads(out)
        self.assertEqual([d["id"] for d in report["dirty"]], [article.pk])
        kinds = {f["kind"] for f in report["dirty"][0]["findings"]}
        self.assertEqual(kinds, {"name_tampered", "content_changed"})
        article.refresh_from_db()
        self.assertIsNotNone(article.flagged_at)
        self.assertEqual(article.events.last().action, ArticleEvent.Action.FLAGGED)
        self.assertEqual(self.client.get(f"/news/a/{article.pk}/").status_code, 404)

    def test_it_catches_what_a_new_rule_finds(self):
        article = self.published()
        # A stricter allow-list: a clean link becomes a warning only, never a block.
        with self.settings(DANGJIAN={"contentsec": {"extra_allowed_domains": []}}):
            rows = gate.recheck_published()
        self.assertFalse(rows[0].dirty)
        article.refresh_from_db()
        self.assertIsNone(article.flagged_at)

    def test_it_unmarks_an_article_a_reviewer_let_through(self):
        article = self.published()
        Article.objects.filter(pk=article.pk).update(title="市财政局百家乐专项整治情况通报", published_hash="")
        run()
        article.refresh_from_db()
        self.assertIsNotNone(article.flagged_at)
        gate.article_override(article=article, by=self.reviewer, reason="整治通报引用的词语")
        article.refresh_from_db()
        self.assertIsNone(article.flagged_at)
        code, _ = run()
        self.assertEqual(code, 0)
