"""A lean bulk insert for rows whose ids nobody needs back (participations, link tables).

Django's bulk_create compiles every value through its expression machinery, which costs more
than parsing the minutes. Here integers, strings, booleans and foreign-key ids go to the driver
as they are (as Django's own preparation leaves them), every other field through its own
``get_db_prep_save`` (JSON, dates), and the statement is built once and sent with ``executemany``.
"""

from django.db import connection, models

# Values of these fields reach the database driver unchanged when Django saves them.
_PLAIN = (models.IntegerField, models.CharField, models.TextField, models.BooleanField)


def _getter(field):
    attname = field.attname
    if isinstance(field, _PLAIN) or (field.is_relation and isinstance(field.target_field, models.AutoField)):
        return lambda obj: getattr(obj, attname)
    return lambda obj: field.get_db_prep_save(field.pre_save(obj, add=True), connection)


def insert_rows(objs: list, batch_size: int = 2000) -> None:
    if not objs:
        return
    model = type(objs[0])
    fields = [f for f in model._meta.concrete_fields if not f.primary_key or f.attname != "id"]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"
    getters = [_getter(f) for f in fields]
    rows = [[get(obj) for get in getters] for obj in objs]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch_size):
            cursor.executemany(sql, rows[start : start + batch_size])
