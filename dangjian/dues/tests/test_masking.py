"""Personal bases: masked for everyone but the member, the branch's keeper and committee staff;
shown to those on request, and every reveal and every export of the bases is on the audit trail."""

import io

from openpyxl import load_workbook

from dangjian.core.models import AuditEntry
from dangjian.core.testing import make_user
from dangjian.dues import services

from .helpers import YEAR, DuesTestCase, declare, pay

BASE = "7654.32"


class MaskingTests(DuesTestCase):
    def setUp(self):
        super().setUp()
        declare(self.w.person_a, BASE)
        pay(self.w.person_a, [1, 2])
        self.keeper = make_user("keeper", person=self.a1_second)
        services.keeper_appoint(org=self.w.branch_a1, user=self.keeper, by=self.w.admin_a)
        self.sheet = f"/dues/sheet/?org=A01&year={YEAR}"

    def reveals(self):
        return AuditEntry.objects.filter(event="reveal").count()

    def test_the_organizations_administrator_sees_the_sheet_masked_and_may_not_reveal(self):
        self.login_as(self.w.admin_a)
        response = self.client.get(self.sheet)
        self.assertNotContains(response, BASE)
        self.assertContains(response, "****")
        self.assertNotContains(response, "显示缴费基数")
        self.assertEqual(self.client.post("/dues/sheet/reveal/", {"org": "A01", "year": YEAR}).status_code, 404)
        self.assertEqual(self.client.post(f"/dues/members/{self.w.person_a.pk}/reveal/", {"year": YEAR}).status_code,
                         404)  # fmt: skip
        self.assertEqual(self.reveals(), 0)

    def test_the_keeper_and_committee_staff_reveal_and_each_reveal_is_audited(self):
        for user in (self.keeper, self.w.staff):
            self.login_as(user)
            response = self.client.get(self.sheet)
            self.assertNotContains(response, BASE)
            self.assertContains(response, "显示缴费基数")
            before = self.reveals()
            response = self.client.post("/dues/sheet/reveal/", {"org": "A01", "year": YEAR})
            self.assertContains(response, BASE)
            self.assertEqual(self.reveals(), before + 1)
            response = self.client.post(f"/dues/members/{self.w.person_a.pk}/reveal/", {"year": YEAR})
            self.assertContains(response, BASE)
            self.assertEqual(self.reveals(), before + 2)

    def test_the_keeper_of_one_branch_cannot_reach_another(self):
        self.login_as(self.keeper)
        self.assertEqual(self.client.get(f"/dues/sheet/?org=A02&year={YEAR}").status_code, 404)
        self.assertEqual(self.client.get(f"/dues/members/{self.a2_member.pk}/").status_code, 404)
        self.assertEqual(self.client.get(f"/dues/members/{self.w.person_a.pk}/?year={YEAR}").status_code, 200)

    def test_the_member_sees_their_own_base(self):
        self.login_as(self.w.member)
        response = self.client.get(f"/dues/mine/?year={YEAR}")
        self.assertContains(response, BASE)
        self.assertEqual(self.client.get(self.sheet).status_code, 404)

    def export(self, user):
        self.login_as(user)
        response = self.client.get(self.sheet + "&export=xlsx")
        self.assertEqual(response.status_code, 200)
        wb = load_workbook(io.BytesIO(response.content))
        ws = wb.worksheets[0]
        return [list(r) for r in ws.iter_rows(values_only=True)]

    def test_exports_mask_bases_for_the_administrator_show_them_to_staff_and_are_audited(self):
        masked = self.export(self.w.admin_a)
        self.assertEqual(masked[1][:6], ["序号", "姓名", "人员类别", "缴费基数（元/月）", "缴纳比例", "每月应缴（元）"])
        self.assertEqual(masked[2][1], "张建国")
        self.assertEqual(masked[2][3], "****")
        self.assertEqual(masked[2][6:9], [114.81, 114.81, None])
        shown = self.export(self.w.staff)
        self.assertEqual(str(shown[2][3]), BASE)
        exports = AuditEntry.objects.filter(event="export").order_by("id")
        self.assertEqual([e.additional_data["bases"] for e in exports], ["masked", "shown"])

    def test_a_party_committees_export_has_a_sheet_per_branch(self):
        declare(self.a2_member, "3000")
        self.login_as(self.w.staff)
        response = self.client.get(f"/dues/sheet/?org=A&year={YEAR}&export=xlsx")
        wb = load_workbook(io.BytesIO(response.content))
        self.assertEqual(wb.sheetnames, ["市财政局第一党支部", "市财政局第二党支部"])
        ws = wb["市财政局第二党支部"]
        self.assertEqual([c.value for c in ws[3]][1], "赵志刚")
        self.assertEqual(len(list(ws[2])), 19)  # member, base, rate, dues, 12 months, total
