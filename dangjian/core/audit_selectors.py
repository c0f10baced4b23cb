"""Reading the audit trail (the auditor's pages and export).

An auditor holds their role at an organization; they see the entries of its
subtree, and the entries tied to no organization (logins, lockouts, policy
changes, which concern the whole deployment).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import timezone

from dangjian.accounts.models import Role
from dangjian.orgs.models import Organization

from . import scoping, tree
from .audit import Event
from .models import AuditEntry

EXPORT_LIMIT = 50_000


def auditor_paths(user: Any) -> list[str]:
    return scoping.scope_paths(user, (Role.AUDITOR,))


def visible_entries(user: Any) -> QuerySet[AuditEntry]:
    paths = auditor_paths(user)
    if not paths:
        return AuditEntry.objects.none()
    return AuditEntry.objects.filter(Q(org__isnull=True) | tree.subtree_q(paths, "org__path"))


def event_choices() -> list[tuple[str, str]]:
    return list(Event.labels.items())


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


@dataclass(frozen=True)
class AuditFilters:
    person: str = ""
    account: str = ""
    org_code: str = ""
    event: str = ""
    date_from: str = ""
    date_to: str = ""

    @classmethod
    def from_params(cls, params: Any) -> AuditFilters:
        def get(key: str) -> str:
            return str(params.get(key) or "").strip()[:50]

        return cls(
            person=get("person"),
            account=get("account"),
            org_code=get("org"),
            event=get("event"),
            date_from=get("from"),
            date_to=get("to"),
        )

    def as_params(self) -> dict[str, str]:
        names = {"org_code": "org", "date_from": "from", "date_to": "to"}
        return {names.get(k, k): v for k, v in asdict(self).items() if v}

    def errors(self) -> list[str]:
        found = []
        if self.date_from and _date(self.date_from) is None:
            found.append("开始日期格式应为 YYYY-MM-DD。")
        if self.date_to and _date(self.date_to) is None:
            found.append("结束日期格式应为 YYYY-MM-DD。")
        if self.org_code and not Organization.objects.filter(code=self.org_code).exists():
            found.append(f"没有编码为“{self.org_code}”的组织。")
        return found


def search(user: Any, filters: AuditFilters) -> QuerySet[AuditEntry]:
    entries = visible_entries(user)
    if filters.person:
        from dangjian.people.models import Member

        member_ct = ContentType.objects.get_for_model(Member)
        ids = [
            str(pk) for pk in Member.objects.filter(name__icontains=filters.person).values_list("pk", flat=True)[:500]
        ]
        entries = entries.filter(
            Q(object_repr__icontains=filters.person) | Q(content_type=member_ct, object_pk__in=ids)
        )
    if filters.account:
        from dangjian.accounts.models import User

        user_ct = ContentType.objects.get_for_model(User)
        ids = [str(pk) for pk in User.objects.filter(username__iexact=filters.account).values_list("pk", flat=True)]
        entries = entries.filter(
            Q(actor__username__iexact=filters.account)
            | Q(content_type=user_ct, object_pk__in=ids)
            | Q(content_type=user_ct, object_repr__iexact=filters.account)
        )
    if filters.org_code:
        org = Organization.objects.filter(code=filters.org_code).first()
        entries = entries.filter(tree.subtree_q([org.path], "org__path")) if org else entries.none()
    if filters.event:
        entries = entries.filter(event=filters.event)
    tz = timezone.get_current_timezone()
    start = _date(filters.date_from)
    if start:
        entries = entries.filter(timestamp__gte=dt.datetime.combine(start, dt.time.min, tzinfo=tz))
    end = _date(filters.date_to)
    if end:
        entries = entries.filter(timestamp__lt=dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz))
    return entries.select_related("actor", "org", "content_type").order_by("-timestamp", "-pk")


def entry_for_auditor(*, request: Any, pk: Any) -> AuditEntry:
    return scoping.get_visible_or_404(
        request, visible_entries(request.user).select_related("actor", "org", "content_type"), pk=pk
    )


# --- showing an entry -----------------------------------------------------------------


def event_label(entry: AuditEntry) -> str:
    return Event.labels.get(entry.event, entry.event or entry.get_action_display())


def object_kind(entry: AuditEntry) -> str:
    model = entry.content_type.model_class() if entry.content_type_id else None
    return str(model._meta.verbose_name) if model else (entry.content_type.model if entry.content_type_id else "")


def changes_of(entry: AuditEntry) -> list[tuple[str, str, str]]:
    """(field label, from, to) of an entry's changes (auditlog already masked personal data)."""
    changes = entry.changes
    if isinstance(changes, str):  # very old auditlog rows kept JSON as text
        import json

        try:
            changes = json.loads(changes)
        except ValueError:
            return []
    if not isinstance(changes, dict):
        return []
    model = entry.content_type.model_class() if entry.content_type_id else None
    rows = []
    for name, value in changes.items():
        label = name
        if model is not None:
            try:
                label = str(model._meta.get_field(name).verbose_name)
            except Exception:  # a field since removed
                pass
        if isinstance(value, (list, tuple)) and len(value) == 2:
            old, new = value
        else:
            old, new = "", value
        rows.append((label, _shown(old), _shown(new)))
    return rows


def _shown(value: Any) -> str:
    if value is None or value == "None":
        return "—"
    return str(value)


def summary(entry: AuditEntry) -> str:
    """One line for lists and the export: what changed, or the event's own details."""
    changed = changes_of(entry)
    if changed:
        return "；".join(f"{label}：{old} → {new}" for label, old, new in changed)
    data = entry.additional_data or {}
    if isinstance(data, dict) and data:
        return "；".join(f"{k}={v}" for k, v in data.items() if k not in ("lookup",))
    return ""
