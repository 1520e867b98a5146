"""Re-parse stored sources with the current parser, keeping what curators corrected."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from . import loading, search
from .bulk import insert_rows
from .history import ensure_baseline
from .models import Meeting, Participation, SourceDocument
from .parsing import PARSER_VERSION, parse_text
from .parsing.files import FileParse


@dataclass
class ReparseResult:
    meeting: Meeting
    changed: dict[str, tuple] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)
    participations: tuple[int, int] = (0, 0)
    agenda_items: tuple[int, int] = (0, 0)

    def summary(self) -> str:
        parts = [f"{k}: {old!r} → {new!r}" for k, (old, new) in self.changed.items()] or ["no field changed"]
        if self.kept:
            parts.append("kept curated " + ", ".join(self.kept))
        parts.append("participations {} → {}".format(*self.participations))
        parts.append("agenda items {} → {}".format(*self.agenda_items))
        return f"{self.meeting}: " + "; ".join(parts)


@transaction.atomic
def reparse_source(source: SourceDocument) -> ReparseResult:
    meeting = source.meeting
    ensure_baseline(Meeting, [meeting.pk])
    year_option = meeting.year if any(w.startswith("year-from-option") for w in source.warnings) else None
    parsed = parse_text(source.raw_text, encoding=source.encoding, year=year_option)
    result = ReparseResult(meeting)
    locality = parsed.meeting.locality or meeting.locality
    new_values = {**loading.meeting_fields(parsed, locality)}
    for name, value in new_values.items():
        if name in meeting.locked_fields:
            if value != getattr(meeting, name):
                result.kept.append(name)
            continue
        old = getattr(meeting, name)
        if (old or None) != (value or None):
            result.changed[name] = (old, value)
            setattr(meeting, name, value)
    if "needs_review" not in meeting.locked_fields:
        reasons = loading.review_reasons(parsed, set())
        meeting.needs_review, meeting.review_reasons = bool(reasons), reasons
    meeting.save()

    before_people = meeting.participations.count()
    curated_people = set(meeting.participations.filter(curated=True).values_list("name", "role"))
    meeting.participations.filter(curated=False).delete()
    item = loading.item_for(FileParse(source.path, source.sha256, source.text_sha256, parsed), locality)
    item.parsed.meeting.participants = [
        p for p in parsed.meeting.participants if (p.name, p.role) not in curated_people
    ]
    officials, _ = loading.resolve_officials([item])
    insert_rows(Participation, loading.participation_rows(meeting.id, item, officials))
    result.participations = (before_people, meeting.participations.count())

    before_items = meeting.agenda_items.count()
    curated_orders = set(meeting.agenda_items.filter(curated=True).values_list("order", flat=True))
    meeting.agenda_items.filter(curated=False).delete()
    meeting.documents.clear()
    loading.write_agenda([(meeting.id, parsed)], keep_orders={meeting.id: curated_orders})
    result.agenda_items = (before_items, meeting.agenda_items.count())

    source.text = parsed.text
    source.warnings = parsed.meeting.warnings
    source.parser_version = PARSER_VERSION
    source.save(update_fields=["text", "warnings", "parser_version"])
    search.reindex_meetings([meeting.id])
    return result
