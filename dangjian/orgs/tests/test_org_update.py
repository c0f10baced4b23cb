from django.core.exceptions import ValidationError

from dangjian.core.models import AuditEntry
from dangjian.core.testing import BaseTestCase
from dangjian.orgs.models import OrgKind
from dangjian.orgs.services import org_update


class OrgUpdateTests(BaseTestCase):
    def test_it_changes_fields_and_the_trail_shows_it(self):
        org_update(org=self.w.branch_a1, changes={"name": "市财政局综合党支部"}, unit_names=["市财政局", "市审计局"])
        self.w.branch_a1.refresh_from_db()
        self.assertEqual(self.w.branch_a1.name, "市财政局综合党支部")
        self.assertEqual(sorted(u.name for u in self.w.branch_a1.units.all()), ["市审计局", "市财政局"])
        changes = [e.changes for e in AuditEntry.objects.filter(event="update", object_pk=str(self.w.branch_a1.pk))]
        self.assertIn({"name": ["市财政局第一党支部", "市财政局综合党支部"]}, changes)
        self.assertTrue(any("units" in c for c in changes))

    def test_it_refuses_a_kind_its_children_cannot_sit_under(self):
        with self.assertRaisesMessage(ValidationError, "下设有党支部，不能改为党支部"):
            org_update(org=self.w.org_a, changes={"kind": OrgKind.BRANCH})
        self.w.org_a.refresh_from_db()
        self.assertEqual(self.w.org_a.kind, OrgKind.PARTY_COMMITTEE)

    def test_it_refuses_a_kind_its_parent_cannot_hold(self):
        with self.assertRaisesMessage(ValidationError, "党委下不能设立党小组"):
            org_update(org=self.w.branch_a1, changes={"kind": OrgKind.GROUP})
