"""The demo data set, seeded once for every check of it (seeding is the slow part: each
class that seeds pays for it again, so the checks of the seeded data live in this one class).

What it holds (people, organizations, their records), the demo accounts, the setup rules it
breaks somewhere, and the roster it exports in the import format."""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

from openpyxl import load_workbook

from dangjian.accounts.models import Role, RoleAssignment, User
from dangjian.core import idcard, scoping
from dangjian.core.models import AuditEntry
from dangjian.demo.accounts import DEMO_PASSWORD
from dangjian.demo.roster import HEADERS, write_roster
from dangjian.orgs import compliance
from dangjian.orgs.models import AffiliationChange, Organization, OrgKind, TermExtension, Unit
from dangjian.orgs.services import org_create
from dangjian.people.models import Member, Post, PostTitle, Status

from .helpers import TODAY, SeededTestCase

# The codes issue 2 §3 lists, and the ones the checker adds.
ISSUE_CODES = (
    "BRANCH_TOO_FEW_MEMBERS",
    "BRANCH_NEEDS_COMMITTEE",
    "BRANCH_TOO_LARGE",
    "BRANCH_NEEDS_GROUPS",
    "GROUP_TOO_SMALL",
    "JOINT_BRANCH_TOO_MANY_UNITS",
    "GENERAL_BRANCH_SIZE",
    "PARTY_COMMITTEE_SIZE",
    "TERM_DUE_SOON",
    "TERM_OVERDUE",
    "NO_SECRETARY",
)
EXTRA_CODES = ("GROUP_NO_LEADER", "NO_TERM_RECORD", "ELECTION_FEW_CANDIDATES")


