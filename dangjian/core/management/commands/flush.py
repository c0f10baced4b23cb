"""Django's `flush`, able to empty the append-only audit trail outside production.

The trail's database guard refuses deletes (dangjian.core.audit_guard); flushing
a development or test database must still empty it along with everything else.
In production the guard stays up and flush fails on the audit table.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError
from django.core.management.commands.flush import Command as FlushCommand
from django.db import connections

from dangjian.core import audit_upkeep


class Command(FlushCommand):
    def handle(self, **options: Any) -> None:
        if connections[options["database"]].vendor == "postgresql":
            # auditlog's own table (unused: entries go to core.AuditEntry) is no model Django
            # flushes, yet it references accounts_user: PostgreSQL truncates only with CASCADE.
            options["allow_cascade"] = True
        try:
            with audit_upkeep.lifted_for_flush(options["database"]):
                super().handle(**options)
        except PermissionError as e:
            raise CommandError(str(e)) from None
