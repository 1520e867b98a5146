"""Careers as rows (``Tenure``: an official in a post, first and last date seen, meetings, the
appointments that started or ended it), kept by the writing home so career and post pages read a
few rows instead of every participation.

- ``add_meetings(meetings, participations)``: new meetings (load_minutes, a batch at a time) widen the tenures of their
  officials: a fixed number of queries per batch, whatever its size.
- ``refresh(official_ids)``: the tenures of these officials computed again from all their
  meetings (a re-parse, a merge, a split, ``manage.py refresh_careers``).

A post is (division of the meeting, organ, office) from the titles written before the name
(archive.careers.posts). A tenure a curator corrected (``curated``) is never changed.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q

from ..bulk import insert_rows, update_rows
from ..models import Appointment, Participation, Post, Tenure
from .posts import normalise, posts_of

PostKey = tuple[int | None, str, str]  # (division id, organ, office)


@dataclass
class _Seen:
    written: str = ""
    meetings: set = field(default_factory=set)
    first: tuple = (datetime.date.max, 0)
    last: tuple = (datetime.date.min, 0)
    started_by: tuple | None = None  # (date, appointment id)
    ended_by: tuple | None = None

    def see(self, meeting_id: int, date):
        self.meetings.add(meeting_id)
        if date is not None:
            self.first = min(self.first, (date, meeting_id))
            self.last = max(self.last, (date, meeting_id))


def _gather(participations: Q, appointments: Q) -> dict[tuple[int, PostKey], _Seen]:
    rows = Participation.objects.filter(participations, official__isnull=False).values_list(
        "official_id", "titles", "meeting_id", "meeting__date", "meeting__division_id"
    )
    seen: dict[tuple[int, PostKey], _Seen] = defaultdict(_Seen)
    _see_participations(seen, rows.iterator(chunk_size=5000))
    _see_appointments(seen, appointments)
    return seen


def _see_participations(seen: dict, rows: Iterable[tuple]) -> None:
    """``rows``: (official id, titles, meeting id, meeting date, meeting division id)."""
    for official_id, titles, meeting_id, date, division_id in rows:
        for post in posts_of(titles):
            entry = seen[official_id, (division_id, post.organ, post.office)]
            entry.written = entry.written or post.written
            entry.see(meeting_id, date)


def _see_appointments(seen: dict, appointments: Q) -> None:
    rows = Appointment.objects.filter(appointments, official__isnull=False).values_list(
        "id", "official_id", "post", "action", "meeting_id", "meeting__date", "meeting__division_id"
    )
    for pk, official_id, written, action, meeting_id, date, division_id in rows:
        post = normalise(written)
        if post is None:
            continue
        entry = seen[official_id, (division_id, post.organ, post.office)]
        entry.written = entry.written or post.written
        when = (date or datetime.date.min, pk)
        if action == "appoint":
            entry.see(meeting_id, date)
            entry.started_by = min(entry.started_by or when, when)
        else:
            entry.ended_by = max(entry.ended_by or when, when)


def _post_ids(keys: set[PostKey]) -> dict[PostKey, int]:
    if not keys:
        return {}
    organs = {organ for _, organ, _ in keys}

    def found():
        rows = Post.objects.filter(organ__in=organs).values_list("id", "division_id", "organ", "office")
        return {(d, o, f): pk for pk, d, o, f in rows}

    ids = found()
    missing = sorted(keys - ids.keys(), key=lambda k: (k[0] or 0, k[1], k[2]))
    if missing:
        Post.objects.bulk_create([Post(division_id=d, organ=o, office=f) for d, o, f in missing], ignore_conflicts=True)
        ids = found()
    return ids


def _values(entry: _Seen, count: int) -> dict:
    dated = entry.first[0] != datetime.date.max
    return {
        "written": entry.written[:100],
        "first_date": entry.first[0] if dated else None,
        "last_date": entry.last[0] if dated else None,
        "first_meeting_id": entry.first[1] if dated else None,
        "last_meeting_id": entry.last[1] if dated else None,
        "meeting_count": count,
        "started_by_id": entry.started_by[1] if entry.started_by else None,
        "ended_by_id": entry.ended_by[1] if entry.ended_by else None,
    }


FIELDS = [
    "written",
    "first_date",
    "last_date",
    "first_meeting_id",
    "last_meeting_id",
    "meeting_count",
    "started_by_id",
    "ended_by_id",
]


def _write(seen: dict[tuple[int, PostKey], _Seen], *, widen: bool) -> None:
    """Create the tenures not there yet; update the others (widened by new meetings, or replaced).
    Plain rows, not model instances: a batch of a load touches thousands."""
    if not seen:
        return
    post_ids = _post_ids({key for _, key in seen})
    wanted = {(official_id, post_ids[key]): entry for (official_id, key), entry in seen.items()}
    columns = ["id", "official_id", "post_id", "curated", *FIELDS]
    rows = Tenure.objects.filter(official_id__in={o for o, _ in wanted}).values_list(*columns)
    existing = {(row[1], row[2]): dict(zip(columns, row, strict=True)) for row in rows}
    new, changed = [], []
    for (official_id, post_id), entry in sorted(wanted.items()):
        tenure = existing.get((official_id, post_id))
        values = _values(entry, len(entry.meetings))
        if tenure is None:
            new.append({"official_id": official_id, "post_id": post_id, **values})
            continue
        if tenure["curated"]:
            continue
        if widen:
            values = _widened(tenure, values)
        if any(tenure[k] != v for k, v in values.items()):
            changed.append({**values, "id": tenure["id"]})
    insert_rows(Tenure, new, ignore_conflicts=True)
    update_rows(Tenure, changed, FIELDS)


def _widened(tenure: dict, new: dict) -> dict:
    values = dict(new, written=tenure["written"] or new["written"])
    values["meeting_count"] = tenure["meeting_count"] + new["meeting_count"]
    first, last = tenure["first_date"], tenure["last_date"]
    if first and (not new["first_date"] or first <= new["first_date"]):
        values["first_date"], values["first_meeting_id"] = first, tenure["first_meeting_id"]
    if last and (not new["last_date"] or last >= new["last_date"]):
        values["last_date"], values["last_meeting_id"] = last, tenure["last_meeting_id"]
    values["started_by_id"] = tenure["started_by_id"] or new["started_by_id"]
    values["ended_by_id"] = new["ended_by_id"] or tenure["ended_by_id"]
    return values


def add_meetings(meetings: dict[int, tuple], participations: list[dict]) -> None:
    """New meetings widen their officials' tenures (the caller holds the transaction).
    ``meetings``: id → (date, division id); ``participations``: the rows just inserted for them
    (archive.records.rows), read here as they are instead of back from the database."""
    if not meetings:
        return
    seen: dict[tuple[int, PostKey], _Seen] = defaultdict(_Seen)
    rows = (
        (row["official_id"], row["titles"], row["meeting_id"], *meetings[row["meeting_id"]])
        for row in participations
        if row["official_id"] is not None
    )
    _see_participations(seen, rows)
    _see_appointments(seen, Q(meeting_id__in=list(meetings)))
    _write(seen, widen=True)


@transaction.atomic
def refresh(official_ids) -> None:
    """These officials' tenures again from all their meetings; curated tenures stay."""
    official_ids = {pk for pk in official_ids if pk}
    if not official_ids:
        return
    seen = _gather(Q(official_id__in=official_ids), Q(official_id__in=official_ids))
    post_ids = _post_ids({key for _, key in seen})
    keep = {(o, post_ids[key]) for o, key in seen}
    stale = Tenure.objects.filter(official_id__in=official_ids, curated=False)
    stale_ids = [pk for pk, o, p in stale.values_list("id", "official_id", "post_id") if (o, p) not in keep]
    Tenure.objects.filter(id__in=stale_ids).delete()
    _write(seen, widen=False)
