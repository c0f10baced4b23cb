"""Writing many plain rows at once: PostgreSQL's COPY where it is there, bulk_create elsewhere.

For seed_demo and other bulk loads (issue 16 §2). `bulk_insert(Model, objs)` is
a drop-in for `Model.objects.bulk_create(objs)` on rows with an automatic id:
on PostgreSQL it takes the ids from the table's sequence in one query, sets
them on the objects (so `obj.pk` works afterwards, as with bulk_create) and
streams the rows with one `COPY … FROM STDIN`, each value prepared by its
field as for a save (`pre_save`, `get_db_prep_save`): no INSERT statement to
compile, no RETURNING. `insert_rows(Model, columns, rows)` writes tuples
the caller already has, without model objects at all.

Like bulk_create, neither calls save() nor sends signals (so auditlog sees
nothing: bulk loads record their own audit entry), and the rows are written in
the caller's transaction: an error inside it leaves none of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, models, router
from django.db.models.fields import NOT_PROVIDED

M = TypeVar("M", bound=models.Model)

# Rows of a bulk_create or INSERT statement where COPY is not there (SQLite).
BATCH = 2000


def bulk_insert(model: type[M], objs: Iterable[M], *, batch_size: int | None = None) -> list[M]:
    """Insert OBJS (new MODEL instances) and give them their ids; returns them, like bulk_create.

    Falls back to bulk_create on a database other than PostgreSQL, for a model
    whose key is not an automatic id or that inherits another's table, and
    when an object already has its id.
    """
    rows = list(objs)
    if not rows:
        return rows
    using = router.db_for_write(model)
    connection = connections[using]
    if connection.vendor != "postgresql" or not _copyable(model) or any(o.pk is not None for o in rows):
        return model._default_manager.using(using).bulk_create(rows, batch_size=batch_size or BATCH)
    meta = model._meta
    assert meta.pk is not None
    fields = _insert_fields(model)
    for obj in rows:
        # What bulk_create does first: a related object saved after it was assigned gives its id now.
        obj._prepare_related_fields_for_save(operation_name="bulk_insert")  # type: ignore[attr-defined]
    ids = next_ids(model, len(rows), using=using)
    for obj, pk in zip(rows, ids, strict=True):
        setattr(obj, meta.pk.attname, pk)

    def values() -> Iterable[list[Any]]:
        for obj in rows:
            # Add=True: auto_now_add and auto_now fields take the time now, as in an INSERT.
            yield [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]

    _copy(using, meta.db_table, [_column(f) for f in fields], values())
    for obj in rows:
        obj._state.adding = False
        obj._state.db = using
    return rows


def insert_rows(
    model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]], *, prepared: bool = False
) -> int:
    """Insert ROWS, tuples of values in the order of COLUMNS (attnames: `org_id`), into MODEL's table.

    The values are what the seeder computed (dates, aware datetimes, decimals,
    dicts for JSON), or with PREPARED what each field's `get_db_prep_save` made
    of them: no model objects, no defaults filled in, no auto_now. Give the id
    as a column (from `next_ids`) when other rows are to point at these. COPY
    on PostgreSQL, INSERT statements of BATCH rows elsewhere. Returns the
    number of rows written.
    """
    using = router.db_for_write(model)
    connection = connections[using]
    fields = [_column_field(model, name) for name in columns]
    adapters = [] if prepared else [(i, a) for i, f in enumerate(fields) if (a := _adapter(f, connection)) is not None]

    def adapted() -> Iterable[Sequence[Any]]:
        for row in rows:
            if not adapters:
                yield row
                continue
            values = list(row)
            for i, adapt in adapters:
                values[i] = adapt(values[i])
            yield values

    if connection.vendor == "postgresql":
        return _copy(using, model._meta.db_table, [_column(f) for f in fields], adapted())
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(_column(f)) for f in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    count = 0
    batch: list[Sequence[Any]] = []
    with connection.cursor() as cursor:
        for values in adapted():
            batch.append(values)
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def next_ids(model: type[models.Model], n: int, *, using: str | None = None) -> list[int]:
    """N new ids for MODEL's rows, in increasing order, to give as the id column of `insert_rows`.

    On PostgreSQL they come from the table's sequence, so nobody else can take
    them. Elsewhere (SQLite) they follow the largest id now in the table: only
    while the caller is the table's only writer, as a seed is.
    """
    if n <= 0:
        return []
    using = using or router.db_for_write(model)
    connection = connections[using]
    meta = model._meta
    assert meta.pk is not None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [connection.ops.quote_name(meta.db_table), meta.pk.column, n],
            )
            return sorted(row[0] for row in cursor.fetchall())
    top = model._default_manager.using(using).aggregate(top=models.Max("pk"))["top"] or 0
    return list(range(top + 1, top + 1 + n))


def analyze(*models_: type[models.Model]) -> None:
    """Refresh the planner's statistics of the tables of MODELS now, inside the transaction.

    For a load that reads back what it just wrote (a sum over a hundred thousand
    rows): without them PostgreSQL plans as if the tables were empty.
    """
    for model in models_:
        connection = connections[router.db_for_write(model)]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _copy(using: str, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """COPY ROWS into TABLE (PostgreSQL): psycopg writes each value, tabs, newlines and NULLs included."""
    connection = connections[using]
    quote = connection.ops.quote_name
    sql = f"COPY {quote(table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    count = 0
    with connection.cursor() as cursor, connection.wrap_database_errors:
        with cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
    return count


def _copyable(model: type[models.Model]) -> bool:
    meta = model._meta
    if meta.parents or not isinstance(meta.pk, models.AutoField | models.BigAutoField | models.SmallAutoField):
        return False
    # A default the database computes (db_default) is left to bulk_create, which knows when to send it.
    return all(f.db_default is NOT_PROVIDED for f in meta.concrete_fields)


def _insert_fields(model: type[models.Model]) -> list[models.Field]:
    meta = model._meta
    # The id too: it was taken from the sequence, so the table's default would give another.
    return [f for f in meta.concrete_fields if not getattr(f, "generated", False)]


def _column_field(model: type[models.Model], name: str) -> models.Field:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field) or not field.column:
        raise ValueError(f"{model.__name__}.{name} 不是数据表中的列")
    return field


def _column(field: models.Field) -> str:
    assert field.column is not None  # concrete fields only
    return field.column


def _adapter(field: models.Field, connection: Any) -> Callable[[Any], Any] | None:
    """How a plain value of FIELD goes to the database, when the driver cannot take it as it is."""
    if isinstance(field, models.JSONField):
        return lambda v: field.get_db_prep_save(v, connection)
    if connection.vendor == "postgresql":
        return None  # psycopg adapts dates, times, aware datetimes and decimals itself
    ops = connection.ops  # SQLite: dates and times as text, datetimes as naive UTC text, decimals as text
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.TimeField):
        return ops.adapt_timefield_value
    if isinstance(field, models.DecimalField):
        return lambda v: ops.adapt_decimalfield_value(v, field.max_digits, field.decimal_places)
    return None


@contextmanager
def foreign_keys_checked_at_end(using: str = DEFAULT_DB_ALIAS) -> Iterator[bool]:
    """Inside a transaction of a bulk load: the foreign keys of the rows it adds are checked once, at the end.

    PostgreSQL checks each new row's every foreign key at COMMIT, one lookup per
    row and key (2.5 million for a city's attendance: 40 s). As a superuser,
    this switches that off for the transaction (`session_replication_role =
    replica`, which skips every trigger) and checks instead, before it ends,
    the rows added to each table (ids above the largest before) with one query
    per foreign key; a dangling reference raises IntegrityError, so the
    transaction writes nothing. Rows updated or deleted inside are not checked:
    for loads that only add. Elsewhere, or as another user, it changes nothing.
    Yields whether the checks were moved.
    """
    connection = connections[using]
    if not connection.in_atomic_block:
        raise RuntimeError("foreign_keys_checked_at_end() belongs inside a transaction")
    superuser = False
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('is_superuser') = 'on'")
            superuser = bool(cursor.fetchone()[0])
    if not superuser:
        yield False
        return
    tables = _tables_with_ids()
    before = _largest_ids(connection, tables)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
    yield True
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = origin")
    after = _largest_ids(connection, tables)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        # Triggers of our own (the audit trail's chain) were skipped too: rows there would be wrong.
        cursor.execute("SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal")
        triggered = {name.strip('"') for (name,) in cursor.fetchall()}
        for model, start, end in zip(tables, before, after, strict=True):
            if model._meta.db_table in triggered and end is not None and (start is None or end > start):
                raise RuntimeError(f"{model._meta.db_table} 有触发器，不能在 foreign_keys_checked_at_end() 中写入")
        for model, start, end in zip(tables, before, after, strict=True):
            if end is None or (start is not None and end <= start):
                continue
            meta = model._meta
            assert meta.pk is not None
            for f in meta.concrete_fields:
                if not (f.many_to_one or f.one_to_one) or not getattr(f, "db_constraint", False):
                    continue
                target = f.target_field  # type: ignore[attr-defined]
                cursor.execute(
                    f"SELECT c.{quote(_column(f))} FROM {quote(meta.db_table)} c "
                    f"WHERE c.{quote(_column(meta.pk))} > %s AND c.{quote(_column(f))} IS NOT NULL "
                    f"AND NOT EXISTS (SELECT 1 FROM {quote(target.model._meta.db_table)} p "
                    f"WHERE p.{quote(target.column)} = c.{quote(_column(f))}) LIMIT 1",
                    [start or 0],
                )
                dangling = cursor.fetchone()
                if dangling is not None:
                    raise IntegrityError(
                        f"{meta.db_table}.{f.column} = {dangling[0]}：{target.model._meta.db_table} 中没有这一行"
                    )


def _tables_with_ids() -> list[type[models.Model]]:
    """Every table with an automatic integer id (the through tables of many-to-many fields too)."""
    return [
        m for m in apps.get_models(include_auto_created=True) if m._meta.managed and not m._meta.proxy and _copyable(m)
    ]


def _largest_ids(connection: Any, tables: Sequence[type[models.Model]]) -> list[int | None]:
    quote = connection.ops.quote_name
    parts = [
        f"(SELECT max({quote(m._meta.pk.column)}) FROM {quote(m._meta.db_table)})"  # type: ignore[union-attr]
        for m in tables
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        return list(cursor.fetchone())
