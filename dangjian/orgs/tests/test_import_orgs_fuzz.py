"""Fuzzing the organization import with malformed workbooks: a Chinese error every time, never a
traceback, nothing written (issue 16 §3). Bounded examples, so it takes seconds."""

from __future__ import annotations

import os
import tempfile

from dangjian.core.models import AuditEntry
from dangjian.core.tests.fuzz_workbooks import assert_clear_refusal, broken_files, damaged_files, fuzz, workbooks
from dangjian.orgs.importing import import_orgs_file, template_bytes
from dangjian.orgs.models import Election, Organization, Unit

from .test_import_orgs import HEADERS, OrgImportCase, org_row

VALID = template_bytes()


class OrgImportFuzzTests(OrgImportCase):
    def import_bytes(self, content: bytes):
        fd, path = tempfile.mkstemp(suffix=".xlsx")
        os.write(fd, content)
        os.close(fd)
        try:
            return import_orgs_file(path, scope_user=self.w.staff, actor=self.w.staff)
        finally:
            os.unlink(path)

    def counts(self) -> tuple[int, ...]:
        return tuple(m.objects.count() for m in (Organization, Election, Unit, AuditEntry))

    def check(self, content: bytes) -> None:
        before = self.counts()
        result = self.import_bytes(content)
        if not result.ok:
            assert_clear_refusal(self, result)
            self.assertEqual(self.counts(), before)

    def test_malformed_workbooks_get_a_clear_refusal(self):
        rows = [
            org_row("A09", "新支部", "党支部", "A", 成立日期="2020-01-01", 本届选举日期="2023-01-01"),
            org_row("A0901", "第一党小组", "党小组", "A09"),
        ]
        fuzz(workbooks(HEADERS, rows), self.check)

    def test_files_that_are_no_workbook_get_a_clear_refusal(self):
        def check(content: bytes) -> None:
            before = self.counts()
            result = self.import_bytes(content)
            self.assertFalse(result.ok)
            assert_clear_refusal(self, result)
            self.assertEqual(self.counts(), before)

        fuzz(broken_files(VALID), check)

    def test_damaged_files_get_a_clear_refusal_unless_still_readable(self):
        fuzz(damaged_files(VALID), self.check)