class DemoScaleTests(SeededTestCase):
    # --- what the data set holds

    def test_it_seeds_a_small_but_complete_committee(self) -> None:
        kinds = Counter(Organization.objects.values_list("kind", flat=True))
        self.assertEqual(Member.objects.count(), 300)
        self.assertEqual(kinds[OrgKind.COMMITTEE], 1)
        self.assertEqual(kinds[OrgKind.PARTY_COMMITTEE], 3)
        self.assertGreaterEqual(kinds[OrgKind.GENERAL_BRANCH], 1)
        self.assertGreaterEqual(kinds[OrgKind.GROUP], 3)
        self.assertTrue(18 <= sum(kinds.values()) - kinds[OrgKind.GROUP] <= 30)
        self.assertGreaterEqual(Unit.objects.count(), 10)
        self.assertIn("人员 300 名", self.output)

    def test_it_keeps_the_tree_valid(self) -> None:
        self.assertEqual(Organization.objects.find_problems(), ([], [], [], [], []))
        before = list(Organization.objects.order_by("pk").values_list("path", "depth", "numchild"))
        Organization.objects.fix_tree(fix_paths=True)  # nothing to fix: paths in code order, counts right
        after = list(Organization.objects.order_by("pk").values_list("path", "depth", "numchild"))
        self.assertEqual(before, after)

    def test_it_lets_the_services_add_an_organization_in_code_order(self) -> None:
        root = Organization.objects.get(depth=1)
        child = org_create(code="GW99", name="市测试局机关党支部", kind=OrgKind.BRANCH, parent=root)
        last = Organization.objects.filter(depth=2).order_by("path").last()
        self.assertEqual(last, child)
        self.assertEqual(Organization.objects.find_problems(), ([], [], [], [], []))

    def test_it_gives_every_person_a_valid_unique_id_number(self) -> None:
        people = list(Member.objects.all())
        numbers = [m.id_number for m in people]
        self.assertEqual(len(set(numbers)), len(numbers))
        for m in people:
            self.assertEqual(idcard.validate(m.id_number, m.birth_date), m.id_number)
            self.assertEqual(idcard.gender_of(m.id_number), m.gender)
            self.assertEqual(m.id_number_masked, m.id_number[:4] + "*" * 10 + m.id_number[-4:])

    def test_it_stores_personal_data_encrypted(self) -> None:
        m = Member.objects.first()
        assert m is not None
        self.assertNotIn(m.id_number, m.id_number_enc)
        self.assertTrue(m.phone.startswith("1") and len(m.phone) == 11)
        self.assertNotIn(m.phone, m.phone_enc)
        self.assertTrue(m.name_initials)

    def test_it_shows_the_ethnic_mix_of_a_northern_city(self) -> None:
        mix = Counter(Member.objects.values_list("ethnicity", flat=True))
        self.assertGreater(mix["汉族"], 0.6 * 300)
        for people in ("蒙古族", "达斡尔族", "鄂温克族", "鄂伦春族", "回族", "满族"):
            self.assertGreater(mix[people], 0, people)
        self.assertGreater(mix["蒙古族"], mix["回族"])

    def test_it_gives_people_plausible_party_records(self) -> None:
        statuses = Counter(Member.objects.values_list("status", flat=True))
        self.assertGreater(statuses[Status.FULL], 0.7 * 300)
        for status in Status.values:
            self.assertGreater(statuses[status], 0, status)
        for m in Member.objects.all():
            party = m.status in (Status.FULL, Status.PROBATIONARY)
            self.assertEqual(m.joined_party_on is not None, party, m.name)
            if party:
                assert m.joined_party_on is not None
                self.assertGreaterEqual((m.joined_party_on - m.birth_date).days, 18 * 365, m.name)

    def test_it_appoints_secretaries_and_full_time_deputies(self) -> None:
        current = Post.objects.filter(ended_on__isnull=True)
        with_secretary = set(current.filter(title=PostTitle.SECRETARY).values_list("org_id", flat=True))
        party_orgs = Organization.objects.exclude(kind=OrgKind.GROUP)
        self.assertGreaterEqual(len(with_secretary), party_orgs.count() - 2)
        self.assertTrue(current.filter(title=PostTitle.FULL_TIME_DEPUTY).exists())
        self.assertTrue(current.filter(title=PostTitle.GROUP_LEADER).exists())
        self.assertTrue(Post.objects.filter(ended_on__isnull=False).exists())  # some history

    def test_it_records_affiliation_changes_and_an_approved_delay(self) -> None:
        reform = AffiliationChange.objects.filter(changed_on__year=2019)
        self.assertTrue(reform.exists())
        self.assertTrue(all("〔2019〕" in c.doc_number for c in reform))
        self.assertTrue(AffiliationChange.objects.filter(changed_on__year=2025).exists())
        self.assertEqual(TermExtension.objects.count(), 1)

    def test_it_writes_one_audit_entry_instead_of_one_per_row(self) -> None:
        self.assertEqual(AuditEntry.objects.count(), 1)
        entry = AuditEntry.objects.get()
        self.assertEqual(entry.additional_data["command"], "seed_demo")
        self.assertEqual(entry.additional_data["people"], 300)

    # --- the demo accounts

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

    # --- the setup rules it breaks (the demo data breaks every one somewhere, so the compliance page
    # has something to show)

    def findings(self) -> Counter[str]:
        return Counter(f.code for f in compliance.findings_for(Organization.objects.all(), today=TODAY))

    def test_it_shows_every_finding_code(self) -> None:
        found = self.findings()
        for code in ISSUE_CODES + EXTRA_CODES:
            self.assertIn(code, found)

    def test_it_keeps_most_organizations_in_rule(self) -> None:
        flagged = {f.org_code for f in compliance.findings_for(Organization.objects.all(), today=TODAY)}
        self.assertLess(len(flagged), Organization.objects.count() / 2)

    # --- the roster export

    def test_it_writes_the_roster_in_the_import_format(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "roster.xlsx"
            self.assertEqual(write_roster(path), 300)
            rows = list(load_workbook(path, read_only=True).active.iter_rows(values_only=True))
        self.assertEqual(list(rows[0]), HEADERS)
        self.assertEqual(len(rows), 301)
        numbers = {r[4] for r in rows[1:]}
        self.assertEqual(numbers, {m.id_number for m in Member.objects.all()})
        self.assertTrue(any(r[13] for r in rows[1:]))  # some posts held in one's own organization
