"""The web pages and the command of an Excel import, shared by every import.

An app describes its import once (`ImportSpec`) and gets the three pages
(upload → preview, confirm, template download) with `import_urlpatterns(spec)`,
and its management command by subclassing `ImportCommand`.
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
from django.urls import URLPattern, path
from django.views.decorators.http import require_POST

from dangjian.core import excel, scoping

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

    @property
    def page_url(self) -> str:
        return f"{self.url_namespace}:import"

    def allow(self, request: HttpRequest) -> None:
        """A recorded 404 for anyone who may not import."""
        if not self.may_import(request.user):
            raise scoping.deny(request, self.model, {"page": self.page_url}, exists=True)


def import_urlpatterns(spec: ImportSpec, prefix: str = "import/") -> list[URLPattern]:
    """The routes import, import_confirm and import_template under PREFIX."""

    @login_required
    def import_page(request: HttpRequest) -> HttpResponse:
        spec.allow(request)
        context: dict[str, Any] = {"nav": spec.nav}
        if request.method == "POST":
            context.update(check_upload(request, spec.kind, spec.import_file))
        return render(request, spec.template_name, context)

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

    return [
        path(prefix, import_page, name="import"),
        path(f"{prefix}confirm/", import_confirm, name="import_confirm"),
        path(f"{prefix}template.xlsx", import_template, name="import_template"),
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
