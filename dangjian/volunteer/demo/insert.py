"""A plain multi-row INSERT for the demo seeder's two large tables.

bulk_create spends most of its time compiling each value through the field
machinery (about 13 s for the city's 170,000 sign-ups and records); the rows
here are plain tuples of values the seeder already produced, adapted per
column type once, and the ids are handed out by the caller so the records can
point at the sign-ups without reading them back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models

BATCH = 5000


def _adapter(field: models.Field) -> Callable[[Any], Any] | None:
    if connection.vendor != "sqlite":
        return None  # psycopg adapts datetimes, dates and decimals itself
    if isinstance(field, models.DateTimeField):
        # Django keeps SQLite datetimes as naive UTC text.
        return lambda v: None if v is None else str(v.astimezone(dt.UTC).replace(tzinfo=None))
    if isinstance(field, models.DateField):
        return lambda v: None if v is None else v.isoformat()
    if isinstance(field, models.DecimalField):
        return lambda v: None if v is None else str(v)
    return None


def next_id(model: type[models.Model]) -> int:
    return (model._default_manager.aggregate(m=models.Max("pk"))["m"] or 0) + 1


def _column(model: type[models.Model], name: str) -> tuple[models.Field, str]:
    """MODEL's concrete field NAME and its column (a relation's reverse side has none)."""
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field) or not field.column:
        raise ValueError(f"{model.__name__}.{name} is not a column")
    return field, field.column


def insert_rows(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Insert ROWS (values in the order of FIELDS, attnames, the id first) into MODEL's table."""
    meta = model._meta
    concrete = [_column(model, name) for name in fields]
    columns = [column for _, column in concrete]
    adapters = [(i, a) for i, (field, _) in enumerate(concrete) if (a := _adapter(field)) is not None]
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    count = 0
    batch: list[list[Any]] = []
    with connection.cursor() as cursor:
        for row in rows:
            values = list(row)
            for i, adapt in adapters:
                values[i] = adapt(values[i])
            batch.append(values)
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
        if connection.vendor == "postgresql":
            # The ids were given explicitly: move the sequence past them.
            for statement in connection.ops.sequence_reset_sql(no_style(), [model]):
                cursor.execute(statement)
    return count
