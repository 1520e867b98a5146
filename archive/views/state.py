"""The state of the archive as a cache key: sums cached per page (facets, an official's summary)
are counted again as soon as the archive changes, not shown stale for their time to live."""

from django.db import connection

from ..models import Document, Meeting, Official, Participation

SUMS_TTL = 600  # seconds a cached sum lives; a change to the archive (archive_state) is seen at once


def archive_state() -> tuple:
    """Changes when a meeting, a participation, a document or a citation is written (a load, a
    re-parse, an import: new ids) or a curator edits a meeting, a participation, an official or a
    document (their history rows; the admin saves a document with its meetings): cached sums are
    then counted again, not shown stale for their time to live. Eight primary-key maxima, read
    from the ends of their indexes."""
    keys = [
        (Meeting._meta.db_table, "id"),
        (Participation._meta.db_table, "id"),
        (Document._meta.db_table, "id"),
        (Document.meetings.through._meta.db_table, "id"),
        (Meeting.history.model._meta.db_table, "history_id"),
        (Participation.history.model._meta.db_table, "history_id"),
        (Official.history.model._meta.db_table, "history_id"),
        (Document.history.model._meta.db_table, "history_id"),
    ]
    quote = connection.ops.quote_name
    maxima = ", ".join(f"(SELECT MAX({quote(key)}) FROM {quote(table)})" for table, key in keys)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {maxima}")
        return tuple(cursor.fetchone())


def state_key() -> str:
    """archive_state() as a cache key's suffix."""
    return ":" + ".".join(str(n) for n in archive_state())
