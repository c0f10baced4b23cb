"""Excel in: what the organization and roster imports share.

An import reads one sheet with `read_rows`: the archive's declared sizes are
checked before anything is inflated, then the header row, then the rows are
streamed one at a time up to a cap (`workbook`). It turns each row's cells
into values with the parsers of `cells` (each raises `CellError` with a
Chinese reason, recorded against the row and column), checks every row
against the database and the other rows, and only then writes, all in one
transaction: a file with any bad row writes nothing. The outcome is an
`ImportResult`, which the commands print (`report_lines`) and the web pages
show. Bulk writes bypass auditlog's signals, so `trail` builds the entries
auditlog would have written. The web import keeps the uploaded file between
preview and confirmation (`staging`), so what is confirmed is exactly what
was previewed.
"""

from .cells import choice, chunked, date, integer, split_names, text, yes_no
from .result import (
    PREVIEW_ROWS,
    CellError,
    Change,
    Column,
    ImportAborted,
    ImportResult,
    Row,
    RowError,
    SheetRows,
    read_rows,
    report_lines,
    timed,
)
from .staging import (
    MAX_UPLOAD_BYTES,
    SESSION_KEY,
    STAGED_MAX_AGE,
    Staged,
    StagingError,
    check_upload,
    confirm_upload,
    discard_staged,
    stage_upload,
    take_staged,
)
from .trail import AuditContext, audit_value, insert_rows, save_audit_entries, update_by_pk

__all__ = [
    "MAX_UPLOAD_BYTES", "PREVIEW_ROWS", "SESSION_KEY", "STAGED_MAX_AGE",
    "AuditContext", "CellError", "Change", "Column", "ImportAborted", "ImportResult", "Row", "RowError",
    "SheetRows", "Staged", "StagingError", "audit_value", "check_upload", "chunked", "choice", "confirm_upload",
    "date", "discard_staged", "insert_rows", "integer", "read_rows", "report_lines", "save_audit_entries",
    "split_names", "stage_upload", "take_staged", "text", "timed", "update_by_pk", "yes_no",
]  # fmt: skip
