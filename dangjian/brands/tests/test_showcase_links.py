"""A brand's public page lists the published articles of its organization or naming the brand
(read through the publicity app's public selector), and the exchange events it presented at."""

import datetime as dt

from dangjian.brands import services
from dangjian.publicity.services import articles as publicity
from dangjian.publicity.tests.helpers import CLEAN_BODY, setup_publicity

from .helpers import BrandsTestCase


class ShowcaseLinkTests(BrandsTestCase):
    def setUp(self):
        super().setUp()
        setup_publicity(self)

    def article(self, title, org):
        data = publicity.ArticleData(org=org, column=self.column, title=title, body=CLEAN_BODY)
        article = publicity.article_create(by=self.editor, data=data)
        publicity.article_submit(article=article, by=self.editor)
        publicity.article_approve(article=article, by=self.reviewer)
        publicity.article_publish(article=article, by=self.reviewer)

    def test_the_story_links_articles_and_exchange_events(self):
        brand = self.submitted()
        self.to_review()
        services.batch_select(batch=self.batch, brand_ids=[brand.pk], today=dt.date(2026, 1, 5))
        services.batch_recognize(batch=self.batch, today=dt.date(2026, 1, 20))
        brand.refresh_from_db()
        self.article("市财政局“红色账本”品牌走进社区", self.w.org_a)
        self.article("市教育局召开党员大会", self.w.org_b)
        services.exchange_record(
            committee=self.w.committee,
            kind="exchange",
            title="品牌经验交流会",
            held_on=dt.date(2026, 6, 1),
            place="党校",
            attendees=80,
            presenters=[(brand, "以账为媒")],
        )
        response = self.client.get(f"/brands/wall/{brand.pk}/")
        self.assertContains(response, "市财政局“红色账本”品牌走进社区")
        self.assertNotContains(response, "市教育局召开党员大会")
        self.assertContains(response, "品牌经验交流会")
