"""The auditor's pages: search the audit trail, read one entry, export to .xlsx.

Only the auditor (审计管理员) reaches them; everyone else gets a recorded 404.
The export is itself an audit entry.
"""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode

from .. import audit, audit_selectors, excel, scoping
from ..models import AuditEntry
from ..web import paginate

PAGE_SIZE = 50


def _require_auditor(request: HttpRequest, page: str) -> None:
    if not audit_selectors.auditor_paths(request.user):
        raise scoping.deny(request, AuditEntry, {"page": page}, exists=True)


@login_required
def entry_list(request: HttpRequest) -> HttpResponse:
    _require_auditor(request, "audit")
    filters = audit_selectors.AuditFilters.from_params(request.GET)
    errors = filters.errors()
    entries = audit_selectors.search(request.user, filters) if not errors else AuditEntry.objects.none()
    page = paginate(request, entries, PAGE_SIZE)
    return render(
        request,
        "core/audit_list.html",
        {
            "nav": "audit",
            "filters": filters,
            "errors": errors,
            "page": page,
            "rows": [
                (e, audit_selectors.event_label(e), audit_selectors.object_kind(e), audit_selectors.summary(e))
                for e in page.object_list
            ],
            "event_choices": audit_selectors.event_choices(),
            "export_query": urlencode(filters.as_params()),
        },
    )


@login_required
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_auditor(request, "audit_detail")
    entry = audit_selectors.entry_for_auditor(request=request, pk=pk)
    return render(
        request,
        "core/audit_detail.html",
        {
            "nav": "audit",
            "entry": entry,
            "event_label": audit_selectors.event_label(entry),
            "object_kind": audit_selectors.object_kind(entry),
            "changes": audit_selectors.changes_of(entry),
            "data": json.dumps(entry.additional_data, ensure_ascii=False, indent=2) if entry.additional_data else "",
        },
    )


@login_required
def export(request: HttpRequest) -> HttpResponse:
    _require_auditor(request, "audit_export")
    filters = audit_selectors.AuditFilters.from_params(request.GET)
    entries = audit_selectors.search(request.user, filters) if not filters.errors() else AuditEntry.objects.none()
    rows = []
    for e in entries[: audit_selectors.EXPORT_LIMIT]:
        rows.append(
            (
                timezone.localtime(e.timestamp).strftime("%Y-%m-%d %H:%M:%S"),
                e.actor.username if e.actor else "",
                str(e.actor) if e.actor else "",
                e.remote_addr or "",
                audit_selectors.event_label(e),
                audit_selectors.object_kind(e),
                e.object_repr,
                e.org.name if e.org_id and e.org else "",
                audit_selectors.summary(e),
                e.pk,
            )
        )
    audit.record(
        audit.Event.EXPORT,
        request=request,
        target=AuditEntry,
        object_pk="",
        object_repr="导出审计日志",
        data={"filters": filters.as_params(), "rows": len(rows)},
    )
    content = excel.workbook_bytes(
        ["时间", "账号", "姓名", "来源地址", "事件", "对象类型", "对象", "所属组织", "内容", "记录编号"],
        rows,
        title="审计日志",
    )
    return excel.xlsx_response(f"审计日志-{timezone.localdate():%Y%m%d}.xlsx", content)
