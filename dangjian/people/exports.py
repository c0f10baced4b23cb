"""The roster export: the import template's columns, streamed, ready to be edited and imported back.

12,000 people are written as they are read: the response starts at once (the
browser's download shows it growing) and the whole file takes about a second.
The sheet is the import template's (`importing.cells.COLUMNS`): the same headers
in the same order, the ID and phone columns formatted as text (so that Excel keeps
every digit), and drop-down lists (data validation) for 性别, 人员类别, 学历, 职级
and 所在组织编码, the codes on a hidden sheet (the exporter's organizations).

ID and phone numbers are masked unless the exporter asks for full numbers and may
reveal them (`may_export_full_numbers`); such an export is on the audit trail as
one (the view records every export, with `personal_data`).

The workbook is plain SpreadsheetML written here (openpyxl holds every cell in
memory and takes seconds for a roster); cells that look like a formula are
neutralized as core.excel does.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from typing import Any
from xml.sax.saxutils import escape

from django.db.models import F, QuerySet

from dangjian.core import crypto, scoping
from dangjian.core.excel import neutralize
from dangjian.orgs.models import Organization

from .importing.cells import COLUMNS
from .models import CadreRank, Education, Gender, Member, Post, Status

HEADERS = tuple(c.header for c in COLUMNS)
SHEET_TITLE = "人员名册"
LISTS_TITLE = "选项"
# Validation reaches this far below the data, so that added rows get the drop-downs too
# (the import takes at most 20,000 rows).
VALIDATED_ROWS = 20_001
BATCH = 2000  # rows read from the database at a time
TEXT_COLUMNS = {"身份证号", "手机号", "所在组织编码"}
DATE_COLUMNS = {"出生日期", "入党日期", "任职日期"}
WIDTHS = {"姓名": 10, "身份证号": 22, "手机号": 14, "工作单位": 22, "职务": 16, "所在组织编码": 14, "党内职务": 14}
EXCEL_EPOCH = dt.date(1899, 12, 30)


def may_export_full_numbers(user: Any) -> bool:
    """Whoever may reveal the ID numbers of every person they can export: the roster's own administrators.

    The export holds only people of the exporter's subtrees, and `can_reveal_personal_data`
    lets committee staff and organization administrators reveal those.
    """
    return scoping.can_see_orgs(user)


# --- rows -------------------------------------------------------------------------------


def _posts_by_member(ids: list[int]) -> dict[int, tuple[str, dt.date]]:
    """Current posts held in the person's own organization: '书记、委员' and the earliest start."""
    labels = dict(Post._meta.get_field("title").choices or ())  # type: ignore[arg-type]
    found: dict[int, tuple[list[str], dt.date]] = {}
    rows = (
        Post.objects.filter(member_id__in=ids, ended_on__isnull=True)
        .filter(org_id=F("member__org_id"))
        .values_list("member_id", "title", "started_on")
        .order_by("member_id", "started_on", "title")
    )
    for member_id, title, started in rows:
        titles, first = found.setdefault(member_id, ([], started))
        titles.append(str(labels.get(title, title)))
        found[member_id] = (titles, min(first, started))
    return {m: ("、".join(t), s) for m, (t, s) in found.items()}


