"""The demo data of the module, seeded once for the class on a fixed day."""

from __future__ import annotations

from dangjian.accounts.models import Role, RoleAssignment, User
from dangjian.core import registry
from dangjian.demo.accounts import DEMO_PASSWORD
from dangjian.demo.tests.helpers import TODAY, SeededTestCase
from dangjian.orgs.models import Organization
from dangjian.publicity import contentsec
from dangjian.publicity.models import Article, ArticleEvent, InfoReport, Paper, ReportStatus, SpecialPage, Status
from dangjian.publicity.services import gate


class DemoSeedTests(SeededTestCase):
    def test_it_seeds_five_years_of_published_articles(self):
        years = set(Article.objects.filter(status=Status.PUBLISHED).values_list("published_at__year", flat=True))
        self.assertEqual(years, set(range(TODAY.year - 4, TODAY.year + 1)))

    def test_it_names_editor_and_reviewer_on_every_published_article(self):
        published = Article.objects.filter(status=Status.PUBLISHED)
        self.assertFalse(published.filter(reviewer__isnull=True).exists())
        article = published.first()
        actions = list(article.events.values_list("action", flat=True))
        self.assertEqual(actions, ["created", "submitted", "approved", "published"])

    def test_it_seeds_only_clean_published_articles(self):
        opts = gate.options()
        for article in Article.objects.filter(status=Status.PUBLISHED)[:80]:
            with self.subTest(article=article.title):
                result = gate.scan_article(article, opts)
                self.assertEqual(result.findings, [])

    def test_it_shows_the_gate_with_two_blocked_drafts(self):
        blocked = Article.objects.filter(scan_verdict="blocked", status=Status.DRAFT)
        self.assertEqual(blocked.count(), 2)
        self.assertIn("name_tampered", {f["kind"] for a in blocked for f in a.scan_findings})
        self.assertTrue(ArticleEvent.objects.filter(action=ArticleEvent.Action.SUBMIT_BLOCKED).exists())

    def test_it_seeds_reports_sent_up_and_adopted_every_year(self):
        root = Organization.objects.get(depth=1)
        for year in range(TODAY.year - 4, TODAY.year):
            values = registry.compute(root, year)
            with self.subTest(year=year):
                self.assertEqual(values["info_reports.submitted"], 30)
                self.assertGreater(values["info_reports.adopted"], 0)
                self.assertEqual(values["publicity.special_pages"], 2)
                self.assertGreater(values["cases.submitted"], 0)
                self.assertGreater(values["research.outputs"], 0)
        self.assertTrue(InfoReport.objects.filter(status=ReportStatus.SUBMITTED).exists())
        self.assertTrue(Paper.objects.exclude(award_level="").exists())
        self.assertTrue(SpecialPage.objects.filter(articles__isnull=False).exists())

    def test_it_creates_an_editor_and_a_reviewer_who_can_log_in(self):
        for username, role in (("bianji", Role.EDITOR), ("shenhe", Role.REVIEWER)):
            user = User.objects.get(username=username)
            self.assertTrue(RoleAssignment.objects.filter(user=user, role=role, org__depth=1).exists())
            self.assertTrue(self.client.login(username=username, password=DEMO_PASSWORD))
            self.assertEqual(self.client.get("/publicity/").status_code, 200)

    def test_it_passes_the_recheck_of_published_content(self):
        rows = gate.recheck_published(opts=contentsec.options(names=()))
        self.assertEqual([r.article.title for r in rows if r.dirty], [])
