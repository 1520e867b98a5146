"""The meeting list's facets: counts by body, locality, year and role over the filtered meetings,
each kind of facet an object that counts (``ColumnFacet``, ``RoleFacet``); the view only asks them.

They are GROUP BYs over the matches, so they are cached per filter set and per state of the archive
(a load or a curator's edit changes the state, and the counts are counted again). When more than
FACET_CAP meetings match, they count the newest FACET_CAP only (the list's first pages), and the
page says so: counting every match of a large archive grew with it (issue 17)."""

import hashlib

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, F

from ..forms import MeetingFilterForm
from ..models import Meeting, Participation, Role
from ..paging import COUNT_CAP, capped_count
from .state import state_key

FACET_SIZE = 12
FACETS_TTL = 300  # seconds: facet counts of one filter set
FACET_CAP = COUNT_CAP  # facets count at most this many meetings, the newest


def meeting_facets(meetings, data: dict) -> list[dict]:
    """Each facet of MeetingFilterForm.FACETS with its values and counts over ``meetings`` (the
    filtered rows) and the value chosen in ``data`` (the form's cleaned data)."""
    key = "facets:" + hashlib.sha256(repr(sorted(data.items())).encode()).hexdigest() + state_key()
    found = cache.get(key)
    if found is None:
        found = count_facets(meetings)
        cache.set(key, found, FACETS_TTL)
    chosen = {name: str(data.get(name) or "") for name in FACETS}
    return [
        {"name": name, "label": label, "chosen": chosen[name], "values": found[name], "over": found["over"]}
        for name, label in MeetingFilterForm.FACETS
    ]


class ColumnFacet:
    """Counts by the values of one column of the meetings, most first (years newest first)."""

    def __init__(self, field: str, order: tuple, size: int = FACET_SIZE):
        self.field, self.order, self.size = field, order, size

    def counts(self, meetings) -> list[tuple]:
        rows = meetings.exclude(**{f"{self.field}__isnull": True})
        if self.field != "year":
            rows = rows.exclude(**{self.field: ""})
        rows = rows.values(self.field).annotate(n=Count("id")).order_by(*self.order)
        return [(row[self.field], row["n"]) for row in rows[: self.size]]


class RoleFacet:
    """Counts of meetings by a role someone took in them, with the role's label."""

    def counts(self, meetings) -> list[tuple]:
        # Distinct (meeting, role) pairs first, then counted per role: cheaper than COUNT(DISTINCT).
        pairs = Participation.objects.filter(meeting__in=meetings.values("id")).values("meeting_id", "role").distinct()
        try:
            sql, params = pairs.order_by().query.sql_with_params()
        except EmptyResultSet:  # a filter no meeting can pass (official=<an id too big to exist>)
            return []
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT role, COUNT(*) AS n FROM ({sql}) pairs GROUP BY role ORDER BY n DESC, role", params)
            rows = cursor.fetchall()
        labels = dict(Role.choices)
        return [(role, n, str(labels.get(role, role))) for role, n in rows]


# The meeting list's facets by the name of the filter each one sets (MeetingFilterForm.FACETS).
FACETS = {
    "body": ColumnFacet("body", ("-n", "body")),
    "locality": ColumnFacet("locality", ("-n", "locality")),
    "year": ColumnFacet("year", ("-year",), size=200),
    "role": RoleFacet(),
}


def count_facets(meetings) -> dict:
    """Each facet's (value, count …) rows over the meetings, or over the newest FACET_CAP of them
    when there are more (``over``: that number, else 0)."""
    over = 0
    if capped_count(meetings, FACET_CAP) > FACET_CAP:
        # Read once, not once a facet: the four GROUP BYs each ran the walk to the newest again.
        # Read once, not once a facet: each GROUP BY ran the walk to the newest again.
        meetings, over = Meeting.objects.filter(id__in=list(newest_ids(meetings, FACET_CAP))), FACET_CAP
    return {"over": over, **{name: facet.counts(meetings) for name, facet in FACETS.items()}}


def newest_ids(meetings, count: int):
    """The ids of the newest ``count`` meetings, in the list's order: read off the (date, id)
    index and stopped there."""
    return meetings.order_by(F("date").desc(nulls_last=True), "-id").values_list("id", flat=True)[:count]
