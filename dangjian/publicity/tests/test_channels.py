import datetime as dt

from django.core.exceptions import ValidationError

from dangjian.core.errors import codes_of
from dangjian.publicity.models import Channel, ChannelKind, Column, SpecialPage
from dangjian.publicity.services import channels as services

from .helpers import PublicityTestCase


class ChannelRefusalTests(PublicityTestCase):
    def test_it_refuses_a_channel_without_kind_or_name_and_a_taken_slug(self):
        with self.assertRaises(ValidationError) as refused:
            services.channel_create(org=self.w.committee, kind="radio", name=" ", slug="website")
        self.assertEqual(
            codes_of(refused.exception),
            {"publicity_channel_kind_unknown", "publicity_name_required", "publicity_channel_slug_taken"},
        )
        self.assertEqual(Channel.objects.count(), 2)

    def test_it_shows_a_taken_slug_beside_its_field(self):
        self.login_as(self.w.staff)
        response = self.client.post(
            "/publicity/channels/", {"kind": ChannelKind.SITE, "name": "另一个网站", "slug": "website"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["form"].errors["slug"], ["网址标识“website”已被使用。"])

    def test_it_refuses_a_column_slug_taken_in_the_same_channel_only(self):
        with self.assertRaises(ValidationError) as refused:
            services.column_create(channel=self.site, name="又一个", slug="gzdt")
        self.assertEqual(codes_of(refused.exception), {"publicity_column_slug_taken"})
        services.column_create(channel=self.paper, name="工作动态", slug="gzdt")
        self.assertEqual(Column.objects.filter(slug="gzdt").count(), 2)

    def test_it_refuses_a_special_page_outside_a_newspaper_channel_or_without_title_and_paper(self):
        with self.assertRaises(ValidationError) as refused:
            services.special_page_create(
                by=self.w.staff,
                org=self.w.org_a,
                channel=self.site,
                title="",
                newspaper=" ",
                run_on=dt.date(2024, 7, 1),
            )
        self.assertEqual(
            codes_of(refused.exception),
            {
                "publicity_channel_not_newspaper",
                "publicity_special_page_title_required",
                "publicity_newspaper_required",
            },
        )
        self.assertEqual(SpecialPage.objects.count(), 0)

    def test_it_refuses_a_special_page_in_a_channel_another_organization_runs(self):
        foreign = Channel.objects.create(org=self.w.org_b, kind=ChannelKind.NEWSPAPER, name="教育报", slug="jyb")
        with self.assertRaises(ValidationError) as refused:
            services.special_page_create(
                by=self.w.staff,
                org=self.w.org_a,
                channel=foreign,
                title="七一",
                newspaper="日报",
                run_on=dt.date(2024, 7, 1),
            )
        self.assertEqual(codes_of(refused.exception), {"publicity_channel_foreign"})
        self.assertIn(self.w.org_b.name, refused.exception.message_dict["channel"][0])
