"""The guard and the chain on PostgreSQL: triggers, SECURITY DEFINER functions, the owner role."""

from __future__ import annotations

from typing import Any

from .common import _LOCK_KEY, CHAIN_TABLE, ENTRY_TABLE, MINIMUM_RETENTION_DAYS, OWNER_ROLE, PG_GUARD_TABLE

DEFAULT_PARTITION = f"{ENTRY_TABLE}_default"
# A partition's bounds, out of pg_get_expr(relpartbound): "FOR VALUES FROM ('…') TO ('…')".
_UPPER_BOUND = "(regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO [(]''([^'']+)''[)]'))[1]::timestamptz"


def _pg_ddl(schema: str, tables: list[str], partitions: tuple[str, ...] = ()) -> list[str]:
    """The guard's functions and triggers; PARTITIONS: the trail's partitions (each its own TRUNCATE guard)."""
    path = f'SET search_path = "{schema}", pg_catalog'
    ddl = [
        f"""CREATE TABLE IF NOT EXISTS {CHAIN_TABLE} (
            seq bigserial PRIMARY KEY,
            entry_id bigint NOT NULL UNIQUE,
            prev_hash text NOT NULL,
            entry_hash text NOT NULL)""",
        f"CREATE TABLE IF NOT EXISTS {PG_GUARD_TABLE} (txid bigint PRIMARY KEY, cutoff timestamptz NOT NULL)",
        # The hashed content: the row as JSON, rendered in UTC whatever the session's time zone.
        f"""CREATE OR REPLACE FUNCTION dangjian_audit_row_hash(prev text, r {ENTRY_TABLE}) RETURNS text
LANGUAGE sql STABLE SET timezone = 'UTC' {path}
AS $$ SELECT encode(sha256(convert_to(prev || '|' || row_to_json(r)::text, 'UTF8')), 'hex') $$""",
        # The chain's head by the primary key's index, whatever the statistics said when the
        # session first planned it: planned while the chain was small, a sequential scan stayed in
        # the cached plan and one INSERT of 20,000 entries took 28 s (every row scanned the chain).
        f"""CREATE OR REPLACE FUNCTION dangjian_audit_chain_link() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER {path} SET enable_seqscan = off AS $$
DECLARE
    prev text;
BEGIN
    PERFORM pg_advisory_xact_lock({_LOCK_KEY});
    SELECT entry_hash INTO prev FROM {CHAIN_TABLE} ORDER BY seq DESC LIMIT 1;
    prev := coalesce(prev, '');
    INSERT INTO {CHAIN_TABLE} (entry_id, prev_hash, entry_hash)
        VALUES (NEW.id, prev, dangjian_audit_row_hash(prev, NEW));
    RETURN NULL;
END $$""",
        f"""CREATE OR REPLACE FUNCTION dangjian_audit_armed_cutoff() RETURNS timestamptz
LANGUAGE sql STABLE SECURITY DEFINER {path}
AS $$ SELECT cutoff FROM {PG_GUARD_TABLE} WHERE txid = txid_current() $$""",
        f"""CREATE OR REPLACE FUNCTION dangjian_audit_append_only() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
DECLARE
    cutoff timestamptz;
BEGIN
    IF TG_OP = 'DELETE' THEN
        cutoff := dangjian_audit_armed_cutoff();
        IF cutoff IS NOT NULL AND cutoff <= now() - interval '{MINIMUM_RETENTION_DAYS} days'
           AND OLD."timestamp" < cutoff THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit trail is append-only: % rows are deleted only by prune_audit', TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    ELSIF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION 'audit trail is append-only: % cannot be truncated', TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RAISE EXCEPTION 'audit trail is append-only: % rows cannot be updated', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$""",
        f"""CREATE OR REPLACE FUNCTION dangjian_audit_chain_append_only() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
BEGIN
    -- Under an armed prune: the link of an entry gone, or of one older than the cut-off (whose
    -- year's partition is about to be dropped).
    IF TG_OP = 'DELETE' AND dangjian_audit_armed_cutoff() IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM {ENTRY_TABLE} WHERE id = OLD.entry_id
                       AND "timestamp" >= dangjian_audit_armed_cutoff()) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit trail is append-only: % cannot be changed', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$""",
        # The one way to lift the guard: for this transaction, for entries older than CUTOFF.
        f"""CREATE OR REPLACE FUNCTION dangjian_audit_arm_prune(cutoff timestamptz) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
BEGIN
    IF cutoff > now() - interval '{MINIMUM_RETENTION_DAYS} days' THEN
        RAISE EXCEPTION 'audit entries are kept at least {MINIMUM_RETENTION_DAYS} days'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO {PG_GUARD_TABLE} (txid, cutoff) VALUES (txid_current(), cutoff)
        ON CONFLICT (txid) DO UPDATE SET cutoff = EXCLUDED.cutoff;
END $$""",
        f"""CREATE OR REPLACE FUNCTION dangjian_audit_disarm() RETURNS void
LANGUAGE sql SECURITY DEFINER {path}
AS $$ DELETE FROM {PG_GUARD_TABLE} WHERE txid = txid_current() OR txid < txid_current() - 1000000 $$""",
        f"""CREATE OR REPLACE FUNCTION dangjian_audit_prune_chain() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
DECLARE
    n bigint;
BEGIN
    IF dangjian_audit_armed_cutoff() IS NULL THEN
        RAISE EXCEPTION 'only prune_audit prunes the chain' USING ERRCODE = 'insufficient_privilege';
    END IF;
    DELETE FROM {CHAIN_TABLE} c WHERE NOT EXISTS (SELECT 1 FROM {ENTRY_TABLE} e WHERE e.id = c.entry_id);
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END $$""",
        # What prune_audit calls: the login needs no DELETE privilege on the trail. A year partition
        # wholly before the cut-off is detached and dropped; the rest goes row by row. Detaching locks
        # the table against inserts until the transaction ends, so it comes last: the chain rows of
        # the years to drop, the partial year's rows and their chain rows go first.
        f"""CREATE OR REPLACE FUNCTION dangjian_audit_prune(cutoff timestamptz) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
DECLARE
    n bigint := 0;
    m bigint;
    part regclass;
    upper timestamptz;
    whole regclass[] := '{{}}';
    boundary timestamptz := '-infinity';
BEGIN
    PERFORM dangjian_audit_arm_prune(cutoff);
    FOR part, upper IN
        SELECT c.oid::regclass, {_UPPER_BOUND} FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = '{ENTRY_TABLE}'::regclass AND {_UPPER_BOUND} <= cutoff
        ORDER BY 2
    LOOP
        EXECUTE format('DELETE FROM {CHAIN_TABLE} c USING %s e WHERE c.entry_id = e.id', part);
        whole := whole || part;
        boundary := greatest(boundary, upper);
    END LOOP;
    DELETE FROM {ENTRY_TABLE} WHERE "timestamp" >= boundary AND "timestamp" < cutoff;
    GET DIAGNOSTICS m = ROW_COUNT;
    n := n + m;
    IF boundary > '-infinity' AND to_regclass('{DEFAULT_PARTITION}') IS NOT NULL THEN
        DELETE FROM {DEFAULT_PARTITION} WHERE "timestamp" < boundary;
        GET DIAGNOSTICS m = ROW_COUNT;
        n := n + m;
    END IF;
    PERFORM dangjian_audit_prune_chain();
    FOREACH part IN ARRAY whole LOOP
        EXECUTE format('SELECT count(*) FROM %s', part) INTO m;
        BEGIN
            EXECUTE format('ALTER TABLE {ENTRY_TABLE} DETACH PARTITION %s', part);
            EXECUTE format('DROP TABLE %s', part);
        EXCEPTION WHEN object_in_use THEN
            -- This transaction wrote some of its rows and their checks are pending: they go
            -- row by row now, and the next prune drops the empty partition.
            EXECUTE format('DELETE FROM %s', part);
        END;
        n := n + m;
    END LOOP;
    PERFORM dangjian_audit_disarm();
    RETURN n;
END $$""",
        # Year partitions made ahead (UTC years). Entries the DEFAULT partition holds for a new year
        # move into it (unchanged: same id, same content, so the chain still holds); while the DEFAULT
        # partition is detached for that, the table is locked, so no insert fails.
        f"""CREATE OR REPLACE FUNCTION dangjian_audit_add_partitions(first_year int, last_year int) RETURNS text[]
LANGUAGE plpgsql SECURITY DEFINER SET timezone = 'UTC' {path} AS $$
DECLARE
    y int;
    part text;
    lower timestamptz;
    upper timestamptz;
    made text[] := '{{}}';
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_partitioned_table WHERE partrelid = to_regclass('{ENTRY_TABLE}')) THEN
        RETURN made;
    END IF;
    IF first_year < 1900 OR last_year > 9998 OR last_year - first_year > 100 THEN
        RAISE EXCEPTION 'audit partitions: years % to % are out of range', first_year, last_year;
    END IF;
    FOR y IN first_year..last_year LOOP
        part := format('{ENTRY_TABLE}_y%s', lpad(y::text, 4, '0'));
        CONTINUE WHEN to_regclass(part) IS NOT NULL;
        lower := make_timestamptz(y, 1, 1, 0, 0, 0, 'UTC');
        upper := make_timestamptz(y + 1, 1, 1, 0, 0, 0, 'UTC');
        IF to_regclass('{DEFAULT_PARTITION}') IS NOT NULL AND EXISTS (
            SELECT 1 FROM {DEFAULT_PARTITION} WHERE "timestamp" >= lower AND "timestamp" < upper
        ) THEN
            ALTER TABLE {ENTRY_TABLE} DETACH PARTITION {DEFAULT_PARTITION};
            EXECUTE format('CREATE TABLE %I PARTITION OF {ENTRY_TABLE} FOR VALUES FROM (%L) TO (%L)',
                           part, lower, upper);
            EXECUTE format('ALTER TABLE %I DISABLE TRIGGER USER', part);
            EXECUTE format('INSERT INTO %I SELECT * FROM {DEFAULT_PARTITION} '
                           'WHERE "timestamp" >= %L AND "timestamp" < %L', part, lower, upper);
            EXECUTE format('ALTER TABLE %I ENABLE TRIGGER USER', part);
            DELETE FROM {DEFAULT_PARTITION} WHERE "timestamp" >= lower AND "timestamp" < upper;
            ALTER TABLE {ENTRY_TABLE} ATTACH PARTITION {DEFAULT_PARTITION} DEFAULT;
        ELSE
            EXECUTE format('CREATE TABLE %I PARTITION OF {ENTRY_TABLE} FOR VALUES FROM (%L) TO (%L)',
                           part, lower, upper);
        END IF;
        EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION dangjian_audit_append_only()',
                       part || '_no_truncate', part);
        made := made || part;
    END LOOP;
    RETURN made;
END $$""",
    ]
    for table in tables:
        ddl += pg_drop_ddl(table) + [
            f"""CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
FOR EACH ROW EXECUTE FUNCTION dangjian_audit_append_only()""",
            f"""CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
FOR EACH STATEMENT EXECUTE FUNCTION dangjian_audit_append_only()""",
        ]
    ddl += pg_drop_ddl(CHAIN_TABLE) + [
        f"DROP TRIGGER IF EXISTS {ENTRY_TABLE}_chain ON {ENTRY_TABLE}",
        f"""CREATE TRIGGER {ENTRY_TABLE}_chain AFTER INSERT ON {ENTRY_TABLE}
FOR EACH ROW EXECUTE FUNCTION dangjian_audit_chain_link()""",
        f"""CREATE TRIGGER {CHAIN_TABLE}_append_only BEFORE UPDATE OR DELETE ON {CHAIN_TABLE}
FOR EACH ROW EXECUTE FUNCTION dangjian_audit_chain_append_only()""",
        f"""CREATE TRIGGER {CHAIN_TABLE}_no_truncate BEFORE TRUNCATE ON {CHAIN_TABLE}
FOR EACH STATEMENT EXECUTE FUNCTION dangjian_audit_append_only()""",
    ]
    # Row triggers on the partitioned table reach every partition; a TRUNCATE trigger does not.
    for partition in partitions:
        ddl += [
            f"DROP TRIGGER IF EXISTS {partition}_no_truncate ON {partition}",
            f"""CREATE TRIGGER {partition}_no_truncate BEFORE TRUNCATE ON {partition}
FOR EACH STATEMENT EXECUTE FUNCTION dangjian_audit_append_only()""",
        ]
    return ddl


