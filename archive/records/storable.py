"""One check, before the database, that a parse can be stored as it is: the same file gives the
same result on SQLite and PostgreSQL (issue 18.11). SQLite stores a 200-character locality in a
``varchar(50)`` and a NUL in text; PostgreSQL refuses both, and refused them mid-batch. Lengths
are read from the models, so a field made longer needs no change here.

What the meeting is (its place, name, agenda, documents, people and their posts) is refused when
it does not fit: cut, it would be another place or person. A source's metadata (title, URL, site)
is cut to its column by the row builders instead (.rows.fitted): a long page title is still a title."""

from __future__ import annotations

import datetime
import re
from functools import cache

from ..careers.posts import posts_of
from ..models import AgendaItem, Appointment, Document, Meeting, Official, Participation, Post, SourceDocument, Tenure
from .parses import Parse

# A NUL (PostgreSQL's text cannot hold one) or half of a surrogate pair (no encoding writes one).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
FIRST_YEAR = 1949


def year_range() -> tuple[int, int]:
    """The years ``--year`` may give: from the People's Republic to next year (SQLite stored 99999)."""
    return FIRST_YEAR, datetime.date.today().year + 1


def year_problem(year: int | None) -> str | None:
    low, high = year_range()
    if year is not None and not low <= year <= high:
        return f"--year {year} is outside {low}–{high}"
    return None


@cache
def max_length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def problem(parse: Parse) -> str | None:
    """Why this parse cannot be stored as it is, in words; None when it can."""
    parsed, meeting = parse.parsed, parse.parsed.meeting
    for label, text in (("the text", parsed.raw_text), ("the cleaned text", parsed.text)):
        if m := _UNSTORABLE.search(text):
            return f"{label} holds {_named(m.group())}, which the archive cannot store"
    values = [
        ("the locality", parse.locality, Meeting, "locality"),
        ("the meeting's name", meeting.body or "", Meeting, "body"),
        ("--locality", parse.options.locality, SourceDocument, "locality_option"),
        ("the mapped locality", parse.options.map_locality, SourceDocument, "locality_map_option"),
        ("the locality in the metadata", parse.options.site_locality, SourceDocument, "site_locality"),
    ]
    values += [("an agenda item's title", item.title, AgendaItem, "title") for item in meeting.agenda_items]
    documents = {*meeting.documents, *(d for item in meeting.agenda_items for d in item.documents)}
    values += [("a document's title", title, Document, "title") for title in sorted(documents)]
    for p in meeting.participants:
        values += [("a name", p.name, Participation, "name"), ("a name", p.name, Official, "name")]
        for post in posts_of(p.titles):  # the posts careers make of the titles written before a name
            values += [
                ("a title's organ", post.organ, Post, "organ"),
                ("a title's office", post.office, Post, "office"),
                ("a title", post.written, Tenure, "written"),
            ]
    for a in meeting.appointments:
        values += [("an appointee's name", a.name, Appointment, "name"), ("a post", a.post or "", Appointment, "post")]
    for label, value, model, field in values:
        if m := _UNSTORABLE.search(value):
            return f"{label} holds {_named(m.group())}, which the archive cannot store"
        limit = max_length(model, field)
        if len(value) > limit:
            return f"{label} is {len(value):,} characters long, over the {limit} the archive stores: {value[:20]}…"
    return None


def _named(char: str) -> str:
    return "a NUL character" if char == "\x00" else f"a lone surrogate U+{ord(char):04X}"
