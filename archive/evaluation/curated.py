"""--against-archive: the stored meetings, as curators corrected them, are the gold.

Each stored source is parsed again with the current parser (nothing is written) and scored
against its meeting's rows with the same comparison as a gold file. Besides the figures, this
lists every meeting where the new parse contradicts something a curator set: a field in
``Meeting.locked_fields``, a participation or an agenda item marked ``curated``.
"""

from __future__ import annotations

import dataclasses

from django.db.models import Prefetch

from archive.intake import document_from_source
from archive.models import AgendaItem, Meeting, Participation, SourceDocument
from archive.parsing import LoadOptions
from archive.parsing.result import WarningKind, warnings_from_stored

from .files import parse_stored
from .records import Record, norm, record_from_meeting, record_from_parsed
from .scoring import Evaluation, add_up, compare

COMPARED_FIELDS = ("year", "month", "day", "body", "session_number")


def _as_rows(record: Record) -> Record:
    """The archive stores one row per listed item, so a parse is compared by its listed items
    (not by a count the text gives, such as '等8项文件精神')."""
    return (
        dataclasses.replace(record, agenda_counts=(record.listed_items,)) if record.listed_items is not None else record
    )


def record_from_stored(meeting: Meeting, key: str) -> Record:
    """A stored meeting with its (prefetched) participations, agenda items and documents."""
    people = sorted(meeting.participations.all(), key=lambda p: (p.order, p.id))
    return record_from_meeting(
        key,
        meeting,
        ((p.name, p.role) for p in people),
        len(meeting.agenda_items.all()),
        (d.title for d in meeting.documents.all()),
        appointments=None,
    )


def load_year(source: SourceDocument) -> int | None:
    """The --year the source was loaded with: its stored ``year_option`` when the schema has one,
    else (an older schema) the meeting's year when the loader said it came from --year."""
    if hasattr(source, "year_option"):
        return source.year_option
    meeting = source.meeting
    from_option = any(w.kind is WarningKind.YEAR_FROM_OPTION for w in warnings_from_stored(source.warnings))
    if from_option and "year" not in meeting.locked_fields:
        return meeting.year
    return None


def curated_disagreements(meeting: Meeting, parsed) -> list[str]:
    """What the parse (a ParsedMeeting, or None when it fails) would say against the curators."""
    items = []
    for name in meeting.locked_fields:
        if name not in COMPARED_FIELDS:
            continue
        stored, new = getattr(meeting, name), getattr(parsed, name, None) if parsed else None
        if name == "body":
            stored, new = norm(stored), norm(new)
        if stored != new:
            items.append(
                f"{name} (curated): {stored if stored is not None else '-'} | parser {new if new is not None else '-'}"
            )
    found = {(norm(p.name), p.role) for p in parsed.participants} if parsed else set()
    for p in meeting.participations.all():
        if p.curated and (norm(p.name), p.role) not in found:
            items.append(f"participation {p.name} ({p.role}) (curated): the parser does not find it")
    parsed_items = {a.order: norm(a.title) for a in parsed.agenda_items} if parsed else {}
    for a in meeting.agenda_items.all():
        if a.curated and parsed_items.get(a.order) != norm(a.title):
            got = parsed_items.get(a.order)
            items.append(
                f"agenda item {a.order} (curated): {a.title} | parser " + (got if got is not None else "no such item")
            )
    return items


def evaluate_archive() -> Evaluation:
    sources = (
        SourceDocument.objects.filter(meeting__isnull=False)
        .select_related("meeting")
        .prefetch_related(
            Prefetch("meeting__participations", queryset=Participation.objects.order_by("order", "id")),
            Prefetch("meeting__agenda_items", queryset=AgendaItem.objects.order_by("order")),
            "meeting__documents",
        )
        .order_by("id")
    )
    results, disagreements = [], []
    for source in sources.iterator(chunk_size=500):
        meeting = source.meeting
        key = f"meeting {meeting.id} ({source.path})"
        # The source as a re-parse reads it: its text and metadata (the publication date), its options.
        options = dataclasses.replace(LoadOptions.of(source), year=load_year(source))
        parsed, error = parse_stored(document_from_source(source), options)
        results.append(
            compare(
                record_from_stored(meeting, key), _as_rows(record_from_parsed(key, parsed)) if parsed else None, error
            )
        )
        items = curated_disagreements(meeting, parsed)
        if items:
            disagreements.append((key, items))
    return Evaluation(results, add_up(results), disagreements)
