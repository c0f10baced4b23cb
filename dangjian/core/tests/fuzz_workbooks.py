"""Hypothesis strategies for malformed workbooks, shared by the importers' fuzz tests (issue 16 §3).

`workbooks(headers, base_rows)` draws real .xlsx files that are wrong in the ways
people's files are: cells of the wrong type, formulas (with no cached value, as
openpyxl writes them), merged cells, missing or repeated headers, title rows,
empty and extra sheets, and valid rows with a few cells replaced.
`broken_files(valid)` draws bytes that are not a readable workbook at all: random
bytes, a zip signature followed by junk, a valid file truncated, and zips of
random members; `damaged_files(valid)` a valid file with a few bytes changed.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Sequence
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# Few examples, no deadline: the suite runs on a busy 2-core machine and each example writes a workbook.
FUZZ = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
CHINESE = re.compile(r"[\u4e00-\u9fff]")

FORMULAS = ["=1/0", "=A1", "=SUM(A1:A9)", '=HYPERLINK("http://example.com","x")', "=NA()", '="12"&"34"', "=NOW()"]
TEXT = st.text(max_size=30).map(lambda s: ILLEGAL_CHARACTERS_RE.sub("", s))
CELLS: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    TEXT,
    st.sampled_from(
        ["", " ", "是", "否", "男", "汉族", "正式党员", "A01", "2020-13-45", "1e309", "inf", "nan", "-0", "3.5"]
    ),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 12, 31)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 12, 31)),
    st.times(),
    st.sampled_from(FORMULAS),
    st.text(alphabet="0123456789X", min_size=15, max_size=19),
)


def _save(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@st.composite
def workbooks(draw: st.DrawFn, headers: Sequence[str], base_rows: Sequence[dict[str, Any]] = ()) -> bytes:
    wb = Workbook()
    ws = wb.active
    for _ in range(draw(st.integers(0, 2))):  # extra sheets, before or after, empty or junk
        extra = wb.create_sheet(f"其他{len(wb.worksheets)}", index=draw(st.integers(0, len(wb.worksheets))))
        for row in draw(st.lists(st.lists(CELLS, max_size=4), max_size=3)):
            extra.append(row)
    if draw(st.booleans()):  # an empty data sheet
        return _save(wb)
    if draw(st.booleans()):
        ws.append([draw(TEXT) or "导入表"])
    columns = draw(
        st.one_of(
            st.just(list(headers)),
            st.permutations(list(headers)),
            st.lists(st.sampled_from([*headers, "备注", "", "*" + headers[0]]), max_size=len(headers) + 2),
        )
    )
    ws.append(columns)
    rows: list[list[Any]] = []
    for base in base_rows:
        row = [base.get(h) for h in columns]
        for _ in range(draw(st.integers(0, 2))):
            if row:
                row[draw(st.integers(0, len(row) - 1))] = draw(CELLS)
        rows.append(row)
    rows += draw(st.lists(st.lists(CELLS, max_size=len(columns) + 1), max_size=4))
    for row in rows:
        ws.append(row)
    for _ in range(draw(st.integers(0, 2))):  # merged cells, overlapping or not
        r, c = draw(st.integers(1, 6)), draw(st.integers(1, max(1, len(columns))))
        ws.merge_cells(start_row=r, start_column=c, end_row=r + draw(st.integers(0, 2)), end_column=c + 1)
    return _save(wb)


def _flip(data: bytes, at: int, mask: int) -> bytes:
    return data[:at] + bytes([data[at] ^ mask]) + data[at + 1 :]


def _zip_of(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in dict(members).items():
            zf.writestr(name, data)
    return buffer.getvalue()


def broken_files(valid: bytes) -> st.SearchStrategy[bytes]:
    n = len(valid)
    return st.one_of(
        st.binary(max_size=512),
        st.binary(max_size=256).map(lambda b: b"PK\x03\x04" + b),
        st.integers(0, n - 1).map(lambda k: valid[:k]),
        st.lists(
            st.tuples(
                st.sampled_from(["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml", "x.bin"]),
                st.binary(max_size=64),
            ),
            max_size=4,
        ).map(_zip_of),
    )


def damaged_files(valid: bytes) -> st.SearchStrategy[bytes]:
    """VALID with one to three bytes changed: mostly unreadable, sometimes still a good file
    (a changed timestamp in a zip header harms nothing)."""
    n = len(valid)
    flips = st.lists(st.tuples(st.integers(0, n - 1), st.integers(1, 255)), min_size=1, max_size=3)

    def apply(changes: list[tuple[int, int]]) -> bytes:
        data = valid
        for at, mask in changes:
            data = _flip(data, at, mask)
        return data

    return flips.map(apply)


def assert_clear_refusal(case: Any, result: Any) -> None:
    """Every error is a sentence with Chinese in it (never a traceback or an exception's repr)."""
    for error in result.errors:
        message = str(error)
        case.assertTrue(CHINESE.search(message), f"not a Chinese message: {message!r}")
        case.assertNotIn("Traceback", message)
        case.assertNotIn("Error(", message)


def fuzz(strategy: st.SearchStrategy[bytes], check: Callable[[bytes], None]) -> None:
    """Run CHECK on FUZZ's examples of STRATEGY, inside the calling test (and its one transaction).

    Not @given on the test method: Hypothesis would then want a per-example transaction, and the
    named world is built once per test. Examples an import accepts write inside the test's
    transaction; the property checked is that one it refuses writes nothing.
    """
    FUZZ(given(strategy)(check))()
