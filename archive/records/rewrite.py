"""One meeting written again from a new parse of its source (re-parse), keeping what curators did:
locked fields, curated rows and discarded rows (see .curation). Review reasons are computed
after officials are resolved, so a name that fits several officials keeps the meeting flagged."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from .. import search
from ..bulk import insert_rows
from ..careers import tenures
from ..history import ensure_baseline
from ..intake import Document as IntakeDocument
from ..models import Document, Meeting, Participation, SourceDocument
from ..parsing import PARSER_VERSION, ParsedMinutes
from ..parsing.result import stored_warnings
from ..review import stored_reasons
from .agenda import write_agenda
from .appointments import curated_keys, write_appointments
from .curation import Curation, replacing_parsed_rows
from .officials import resolve_officials
from .parses import FileParse, LoadOptions, Parse
from .rows import meeting_fields, participation_rows, reasons_of
from .storable import Unstorable, problem


@dataclass
class ReparseResult:
    meeting: Meeting
    changed: dict[str, tuple] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)
    participations: tuple[int, int] = (0, 0)
    agenda_items: tuple[int, int] = (0, 0)

    @property
    def status(self) -> str:
        """What happened to the record: ``updated`` (a field or its rows changed) or ``unchanged``."""
        rows_changed = self.participations[0] != self.participations[1] or self.agenda_items[0] != self.agenda_items[1]
        return "updated" if self.changed or rows_changed else "unchanged"

    def summary(self) -> str:
        parts = [f"{k}: {old!r} → {new!r}" for k, (old, new) in self.changed.items()] or ["no field changed"]
        if self.kept:
            parts.append("kept curated " + ", ".join(self.kept))
        parts.append("participations {} → {}".format(*self.participations))
        parts.append("agenda items {} → {}".format(*self.agenda_items))
        return f"{self.meeting}: " + "; ".join(parts)


@transaction.atomic
def rewrite_meeting(
    source: SourceDocument, document: IntakeDocument, parsed: ParsedMinutes, options: LoadOptions
) -> ReparseResult:
    """Write the source's meeting again from ``parsed``, the parse of ``document`` (the source as
    intake reads it: archive.intake.document_from_source)."""
    meeting = Meeting.objects.select_for_update().get(source=source)
    parse = Parse(
        FileParse(source.path, source.sha256, source.text_sha256, parsed, source=document),
        options,
        Curation.of(meeting),
    )
    if reason := problem(parse):  # the loader's check: refused alike on SQLite and PostgreSQL
        raise Unstorable(reason)
    ensure_baseline(Meeting, [meeting.pk])
    result = ReparseResult(meeting)
    before = (meeting.participations.count(), meeting.agenda_items.count())
    officials_before = _officials_of(meeting)
    with replacing_parsed_rows():
        ambiguous = _replace_parsed_rows(meeting, parse)
    _update_fields(meeting, parse, ambiguous, result)
    result.participations = (before[0], meeting.participations.count())
    result.agenda_items = (before[1], meeting.agenda_items.count())
    if source.text != parsed.text:
        search.forget_texts([(meeting.id, source.text)])
        search.index_texts([(meeting.id, parsed.text)])
    source.text, source.parser_version = parsed.text, PARSER_VERSION
    source.warnings = stored_warnings(parsed.meeting.warnings)
    source.locality_rule = parse.locality_decision[1]
    source.save(update_fields=["text", "warnings", "parser_version", "locality_rule"])
    search.reindex_meetings([meeting.id])
    tenures.refresh(officials_before | _officials_of(meeting))
    return result


def _officials_of(meeting: Meeting) -> set[int]:
    """The officials whose careers this meeting shows (participants and appointees)."""
    ids = set(meeting.participations.values_list("official_id", flat=True))
    return ids | set(meeting.appointments.values_list("official_id", flat=True))


def _replace_parsed_rows(meeting: Meeting, parse: Parse) -> set[str]:
    """Parsed rows out, the new parse's in (less what curators decided); the names left ambiguous."""
    meeting.participations.filter(curated=False).delete()
    meeting.agenda_items.filter(curated=False).delete()
    meeting.appointments.filter(curated=False).delete()
    # Documents a curator linked or unlinked (locked) stay as they are, with those the parse cites.
    kept_documents = list(meeting.documents.all()) if parse.curation.kept("documents") else []
    meeting.documents.clear()
    officials = resolve_officials([parse])
    insert_rows(Participation, participation_rows(meeting.id, parse, officials.ids))
    write_agenda([(meeting.id, parse)])
    write_appointments([(meeting.id, parse)], officials.ids, curated_keys(meeting))
    meeting.documents.add(*kept_documents)
    # Documents that curated items cite stay linked to the meeting.
    meeting.documents.add(*Document.objects.filter(agenda_items__meeting=meeting).distinct())
    return officials.ambiguous_in(parse)


def _update_fields(meeting: Meeting, parse: Parse, ambiguous: set[str], result: ReparseResult) -> None:
    for name, value in meeting_fields(parse).items():
        old = getattr(meeting, name)
        if parse.curation.kept(name):
            if value != old:
                result.kept.append(name)
        elif (old or None) != (value or None):
            result.changed[name] = (old, value)
            setattr(meeting, name, value)
    if not parse.curation.kept("needs_review"):
        reasons = parse.review = reasons_of(parse, ambiguous)
        meeting.needs_review, meeting.review_reasons = bool(reasons), stored_reasons(reasons)
    meeting.save()
