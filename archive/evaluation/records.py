"""Comparable records: a gold line, a parse or an archived meeting, reduced to what is scored.

Plain Python, no Django. Every string is put in simplified characters (OpenCC t2s, applied to
both sides alike, so a conversion such as 乾 → 干 cannot make two equal names differ) with all
whitespace removed (padded names such as 王　军, stray spaces in a title).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from archive.parsing.script import to_simplified

_SPACE = re.compile(r"\s+")

Person = tuple[str, str]  # (name, role)
Appointment = tuple[str, str, str]  # (name, action, post); post "" when none


def norm(value: str | None) -> str | None:
    """Simplified, without whitespace; None (and a string of only whitespace) stays None."""
    if value is None:
        return None
    value = _SPACE.sub("", to_simplified(str(value)))
    return value or None


@dataclass(frozen=True)
class Record:
    """One meeting as scored. ``agenda_counts``: the counts accepted as right (gold: the count and
    its alternatives, empty when the gold gives none; a parse: its one count). ``appointments``
    is None when this side cannot say (an archived meeting stores none)."""

    key: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    body: str | None = None
    session_number: int | None = None
    chair: str | None = None
    people: tuple[Person, ...] = ()
    agenda_counts: tuple[int, ...] = ()
    documents: tuple[str, ...] = ()
    # A parse's number of listed agenda items, when it differs from the count it gives.
    listed_items: int | None = None
    appointments: tuple[Appointment, ...] | None = ()
    # A parse's review reasons (contract v3 ``meeting.review`` kinds): why a curator should look.
    review: tuple[str, ...] = ()

    @property
    def date(self) -> tuple:
        return (self.year, self.month, self.day)

    @property
    def names(self) -> set[str]:
        return {name for name, _ in self.people}


def _unique(values) -> tuple:
    return tuple(dict.fromkeys(v for v in values if v is not None and (not isinstance(v, tuple) or v[0])))


def people_of(pairs) -> tuple[Person, ...]:
    return _unique((norm(name), role) for name, role in pairs)


def appointments_of(rows) -> tuple[Appointment, ...]:
    return _unique((norm(name), action, norm(post) or "") for name, action, post in rows)


def record_from_gold(line: dict) -> Record:
    """A gold line as LABELLING.md specifies it (``date``, ``body``, ``session_number``, ``chair``,
    ``participants``, ``agenda_item_count`` [+ ``agenda_item_count_alt``], ``documents``,
    ``appointments``)."""
    date = line.get("date") or {}
    count = line.get("agenda_item_count")
    counts = () if count is None else (count, *(line.get("agenda_item_count_alt") or ()))
    return Record(
        key=str(line.get("file") or line.get("key") or "?"),
        year=date.get("year"),
        month=date.get("month"),
        day=date.get("day"),
        body=norm(line.get("body")),
        session_number=line.get("session_number"),
        chair=norm(line.get("chair")),
        people=people_of((p["name"], p["role"]) for p in line.get("participants") or ()),
        agenda_counts=tuple(dict.fromkeys(counts)),
        documents=_unique(map(norm, line.get("documents") or ())),
        appointments=appointments_of((a["name"], a["action"], a.get("post")) for a in line.get("appointments") or ()),
    )


def record_from_meeting(key: str, meeting, people, agenda_count: int, documents, appointments) -> Record:
    """A meeting of either kind: anything with year, month, day, body and session_number
    (a ``ParsedMeeting`` or a stored ``Meeting``), with its (name, role) pairs in order of
    mention. The chair is the first person with the role chair."""
    people = people_of(people)
    return Record(
        key=key,
        year=meeting.year,
        month=meeting.month,
        day=meeting.day,
        body=norm(meeting.body),
        session_number=meeting.session_number,
        chair=next((name for name, role in people if role == "chair"), None),
        people=people,
        agenda_counts=(agenda_count,),
        documents=_unique(map(norm, documents)),
        appointments=None if appointments is None else appointments_of(appointments),
    )


def record_from_parsed(key: str, meeting) -> Record:
    """A ``ParsedMeeting``; ``appointments`` (contract v2) counts as [] while the parser has none."""
    record = record_from_meeting(
        key,
        meeting,
        ((p.name, p.role) for p in meeting.participants),
        _agenda_count(meeting),
        meeting.documents,
        [_appointment_fields(a) for a in getattr(meeting, "appointments", None) or ()],
    )
    review = tuple(entry["kind"] for entry in getattr(meeting, "review", None) or ())
    return dataclasses.replace(record, listed_items=len(meeting.agenda_items), review=review)


def _agenda_count(meeting) -> int:
    """Matters handled: the parse's own count where the text counts more than it lists (A2)."""
    count = getattr(meeting, "agenda_item_count", None)
    return len(meeting.agenda_items) if count is None else count


def _appointment_fields(a) -> tuple:
    if isinstance(a, dict):
        return a.get("name"), a.get("action"), a.get("post")
    return a.name, a.action, getattr(a, "post", None)