PG_FUNCTIONS = (
    "dangjian_audit_row_hash(text, core_auditentry)",
    "dangjian_audit_chain_link()",
    "dangjian_audit_armed_cutoff()",
    "dangjian_audit_append_only()",
    "dangjian_audit_chain_append_only()",
    "dangjian_audit_arm_prune(timestamptz)",
    "dangjian_audit_disarm()",
    "dangjian_audit_prune_chain()",
    "dangjian_audit_prune(timestamptz)",
    "dangjian_audit_add_partitions(int, int)",
)


def pg_drop_ddl(table: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
        f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
    ]


def _pg_separate_owner(cursor: Any, tables: list[str], partitions: tuple[str, ...] = ()) -> bool:
    """Hand the trail to the NOLOGIN owner role; the login keeps SELECT and INSERT. False if it may not."""
    cursor.execute("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")
    row = cursor.fetchone()
    if not row or not row[0]:
        return False
    cursor.execute("SELECT current_user")
    login = cursor.fetchone()[0]
    if login == OWNER_ROLE:
        return False
    cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [OWNER_ROLE])
    if cursor.fetchone() is None:
        cursor.execute(f"CREATE ROLE {OWNER_ROLE} NOLOGIN")
    for table in [*tables, *partitions, CHAIN_TABLE, PG_GUARD_TABLE]:
        cursor.execute(f"ALTER TABLE {table} OWNER TO {OWNER_ROLE}")
        cursor.execute(f'REVOKE ALL ON {table} FROM PUBLIC, "{login}"')
    for table in tables:
        cursor.execute(f'GRANT SELECT, INSERT ON {table} TO "{login}"')
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
        sequence = cursor.fetchone()[0]
        if sequence:
            cursor.execute(f'GRANT USAGE, SELECT ON SEQUENCE {sequence} TO "{login}"')
    cursor.execute(f'GRANT SELECT ON {CHAIN_TABLE} TO "{login}"')
    for function in PG_FUNCTIONS:
        cursor.execute(f"ALTER FUNCTION {function} OWNER TO {OWNER_ROLE}")
    # The owner makes next year's partitions (dangjian_audit_add_partitions) in this schema.
    cursor.execute("SELECT has_schema_privilege(current_schema(), 'CREATE WITH GRANT OPTION')")
    if cursor.fetchone()[0]:
        cursor.execute(f'GRANT CREATE ON SCHEMA "{schema_of(cursor)}" TO {OWNER_ROLE}')
    return True


def schema_of(cursor: Any) -> str:
    cursor.execute("SELECT current_schema()")
    return str(cursor.fetchone()[0])


def pg_owner_is_separate(connection: Any) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tableowner FROM pg_tables WHERE tablename = %s", [ENTRY_TABLE])
        row = cursor.fetchone()
    return bool(row) and row[0] == OWNER_ROLE


def _pg_is_superuser(connection: Any) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
    return bool(row and row[0])
