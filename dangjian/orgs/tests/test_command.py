import datetime as dt
import io
import json

from django.core.management import CommandError, call_command

from .helpers import OrgTestCase, add_people, elect


class OrgComplianceCommandTests(OrgTestCase):
    def run_command(self, *args) -> str:
        out = io.StringIO()
        call_command("org_compliance", *args, stdout=out)
        return out.getvalue()

    def test_it_prints_json_objects_with_exactly_the_five_keys(self):
        data = json.loads(self.run_command("--format", "json", "--date", "2025-06-30"))
        self.assertTrue(data)
        for item in data:
            self.assertEqual(set(item), {"code", "org_code", "org_name", "message", "rule"})
        self.assertIn(
            {"code": "NO_SECRETARY", "org_code": "A01"}, [{k: d[k] for k in ("code", "org_code")} for d in data]
        )

    def test_it_limits_the_checks_to_a_subtree(self):
        data = json.loads(self.run_command("--org", "B", "--format", "json"))
        self.assertEqual({d["org_code"] for d in data}, {"B", "B01"})

    def test_it_checks_terms_on_the_given_date(self):
        elect(self.w.branch_b1, dt.date(2022, 3, 1))
        before = json.loads(self.run_command("--org", "B01", "--format", "json", "--date", "2025-03-01"))
        after = json.loads(self.run_command("--org", "B01", "--format", "json", "--date", "2025-03-02"))
        self.assertNotIn("TERM_OVERDUE", {d["code"] for d in before})
        self.assertIn("TERM_OVERDUE", {d["code"] for d in after})

    def test_the_table_has_chinese_columns_and_a_total(self):
        add_people(self.w.branch_b1, 1)
        out = self.run_command("--org", "B01", "--format", "table")
        self.assertIn("规则代码", out)
        self.assertIn("组织名称", out)
        self.assertIn("BRANCH_TOO_FEW_MEMBERS", out)
        self.assertIn("市教育局第一党支部", out)
        self.assertIn("依据：", out)
        self.assertRegex(out, r"共 \d+ 条问题，涉及 1 个组织")

    def test_an_unknown_organization_is_a_chinese_error_with_a_non_zero_exit(self):
        with self.assertRaises(CommandError) as caught:
            self.run_command("--org", "NOPE", "--format", "json")
        self.assertIn("未找到组织编码为“NOPE”的党组织", str(caught.exception))
        self.assertNotEqual(caught.exception.returncode, 0)

    def test_a_bad_date_is_refused(self):
        with self.assertRaisesMessage(CommandError, "日期格式不正确"):
            self.run_command("--date", "2025/06/30")
