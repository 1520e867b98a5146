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

from django.db import models
from django.utils.translation import gettext

from ..careers.posts import posts_of
from ..models import (
    AgendaItem,
    Appointment,
    Document,
    Meeting,
    Official,
    OfficialAlias,
    Participation,
    Post,
    SourceDocument,
    Tenure,
)
from ..parsing.cleaning import visible
from .parses import Parse


class Unstorable(ValueError):
    """A parse or a row the archive would store differently per database; the message says why."""


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


# Names a person is known by: a character that shows nothing (zero-width, a bidi override) would
# make 张\u200b三 another person than 张三, or show the name backwards. The loader deletes them from
# the text it reads (archive.parsing.cleaning); a name that comes another way is refused.
NAMES = {(Participation, "name"), (Participation, "name_as_written"), (Official, "name"), (OfficialAlias, "name"),
         (Appointment, "name")}  # fmt: skip


def field_problems(instance: models.Model) -> dict[str, str]:
    """Why a row (an admin import's) cannot be stored as it is, by field, in words: the check
    ``problem`` makes of a parse, for one row of any model: over its column's length, a NUL or a
    lone surrogate anywhere in its text (lists included), a name with characters that show
    nothing. Empty when it can be stored."""
    model = type(instance)._meta.concrete_model
    problems = {}
    for field in model._meta.concrete_fields:
        value = getattr(instance, field.attname, None)
        for text in _texts(value):
            reason = _text_problem(text, field, (model, field.name) in NAMES)
            if reason:
                problems[field.name] = reason
                break
    return problems


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(key)
            yield from _texts(item)


def _text_problem(text: str, field, is_name: bool) -> str | None:
    """In the curator's language: the admin's import preview shows it."""
    if m := _UNSTORABLE.search(text):
        return gettext("holds U+%(code)04X (a NUL or half a surrogate pair), which the archive cannot store") % {
            "code": ord(m.group())
        }
    limit = field.max_length if isinstance(field, models.CharField) else None
    if limit and len(text) > limit:
        return gettext("is %(length)d characters long, over the %(limit)d the archive stores: %(start)s…") % {
            "length": len(text),
            "limit": limit,
            "start": text[:20],
        }
    if is_name and visible(text) != text:
        hidden = next(c for c in text if c not in visible(c))
        return gettext("holds U+%(code)04X, a character that shows nothing, in a name: %(name)s") % {
            "code": ord(hidden),
            "name": visible(text),
        }
    return None
