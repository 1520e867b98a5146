"""The rows a parse becomes, as plain dicts for archive.bulk.insert_rows."""

from __future__ import annotations

from functools import cache

from django.db import models

from .. import search
from ..models import Meeting, Participation, SourceDocument, calendar_date
from ..parsing import PARSER_VERSION
from ..parsing.result import stored_warnings
from ..review import ReviewReason, review_reasons, stored_reasons
from .parses import Parse


@cache
def max_lengths(model: type[models.Model]) -> dict[str, int]:
    """The model's text columns with a maximum length, by the name a row dict uses."""
    return {
        f.attname: f.max_length for f in model._meta.concrete_fields if isinstance(f, models.CharField) and f.max_length
    }


def fit(model: type[models.Model], name: str, value: str) -> str:
    """A value cut to the length of its column (a page title, a document title)."""
    limit = max_lengths(model).get(name)
    return value[:limit] if limit and isinstance(value, str) else value


def fitted(model: type[models.Model], row: dict) -> dict:
    """The row with every text cut to the length of its column: the one place lengths are kept
    (intake and the parser give text as it is)."""
    for name, limit in max_lengths(model).items():
        value = row.get(name)
        if isinstance(value, str) and len(value) > limit:
            row[name] = value[:limit]
    return row


def source_row(parse: Parse) -> dict:
    parsed = parse.parsed
    return fitted(
        SourceDocument,
        {
            "path": parse.file.path,
            "sha256": parse.file.sha256,
            "text_sha256": parse.file.text_sha256,
            "encoding": parsed.encoding,
            "script": parsed.script,
            "raw_text": parsed.raw_text,
            "text": parsed.text,
            "parser_version": PARSER_VERSION,
            "warnings": stored_warnings(parsed.meeting.warnings),
            **parse.options.source_fields(),
            **source_metadata(parse),
        },
    )


def source_metadata(parse: Parse) -> dict:
    """Format, URL, title, site …: what the file said about itself (archive.intake), and which
    rule decided the locality."""
    source = parse.file.source
    fields = {"locality_rule": parse.locality_decision[1]}
    if source is None:
        return fields
    meta = source.meta
    return {
        **fields,
        "format": source.format,
        "url": meta.url,
        "title": meta.title,
        "site": meta.site,
        "column": meta.column,
        "content_source": meta.content_source,
    }


def meeting_fields(parse: Parse) -> dict:
    """The meeting's parsed fields (``Meeting.PARSED_FIELDS``)."""
    data = parse.parsed.meeting
    return {
        "year": data.year,
        "month": data.month,
        "day": data.day,
        "part_of_day": data.part_of_day or "",
        "body": data.body or "",
        "session_number": data.session_number,
        "locality": parse.locality,
        "division_id": parse.division.division_id,
    }


def reasons_of(parse: Parse, ambiguous: set[str]) -> list[ReviewReason]:
    """The review reasons of a parse: its warnings, its place's (archive.resolution), and the
    names it writes that fit several officials."""
    written = {p.name for _, p in parse.participants}
    return review_reasons(parse.parsed.meeting.warnings, parse.place_reasons(), ambiguous & written)


def meeting_row(parse: Parse, source_id: int, ambiguous: set[str]) -> dict:
    fields = meeting_fields(parse)
    reasons = parse.review = reasons_of(parse, ambiguous)
    return fitted(
        Meeting,
        {
            **fields,
            "source_id": source_id,
            "date": calendar_date(fields["year"], fields["month"], fields["day"]),
            "needs_review": bool(reasons),
            "review_reasons": stored_reasons(reasons),
        },
    )


def participation_rows(meeting_id: int, parse: Parse, officials: dict[tuple[str, str], int]) -> list[dict]:
    rows = []
    parsed = parse.parsed
    for order, p in parse.participants:
        raw_start, raw_end = parsed.raw_span(p.start, p.end)
        rows.append(
            fitted(
                Participation,
                {
                    "meeting_id": meeting_id,
                    "official_id": officials.get((p.name, parse.place)),
                    "name": p.name,
                    "name_as_written": parsed.raw_text[raw_start:raw_end],
                    "role": p.role,
                    "titles": list(p.titles),
                    "order": order,
                    "start": p.start,
                    "end": p.end,
                    "raw_start": raw_start,
                    "raw_end": raw_end,
                },
            )
        )
    return rows


def search_entry_row(meeting_id: int, parse: Parse) -> dict:
    """The text was made where the file was parsed; only the locality is added here."""
    text, grams = parse.file.search_text, parse.file.search_bigrams
    if parse.locality:
        text = f"{search.normalise(parse.locality)} {text}"
        grams = f"{search.bigrams(parse.locality)} {grams}"
    return {"meeting_id": meeting_id, "text": text, "bigrams": grams}


def written_name(parse: Parse, participant) -> str:
    raw_start, raw_end = parse.parsed.raw_span(participant.start, participant.end)
    return parse.parsed.raw_text[raw_start:raw_end]
