"""Writing the demo seeder's two large tables: sign-ups and service records.

bulk_create spends most of its time compiling each value through the field
machinery (about 13 s for the city's 170,000 sign-ups and records); the rows
here are plain tuples of values the seeder already produced, written by
core.bulk.insert_rows (COPY on PostgreSQL), and the ids are handed out by the
caller so the records can point at the sign-ups without reading them back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.management.color import no_style
from django.db import connections, models, router

from dangjian.core import bulk


def next_id(model: type[models.Model]) -> int:
    return (model._default_manager.aggregate(m=models.Max("pk"))["m"] or 0) + 1


def insert_rows(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Insert ROWS (values in the order of FIELDS, attnames, the id first) into MODEL's table."""
    count = bulk.insert_rows(model, fields, rows)  # COPY on PostgreSQL
    connection = connections[router.db_for_write(model)]
    if connection.vendor == "postgresql":
        # The ids were given explicitly: move the sequence past them.
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), [model]):
                cursor.execute(statement)
    return count
