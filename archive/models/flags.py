"""A true flag, written so that every supported Django writes it alike.

A partial index over the rows whose flag is set (meetings to review, names in Latin letters) is
used by SQLite only when the query repeats the index's condition term for term, and each indexed
row is not looked up again to test the flag only when the query's term holds the same literal (a
parameter in its place: the review queue's count at 100,000 meetings took 12 ms, not 1.6).
Django 5.2 writes ``filter(flag=True)`` as the bare column, Django 6 as ``"flag" = 1``: an index
made by ``migrate`` under one was not used by the queries of the other. ``flag_set`` writes
``"flag" = (1)`` (``= (true)`` on PostgreSQL) under both, in the index and in the queries; every
query meant to read such an index uses it (the admin's yes/no filter: ``FlagFilter``).
Migration 0029 imports ``TrueLiteral`` by this path: it stays here, writing what it writes.
"""

from django.db.models import BooleanField, Expression, Q
from django.utils.deconstruct import deconstructible


@deconstructible(path="archive.models.flags.TrueLiteral")
class TrueLiteral(Expression):
    """True, written into the statement rather than passed as a parameter."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection):
        return "1", []

    def as_postgresql(self, compiler, connection):
        return "true", []


def flag_set(field: str) -> Q:
    """``field`` (a BooleanField) is true: for the condition of a partial index, and for the
    queries that must read it."""
    return Q(**{field: TrueLiteral()})
