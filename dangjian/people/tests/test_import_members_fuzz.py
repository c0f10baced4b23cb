"""Fuzzing the roster import with malformed workbooks: a Chinese error every time, never a traceback,
nothing written (issue 16 §3). Bounded examples, so it takes seconds."""

from __future__ import annotations

import os
import tempfile

from dangjian.core.models import AuditEntry
from dangjian.core.tests.fuzz_workbooks import assert_clear_refusal, broken_files, damaged_files, fuzz, workbooks
from dangjian.people.importing import import_members_file, template_bytes
from dangjian.people.models import Member, Post, Transfer

from .test_import_members import HEADERS, MemberImportCase, person

VALID = template_bytes()


class MemberImportFuzzTests(MemberImportCase):
    def import_bytes(self, content: bytes):
        fd, path = tempfile.mkstemp(suffix=".xlsx")
        os.write(fd, content)
        os.close(fd)
        try:
            return import_members_file(path, scope_user=self.w.admin_a, actor=self.w.admin_a)
        finally:
            os.unlink(path)

    def counts(self) -> tuple[int, ...]:
        return (Member.objects.count(), Post.objects.count(), Transfer.objects.count(), AuditEntry.objects.count())

    def check(self, content: bytes) -> None:
        before = self.counts()
        result = self.import_bytes(content)
        if not result.ok:
            assert_clear_refusal(self, result)
            self.assertEqual(self.counts(), before)

    def test_malformed_workbooks_get_a_clear_refusal(self):
        rows = [person(1), person(2, 党内职务="委员", 任职日期="2021-06-30")]
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
