"""A lean bulk insert for the loader's hot path.

Django's bulk_create builds a model instance per row and compiles every value through its
expression machinery; for the loader that costs more than parsing the minutes. Here rows are
plain dicts keyed by field name. Integers, strings, booleans and foreign-key ids go to the
driver as they are (as Django's own preparation leaves them); every other field (JSON, dates)
goes through its own ``get_db_prep_save``. Missing fields take their default, and auto_now /
auto_now_add fields the current time. One statement, sent with ``executemany``.

``ignore_conflicts`` adds ``ON CONFLICT DO NOTHING`` (PostgreSQL, SQLite 3.24+): a row that
would break a unique constraint, one another writer inserted meanwhile included, is skipped.
"""

from django.db import connection, models
from django.utils import timezone

_PLAIN = (models.IntegerField, models.CharField, models.TextField, models.BooleanField)


def _is_plain(field) -> bool:
    return isinstance(field, _PLAIN) or (field.is_relation and isinstance(field.target_field, models.AutoField))


def _prepare(field):
    """How a value of this field is handed to the driver, as Django's save would hand it."""
    if _is_plain(field):
        return _unchanged
    if isinstance(field, models.JSONField):
        adapt, encoder = connection.ops.adapt_json_value, field.encoder
        return lambda value: None if value is None else adapt(value, encoder)
    return lambda value: field.get_db_prep_save(value, connection)


def _unchanged(value):
    return value


def _default(field, now):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    return field.get_default()  # as Model.__init__ does: "" for a text field without a default


def insert_rows(model, rows: list[dict], batch_size: int = 2000, *, ignore_conflicts: bool = False) -> None:
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"
    if ignore_conflicts:
        sql += " ON CONFLICT DO NOTHING"
    now = timezone.now()
    # Defaults are prepared once; a row's own values field by field.
    defaults = {f.name: _prepare(f)(_default(f, now)) for f in fields}
    columns_spec = [(f.name, f.attname, _prepare(f)) for f in fields]
    params = []
    for row in rows:
        values = []
        for name, attname, prepare in columns_spec:
            if name in row:
                values.append(prepare(row[name]))
            elif attname in row:
                values.append(prepare(row[attname]))
            else:
                values.append(defaults[name])
        params.append(values)
    with connection.cursor() as cursor:
        for start in range(0, len(params), batch_size):
            cursor.executemany(sql, params[start : start + batch_size])
