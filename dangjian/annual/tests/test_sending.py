"""A frozen report becomes an article draft in the publicity workflow, and is published with both names."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse

from dangjian.annual import services
from dangjian.annual.models import Status
from dangjian.annual.services import SectionData
from dangjian.core.errors import codes_of
from dangjian.publicity import services as publicity
from dangjian.publicity.models import Article
from dangjian.publicity.models import Status as ArticleStatus
from dangjian.publicity.tests.helpers import setup_publicity

from .helpers import YEAR, AnnualTestCase, only_metrics, seed_metric_list


class SendingTests(AnnualTestCase):
    def setUp(self) -> None:
        super().setUp()
        setup_publicity(self)
        with only_metrics(*seed_metric_list()):
            self.report = services.report_create(org=self.w.committee, year=YEAR, by=self.w.staff)
            services.report_update(
                report=self.report,
                title="市直属机关工委2019年工作总结",
                sections=[
                    SectionData(
                        heading="一、学习培训", template="举办培训班{training.classes}，培训{training.attendances}。"
                    )
                ],
            )
            self.report = services.report_freeze(report=self.report, by=self.w.staff)

    def test_it_becomes_a_draft_article_that_goes_through_review_and_shows_both_names(self):
        report = services.report_send(report=self.report, column=self.column, by=self.w.staff)
        self.assertEqual(report.status, Status.SENT)
        self.assertIsNotNone(report.sent_at)
        article = Article.objects.get(pk=report.article_id)
        self.assertEqual(article.status, ArticleStatus.DRAFT)
        self.assertEqual(article.editor, self.w.staff)
        self.assertEqual(article.title, "市直属机关工委2019年工作总结")
        self.assertIn("<p>举办培训班17次，培训2800余人次。</p>", article.body)
        self.assertTrue(publicity.article_submit(article=article, by=self.w.staff).passed)
        publicity.article_approve(article=article, by=self.reviewer)
        self.assertTrue(publicity.article_publish(article=article, by=self.reviewer).passed)
        page = self.client.get(reverse("news:article", args=[article.pk]))
        self.assertContains(page, f"编辑：{self.w.staff}")
        self.assertContains(page, f"审核：{self.reviewer}")
        self.assertContains(page, "2800余人次")

    def test_a_draft_or_a_sent_report_is_not_sent(self):
        services.report_send(report=self.report, column=self.column, by=self.w.staff)
        with self.assertRaises(ValidationError) as caught:
            services.report_send(report=self.report, column=self.column, by=self.w.staff)
        self.assertEqual(codes_of(caught.exception), {"already_sent"})
        with self.assertRaises(ValidationError) as caught:
            services.report_reopen(report=self.report)
        self.assertEqual(codes_of(caught.exception), {"already_sent"})
        other = services.report_create(org=self.w.org_b, year=YEAR)
        with self.assertRaises(ValidationError) as caught:
            services.report_send(report=other, column=self.column, by=self.w.staff)
        self.assertEqual(codes_of(caught.exception), {"not_frozen"})

    def test_someone_who_may_not_write_articles_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            services.report_send(report=self.report, column=self.column, by=self.w.admin_a)
        self.assertEqual(codes_of(caught.exception), {"send_refused"})
        self.assertEqual(Article.objects.count(), 0)
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, Status.FROZEN)

    def test_the_send_page_offers_the_columns_and_sends(self):
        self.login_as(self.w.staff)
        url = reverse("annual:report_send", args=[self.report.pk])
        self.assertContains(self.client.get(url), "工作动态")
        response = self.client.post(url, {"column": self.column.pk})
        self.assertRedirects(response, reverse("annual:report", args=[self.report.pk]))
        self.assertEqual(Article.objects.get().title, "市直属机关工委2019年工作总结")
