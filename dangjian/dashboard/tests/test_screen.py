"""The display screen (大屏): opened by its signed link without a login, read-only, the link's subtree
only, large figures and no menu; a revoked, expired or forged link shows nothing."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from django.core import signing
from django.test import override_settings
from django.utils import timezone

from dangjian.dashboard import services
from dangjian.dashboard.models import ScreenLink
from dangjian.dashboard.selectors import SALT

from .helpers import DashboardTestCase

YEAR = timezone.localdate().year


class ScreenTests(DashboardTestCase):
    def setUp(self):
        super().setUp()
        self.link = services.screen_link_create(org=self.w.org_a, name="财政局会议室", days=30, by=self.w.staff)
        self.url = f"/charts/screen/{self.link.token}/"

    def test_it_opens_without_a_login_and_shows_the_subtree_without_a_menu(self):
        self.add(self.w.branch_a1, YEAR, 6)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "市财政局机关党委")
        self.assertNotContains(response, "退出")  # no menu, no account
        self.assertNotContains(response, "navbar")
        self.assertIn("no-store", response["Cache-Control"])
        self.assertIn("/static/dashboard/screen.js", response.content.decode())
        data = self.client.get(f"{self.url}data/").json()
        self.assertEqual(data["org"]["code"], "A")
        self.assertEqual([c["code"] for c in data["children"]], ["A01", "A02"])
        self.assertEqual(self.line(data)["value"], 6)
        self.assertEqual(self.line(data)["records"], "")

    def test_it_shows_nothing_beyond_its_subtree(self):
        self.add(self.w.branch_b1, YEAR, 9)
        data = self.client.get(f"{self.url}data/").json()
        self.assertEqual(self.line(data)["value"], 0)
        self.assertNotIn("市教育局", str(data))

    def test_it_needs_no_session(self):
        self.client.get(self.url)
        self.assertNotIn("sessionid", self.client.cookies)

    def test_it_is_read_only(self):
        self.assertEqual(self.client.post(self.url).status_code, 405)
        self.assertEqual(self.client.post(f"{self.url}data/").status_code, 405)

    def test_a_revoked_link_shows_nothing(self):
        services.screen_link_revoke(link=self.link, by=self.w.staff)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 410)
        self.assertContains(response, "已撤销或已过期", status_code=410)
        self.assertNotContains(response, "市财政局", status_code=410)
        self.assertEqual(self.client.get(f"{self.url}data/").status_code, 410)

    def test_an_expired_link_shows_nothing(self):
        ScreenLink.objects.filter(pk=self.link.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
        self.assertEqual(self.client.get(self.url).status_code, 410)
        self.assertEqual(self.client.get(f"{self.url}data/").status_code, 410)

    def test_a_forged_or_altered_token_is_a_404(self):
        forged = signing.dumps({"k": self.link.key}, salt="another.salt")
        for token in (forged, self.link.token[:-2] + "xx", "nonsense"):
            self.assertEqual(self.client.get(f"/charts/screen/{token}/").status_code, 404, token)
        self.assertEqual(self.client.get(f"/charts/screen/{forged}/data/").status_code, 404)

    def test_a_signature_older_than_the_longest_lifetime_is_refused(self):
        later = timezone.now() + dt.timedelta(days=3)
        with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
            with override_settings(DANGJIAN={"dashboard": {"screen_link_max_days": 2}}):
                self.assertEqual(self.client.get(self.url).status_code, 404)
            self.assertEqual(self.client.get(self.url).status_code, 200)

    def test_a_valid_signature_for_a_key_no_link_has_is_a_404(self):
        token = signing.dumps({"k": "no-such-key"}, salt=SALT)
        self.assertEqual(self.client.get(f"/charts/screen/{token}/").status_code, 404)

    def test_it_refreshes_at_the_configured_pace(self):
        with override_settings(DANGJIAN={"dashboard": {"screen_refresh_seconds": 120}}):
            self.assertContains(self.client.get(self.url), 'data-refresh="120"')
