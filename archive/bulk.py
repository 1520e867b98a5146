"""A lean bulk insert for the loader's hot path.

Django's bulk_create builds a model instance per row and compiles every value through its
expression machinery; for the loader that costs more than parsing the minutes. Here rows are
plain dicts keyed by field name. Integers, strings, booleans and foreign-key ids go to the
driver as they are (as Django's own preparation leaves them); every other field (JSON, dates)
goes through its own ``get_db_prep_save``. Missing fields take their default, and auto_now /
auto_now_add fields the current time.

Rows go in multi-row statements (``INSERT ... VALUES (...), (...), ...``), as many rows each as
the database takes parameters (32,766 on SQLite, 65,535 on PostgreSQL; up to ``batch_size``), so a batch of files costs a few statements per table, not one per row: on
PostgreSQL the server's work per statement (parse, plan, a round trip) was as large as the
loader's own. Rows keep their order within and across statements, so writers that insert sorted
keys still meet in the same order.

``ignore_conflicts`` adds ``ON CONFLICT DO NOTHING`` (PostgreSQL, SQLite 3.24+): a row that
would break a unique constraint, one another writer inserted meanwhile included, is skipped.
"""

import datetime
from operator import itemgetter

from django.db import connection, connections, models
from django.utils import timezone

# PostgreSQL's limit on parameters in one statement (Django's bulk_batch_size sets none there).
POSTGRES_MAX_PARAMETERS = 65_535
_PLAIN = (models.IntegerField, models.CharField, models.TextField, models.BooleanField)


def _is_plain(field) -> bool:
    return isinstance(field, _PLAIN) or (field.is_relation and isinstance(field.target_field, models.AutoField))


def _prepare(field):
    """How a value of this field is handed to the driver, as Django's save would hand it."""
    if _is_plain(field):
        return _unchanged
    # The connection itself, not django.db.connection: that proxy looks up the thread's
    # connection on every attribute read, and a date column is prepared thousands of times a batch.
    database = connections[connection.alias]
    if isinstance(field, models.JSONField):
        adapt, encoder = database.ops.adapt_json_value, field.encoder
        return lambda value: None if value is None else adapt(value, encoder)
    if type(field) is models.DateField:  # a date as the driver takes it; anything else as Django prepares it
        adapt_date = database.ops.adapt_datefield_value
        return lambda value: (
            adapt_date(value) if type(value) is datetime.date else field.get_db_prep_save(value, database)
        )
    return lambda value: field.get_db_prep_save(value, database)


def _unchanged(value):
    return value


def _default(field, now):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    return field.get_default()  # as Model.__init__ does: "" for a text field without a default


def insert_rows(model, rows: list[dict], batch_size: int = 2000, *, ignore_conflicts: bool = False) -> None:
    if not rows:
        return
    # A generated column (an alias's latin_letters) is the database's to fill.
    fields = [f for f in model._meta.concrete_fields if not f.primary_key and not f.generated]
    params = _row_values(fields, rows)
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql" and not ignore_conflicts:
        _copy(model._meta.db_table, [f.column for f in fields], params)
        return
    per_statement = max(1, min(batch_size, _max_parameters() // len(fields)))
    head = f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) VALUES "
    tail = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
    row_placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(params), per_statement):
            chunk = params[start : start + per_statement]
            sql = head + ", ".join([row_placeholders] * len(chunk)) + tail
            cursor.execute(sql, [value for values in chunk for value in values])


def _copy(table: str, columns: list[str], params: list[list]) -> None:
    """PostgreSQL: the rows by ``COPY ... FROM STDIN``, one statement for all of them. A
    multi-row INSERT of a few hundred rows cost the server more to parse and plan than to
    insert; COPY has neither step. (No ``ON CONFLICT`` in COPY: those rows stay INSERTs.)"""
    quote = connection.ops.quote_name
    sql = f"COPY {quote(table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    # Sent through Django's cursor, so query logs and execute wrappers see the statement; the
    # innermost wrapper hands the rows to the driver's own cursor instead of executing it.
    with connection.cursor() as cursor, connection.execute_wrapper(_copy_rows(cursor.cursor, sql, params)):
        cursor.execute(sql)