def roster_rows(members: QuerySet[Member], *, full_numbers: bool) -> Iterator[tuple[Any, ...]]:
    """Each person as a row of the import template, read BATCH at a time (plain values, no model instances)."""
    gender = dict(Gender.choices)
    education = dict(Education.choices)
    rank = dict(CadreRank.choices)
    status = dict(Status.choices)
    fields = ["pk", "name", "gender", "ethnicity", "birth_date"]
    fields += ["id_number_enc", "phone_enc"] if full_numbers else ["id_number_masked", "phone_masked"]
    fields += ["education", "unit__name", "job_title", "cadre_rank", "status", "joined_party_on", "org__code"]
    ordered = members.order_by("org__path", "name_initials", "pk")
    ids = list(ordered.values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        posts = _posts_by_member(chunk)
        by_pk = {row[0]: row for row in Member.objects.filter(pk__in=chunk).values_list(*fields)}
        for pk in chunk:
            row = by_pk.get(pk)
            if row is None:  # gone since the count
                continue
            (_, name, sex, ethnicity, born, id_number, phone, edu, unit, job, cadre, kind, joined, org_code) = row
            if full_numbers:
                id_number = crypto.decrypt(id_number)
                phone = crypto.decrypt(phone) if phone else ""
            titles, started = posts.get(pk, ("", None))
            yield (
                name,
                gender.get(sex, sex),
                ethnicity,
                born,
                id_number,
                phone,
                education.get(edu, edu),
                unit or "",
                job,
                rank.get(cadre, cadre),
                status.get(kind, kind),
                joined,
                org_code,
                titles,
                started,
            )


# --- the workbook -----------------------------------------------------------------------


def _letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


LETTERS = [_letter(i + 1) for i in range(len(HEADERS))]
STYLE_HEADER, STYLE_DATE, STYLE_TEXT = 1, 2, 3


def _cell(ref: str, value: Any, *, text: bool = False) -> str:
    if value is None or value == "":
        return f'<c r="{ref}" s="{STYLE_TEXT}"/>' if text else ""
    if isinstance(value, dt.date):
        return f'<c r="{ref}" s="{STYLE_DATE}"><v>{(value - EXCEL_EPOCH).days}</v></c>'
    if isinstance(value, int | float) and not isinstance(value, bool) and not text:
        return f'<c r="{ref}"><v>{value}</v></c>'
    shown = escape(str(neutralize(value)))
    style = f' s="{STYLE_TEXT}"' if text else ""
    return f'<c r="{ref}" t="inlineStr"{style}><is><t xml:space="preserve">{shown}</t></is></c>'


def _row(number: int, values: Sequence[Any], text_columns: set[int]) -> str:
    cells = "".join(_cell(f"{LETTERS[i]}{number}", v, text=i in text_columns) for i, v in enumerate(values))
    return f'<row r="{number}">{cells}</row>'


def _header_row(values: Sequence[str]) -> str:
    cells = "".join(
        f'<c r="{LETTERS[i]}1" t="inlineStr" s="{STYLE_HEADER}"><is><t>{escape(v)}</t></is></c>'
        for i, v in enumerate(values)
    )
    return f'<row r="1">{cells}</row>'


def _list_validation(column: str, values: Iterable[str], title: str) -> str:
    items = ",".join(str(v).replace('"', "") for v in values)
    return _validation(column, f'"{escape(items)}"', title)


def _validation(column: str, formula: str, title: str) -> str:
    return (
        f'<dataValidation type="list" allowBlank="1" showErrorMessage="1" errorStyle="stop" '
        f'errorTitle="{escape(title)}" error="{escape("请从下拉列表中选择")}" '
        f'sqref="{column}2:{column}{VALIDATED_ROWS}"><formula1>{formula}</formula1></dataValidation>'
    )


def _validations(org_count: int) -> str:
    column = {h: LETTERS[i] for i, h in enumerate(HEADERS)}
    parts = [
        _list_validation(column["性别"], Gender.labels, "性别"),
        _list_validation(column["人员类别"], Status.labels, "人员类别"),
        _list_validation(column["学历"], Education.labels, "学历"),
        _list_validation(column["职级"], CadreRank.labels, "职级"),
    ]
    if org_count:
        parts.append(_validation(column["所在组织编码"], f"'{LISTS_TITLE}'!$A$2:$A${org_count + 1}", "所在组织编码"))
    return f'<dataValidations count="{len(parts)}">{"".join(parts)}</dataValidations>'


def _sheet_start(widths: list[int], styles: list[int]) -> str:
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{w}" customWidth="1"' + (f' style="{s}"/>' if s else "/>")
        for i, (w, s) in enumerate(zip(widths, styles, strict=True), start=1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
        'state="frozen"/></sheetView></sheetViews>'
        f"<cols>{cols}</cols><sheetData>"
    )


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/worksheets/sheet2.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    f'<sheets><sheet name="{SHEET_TITLE}" sheetId="1" r:id="rId1"/>'
    f'<sheet name="{LISTS_TITLE}" sheetId="2" state="hidden" r:id="rId2"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet2.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/></Relationships>'
)
# Styles: 0 plain, 1 the header (bold white on party red), 2 a date (yyyy-mm-dd), 3 text (@).
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="等线"/></font>'
    '<font><b/><sz val="11"/><color rgb="FFFFFFFF"/><name val="等线"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFB71C1C"/><bgColor indexed="64"/></patternFill></fill>'
    "</fills>"
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="49" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" '
    'applyAlignment="1"><alignment horizontal="center"/></xf>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


class _Sink:
    """A write-only file for zipfile: what is written waits here until the response takes it."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data, self.parts = b"".join(self.parts), []
        return data


def stream_roster(rows: Iterable[Sequence[Any]], orgs: Sequence[Organization]) -> Iterator[bytes]:
    """The .xlsx of ROWS (import-template order), in pieces as they are written."""
    sink = _Sink()
    text_columns = {i for i, h in enumerate(HEADERS) if h in TEXT_COLUMNS}
    date_columns = {i for i, h in enumerate(HEADERS) if h in DATE_COLUMNS}
    widths = [WIDTHS.get(h, 12) for h in HEADERS]
    styles = [STYLE_TEXT if i in text_columns else STYLE_DATE if i in date_columns else 0 for i in range(len(HEADERS))]
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:  # type: ignore[call-overload]
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _ROOT_RELS)
        zf.writestr("xl/workbook.xml", _WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        zf.writestr("xl/styles.xml", _STYLES)
        yield sink.take()
        with zf.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(_sheet_start(widths, styles).encode())
            sheet.write(_header_row(HEADERS).encode())
            pending: list[str] = []
            for number, values in enumerate(rows, start=2):
                pending.append(_row(number, values, text_columns))
                if len(pending) == 500:
                    sheet.write("".join(pending).encode())
                    pending = []
                    yield sink.take()
            sheet.write("".join(pending).encode())
            sheet.write(f"</sheetData>{_validations(len(orgs))}</worksheet>".encode())
        with zf.open("xl/worksheets/sheet2.xml", "w") as lists:
            lists.write(_sheet_start([14, 40], [STYLE_TEXT, 0]).encode())
            lists.write(_header_row(("组织编码", "组织名称")).encode())
            lists.write(
                "".join(_row(n, (o.code, o.name), {0}) for n, o in enumerate(orgs, start=2)).encode()
                + b"</sheetData></worksheet>"
            )
    yield sink.take()
