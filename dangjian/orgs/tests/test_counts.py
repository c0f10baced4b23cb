from dangjian.core.testing import make_org
from dangjian.orgs import selectors
from dangjian.orgs.models import Organization, OrgKind
from dangjian.people.models import Status

from .helpers import OrgTestCase, add_people


class MemberCountTests(OrgTestCase):
    def setUp(self):
        super().setUp()
        self.group = make_org("A0101", "第一党小组", OrgKind.GROUP, self.w.branch_a1)
        add_people(self.w.branch_a1, 4)  # + 张建国 from the World: 5 full members directly in A01
        add_people(self.w.branch_a1, 2, Status.PROBATIONARY)
        add_people(self.w.branch_a1, 3, Status.ACTIVIST)
        add_people(self.group, 3)
        add_people(self.w.branch_a2, 1, Status.NON_PARTY)

    def row(self, snapshot, org):
        return snapshot.by_path[Organization.objects.get(pk=org.pk).path]

    def test_it_counts_direct_members_of_each_organization(self):
        snap = selectors.load_snapshot(Organization.objects.all())
        a01 = self.row(snap, self.w.branch_a1)
        self.assertEqual((a01.direct.full, a01.direct.party, a01.direct.people), (5, 7, 10))

    def test_it_rolls_counts_up_the_whole_subtree(self):
        snap = selectors.load_snapshot(Organization.objects.all())
        a01 = self.row(snap, self.w.branch_a1)
        self.assertEqual((a01.total.full, a01.total.party, a01.total.people), (8, 10, 13))
        org_a = self.row(snap, self.w.org_a)
        self.assertEqual((org_a.total.full, org_a.total.party, org_a.total.people), (8, 10, 14))
        self.assertEqual(org_a.direct.people, 0)
        root = self.row(snap, self.w.committee)
        self.assertEqual(root.total.people, 15)  # 李红梅 of B01 too

    def test_an_organization_without_people_counts_zero(self):
        snap = selectors.load_snapshot(Organization.objects.all())
        self.assertEqual(self.row(snap, self.w.org_b).direct.party, 0)

    def test_it_counts_everyone_with_one_grouped_query(self):
        with self.assertNumQueries(1):
            counts = selectors.member_counts([self.w.committee.path])
        self.assertEqual(counts[self.w.committee.path].total.people, 15)

    def test_a_snapshot_costs_the_same_queries_however_big_the_tree(self):
        with self.assertNumQueries(6):
            selectors.load_snapshot(Organization.objects.all())
        for i in range(10):
            branch = make_org(f"B1{i}", f"教育局支部{i}", OrgKind.BRANCH, self.w.org_b)
            add_people(branch, 2)
        with self.assertNumQueries(6):
            selectors.load_snapshot(Organization.objects.all())

    def test_counts_of_a_partial_load_still_cover_the_whole_subtree(self):
        snap = selectors.load_snapshot(selectors.with_children(self.w.committee))
        self.assertNotIn(self.w.branch_a1.path, snap.by_path)
        self.assertEqual(self.row(snap, self.w.org_a).total.party, 10)
