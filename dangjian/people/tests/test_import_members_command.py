"""manage.py import_members: exit codes, printed errors, --dry-run."""

from __future__ import annotations

import io

from django.core.management import CommandError, call_command

from dangjian.core.models import AuditEntry
from dangjian.people.models import Member

from .test_import_members import MemberImportCase, person


class ImportMembersCommandTests(MemberImportCase):
    def run_command(self, *args: str) -> tuple[str, str]:
        out, err = io.StringIO(), io.StringIO()
        call_command("import_members", *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    def test_it_imports_a_good_file_and_prints_the_counts(self):
        out, _ = self.run_command(self.xlsx([person(1), person(2)]), "--user", "staff")
        self.assertIn("已新增 2 条", out)
        self.assertEqual(Member.objects.count(), 4)
        self.assertEqual(AuditEntry.objects.get(event="import").actor, self.w.staff)

    def test_it_only_validates_with_dry_run(self):
        out, _ = self.run_command(self.xlsx([person(1)]), "--dry-run")
        self.assertIn("试运行", out)
        self.assertIn("将新增 1 条", out)
        self.assertIn("第2行 新增", out)
        self.assertEqual(Member.objects.count(), 2)
        self.assertFalse(AuditEntry.objects.filter(event="import").exists())

    def test_it_exits_non_zero_and_prints_every_error(self):
        err = io.StringIO()
        path = self.xlsx([person(1, 所在组织编码="X99"), person(2, 人员类别="群众团体")])
        with self.assertRaisesMessage(CommandError, "2 处错误"):
            call_command("import_members", path, stdout=io.StringIO(), stderr=err)
        self.assertIn("第2行【所在组织编码】", err.getvalue())
        self.assertIn("第3行【人员类别】", err.getvalue())
        self.assertEqual(Member.objects.count(), 2)

    def test_it_exits_non_zero_for_a_missing_or_broken_file(self):
        with self.assertRaisesMessage(CommandError, "文件不存在"):
            self.run_command("/nonexistent/名册.xlsx")
        path = self.xlsx([])
        with open(path, "w") as f:
            f.write("not a spreadsheet")
        err = io.StringIO()
        with self.assertRaises(CommandError):
            call_command("import_members", path, stdout=io.StringIO(), stderr=err)
        self.assertIn("不是有效的 Excel", err.getvalue())
