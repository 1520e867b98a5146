"""The meeting list's facets: counts by body, locality, year and role over the filtered meetings.

They are GROUP BYs over every match, so they are cached per filter set and per state of the archive
(a load or a curator's edit changes the state, and the counts are counted again)."""

import hashlib

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count

from ..forms import MeetingFilterForm
from ..models import Meeting, Participation, Role

FACET_SIZE = 12
FACETS_TTL = 300  # seconds: facet counts of one filter set


def meeting_facets(meetings, data: dict) -> list[dict]:
    """Each facet of MeetingFilterForm.FACETS with its values and counts over ``meetings`` (the
    filtered rows) and the value chosen in ``data`` (the form's cleaned data)."""
    state = (sorted(data.items()), archive_state())
    key = "facets:" + hashlib.sha256(repr(state).encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = count_facets(meetings)
        cache.set(key, found, FACETS_TTL)
    chosen = {name: str(data.get(name) or "") for name in ("body", "locality", "year", "role")}
    return [
        {"name": name, "label": label, "chosen": chosen[name], "values": found[name]}
        for name, label in MeetingFilterForm.FACETS
    ]


def archive_state() -> tuple:
    """Changes when a meeting is loaded or a curator edits a meeting or a participation (their
    history rows): cached counts are then counted again, not shown stale for FACETS_TTL. Three
    primary-key maxima, read from the ends of their indexes."""
    tables = [Meeting._meta.db_table, Meeting.history.model._meta.db_table, Participation.history.model._meta.db_table]
    quote = connection.ops.quote_name
    meetings, meeting_edits, participation_edits = map(quote, tables)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT MAX(id) FROM {meetings}), (SELECT MAX(history_id) FROM {meeting_edits}),"
            f" (SELECT MAX(history_id) FROM {participation_edits})"
        )
        return tuple(cursor.fetchone())


def count_facets(meetings) -> dict:
    def top(field, order):
        rows = meetings.exclude(**{f"{field}__isnull": True})
        if field != "year":
            rows = rows.exclude(**{field: ""})
        rows = rows.values(field).annotate(n=Count("id")).order_by(*order)
        return [(row[field], row["n"]) for row in rows[: FACET_SIZE if field != "year" else 200]]

    # Distinct (meeting, role) pairs first, then counted per role: cheaper than COUNT(DISTINCT).
    pairs = Participation.objects.filter(meeting__in=meetings.values("id")).values("meeting_id", "role").distinct()
    try:
        sql, params = pairs.order_by().query.sql_with_params()
    except EmptyResultSet:  # a filter no meeting can pass (official=<an id too big to exist>)
        role_rows = []
    else:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT role, COUNT(*) AS n FROM ({sql}) pairs GROUP BY role ORDER BY n DESC, role", params)
            role_rows = [{"role": role, "n": n} for role, n in cursor.fetchall()]
    labels = dict(Role.choices)
    return {
        "body": top("body", ("-n", "body")),
        "locality": top("locality", ("-n", "locality")),
        "year": top("year", ("-year",)),
        "role": [(row["role"], row["n"], str(labels.get(row["role"], row["role"]))) for row in role_rows],
    }
