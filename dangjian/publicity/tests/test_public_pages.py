import xml.etree.ElementTree as ET

from django.utils import timezone

from dangjian.publicity.models import Article

from .helpers import PublicityTestCase


class PublicPageTests(PublicityTestCase):
    def test_it_shows_published_articles_without_login(self):
        article = self.published(title="市财政局开展七一主题党日活动")
        response = self.client.get("/news/")
        self.assertContains(response, "市财政局开展七一主题党日活动")
        self.assertContains(response, f"/news/a/{article.pk}/")

    def test_it_shows_editor_and_reviewer_on_every_article(self):
        article = self.published()
        response = self.client.get(f"/news/a/{article.pk}/")
        self.assertContains(response, "编辑：bianji")
        self.assertContains(response, "审核：shenhe")
        self.assertContains(response, "来源：市财政局机关党委")

    def test_it_lists_by_channel_and_column(self):
        a = self.published(title="工作动态里的稿件")
        b = self.published(title="微播报里的稿件", column=self.weibobao)
        channel = self.client.get("/news/c/website/")
        self.assertContains(channel, a.title)
        self.assertContains(channel, b.title)
        column = self.client.get("/news/c/website/djwbb/")
        self.assertContains(column, b.title)
        self.assertNotContains(column, a.title)

    def test_it_hides_what_is_not_published(self):
        for article in (self.draft(), self.submitted(), self.approved()):
            with self.subTest(status=article.status):
                self.assertEqual(self.client.get(f"/news/a/{article.pk}/").status_code, 404)
                self.assertNotContains(self.client.get("/news/"), f"/news/a/{article.pk}/")

    def test_it_hides_an_article_the_recheck_found_dirty(self):
        article = self.published()
        Article.objects.filter(pk=article.pk).update(flagged_at=timezone.now())
        self.assertEqual(self.client.get(f"/news/a/{article.pk}/").status_code, 404)

    def test_it_uses_the_page_title_in_the_browser_tab(self):
        article = self.published(page_title="七一主题党日活动-市直机关党建网")
        self.assertContains(self.client.get(f"/news/a/{article.pk}/"), "<title>七一主题党日活动-市直机关党建网</title>")

    def test_it_cleans_the_body_again_on_the_way_out(self):
        article = self.published()
        Article.objects.filter(pk=article.pk).update(body="<p>正文</p><script>alert(1)</script>")
        response = self.client.get(f"/news/a/{article.pk}/")
        self.assertNotContains(response, "<script>alert(1)")


class FeedTests(PublicityTestCase):
    def test_it_serves_an_rss_feed_of_published_articles(self):
        self.published(title="第一篇")
        self.draft(title="草稿不进订阅")
        response = self.client.get("/news/rss.xml")
        self.assertEqual(response["Content-Type"], "application/rss+xml; charset=utf-8")
        root = ET.fromstring(response.content)
        titles = [item.findtext("title") for item in root.iter("item")]
        self.assertEqual(titles, ["第一篇"])

    def test_it_narrows_the_feed_to_one_channel(self):
        self.published(title="网站稿件")
        self.published(title="专版稿件", column=self.paper_column)
        root = ET.fromstring(self.client.get("/news/rss.xml?channel=newspaper").content)
        self.assertEqual([i.findtext("title") for i in root.iter("item")], ["专版稿件"])
