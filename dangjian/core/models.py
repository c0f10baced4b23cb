from __future__ import annotations

from typing import Any

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.db import models

_EVENTS = {0: "create", 1: "update", 2: "delete", 3: "access"}


def _org_id_of(instance: Any) -> int | None:
    """The organization a record belongs to, for searching the trail by it.

    Models say so with an `audit_org_id` property; organizations are their own.
    """
    if hasattr(instance, "audit_org_id"):
        return instance.audit_org_id
    return None


def _event_of(instance: Any, action: Any) -> str:
    """The event name: the model's own word for it (`audit_events`, e.g. role_granted) or create/update/delete."""
    own = getattr(instance, "audit_events", None) or {}
    return own.get(action) or _EVENTS.get(action, "")


class AuditEntryManager(LogEntryManager):
    def log_create(self, instance, force_log: bool = False, **kwargs):
        kwargs.setdefault("org_id", _org_id_of(instance))
        kwargs.setdefault("event", _event_of(instance, kwargs.get("action")))
        return super().log_create(instance, force_log=force_log, **kwargs)

    def log_m2m_changes(self, changed_queryset, instance, operation, field_name, **kwargs):
        kwargs.setdefault("org_id", _org_id_of(instance))
        kwargs.setdefault("event", "update")
        return super().log_m2m_changes(changed_queryset, instance, operation, field_name, **kwargs)


class AuditEntry(AbstractLogEntry):
    """One line of the audit trail.

    auditlog fills the change fields for create/update/delete of registered
    models; `core.audit` adds the events auditlog does not know (logins,
    denials, exports, reveals, imports). `event` names the kind either way, and
    `org` is the organization the record belongs to, so the auditor can search
    by it. No foreign-key constraint on `org`: entries outlive what they name.

    Append-only: database triggers (migration 0002, core.audit_guard) refuse
    every UPDATE and every DELETE except those of `manage.py prune_audit`.
    """

    event = models.CharField("事件", max_length=32, db_index=True, blank=True)
    org = models.ForeignKey(
        "orgs.Organization",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
    )

    objects = AuditEntryManager()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = "审计记录"
        verbose_name_plural = "审计记录"


from .importing.models import ImportJob  # noqa: E402  (the background imports' model lives with the imports)

__all__ = ["AuditEntry", "AuditEntryManager", "ImportJob"]
