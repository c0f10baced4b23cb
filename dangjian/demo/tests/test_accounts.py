from __future__ import annotations

from dangjian.accounts.models import Role, RoleAssignment, User
from dangjian.core import scoping
from dangjian.demo.accounts import DEMO_PASSWORD
from dangjian.orgs.models import Organization

from .helpers import SeededTestCase


class DemoAccountTests(SeededTestCase):
    def test_it_lets_every_demo_account_log_in(self) -> None:
        for username in ("gongwei", "caizheng_admin", "jiaoyu_admin", "dangyuan"):
            self.assertTrue(self.client.login(username=username, password=DEMO_PASSWORD), username)
            self.client.logout()

    def test_it_uses_a_password_of_three_character_classes(self) -> None:
        classes = [any(f(c) for c in DEMO_PASSWORD) for f in (str.isupper, str.islower, str.isdigit)]
        classes.append(any(not c.isalnum() for c in DEMO_PASSWORD))
        self.assertGreaterEqual(len(DEMO_PASSWORD), 8)
        self.assertGreaterEqual(sum(classes), 3)

    def test_it_makes_gongwei_committee_staff_at_the_root(self) -> None:
        user = User.objects.get(username="gongwei")
        role = RoleAssignment.objects.get(user=user)
        self.assertEqual((role.role, role.org.depth), (Role.COMMITTEE_STAFF, 1))
        self.assertEqual(scoping.visible_orgs(user).count(), Organization.objects.count())

    def test_it_gives_two_bureaus_their_own_administrators(self) -> None:
        finance = User.objects.get(username="caizheng_admin")
        education = User.objects.get(username="jiaoyu_admin")
        self.assertEqual(RoleAssignment.objects.get(user=finance).org.name, "市财政局机关党委")
        self.assertEqual(RoleAssignment.objects.get(user=education).org.name, "市教育局机关党委")
        self.assertTrue(all(RoleAssignment.objects.filter(role=Role.ORG_ADMIN, user__in=[finance, education])))
        mine = set(scoping.visible_orgs(finance).values_list("pk", flat=True))
        theirs = set(scoping.visible_orgs(education).values_list("pk", flat=True))
        self.assertTrue(mine and theirs and not mine & theirs)

    def test_it_ties_the_member_account_to_a_person(self) -> None:
        user = User.objects.get(username="dangyuan")
        self.assertIsNotNone(user.person)
        self.assertEqual(list(scoping.visible_members(user)), [user.person])
        self.assertFalse(RoleAssignment.objects.filter(user=user).exists())

    def test_it_prints_the_accounts_with_their_password(self) -> None:
        self.assertIn(f"gongwei         / {DEMO_PASSWORD}", self.output)
        self.assertIn("工委工作人员", self.output)

    def test_it_leaves_out_an_account_whose_password_was_changed(self) -> None:
        from dangjian.demo.accounts import account_lines

        user = User.objects.get(username="caizheng_admin")
        user.set_password("Another#Pass2026")
        user.save()
        lines = "\n".join(account_lines())
        self.assertNotIn("caizheng_admin", lines)
        self.assertIn("jiaoyu_admin", lines)
