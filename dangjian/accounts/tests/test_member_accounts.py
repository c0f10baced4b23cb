"""Accounts for every member: made in bulk from the roster, activated with the ID number and a code."""

import datetime as dt
import io
import re

from django.utils import timezone
from openpyxl import load_workbook

from dangjian.accounts import member_accounts
from dangjian.accounts.models import ActivationCode, User
from dangjian.core.errors import codes_of
from dangjian.core.models import AuditEntry
from dangjian.core.testing import BaseTestCase, MemberFactory

from .helpers import log_in

NEW_PASSWORD = "Hongqi#2027x"


class MemberAccountsTestCase(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.a2 = [MemberFactory(name=f"王{n}", org=self.w.branch_a2) for n in ("一", "二", "三")]

    def make(self, by=None, org=None, people=None):
        return member_accounts.member_accounts_create(by=by or self.w.admin_a, org=org or self.w.org_a, people=people)

    def activate(self, person, code, password=NEW_PASSWORD, address="10.1.2.3"):
        return self.client.post(
            "/accounts/activate/",
            {"id_number": person.id_number, "code": code, "new_password1": password, "new_password2": password},
            REMOTE_ADDR=address,
        )


class CreateTests(MemberAccountsTestCase):
    def test_it_makes_an_account_with_a_code_for_everyone_of_the_subtree_without_one(self):
        batch, made = self.make()
        # 张建国 of A01 has the `member` account already; A02's three get one each.
        self.assertEqual(sorted(u.person.name for u, _ in made), ["王一", "王三", "王二"])
        for user, code in made:
            self.assertFalse(user.has_usable_password())
            self.assertFalse(user.roles.exists())
            self.assertRegex(code, r"^[A-Z2-9]{10}$")
            row = user.activation
            self.assertEqual(row.batch, batch)
            self.assertNotIn(code, row.code_enc)  # kept encrypted, never plain
            self.assertIsNone(row.used_at)
        entry = AuditEntry.objects.get(event="create", additional_data__batch=batch)
        self.assertEqual(entry.actor, self.w.admin_a)
        self.assertEqual(entry.org_id, self.w.org_a.pk)
        self.assertEqual(entry.additional_data["accounts"], 3)

    def test_selected_members_only(self):
        _, made = self.make(people=[self.a2[0], self.a2[2]])
        self.assertEqual({u.person for u, _ in made}, {self.a2[0], self.a2[2]})
        self.assertFalse(User.objects.filter(person=self.a2[1]).exists())

    def test_a_person_outside_the_subtree_refuses_the_whole_batch(self):
        with self.assertRaises(member_accounts.OutOfScope) as caught:
            self.make(people=[self.a2[0], self.w.person_b])
        self.assertEqual(codes_of(caught.exception), {"member_accounts_out_of_scope"})
        self.assertFalse(User.objects.filter(person__in=[self.a2[0], self.w.person_b]).exists())
        self.assertFalse(ActivationCode.objects.exists())

    def test_an_organization_outside_ones_subtree_is_refused(self):
        with self.assertRaises(member_accounts.OutOfScope):
            self.make(by=self.w.admin_b, org=self.w.org_a)
        self.assertFalse(ActivationCode.objects.exists())

    def test_the_three_administrators_make_no_member_accounts(self):
        for user in (self.w.sysadmin, self.w.secadmin, self.w.auditor, self.w.member, self.w.outsider):
            with self.assertRaises(member_accounts.NotAnOrganizationAdministrator):
                self.make(by=user)
        self.assertFalse(ActivationCode.objects.exists())

    def test_when_everyone_has_an_account_nothing_is_made(self):
        self.make()
        with self.assertRaises(member_accounts.NobodyToCreate):
            self.make()

    def test_committee_staff_make_accounts_anywhere_under_the_committee(self):
        _, made = self.make(by=self.w.staff, org=self.w.committee)
        self.assertEqual(len(made), 4)  # A02's three and 李红梅 of B01


class PageTests(MemberAccountsTestCase):
    def test_the_page_lists_the_people_without_account_and_the_counts(self):
        self.login_as(self.w.admin_a)
        response = self.client.get("/accounts/members/", {"org": "A"})
        self.assertContains(response, "王一")
        self.assertNotContains(response, "李红梅")
        self.assertContains(response, self.a2[0].id_number_masked)
        self.assertNotContains(response, self.a2[0].id_number)
        self.assertEqual(response.context["counts"], {"people": 4, "active": 1, "waiting": 0, "none": 3})

    def test_ticking_two_makes_two_and_shows_their_slips_once_audited(self):
        self.login_as(self.w.admin_a)
        response = self.client.post(
            "/accounts/members/create/",
            {"org": "A", "scope": "selected", "people": [self.a2[0].pk, self.a2[1].pk]},
            follow=True,
        )
        self.assertContains(response, "激活码条")
        self.assertEqual(len(response.context["slips"]), 2)
        code = response.context["slips"][0][1]
        self.assertRegex(code, r"^[A-Z2-9]{5}-[A-Z2-9]{5}$")
        self.assertContains(response, code)
        self.assertEqual(AuditEntry.objects.filter(event="export", additional_data__format="print").count(), 1)

    def test_the_slips_export_as_excel_and_that_is_recorded(self):
        batch, made = self.make()
        self.login_as(self.w.admin_a)
        response = self.client.get(f"/accounts/members/batches/{batch}/export.xlsx")
        self.assertEqual(response.status_code, 200)
        rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
        self.assertEqual(rows[0][:5], ("姓名", "所在组织", "身份证号", "用户名", "激活码"))
        codes = {member_accounts.format_code(c) for _, c in made}
        self.assertEqual({r[4] for r in rows[1:]}, codes)
        self.assertNotIn(self.a2[0].id_number, str(rows))
        entry = AuditEntry.objects.get(event="export", additional_data__format="xlsx")
        self.assertEqual(entry.additional_data["rows"], 3)

    def test_another_subtrees_administrator_cannot_see_the_slips(self):
        batch, _ = self.make()
        self.login_as(self.w.admin_b)
        self.assertEqual(self.client.get(f"/accounts/members/batches/{batch}/").status_code, 404)
        self.assertEqual(self.client.get(f"/accounts/members/batches/{batch}/export.xlsx").status_code, 404)
        self.assertFalse(AuditEntry.objects.filter(event="export").exists())
        self.assertTrue(AuditEntry.objects.filter(event="denied", actor=self.w.admin_b).exists())

    def test_posting_a_person_of_another_subtree_creates_nothing(self):
        self.login_as(self.w.admin_a)
        response = self.client.post(
            "/accounts/members/create/",
            {"org": "A", "scope": "selected", "people": [self.a2[0].pk, self.w.person_b.pk]},
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "所选人员不在该组织，或已有账号")
        self.assertFalse(ActivationCode.objects.exists())

    def test_an_organization_of_another_subtree_is_a_recorded_404(self):
        self.login_as(self.w.admin_a)
        response = self.client.post("/accounts/members/create/", {"org": "B", "scope": "all"})
        self.assertEqual(response.status_code, 404)
        self.assertFalse(ActivationCode.objects.exists())

    def test_nothing_ticked_says_so(self):
        self.login_as(self.w.admin_a)
        response = self.client.post("/accounts/members/create/", {"org": "A", "scope": "selected"})
        self.assertContains(response, "请勾选要建立账号的人员")
        self.assertFalse(ActivationCode.objects.exists())


class ActivationTests(MemberAccountsTestCase):
    def setUp(self):
        super().setUp()
        _, made = self.make(people=[self.a2[0]])
        self.account, self.code = made[0]
        self.person = self.a2[0]

    def test_the_member_activates_with_id_number_and_code_then_logs_in_with_the_id_number(self):
        response = self.activate(self.person, member_accounts.format_code(self.code).lower())
        self.assertRedirects(response, "/", fetch_redirect_response=False)
        self.account.refresh_from_db()
        self.assertTrue(self.account.check_password(NEW_PASSWORD))
        self.assertFalse(self.account.must_change_password)
        row = ActivationCode.objects.get(account=self.account)
        self.assertIsNotNone(row.used_at)
        self.assertEqual(row.code_enc, "")
        self.assertTrue(AuditEntry.objects.filter(event="password_changed", actor=self.account).exists())
        self.client.logout()
        response = log_in(self.client, self.person.id_number, NEW_PASSWORD)
        self.assertRedirects(response, "/", fetch_redirect_response=False)
        self.assertEqual(int(self.client.session["_auth_user_id"]), self.account.pk)
        self.assertEqual(AuditEntry.objects.filter(event="login", actor=self.account).count(), 2)

    def test_a_code_works_once(self):
        self.activate(self.person, self.code)
        self.client.logout()
        response = self.activate(self.person, self.code, password="Another#Pass99")
        self.assertContains(response, "激活码已使用")
        self.account.refresh_from_db()
        self.assertTrue(self.account.check_password(NEW_PASSWORD))

    def test_an_expired_code_does_not_work(self):
        ActivationCode.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
        self.activate(self.person, self.code)
        self.account.refresh_from_db()
        self.assertFalse(self.account.has_usable_password())

    def test_a_weak_password_is_refused_and_the_code_kept(self):
        response = self.activate(self.person, self.code, password="abc")
        self.assertContains(response, "密码至少需要")
        self.assertIsNone(ActivationCode.objects.get(account=self.account).used_at)

    def test_the_id_number_of_someone_without_an_account_tells_nothing(self):
        response = self.activate(self.a2[1], self.code)
        self.assertContains(response, "身份证号或激活码不正确")
        response = self.activate(self.person, "WRONGCODE2")
        self.assertContains(response, "身份证号或激活码不正确")

    def test_guessing_codes_locks_like_guessing_passwords(self):
        for _ in range(5):
            response = self.activate(self.person, "WRONGCODE2")
        self.assertEqual(response.status_code, 429)
        # Locked for that account and address: the right code too, and the login.
        self.assertEqual(self.activate(self.person, self.code).status_code, 429)
        self.assertEqual(log_in(self.client, self.person.id_number, NEW_PASSWORD).status_code, 429)
        self.assertFalse(self.account.__class__.objects.get(pk=self.account.pk).has_usable_password())
        entry = AuditEntry.objects.get(event="locked")
        self.assertEqual(entry.object_repr, self.account.username)

    def test_failed_id_number_logins_lock_the_account_under_its_username(self):
        self.activate(self.person, self.code)
        self.client.logout()
        for _ in range(3):
            log_in(self.client, self.person.id_number, "wrong")
        for _ in range(2):
            log_in(self.client, self.account.username, "wrong")
        # Five failures of one account, whichever way in: locked both ways.
        self.assertEqual(log_in(self.client, self.account.username, NEW_PASSWORD).status_code, 429)
        self.assertEqual(log_in(self.client, self.person.id_number, NEW_PASSWORD).status_code, 429)

    def test_the_id_number_is_found_through_its_digest_not_by_decrypting(self):
        from unittest import mock

        typed = self.person.id_number.lower()
        with mock.patch("dangjian.core.crypto.decrypt", side_effect=AssertionError("decrypted")):
            found = member_accounts.account_for_login(typed)
        self.assertEqual(found, self.account)
        self.assertIsNone(member_accounts.account_for_login("not-an-id"))

    def test_the_login_page_offers_the_activation(self):
        response = self.client.get("/accounts/login/")
        self.assertContains(response, "用户名或身份证号")
        self.assertContains(response, 'href="/accounts/activate/"')


class RosterStateTests(MemberAccountsTestCase):
    def test_leaving_the_roster_deactivates_and_coming_back_reactivates(self):
        account = member_accounts.follow_roster(person=self.w.person_a, active=False, reason="transferred_out")
        self.assertFalse(account.is_active)
        entry = AuditEntry.objects.get(event="account_disabled")
        self.assertEqual(entry.additional_data, {"reason": "transferred_out", "follows": "roster"})
        self.assertEqual(log_in(self.client, "member").status_code, 200)  # the login form again
        self.assertNotIn("_auth_user_id", self.client.session)
        member_accounts.follow_roster(person=self.w.person_a, active=True, reason="transferred_in")
        self.assertTrue(User.objects.get(pk=account.pk).is_active)

    def test_a_deactivated_account_cannot_activate(self):
        _, made = self.make(people=[self.a2[0]])
        member_accounts.follow_roster(person=self.a2[0], active=False, reason="deceased")
        self.activate(self.a2[0], made[0][1])
        self.assertFalse(User.objects.get(pk=made[0][0].pk).has_usable_password())

    def test_a_person_without_an_account_changes_nothing(self):
        self.assertIsNone(member_accounts.follow_roster(person=self.a2[0], active=False, reason="deceased"))
        self.assertFalse(AuditEntry.objects.filter(event="account_disabled").exists())


def test_codes_avoid_misread_characters():
    assert not re.search(r"[01ILO]", member_accounts.CODE_ALPHABET)
