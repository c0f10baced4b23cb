"""What an import found and did, and reading a sheet's rows into it."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import excel
from .conf import ImportSettings
from .workbook import Sheet, open_sheet

PREVIEW_ROWS = ImportSettings.preview_rows  # the default


@dataclass(frozen=True)
class RowError:
    """One reason a row (or the whole file, when ROW is None) cannot be imported."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        where = f"第{self.row}行"
        return f"{where}【{self.column}】{self.message}" if self.column else f"{where}：{self.message}"


@dataclass
class Change:
    """A row that will create or change a record, for the preview."""

    row: int
    action: str  # "create" | "update"
    key: str  # what identifies the record: an organization code, a masked ID number
    label: str  # what a reader recognizes: a name
    fields: list[str] = field(default_factory=list)  # changed columns, for an update

    @property
    def action_label(self) -> str:
        return "新增" if self.action == "create" else "更新"


@dataclass
class ImportResult:
    kind: str  # "orgs" | "members"
    file_name: str
    dry_run: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    extra: dict[str, int] = field(default_factory=dict)  # other records touched, by Chinese label
    seconds: float = 0.0
    change_count: int | None = None  # all the changes, when only the first are kept (a background job's)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged

    @property
    def total_changes(self) -> int:
        return len(self.changes) if self.change_count is None else self.change_count

    @property
    def preview(self) -> list[Change]:
        return self.changes[: ImportSettings.current().preview_rows]

    @property
    def counts(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged, **self.extra}

    @property
    def extra_text(self) -> str:
        """The other records touched, as a phrase: '新增换届记录 3 条，新增机关单位 2 条'."""
        return "，".join(f"{label} {n} 条" for label, n in self.extra.items() if n)

    def summary(self) -> str:
        verb = "将" if self.dry_run else "已"
        text = f"{verb}新增 {self.created} 条，{verb}更新 {self.updated} 条，无变化 {self.unchanged} 条"
        return f"{text}（{self.extra_text}）" if self.extra_text else text

    def error(self, row: int | None, column: str, message: str) -> None:
        self.errors.append(RowError(row, column, message))

    def sort_errors(self) -> None:
        self.errors.sort(key=lambda e: e.row or 0)


class CellError(ValueError):
    """A cell's value is unusable; the message is a Chinese reason."""


class ImportAborted(Exception):
    """Raised inside the transaction to roll it back when a late check fails."""


@dataclass(frozen=True)
class Column:
    header: str
    required: bool = False


class SheetRows:
    """The rows of the sheet being imported, read as they are iterated (once).

    A problem found on the way (the row cap passed, a damaged part of the file) ends
    the iteration and leaves only that file-level error in the result: `failed` says so.
    PROGRESS, when given, is told every PROGRESS_EVERY rows how many were read.
    """

    PROGRESS_EVERY = 500

    def __init__(self, sheet: Sheet, result: ImportResult, progress: Callable[[int], None] | None = None):
        self._sheet = sheet
        self._result = result
        self._progress = progress
        self.sheet = sheet.sheet
        self.header_row = sheet.header_row
        self.headers = sheet.headers
        self.failed = False
        self._read = False

    @property
    def rows(self) -> SheetRows:
        """The rows themselves (callers written for the list of rows iterate `table.rows`)."""
        return self

    def __iter__(self) -> Iterator[tuple[int, tuple[Any, ...]]]:
        if self._read:  # the sheet is closed: a second loop would see no row and pass for an empty file
            raise RuntimeError("SheetRows can be iterated once")
        self._read = True
        count = 0
        try:
            for item in self._sheet:
                count += 1
                if self._progress is not None and count % self.PROGRESS_EVERY == 0:
                    self._progress(count)
                yield item
        except excel.ExcelReadError as e:
            self.failed = True
            self._result.errors[:] = [RowError(None, "", str(e))]
        finally:
            self._sheet.close()
        if self._progress is not None:
            self._progress(count)


def read_rows(
    path: str | Path,
    columns: Sequence[Column],
    result: ImportResult,
    *,
    progress: Callable[[int], None] | None = None,
) -> SheetRows | None:
    """The rows of PATH's sheet, or None with the file-level problem recorded in RESULT.

    Checked in this order before any row is read: the archive (`workbook.check_archive`:
    sizes declared inside the zip), the header row, the required columns, one data row.
    """
    try:
        sheet = open_sheet(path, {c.header for c in columns})
    except excel.ExcelReadError as e:
        result.error(None, "", str(e))
        return None
    missing = [c.header for c in columns if c.required and c.header not in sheet.headers]
    if missing:
        sheet.close()
        result.error(None, "", f"缺少必填列：{'、'.join(missing)}（表头在第{sheet.header_row}行），请使用导入模板。")
        return None
    try:
        has_data = sheet.has_data()
    except excel.ExcelReadError as e:
        sheet.close()
        result.error(None, "", str(e))
        return None
    if not has_data:
        sheet.close()
        result.error(None, "", "文件中没有数据行：表头下方没有填写任何内容。")
        return None
    return SheetRows(sheet, result, progress)


class Row:
    """One sheet row: cells by header, and the errors found in it."""

    def __init__(self, number: int, values: tuple[Any, ...], headers: Mapping[str, int], result: ImportResult):
        self.number = number
        self._values = values
        self._headers = headers
        self._result = result
        self.bad = False

    def has(self, header: str) -> bool:
        return header in self._headers

    def raw(self, header: str) -> Any:
        index = self._headers.get(header)
        if index is None or index >= len(self._values):
            return None
        return self._values[index]

    def get(self, header: str, parse: Any, *args: Any, **kwargs: Any) -> Any:
        """PARSE the cell; on a CellError record it against this row and return None."""
        try:
            return parse(self.raw(header), *args, **kwargs)
        except CellError as e:
            self.fail(header, str(e))
            return None

    def fail(self, header: str, message: str) -> None:
        self.bad = True
        self._result.error(self.number, header, message)


def timed(result: ImportResult, started: float) -> ImportResult:
    result.seconds = round(time.perf_counter() - started, 2)
    result.sort_errors()
    return result


def report_lines(result: ImportResult, *, all_changes: bool = False) -> list[str]:
    """The outcome as lines of text, for the commands."""
    mode = "（试运行：只校验，未写入任何数据）" if result.dry_run else ""
    lines = [f"文件：{result.file_name}{mode}"]
    if not result.ok:
        lines.append(f"发现 {len(result.errors)} 处错误，未导入任何数据：")
        lines.extend(f"  {e}" for e in result.errors)
        return lines
    changes = result.changes if all_changes else result.preview
    for c in changes:
        fields = f"：{'、'.join(c.fields)}" if c.fields else ""
        lines.append(f"  第{c.row}行 {c.action_label} {c.key} {c.label}{fields}")
    if len(changes) < len(result.changes):
        lines.append(f"  ……另有 {len(result.changes) - len(changes)} 行变化未列出（加 -v 2 显示全部）")
    lines.append(f"{result.summary()}。用时 {result.seconds:.2f} 秒。")
    return lines