def _copy_rows(driver_cursor, copy_sql: str, params):
    sent = []

    def execute(execute, sql, sql_params, many, context):
        if sql != copy_sql or sent:  # a statement some other wrapper runs meanwhile goes its own way
            return execute(sql, sql_params, many, context)
        sent.append(sql)
        # As Django's own execute: no statement on a broken transaction, and the driver's errors
        # as Django's (the loader retries a batch on django.db.OperationalError, a deadlock).
        context["connection"].validate_no_broken_transaction()
        with context["connection"].wrap_database_errors, driver_cursor.copy(sql) as copy:
            for values in params:
                copy.write_row(values)

    return execute


def _max_parameters() -> int:
    """Parameters one statement may carry. SQLite's own limit (32,766 since 3.32) rather than
    Django's 999, which made ~90 rows a statement."""
    if connection.vendor == "sqlite":
        import sqlite3

        connection.ensure_connection()
        return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    if connection.vendor == "postgresql":
        return POSTGRES_MAX_PARAMETERS
    return connection.features.max_query_params or POSTGRES_MAX_PARAMETERS


def _row_values(fields, rows: list[dict]) -> list[list]:
    """Each row's values in the order of ``fields``, prepared for the driver: a field's value is
    the row's under the field's name, else under its column's (``official_id``), else the
    field's default. Rows with the same keys (a builder's rows all have the same) share one plan."""
    now = timezone.now()
    preparers = [_prepare(f) for f in fields]
    defaults = [prepare(_default(f, now)) for f, prepare in zip(fields, preparers, strict=True)]
    plans = {}
    params = []
    for row in rows:
        shape = tuple(row)
        plan = plans.get(shape)
        if plan is None:
            plan = plans[shape] = _plan(fields, preparers, defaults, set(shape))
        read, prepared = plan
        values = read(row)
        for index, prepare in prepared:
            values[index] = prepare(values[index])
        params.append(values)
    return params


def _plan(fields, preparers, defaults, keys: set):
    """How to read rows with these keys: a function that gives the values in field order
    (defaults where the row has no value), and the (index, preparation) of those to prepare."""
    getters, prepared = [], []
    for index, (field, prepare) in enumerate(zip(fields, preparers, strict=True)):
        key = field.name if field.name in keys else field.attname if field.attname in keys else None
        if key is None:
            getters.append(lambda row, value=defaults[index]: value)
            continue
        getters.append(itemgetter(key))
        if prepare is not _unchanged:
            prepared.append((index, prepare))
    if all(isinstance(g, itemgetter) for g in getters):
        # The common case, done in C: every field's value is in the row.
        read_all = itemgetter(*[field.name if field.name in keys else field.attname for field in fields])
        return (lambda row: list(read_all(row))) if len(fields) > 1 else (lambda row: [read_all(row)]), prepared
    return (lambda row: [get(row) for get in getters]), prepared


def update_rows(model, rows: list[dict], field_names: list[str]) -> None:
    """Set these fields of the rows with these ids (``row["id"]``), values as ``insert_rows``
    takes them. On PostgreSQL one ``UPDATE ... FROM (VALUES ...)`` per chunk of rows; elsewhere
    one UPDATE by id sent with ``executemany`` (SQLite runs it in-process, with no statement to
    parse again; Django's bulk_update builds a CASE per field, which SQLite evaluates per row)."""
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in field_names]
    pk = model._meta.pk
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    prepared = [(f.attname, _prepare(f)) for f in fields]
    params = [[prepare(row[attname]) for attname, prepare in prepared] + [row[pk.attname]] for row in rows]
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
            cursor.executemany(f"UPDATE {table} SET {assignments} WHERE {quote(pk.column)} = %s", params)
            return
        columns = ", ".join(quote(f.column) for f in [*fields, pk])
        # VALUES has no column types of its own: each value is cast to its column's.
        row = "(" + ", ".join(f"%s::{f.cast_db_type(connection)}" for f in [*fields, pk]) + ")"
        assignments = ", ".join(f"{quote(f.column)} = v.{quote(f.column)}" for f in fields)
        per_statement = max(1, _max_parameters() // (len(fields) + 1))
        for start in range(0, len(params), per_statement):
            chunk = params[start : start + per_statement]
            cursor.execute(
                f"UPDATE {table} AS t SET {assignments} FROM (VALUES {', '.join([row] * len(chunk))}) "
                f"AS v({columns}) WHERE t.{quote(pk.column)} = v.{quote(pk.column)}",
                [value for values in chunk for value in values],
            )
