"""Nothing in the menu leads to a refusal: every entry of every role's menu opens."""

from __future__ import annotations

from dangjian.core.menu import menu_for
from dangjian.core.models import AuditEntry
from dangjian.core.permission_matrix import USERS
from dangjian.core.testing import BaseTestCase


class MenuWalkTests(BaseTestCase):
    def test_every_menu_entry_of_every_role_opens_and_raises_no_false_alarm(self):
        # One walk for both checks: each entry answers below 400, and walking the menus writes
        # no 越权访问 ('denied') entry to the audit trail.
        refused = []
        walked = 0
        for user_name in USERS:
            if user_name == "anonymous":
                continue
            user = getattr(self.w, user_name)
            self.client.logout()
            self.login_as(user)
            for section in menu_for(user):
                for link in section.links:
                    walked += 1
                    status = self.client.get(link.url).status_code
                    if status >= 400:
                        refused.append(f"{user_name}: {section.section.label} → {link.label} ({link.url}) {status}")
        self.assertGreater(walked, 20)
        self.assertEqual(refused, [])
        self.assertFalse(AuditEntry.objects.filter(event="denied").exists())
