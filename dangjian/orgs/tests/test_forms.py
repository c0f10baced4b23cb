import datetime as dt

from django.urls import reverse

from dangjian.core.testing import make_org
from dangjian.orgs.models import AffiliationChange, Election, Organization, OrgKind, TermExtension

from .helpers import OrgTestCase, elect


class MoveFormTests(OrgTestCase):
    def move(self, user, code, **data):
        self.login_as(user)
        fields = {
            "new_parent": "B",
            "changed_on": "2025-03-01",
            "reason": "机构改革",
            "doc_number": "市直工委〔2025〕5号",
        }
        fields.update(data)
        return self.client.post(
            reverse("orgs:move", args=[code]), {f"move-{k}": v for k, v in fields.items()}, follow=True
        )

    def test_a_move_records_the_change_and_shows_it_in_the_history(self):
        r = self.move(self.w.staff, "A02")
        self.assertContains(r, "已将市财政局第二党支部调整至市教育局机关党委之下")
        moved = Organization.objects.get(code="A02")
        self.assertTrue(moved.path.startswith(Organization.objects.get(code="B").path))
        change = AffiliationChange.objects.get()
        self.assertEqual((change.from_parent_name, change.to_parent_name), ("市财政局机关党委", "市教育局机关党委"))
        self.assertEqual(change.doc_number, "市直工委〔2025〕5号")
        self.assertContains(r, "市财政局机关党委 → 市教育局机关党委")
        self.assertContains(r, "2025年3月1日")

    def test_the_moved_subtree_goes_along(self):
        group = make_org("A0201", "第二支部党小组", OrgKind.GROUP, self.w.branch_a2)
        self.move(self.w.staff, "A02")
        self.assertTrue(Organization.objects.get(pk=group.pk).path.startswith(Organization.objects.get(code="B").path))

    def test_reason_and_document_number_are_required(self):
        r = self.move(self.w.staff, "A02", reason="", doc_number="")
        self.assertContains(r, "请填写调整原因")
        self.assertContains(r, "请填写文号")
        self.assertFalse(AffiliationChange.objects.exists())

    def test_an_impossible_target_changes_nothing(self):
        before = Organization.objects.get(code="A02").path
        r = self.move(self.w.staff, "A02", new_parent="A01")  # a branch cannot hold a branch
        self.assertContains(r, "所选上级组织不存在或不在您的管理范围内")
        self.assertEqual(Organization.objects.get(code="A02").path, before)
        self.assertFalse(AffiliationChange.objects.exists())

    def test_a_stale_target_gives_a_message(self):
        r = self.move(self.w.staff, "A02", new_parent="GONE")
        self.assertContains(r, "所选上级组织不存在或不在您的管理范围内")
        self.assertFalse(AffiliationChange.objects.exists())

    def test_an_admin_cannot_move_an_organization_out_of_their_reach(self):
        r = self.move(self.w.admin_a, "A02", new_parent="B")
        self.assertContains(r, "所选上级组织不存在或不在您的管理范围内")
        self.assertFalse(AffiliationChange.objects.exists())

    def test_an_admin_of_another_organization_gets_a_recorded_404(self):
        r = self.move(self.w.admin_b, "A02", new_parent="B")
        self.assertDeniedAndRecorded(r, self.w.admin_b)
        self.assertFalse(AffiliationChange.objects.exists())

    def test_a_member_cannot_move_anything(self):
        self.assertDeniedAndRecorded(self.move(self.w.member, "A02"), self.w.member)

    def test_moving_needs_a_post(self):
        self.login_as(self.w.staff)
        self.assertEqual(self.client.get(reverse("orgs:move", args=["A02"])).status_code, 405)


class ElectionFormTests(OrgTestCase):
    def record(self, user, code, **data):
        self.login_as(user)
        return self.client.post(
            reverse("orgs:election_record", args=[code]), {f"election-{k}": v for k, v in data.items()}, follow=True
        )

    def test_an_election_is_recorded_and_listed(self):
        r = self.record(self.w.admin_a, "A01", held_on="2024-05-10", seats="5", candidates="6")
        self.assertContains(r, "已登记2024-05-10的换届选举")
        self.assertContains(r, "2024年5月10日")
        self.assertEqual(Election.objects.get().seats, 5)

    def test_too_few_candidates_are_refused_in_chinese(self):
        r = self.record(self.w.admin_a, "A01", held_on="2024-05-10", seats="5", candidates="5")
        self.assertContains(r, "候选人数应多于应选人数的20%")
        self.assertFalse(Election.objects.exists())

    def test_a_delay_needs_an_approval_document(self):
        r = self.record(self.w.staff, "A01", held_on="2024-05-10", adjustment="delayed")
        self.assertContains(r, "请填写批复文号")
        self.assertFalse(Election.objects.exists())

    def test_a_missing_date_is_refused(self):
        r = self.record(self.w.staff, "A01")
        self.assertContains(r, "请填写选举日期")
        self.assertContains(r, '<details class="mb-3" open>', html=False)


class ExtensionFormTests(OrgTestCase):
    def extend(self, user, code, **data):
        self.login_as(user)
        fields = {"approved_on": "2025-02-01", "doc_number": "市直工委〔2025〕7号", "reason": "机构改革"}
        fields.update(data)
        return self.client.post(
            reverse("orgs:term_extend", args=[code]), {f"extension-{k}": v for k, v in fields.items()}, follow=True
        )

    def test_an_approved_delay_is_recorded(self):
        elect(self.w.branch_a1, dt.date(2022, 3, 1))
        r = self.extend(self.w.admin_a, "A01", extended_to="2025-12-01")
        self.assertContains(r, "已登记延期换届批准，延期至2025-12-01")
        self.assertEqual(TermExtension.objects.get().extended_to, dt.date(2025, 12, 1))

    def test_a_delay_over_a_year_is_refused(self):
        elect(self.w.branch_a1, dt.date(2022, 3, 1))
        r = self.extend(self.w.admin_a, "A01", extended_to="2026-03-02")
        self.assertContains(r, "延期换届一般不超过1年，最迟至2026-03-01")
        self.assertFalse(TermExtension.objects.exists())

    def test_without_an_election_there_is_nothing_to_delay(self):
        r = self.extend(self.w.admin_a, "A01", extended_to="2025-12-01")
        self.assertContains(r, "该组织尚无换届记录，无法办理延期")
        self.assertFalse(TermExtension.objects.exists())
