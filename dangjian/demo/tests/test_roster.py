from __future__ import annotations

import tempfile
from pathlib import Path

from openpyxl import load_workbook

from dangjian.demo.roster import HEADERS, write_roster
from dangjian.people.models import Member

from .helpers import SeededTestCase


class RosterExportTests(SeededTestCase):
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
