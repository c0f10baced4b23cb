"""The demo data brings one account for each of the three administrators."""

from dangjian.accounts.models import Role, RoleAssignment
from dangjian.demo.accounts import DEMO_PASSWORD
from dangjian.demo.tests.helpers import SeededTestCase

from .helpers import log_in


class DemoAdministratorTests(SeededTestCase):
    def test_each_administrator_logs_in_to_their_own_workspace(self):
        for username, role, home in (
            ("xitong", Role.SYSADMIN, "/accounts/users/"),
            ("anquan", Role.SECADMIN, "/accounts/security/"),
            ("shenji", Role.AUDITOR, "/audit/"),
        ):
            self.assertEqual(RoleAssignment.objects.get(user__username=username).role, role)
            self.client.logout()
            log_in(self.client, username, DEMO_PASSWORD)
            self.assertRedirects(self.client.get("/"), home, fetch_redirect_response=False)
        self.assertIn("xitong", self.output)
