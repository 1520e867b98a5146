"""A true flag, written so that every supported Django writes it alike.

A partial index over the few rows whose flag is set (meetings to review, names in Latin letters)
is used by SQLite only when the query repeats the index's condition term for term. Django 5.2
writes ``filter(flag=True)`` as the bare column (``WHERE "flag"``), Django 6 as ``"flag" = 1``:
an index made by ``migrate`` under one was not used by the queries of the other, and every
page that reads it scanned the table. ``flag >= true`` is written the same by both (only the
exact lookup of a boolean is special-cased), in the index (``>= 1``) and in a query (``>= ?``,
which SQLite matches against the index's literal), and on PostgreSQL.
"""

from django.db.models import Q


def flag_set(field: str) -> Q:
    """``field`` (a BooleanField) is true: for the condition of a partial index, and for the
    queries that must read it."""
    return Q(**{f"{field}__gte": True})
