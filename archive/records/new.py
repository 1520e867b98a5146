"""New meetings, a batch at a time (load_minutes): one bulk insert per table for the whole batch.

Several loaders may run at once on overlapping files. A source is inserted with ON CONFLICT DO
NOTHING: when another writer stored the same file (bytes or normalised text) meanwhile, its row
wins and this parse is left out (the loader reports it ``unchanged``). Rows that others may also
create (sources, officials, aliases, documents) go in sorted by key, the same order in every writer.
"""

from __future__ import annotations

from .. import search
from ..bulk import insert_rows
from ..careers import tenures
from ..models import Meeting, OriginalFile, Participation, SearchEntry, SourceDocument
from .agenda import write_agenda
from .appointments import write_appointments
from .officials import resolve_officials
from .parses import Parse
from .rows import meeting_row, participation_rows, search_entry_row, source_row


def write_new(parses: list[Parse]) -> list[int | None]:
    """Write each parse as a new source and meeting with all its rows; the caller holds the
    transaction. Returns the meeting ids, ``None`` for a file another writer stored meanwhile."""
    source_ids = insert_sources(parses)
    mine = [p for p in parses if p.file.sha256 in source_ids]
    if not mine:
        return [None] * len(parses)
    officials = resolve_officials(mine)
    meetings = [meeting_row(p, source_ids[p.file.sha256], officials.ambiguous_in(p)) for p in mine]
    insert_rows(Meeting, meetings)
    meeting_by_source = dict(Meeting.objects.filter(source_id__in=source_ids.values()).values_list("source_id", "id"))
    meeting_ids = {p.file.sha256: meeting_by_source[source_ids[p.file.sha256]] for p in mine}
    written = [(meeting_ids[p.file.sha256], p) for p in mine]
    participations = [row for meeting_id, p in written for row in participation_rows(meeting_id, p, officials.ids)]
    insert_rows(Participation, participations)
    write_agenda(written)
    write_appointments(written, officials.ids)
    placed = {meeting_by_source[row["source_id"]]: (row["date"], row["division_id"]) for row in meetings}
    tenures.add_meetings(placed, participations)
    insert_rows(SearchEntry, [search_entry_row(meeting_id, p) for meeting_id, p in written])
    search.index_texts([(meeting_id, p.parsed.text, p.file.text_bigrams or None) for meeting_id, p in written])
    return [meeting_ids.get(p.file.sha256) for p in parses]


def insert_sources(parses: list[Parse]) -> dict[str, int]:
    """Insert the sources that no other writer has stored; their ids by sha256."""
    ordered = sorted(parses, key=lambda p: p.file.sha256)
    insert_rows(SourceDocument, [source_row(p) for p in ordered], ignore_conflicts=True)
    # The exact bytes, content-addressed: the same bytes are one row whoever stores them.
    originals = {p.file.sha256: p.file.source.data for p in ordered if p.file.source is not None}
    OriginalFile.objects.bulk_create(
        [OriginalFile(sha256=k, data=v, size=len(v)) for k, v in originals.items()], ignore_conflicts=True
    )
    # This transaction's sources are those without a meeting yet: another writer commits each
    # source together with its meeting, and uncommitted rows of others are invisible here.
    mine = SourceDocument.objects.filter(sha256__in=[p.file.sha256 for p in parses], meeting__isnull=True)
    return dict(mine.values_list("sha256", "id"))
