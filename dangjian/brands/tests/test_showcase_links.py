"""A brand's public page lists the published articles of its organization or naming the brand
(read through the publicity app's public selector), the exchange events it presented at, and its
organization's volunteer activities and training (through the volunteer and study apps' read-only
selectors)."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from dangjian.brands import services
from dangjian.publicity.services import articles as publicity
from dangjian.publicity.tests.helpers import CLEAN_BODY, setup_publicity
from dangjian.study.models import VenueKind
from dangjian.study.services import training
from dangjian.volunteer.tests.helpers import make_activity, make_brigade, make_corps

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

    def test_the_story_links_the_organizations_volunteer_activities_and_training(self):
        brand = self.submitted()  # of A01
        self.to_review()
        services.batch_select(batch=self.batch, brand_ids=[brand.pk], today=dt.date(2026, 1, 5))
        services.batch_recognize(batch=self.batch, today=dt.date(2026, 1, 20))
        corps = make_corps(self.w.committee)
        make_activity(make_brigade(corps, self.w.branch_a1), title="“红色账本”进社区", starts_in=-dt.timedelta(days=2))
        make_activity(make_brigade(corps, self.w.branch_b1), title="教育局志愿服务")
        started = timezone.localdate() - dt.timedelta(days=3)
        for org, title in ((self.w.branch_a1, "支部党员轮训"), (self.w.org_b, "教育局培训班")):
            training.class_create(
                org=org,
                title=title,
                venue_kind=VenueKind.PARTY_SCHOOL,
                starts_on=started,
                ends_on=started,
                hours=Decimal("6"),
                by=self.w.staff,
            )
        response = self.client.get(f"/brands/wall/{brand.pk}/")
        self.assertContains(response, "“红色账本”进社区")
        self.assertNotContains(response, "教育局志愿服务")
        self.assertContains(response, "支部党员轮训")
        self.assertContains(response, "本组织举办")
        self.assertNotContains(response, "教育局培训班")
