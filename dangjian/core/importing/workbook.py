"""Opening an uploaded .xlsx safely: the archive first, then the header row, then the rows one by one.

An .xlsx is a zip of XML files, and a zip declares in its directory how large
each file will be once inflated. `check_archive` reads only that directory and
refuses, before anything is decompressed, a file that is not a zip, has too
many members, or declares members (or a total) larger than the limits in
`ImportSettings` or inflating far more than an office file does: a 1.3 MB
"zip bomb" declaring 330 MB of XML is refused in milliseconds. Python's zipfile
never inflates a member past its declared size (a lying size fails its CRC
check), so what openpyxl later reads is bounded by what was checked here.

`open_sheet` then finds the header row among the first rows of a sheet and
hands the rows below it out one at a time (`xlsxread`: values only, as
openpyxl's read-only mode gives them, at a fraction of its cost), counting
them: the file is refused as soon as it passes the row cap, without reading
the rest.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import Any

from ..excel import ExcelReadError, check_signature, normalize_header
from .conf import ImportSettings
from .xlsxread import Workbook

MB = 1024 * 1024
DAMAGED = "文件已损坏或不是有效的 Excel（.xlsx）文件，无法读取。"
UNREADABLE = "文件内容已损坏，无法读取，请在 Excel 中重新保存后再导入。"


class TooManyRows(ExcelReadError):
    """The sheet holds more data rows than one import takes."""


def _mb(size: int) -> str:
    return f"{size / MB:.0f} MB" if size >= 10 * MB else f"{size / MB:.1f} MB"


def check_archive(path: str | Path, limits: ImportSettings | None = None) -> None:
    """Refuse PATH unless it is an .xlsx whose declared contents stay within LIMITS (nothing is inflated)."""
    limits = limits or ImportSettings.current()
    check_signature(path)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    # NotImplementedError: a directory naming a zip version or feature Python does not read ("zip file version 8.4").
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise ExcelReadError(DAMAGED) from None
    if len(infos) > limits.max_members:
        raise ExcelReadError(
            f"文件结构异常：包含 {len(infos)} 个内部文件，超过上限 {limits.max_members} 个，"
            "不像是正常的 Excel 表格，未导入任何数据。"
        )
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise ExcelReadError("文件不是 Excel 表格（.xlsx），可能是其他格式的压缩包，请使用导入模板填写后上传。")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ExcelReadError("文件已加密，无法读取；请在 Excel 中取消密码保护后重新保存再导入。")
        if info.file_size > limits.max_member_bytes:
            raise ExcelReadError(
                f"文件解压后过大：其中的 {info.filename} 解压后约 {_mb(info.file_size)}，"
                f"超过单个部分 {_mb(limits.max_member_bytes)} 的上限，可能是损坏或恶意构造的文件，未导入任何数据。"
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_floor_bytes and ratio > limits.max_compression_ratio:
            raise ExcelReadError(
                f"文件压缩比异常：其中的 {info.filename} 由 {_mb(info.compress_size)} 解压为 {_mb(info.file_size)}"
                f"（{ratio:.0f} 倍，上限 {limits.max_compression_ratio} 倍），可能是恶意构造的文件，未导入任何数据。"
            )
        total += info.file_size
    if total > limits.max_total_bytes:
        raise ExcelReadError(
            f"文件解压后过大：共约 {_mb(total)}，超过 {_mb(limits.max_total_bytes)} 的上限，"
            "可能是损坏或恶意构造的文件，未导入任何数据。"
        )


# A <row> start tag, with or without a namespace prefix (<x:row r="2">), at most _ROW_TAIL bytes long.
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,19}:)?row[\s>/]")
_ROW_TAIL = 32


def estimate_rows(path: str | Path) -> int:
    """About how many rows the fullest sheet of PATH has (its <row> elements), reading no cell.

    Cheap (one pass of inflating, no parsing): it decides whether an import runs in
    the background and is the total of its progress bar. Call after `check_archive`.
    """
    most = 0
    try:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
                    continue
                count, tail = 0, b""
                with zf.open(info) as member:
                    for block in iter(lambda: member.read(1 << 20), b""):
                        chunk = tail + block
                        cut = max(len(chunk) - _ROW_TAIL, 0)  # a tag starting past CUT is counted with the next block
                        count += sum(1 for m in _ROW_TAG.finditer(chunk) if m.start() < cut)
                        tail = chunk[cut:]
                count += len(_ROW_TAG.findall(tail))
                most = max(most, count)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return 0
    return most


class Sheet:
    """The header of one sheet and, iterated once, its non-blank rows below it as (Excel row number, values)."""

    def __init__(
        self,
        *,
        title: str,
        header_row: int,
        headers: dict[str, int],
        first: list[tuple[int, tuple[Any, ...]]],
        rest: Iterator[tuple[int, tuple[Any, ...]]],
        close: Callable[[], None],
        max_rows: int,
    ):
        self.sheet = title
        self.header_row = header_row
        self.headers = headers
        self._first = first  # rows read while looking for the header (and the first data row)
        self._rest = rest
        self._close = close
        self.max_rows = max_rows
        self.count = 0

    def __iter__(self) -> Iterator[tuple[int, tuple[Any, ...]]]:
        try:
            for number, values in self._first:
                if number > self.header_row and _filled(values):
                    yield self._counted(number, values)
            try:
                for number, values in self._rest:
                    if _filled(values):
                        yield self._counted(number, values)
            except ExcelReadError:
                raise
            except Exception:  # a damaged part of the sheet: zip, XML and value errors alike
                raise ExcelReadError(UNREADABLE) from None
        finally:
            self.close()

    def _counted(self, number: int, values: tuple[Any, ...]) -> tuple[int, tuple[Any, ...]]:
        self.count += 1
        if self.count > self.max_rows:
            raise TooManyRows(
                f"文件的数据行超过 {self.max_rows} 行的上限（第{number}行已是第 {self.count} 条数据），"
                f"未导入任何数据。请把数据拆分为每个文件不超过 {self.max_rows} 行后分别导入。"
            )
        return number, values

    def has_data(self) -> bool:
        """Whether a non-blank row follows the header (reads ahead to the first one, keeping it)."""
        if any(n > self.header_row and _filled(v) for n, v in self._first):
            return True
        try:
            for number, values in self._rest:
                self._first.append((number, values))
                if _filled(values):
                    return True
        except Exception:
            raise ExcelReadError(UNREADABLE) from None
        return False

    def close(self) -> None:
        self._close()


def _filled(values: tuple[Any, ...]) -> bool:
    return any(c is not None and (not isinstance(c, str) or c.strip() != "") for c in values)


def open_sheet(
    path: str | Path, known: Collection[str], *, scan_rows: int = 5, limits: ImportSettings | None = None
) -> Sheet:
    """The first sheet of PATH whose header row (within its first SCAN_ROWS rows) names KNOWN columns.

    The header row is the one naming the most known columns, so a title row above it
    is skipped. The archive is checked first (`check_archive`). Raises ExcelReadError.
    """
    limits = limits or ImportSettings.current()
    check_archive(path, limits)
    try:
        wb = Workbook(path)
    except Exception:  # zip, XML and key errors alike for a damaged file
        raise ExcelReadError(DAMAGED) from None
    try:
        worksheets = wb.sheets
        for ref in worksheets:
            found = _header(wb.rows(ref), known, scan_rows)
            if found is not None:
                header_row, headers, first, rest = found
                return Sheet(
                    title=ref.title, header_row=header_row, headers=headers, first=first, rest=rest,
                    close=wb.close, max_rows=limits.max_rows,
                )  # fmt: skip
    except ExcelReadError:
        wb.close()
        raise
    except Exception:
        wb.close()
        raise ExcelReadError(UNREADABLE) from None
    wb.close()
    if not worksheets:
        raise ExcelReadError("文件中没有工作表。")
    sample = "、".join(list(known)[:3])
    raise ExcelReadError(f"未找到表头：前{scan_rows}行中没有“{sample}”等列名，请使用导入模板填写。")


def _header(
    rows: Iterator[tuple[int, tuple[Any, ...]]], known: Collection[str], scan_rows: int
) -> tuple[int, dict[str, int], list[tuple[int, tuple[Any, ...]]], Iterator[tuple[int, tuple[Any, ...]]]] | None:
    """The header row among the first SCAN_ROWS rows: the one naming the most KNOWN columns."""
    best: tuple[int, int, tuple[Any, ...]] | None = None  # (matches, row number, values)
    head: list[tuple[int, tuple[Any, ...]]] = []
    for number, values in rows:
        if number > scan_rows:
            head.append((number, values))  # the first row below the scanned ones: data, kept
            break
        head.append((number, values))
        matches = sum(1 for v in values if normalize_header(v) in known)
        if matches and (best is None or matches > best[0]):
            best = (matches, number, values)
    if best is None:
        return None
    _, header_row, header_values = best
    headers: dict[str, int] = {}
    for index, value in enumerate(header_values):
        name = normalize_header(value)
        if name and name not in headers:
            headers[name] = index
    return header_row, headers, head, rows
