"""The web pages and the command of an Excel import, shared by every import.

An app describes its import once (`ImportSpec`) and gets the pages (upload →
preview, confirm, template download, and a big file's background job: its
progress, confirmation and error report) with `import_urlpatterns(spec)`, and
its management command by subclassing `ImportCommand`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_POST

from dangjian.accounts.http import AuthedRequest
from dangjian.core import excel, scoping
from dangjian.core.web import xlsx_download

from . import jobs
from .models import ImportJob
from .result import ImportResult, report_lines
from .staging import StagingError, check_upload, confirm_upload


@dataclass(frozen=True)
class ImportSpec:
    kind: str  # the key under which the upload is staged in the session
    label: str  # what is imported, in Chinese: "党组织", "人员名册"
    import_file: Callable[..., ImportResult]
    template_bytes: Callable[[], bytes]
    template_name: str  # the page's template
    url_namespace: str  # the app's URL namespace, for redirects to its import page
    may_import: Callable[[Any], bool]  # who may import (the menu shows the page to exactly them)
    model: type[Model]  # what is imported: the target of a refused visit's audit entry
    nav: str = "import"
    key_label: str = "编码"  # what identifies a record in the preview: "组织编码", "身份证号"

    @property
    def page_url(self) -> str:
        return f"{self.url_namespace}:import"

    def allow(self, request: HttpRequest) -> None:
        """A recorded 404 for anyone who may not import."""
        if not self.may_import(request.user):
            raise scoping.deny(request, self.model, {"page": self.page_url}, exists=True)


def import_urlpatterns(spec: ImportSpec, prefix: str = "import/") -> list[URLPattern]:
    """The routes import, import_confirm, import_template and import_job* under PREFIX."""

    def start_job(request: AuthedRequest) -> Callable[[Any], ImportJob | None]:
        return lambda staged: jobs.start_if_big(
            request=request, kind=spec.kind, importer=spec.import_file, staged=staged
        )

    @login_required
    def import_page(request: AuthedRequest) -> HttpResponse:
        spec.allow(request)
        context: dict[str, Any] = {"nav": spec.nav}
        if request.method == "POST":
            context.update(check_upload(request, spec.kind, spec.import_file, start_job=start_job(request)))
            if "job" in context:
                return redirect(f"{spec.url_namespace}:import_job", job=context["job"].pk)
        context["recent_jobs"] = recent_jobs(request)
        return render(request, spec.template_name, context)

    def recent_jobs(request: AuthedRequest) -> list[dict[str, Any]]:
        """The uploader's last background jobs of this kind, so a stopped one is seen and started again."""
        found = ImportJob.objects.filter(kind=spec.kind, user_id=request.user.pk)[: jobs.RECENT_JOBS]
        return [
            {
                "job": jobs.interrupt_if_stale(job),
                "url": reverse(f"{spec.url_namespace}:import_job", kwargs={"job": job.pk}),
            }
            for job in found
        ]

    @login_required
    @require_POST
    def import_confirm(request: HttpRequest) -> HttpResponse:
        spec.allow(request)
        try:
            result = confirm_upload(request, spec.kind, spec.import_file)
        except StagingError as e:
            messages.error(request, str(e))
            return redirect(spec.page_url)
        if not result.ok:
            return render(request, spec.template_name, {"nav": spec.nav, "result": result})
        messages.success(request, f"{spec.label}导入完成：{result.summary()}。")
        return redirect(spec.page_url)

    @login_required
    def import_template(request: HttpRequest) -> HttpResponse:
        spec.allow(request)
        return excel.xlsx_response(f"{spec.label}导入模板.xlsx", spec.template_bytes())

    def own_job(request: AuthedRequest, job: Any) -> ImportJob:
        """The uploader's own job of this kind; anyone else's reads as missing."""
        spec.allow(request)
        found = ImportJob.objects.filter(pk=job, kind=spec.kind, user_id=request.user.pk).first()
        if found is None:
            exists = ImportJob.objects.filter(pk=job).exists()
            raise scoping.deny(request, ImportJob, {"job": job}, exists=exists)
        return jobs.interrupt_if_stale(found)

    def job_context(job: ImportJob) -> dict[str, Any]:
        ns = spec.url_namespace
        return {
            "nav": spec.nav,
            "job": job,
            "label": spec.label,
            "key_label": spec.key_label,
            "result": jobs.result_from_json(job.outcome),
            "page_url": reverse(spec.page_url),
            "status_url": reverse(f"{ns}:import_job_status", kwargs={"job": job.pk}),
            "confirm_url": reverse(f"{ns}:import_job_confirm", kwargs={"job": job.pk}),
            "errors_url": reverse(f"{ns}:import_job_errors", kwargs={"job": job.pk}),
            "token": "job" if job.status == ImportJob.Status.CHECKED else "",
        }

    @login_required
    def import_job(request: AuthedRequest, job: Any) -> HttpResponse:
        return render(request, "core/import_job.html", job_context(own_job(request, job)))

    @login_required
    def import_job_status(request: AuthedRequest, job: Any) -> HttpResponse:
        """The progress bar while the worker runs; once it stops, htmx reloads the page to show the outcome."""
        found = own_job(request, job)
        if found.running:
            return render(request, "core/import_job_status.html", job_context(found))
        response = HttpResponse("")
        response["HX-Refresh"] = "true"
        return response

    @login_required
    @require_POST
    def import_job_confirm(request: AuthedRequest, job: Any) -> HttpResponse:
        found = own_job(request, job)
        try:
            jobs.confirm_job(job=found)
        except StagingError as e:
            messages.error(request, str(e))
            return redirect(spec.page_url)
        return redirect(f"{spec.url_namespace}:import_job", job=found.pk)

    @login_required
    def import_job_errors(request: AuthedRequest, job: Any) -> HttpResponse:
        """The errors per row as an .xlsx, to fix the file by."""
        found = own_job(request, job)
        result = jobs.result_from_json(found.outcome)
        rows = [(e.row or "", e.column, e.message) for e in (result.errors if result else [])]
        return xlsx_download(
            request,
            title=f"{spec.label}导入错误报告",
            headers=["行号", "列", "原因"],
            rows=rows,
            target=spec.model,
            personal=True,  # the errors name people (masked IDs, names)
        )

    return [
        path(prefix, import_page, name="import"),
        path(f"{prefix}confirm/", import_confirm, name="import_confirm"),
        path(f"{prefix}template.xlsx", import_template, name="import_template"),
        path(f"{prefix}jobs/<uuid:job>/", import_job, name="import_job"),
        path(f"{prefix}jobs/<uuid:job>/status/", import_job_status, name="import_job_status"),
        path(f"{prefix}jobs/<uuid:job>/confirm/", import_job_confirm, name="import_job_confirm"),
        path(f"{prefix}jobs/<uuid:job>/errors.xlsx", import_job_errors, name="import_job_errors"),
    ]


class ImportCommand(BaseCommand):
    """`manage.py import_x FILE.xlsx [--dry-run] [--user NAME]`; set `import_file` and `what`."""

    what = "数据"  # shown in the help: "党组织", "人员"
    import_file: Callable[..., ImportResult]

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=f"{self.what}表（.xlsx），表头见导入模板")
        parser.add_argument("--dry-run", action="store_true", help=f"只校验并列出将新增/更新的{self.what}，不写入")
        parser.add_argument("--user", help="记入审计日志的操作人账号")

    def handle(self, *args: Any, **options: Any) -> None:
        file = Path(options["file"])
        if not file.is_file():
            raise CommandError(f"文件不存在：{file}")
        actor = _user(options.get("user"))
        result = type(self).import_file(file, actor=actor, dry_run=options["dry_run"])
        for line in report_lines(result, all_changes=options["verbosity"] >= 2):
            (self.stdout if result.ok else self.stderr).write(line)
        if not result.ok:
            raise CommandError(f"导入失败：{len(result.errors)} 处错误，未导入任何数据。")


def _user(username: str | None) -> Any:
    if not username:
        return None
    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        raise CommandError(f"账号不存在：{username}") from None
