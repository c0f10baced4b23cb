"""Small helpers shared by the roster tests."""

from __future__ import annotations

import datetime as dt

from dangjian.core.models import AuditEntry
from dangjian.core.testing import BaseTestCase, MemberFactory


class RosterTestCase(BaseTestCase):
    def audit(self, event: str):
        return AuditEntry.objects.filter(event=event)

    def assertDeniedAndRecorded(self, response, actor) -> None:
        """A 404 to the user, and a 'denied' line naming them on the audit trail."""
        self.assertEqual(response.status_code, 404)
        self.assertTrue(
            self.audit("denied").filter(actor=actor).exists(),
            "the refusal was not recorded on the audit trail",
        )

    def person(self, name: str, org=None, **fields):
        born = fields.pop("birth_date", dt.date(1980, 5, 17))
        return MemberFactory(name=name, org=org or self.w.branch_a1, birth_date=born, **fields)
