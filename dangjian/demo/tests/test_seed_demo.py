from __future__ import annotations

from collections import Counter

from dangjian.core import idcard
from dangjian.core.models import AuditEntry
from dangjian.orgs.models import AffiliationChange, Organization, OrgKind, TermExtension, Unit
from dangjian.orgs.services import org_create
from dangjian.people.models import Member, Post, PostTitle, Status

from .helpers import SeededTestCase


class DemoScaleTests(SeededTestCase):
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
