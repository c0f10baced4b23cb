from dangjian.publicity.models import Article, Channel, Column, InfoReport, Paper, SpecialPage

from .helpers import SPAM_BODY, PublicityTestCase


class HomePageTests(PublicityTestCase):
    def test_it_shows_the_reviewer_what_waits_for_review(self):
        article = self.submitted(title="待审核的稿件")
        self.login_as(self.reviewer)
        response = self.client.get("/publicity/")
        self.assertContains(response, "待我审核")
        self.assertContains(response, f"/publicity/articles/{article.pk}/")

    def test_it_shows_what_the_gate_stopped(self):
        article = self.draft(title="被拦截的稿件", body=SPAM_BODY)
        self.login_as(self.editor)
        self.client.post(f"/publicity/articles/{article.pk}/submit/")
        response = self.client.get("/publicity/")
        self.assertContains(response, "被拦截的稿件")
        self.assertContains(response, "拦截")

    def test_it_refuses_a_member(self):
        self.login_as(self.w.member)
        self.assertEqual(self.client.get("/publicity/").status_code, 404)

    def test_it_lets_an_editor_without_other_roles_in(self):
        self.login_as(self.editor_a)
        self.assertEqual(self.client.get("/publicity/").status_code, 200)
        self.assertEqual(self.client.get("/publicity/articles/new/").status_code, 200)


class ArticleListTests(PublicityTestCase):
    def test_it_filters_by_status_and_gate(self):
        self.published(title="已发布的稿件")
        blocked = self.draft(title="被拦截的稿件", body=SPAM_BODY)
        self.login_as(self.editor)
        self.client.post(f"/publicity/articles/{blocked.pk}/submit/")
        response = self.client.get("/publicity/articles/?gate=blocked")
        self.assertContains(response, "被拦截的稿件")
        self.assertNotContains(response, "已发布的稿件")
        response = self.client.get("/publicity/articles/?status=published")
        self.assertContains(response, "已发布的稿件")

    def test_it_shows_an_editor_of_a_only_as_articles(self):
        self.draft(title="财政局的稿件")
        self.draft(title="教育局的稿件", org=self.w.org_b)
        self.login_as(self.editor_a)
        response = self.client.get("/publicity/articles/")
        self.assertContains(response, "财政局的稿件")
        self.assertNotContains(response, "教育局的稿件")

    def test_it_refuses_an_editor_of_a_writing_for_b(self):
        self.login_as(self.editor_a)
        response = self.client.post(
            "/publicity/articles/new/",
            {"org": self.w.org_b.pk, "column": self.column.pk, "title": "越权", "body": "<p>x</p>"},
        )
        self.assertEqual(response.status_code, 200)
        # core.web.OrgChoiceField's message for a choice outside the user's organizations.
        self.assertContains(response, "所选组织不存在或不在您的管理范围内")
        self.assertFalse(Article.objects.filter(title="越权").exists())


class GatePageTests(PublicityTestCase):
    def test_it_checks_a_pasted_text(self):
        self.login_as(self.w.admin_a)
        response = self.client.post("/publicity/gate/", {"content": "市财澳门新葡京官网局"})
        self.assertContains(response, "拦截")
        self.assertContains(response, "澳门新葡京官网")
        response = self.client.post("/publicity/gate/", {"content": "下载学习强国app，开展文体娱乐活动"})
        self.assertContains(response, "通过")


class ChannelPageTests(PublicityTestCase):
    def test_it_lets_committee_staff_add_a_channel_and_a_column(self):
        self.login_as(self.w.staff)
        self.client.post("/publicity/channels/", {"kind": "wechat", "name": "微信公众号", "slug": "wechat"})
        channel = Channel.objects.get(slug="wechat")
        self.client.post(f"/publicity/channels/{channel.pk}/columns/", {"name": "党建微播报", "slug": "djwbb"})
        self.assertTrue(Column.objects.filter(channel=channel, name="党建微播报").exists())
        self.assertContains(self.client.get("/news/c/wechat/"), "党建微播报")

    def test_it_refuses_a_second_channel_with_the_same_address(self):
        self.login_as(self.w.staff)
        response = self.client.post("/publicity/channels/", {"kind": "site", "name": "另一个", "slug": "website"})
        self.assertContains(response, "已被使用")

    def test_it_records_a_special_page(self):
        self.login_as(self.w.staff)
        self.client.post(
            "/publicity/special-pages/new/",
            {
                "channel": self.paper.pk,
                "title": "庆祝建党103周年",
                "newspaper": "市日报",
                "edition": "第5版",
                "occasion": "七一",
                "run_on": "2024-07-01",
            },
        )
        self.assertTrue(SpecialPage.objects.filter(title="庆祝建党103周年").exists())
        self.assertContains(self.client.get("/publicity/special-pages/"), "庆祝建党103周年")


class ReportPageTests(PublicityTestCase):
    def test_it_drafts_and_submits_through_the_pages(self):
        self.login_as(self.w.admin_a)
        self.client.post(
            "/publicity/reports/new/",
            {"org": self.w.branch_a1.pk, "title": "第一党支部开展志愿服务", "author": "张明", "body": "正文内容"},
        )
        report = InfoReport.objects.get()
        self.client.post(f"/publicity/reports/{report.pk}/submit/")
        response = self.client.get(f"/publicity/reports/{report.pk}/")
        self.assertContains(response, "待工委审核")
        self.assertContains(response, "提交工委")

    def test_it_records_adoption_through_the_page(self):
        self.login_as(self.w.admin_a)
        self.client.post("/publicity/reports/new/", {"org": self.w.org_a.pk, "title": "信息", "body": "正文"})
        report = InfoReport.objects.get()
        self.client.post(f"/publicity/reports/{report.pk}/submit/")
        self.login_as(self.w.staff)
        self.client.post(f"/publicity/reports/{report.pk}/send/")
        from django.utils import timezone

        self.client.post(
            f"/publicity/reports/{report.pk}/adopt/",
            {"level": "regional", "adopted_on": timezone.localdate().isoformat(), "adopted_in": "《简报》第2期"},
        )
        response = self.client.get(f"/publicity/reports/{report.pk}/")
        self.assertContains(response, "自治区党委及以上刊物采用")
        self.assertContains(response, "上级采用")


class PaperPageTests(PublicityTestCase):
    def test_it_drafts_a_case_study_through_the_pages(self):
        self.login_as(self.w.admin_a)
        response = self.client.post(
            "/publicity/papers/cases/new/",
            {"org": self.w.org_a.pk, "year": 2024, "title": "“红色代办”助企服务", "body": "做法一\n做法二"},
        )
        paper = Paper.objects.get()
        self.assertRedirects(response, f"/publicity/papers/cases/{paper.pk}/")
        self.assertEqual(paper.kind, "case_study")
        self.assertContains(self.client.get("/publicity/papers/cases/"), "“红色代办”助企服务")
        self.assertNotContains(self.client.get("/publicity/papers/research/"), "“红色代办”助企服务")
