"""Making and revoking display links: committee staff only, refusals with their codes, audited."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from dangjian.core.errors import codes_of
from dangjian.core.models import AuditEntry
from dangjian.dashboard import selectors, services
from dangjian.dashboard.models import LinkStatus, ScreenLink

from .helpers import DashboardTestCase


class ScreenLinkServiceTests(DashboardTestCase):
    def refused(self, **kwargs) -> set[str]:
        args = {"org": self.w.committee, "name": "会议室", "days": 30, "by": self.w.staff, **kwargs}
        with self.assertRaises(ValidationError) as caught:
            services.screen_link_create(**args)
        self.assertFalse(ScreenLink.objects.exists())
        return codes_of(caught.exception)

    def test_it_makes_a_signed_link_that_expires(self):
        now = timezone.now()
        link = services.screen_link_create(org=self.w.org_a, name=" 三楼会议室 ", days=7, by=self.w.staff, now=now)
        self.assertEqual((link.name, link.status, link.created_by), ("三楼会议室", LinkStatus.ACTIVE, self.w.staff))
        self.assertEqual(link.expires_at, now + dt.timedelta(days=7))
        self.assertEqual(selectors.link_for_token(link.token), link)
        self.assertNotIn(link.key, link.token)  # the key is signed in, not readable as such

    def test_making_a_link_is_in_the_audit_trail_without_its_key(self):
        link = services.screen_link_create(org=self.w.org_a, name="大厅", days=7, by=self.w.staff)
        entry = AuditEntry.objects.get(
            content_type=ContentType.objects.get_for_model(ScreenLink), object_pk=str(link.pk)
        )
        self.assertEqual((entry.event, entry.org_id), ("create", self.w.org_a.pk))
        self.assertNotIn("key", entry.changes_dict)
        self.assertNotIn("token", entry.changes_dict)
        self.assertIn("expires_at", entry.changes_dict)

    def test_a_name_is_required(self):
        self.assertEqual(self.refused(name="  "), {"screen_link_name_missing"})

    def test_the_lifetime_is_bounded(self):
        self.assertEqual(self.refused(days=0), {"screen_link_lifetime_invalid"})
        self.assertEqual(self.refused(days=366), {"screen_link_lifetime_invalid"})

    def test_only_committee_staff_over_the_organization_make_links(self):
        self.assertEqual(self.refused(by=self.w.admin_a, org=self.w.org_a), {"screen_link_org_out_of_reach"})

    def test_the_number_of_live_links_is_capped(self):
        with override_settings(DANGJIAN={"dashboard": {"screen_links_max_active": 1}}):
            services.screen_link_create(org=self.w.committee, name="一", days=3, by=self.w.staff)
            with self.assertRaises(ValidationError) as caught:
                services.screen_link_create(org=self.w.committee, name="二", days=3, by=self.w.staff)
        self.assertEqual(codes_of(caught.exception), {"screen_links_too_many"})

    def test_revoking_stops_it_and_is_recorded(self):
        link = services.screen_link_create(org=self.w.committee, name="大厅", days=7, by=self.w.staff)
        services.screen_link_revoke(link=link, by=self.w.staff)
        link.refresh_from_db()
        self.assertEqual((link.status, link.revoked_by), (LinkStatus.REVOKED, self.w.staff))
        self.assertIsNotNone(link.revoked_at)
        self.assertFalse(link.is_live())
        self.assertTrue(AuditEntry.objects.filter(event="update", object_pk=str(link.pk)).exists())
        with self.assertRaises(ValidationError) as caught:
            services.screen_link_revoke(link=link, by=self.w.staff)
        self.assertEqual(codes_of(caught.exception), {"screen_link_not_active"})


class ScreenLinkPageTests(DashboardTestCase):
    def test_staff_make_a_link_from_the_page(self):
        self.login_as(self.w.staff)
        response = self.client.post("/charts/screens/", {"name": "三楼会议室", "org": self.w.org_b.pk, "days": 10})
        link = ScreenLink.objects.get()
        self.assertRedirects(response, f"/charts/screens/?new={link.pk}", fetch_redirect_response=False)
        page = self.client.get(f"/charts/screens/?new={link.pk}")
        self.assertContains(page, f"/charts/screen/{link.token}/")
        self.assertContains(page, "市教育局机关党委")

    def test_a_bad_form_says_so_and_writes_nothing(self):
        self.login_as(self.w.staff)
        response = self.client.post("/charts/screens/", {"name": "", "org": self.w.org_b.pk, "days": 999})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "未保存任何修改")
        self.assertFalse(ScreenLink.objects.exists())

    def test_staff_revoke_a_link_from_the_page(self):
        link = services.screen_link_create(org=self.w.committee, name="大厅", days=7, by=self.w.staff)
        self.login_as(self.w.staff)
        self.assertRedirects(self.client.post(f"/charts/screens/{link.pk}/revoke/"), "/charts/screens/")
        link.refresh_from_db()
        self.assertEqual(link.status, LinkStatus.REVOKED)

    def test_administrators_have_no_links_page(self):
        link = services.screen_link_create(org=self.w.org_a, name="大厅", days=7, by=self.w.staff)
        self.login_as(self.w.admin_a)
        self.assertEqual(self.client.get("/charts/screens/").status_code, 404)
        self.assertEqual(self.client.post(f"/charts/screens/{link.pk}/revoke/").status_code, 404)

    def test_the_records_of_the_figure_are_the_links_of_the_year(self):
        services.screen_link_create(org=self.w.org_a, name="甲", days=7, by=self.w.staff)
        services.screen_link_create(org=self.w.org_b, name="乙", days=7, by=self.w.staff)
        self.login_as(self.w.staff)
        year = timezone.localdate().year
        response = self.client.get("/charts/screens/", {"org": "A", "year": year})
        self.assertEqual(response.context["total"], 1)
        self.assertContains(response, "甲")
        self.assertNotContains(response, "乙</td>")
        from dangjian.core import registry

        self.assertEqual(registry.value("screens.links", self.w.committee, year), 2)

    def test_an_administrator_reads_the_records_of_their_subtree_without_the_addresses(self):
        link = services.screen_link_create(org=self.w.org_a, name="财政局大厅", days=7, by=self.w.staff)
        services.screen_link_create(org=self.w.org_b, name="教育局大厅", days=7, by=self.w.staff)
        self.login_as(self.w.admin_a)
        year = timezone.localdate().year
        response = self.client.get("/charts/screens/", {"org": "A", "year": year})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["total"], 1)
        self.assertContains(response, "财政局大厅")
        self.assertNotContains(response, link.token)
        self.assertNotContains(response, "生成新链接")
        self.assertEqual(self.client.get("/charts/screens/", {"org": "B", "year": year}).status_code, 404)
        self.assertEqual(
            self.client.post("/charts/screens/?org=A", {"name": "x", "org": self.w.org_a.pk, "days": 3}).status_code,
            404,
        )
        self.assertEqual(ScreenLink.objects.count(), 2)
