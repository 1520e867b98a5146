"""Turn parsed minutes into rows.

Each file is all-or-nothing; the same file (or the same text in another encoding) twice
changes nothing. For speed, files are written in batches: one transaction and one bulk
insert per table for a whole batch. If a batch fails, it is written again file by file, each
in its own transaction, so one bad file costs only itself. Results are reported only after
their transaction committed. Parsing may run in worker processes (``jobs``).
"""

from __future__ import annotations

import itertools
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from multiprocessing import get_context
from pathlib import Path
from typing import NamedTuple

from django.db import DatabaseError, transaction
from django.db.models import Q

from . import search
from .bulk import insert_rows
from .models import (
    AgendaItem,
    Document,
    Meeting,
    Official,
    OfficialAlias,
    Participation,
    SearchEntry,
    SourceDocument,
    calendar_date,
    pinyin_fields,
)
from .parsing import PARSER_VERSION, ParsedMinutes
from .parsing.files import MAX_BYTES, FileParse, find_minutes, init_worker, parse_file

BATCH_SIZE = 200
# Below this many files, starting worker processes costs more than it saves.
PARALLEL_FROM = 400


@dataclass
class FileResult:
    path: str
    sha256: str | None
    status: str  # parsed | loaded | unchanged | error
    error: str | None = None
    encoding: str | None = None
    script: str | None = None
    meeting_id: int | None = None
    warnings: list[str] = field(default_factory=list)
    # The parse behind ``meeting``, turned into the contract's dict only when someone asks.
    _parsed: object = field(default=None, repr=False)
    _locality: str = field(default="", repr=False)
    _meeting: dict | None = field(default=None, repr=False)

    @property
    def meeting(self) -> dict | None:
        if self._meeting is None and self._parsed is not None and self.status != "error":
            self._meeting = self._parsed.as_contract()
            self._meeting["locality"] = self._locality or None
        return self._meeting if self.status != "error" else None

    def release(self) -> None:
        """Forget the parse (a long run keeps only statuses and warnings in memory)."""
        self._parsed = self._meeting = None

    def as_contract(self) -> dict:
        """The object `load_minutes --json` prints (docs/parsed-minutes-contract.md)."""
        return {
            "path": self.path,
            "sha256": self.sha256,
            "status": self.status,
            "error": self.error,
            "encoding": self.encoding,
            "script": self.script,
            "meeting": self.meeting,
        }


@dataclass
class LoadReport:
    results: list[FileResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> int:
        return self.count("error")

    def warnings_by_kind(self) -> Counter:
        return Counter(w.split(":", 1)[0] for result in self.results for w in result.warnings)


@dataclass
class _Item:
    """One file on its way to the database."""

    file: FileParse
    result: FileResult
    locality: str
    # Later files of the same batch with the same bytes or text: unchanged, pointing here.
    duplicates: list[_Item] = field(default_factory=list)

    @property
    def parsed(self) -> ParsedMinutes:
        return self.file.parsed


def minutes_paths(paths: Iterable[str | Path], on_skip: Callable[[Path, str], None] | None = None) -> list[Path]:
    """Files as given; a directory means every regular *.txt file below it, sorted by path. What
    is skipped below a directory (FIFOs, broken links, link loops, unreadable directories) goes
    to ``on_skip(path, reason)``."""
    return find_minutes(paths, on_skip)


def load_paths(
    paths: Iterable[str | Path],
    *,
    year: int | None = None,
    locality: str | None = None,
    dry_run: bool = False,
    jobs: int = 0,
    on_result: Callable[[FileResult], None] | None = None,
    keep_meetings: bool = True,
    max_bytes: int = MAX_BYTES,
) -> LoadReport:
    """Load (or with ``dry_run`` only parse) these files. ``on_result`` sees each result with its
    parsed meeting; without ``keep_meetings`` the report then keeps only statuses and warnings."""
    report = LoadReport()
    files = minutes_paths(paths)
    for batch in _batched(_parsed_files(files, year, jobs, max_bytes), BATCH_SIZE):
        items = [item_for(f, locality) for f in batch]
        if not dry_run:
            store(items)
        for item in items:
            report.results.append(item.result)
            if on_result:
                on_result(item.result)
            if not keep_meetings:
                item.result.release()
    return report


def _parsed_files(files: list[Path], year: int | None, jobs: int, max_bytes: int = MAX_BYTES) -> Iterator[FileParse]:
    if jobs < 1 or len(files) < PARALLEL_FROM:
        return (parse_file(path, year, max_bytes) for path in files)
    # spawn, not fork: the workers need no Django and must not share its connections.
    # init_worker: a worker dies with this process, even by kill -9 (see there).
    executor = ProcessPoolExecutor(
        max_workers=jobs, mp_context=get_context("spawn"), initializer=init_worker, initargs=(os.getpid(),)
    )
    results = executor.map(partial(parse_file, year=year, max_bytes=max_bytes), files, chunksize=64)
    return _closing(results, executor)


def _closing(results, executor):
    try:
        yield from results
    finally:
        # A load that stops early (an error, ^C) does not wait for the files nobody will read.
        executor.shutdown(wait=True, cancel_futures=True)


def _batched(iterable, size):
    iterator = iter(iterable)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def item_for(file: FileParse, locality: str | None) -> _Item:
    if file.error:
        return _Item(file, FileResult(file.path, file.sha256, "error", error=file.error), locality or "")
    parsed = file.parsed
    locality = locality or parsed.meeting.locality or ""
    result = FileResult(
        file.path,
        file.sha256,
        "parsed",
        encoding=parsed.encoding,
        script=parsed.script,
        warnings=parsed.meeting.warnings,
        _parsed=parsed.meeting,
        _locality=locality,
    )
    return _Item(file, result, locality)


def store(items: list[_Item]) -> None:
    """Write the new files of a batch; mark the others unchanged."""
    new = _mark_known(items)
    if not new:
        return
    try:
        with transaction.atomic():
            meetings = write_files(new)
    except DatabaseError:
        for item in new:
            try:
                with transaction.atomic():
                    meetings = write_files([item])
            except DatabaseError as exc:
                item.result.status, item.result.warnings = "error", []
                item.result.error = f"{item.file.path}: could not be saved ({exc})"
            else:
                _mark_loaded([item], meetings)
    else:
        _mark_loaded(new, meetings)


def _mark_loaded(items: list[_Item], meeting_ids: list[int]) -> None:
    for item, meeting_id in zip(items, meeting_ids, strict=True):
        item.result.status, item.result.meeting_id = "loaded", meeting_id
        for duplicate in item.duplicates:
            duplicate.result.meeting_id = meeting_id


def _mark_known(items: list[_Item]) -> list[_Item]:
    """Files already in the archive (same bytes or same text) and repeats within the batch."""
    candidates = [i for i in items if i.result.status == "parsed"]
    if not candidates:
        return []
    digests = [i.file.sha256 for i in candidates] + [i.file.text_sha256 for i in candidates]
    known = {}
    rows = SourceDocument.objects.filter(Q(sha256__in=digests) | Q(text_sha256__in=digests))
    for sha, text_sha, meeting_id in rows.values_list("sha256", "text_sha256", "meeting__id"):
        known[sha] = known[text_sha] = meeting_id
    new, seen = [], {}
    for item in candidates:
        first = seen.get(item.file.sha256) or seen.get(item.file.text_sha256)
        if item.file.sha256 in known or item.file.text_sha256 in known:
            item.result.status = "unchanged"
            item.result.meeting_id = known.get(item.file.sha256) or known.get(item.file.text_sha256)
        elif first is not None:
            item.result.status = "unchanged"
            first.duplicates.append(item)
        else:
            seen[item.file.sha256] = seen[item.file.text_sha256] = item
            new.append(item)
    return new


def write_files(items: list[_Item]) -> list[int]:
    """Insert the rows of these files and return their meeting ids. The caller holds the transaction."""
    insert_rows(SourceDocument, [_source_row(item) for item in items])
    source_ids = dict(
        SourceDocument.objects.filter(sha256__in=[i.file.sha256 for i in items]).values_list("sha256", "id")
    )
    officials, ambiguous = resolve_officials(items)
    insert_rows(Meeting, [_meeting_row(item, source_ids[item.file.sha256], ambiguous) for item in items])
    meeting_by_source = dict(Meeting.objects.filter(source_id__in=source_ids.values()).values_list("source_id", "id"))
    meeting_ids = [meeting_by_source[source_ids[item.file.sha256]] for item in items]
    participations = []
    for item, meeting_id in zip(items, meeting_ids, strict=True):
        participations.extend(participation_rows(meeting_id, item, officials))
    insert_rows(Participation, participations)
    pairs = [(meeting_id, item.parsed) for item, meeting_id in zip(items, meeting_ids, strict=True)]
    write_agenda(pairs)
    index_new_meetings(items, meeting_ids)
    return meeting_ids


def index_new_meetings(items: list[_Item], meeting_ids: list[int]) -> None:
    """Search entries for the meetings just written; the text was made where the file was parsed."""
    rows = []
    for item, meeting_id in zip(items, meeting_ids, strict=True):
        text, grams = item.file.search_text, item.file.search_bigrams
        if item.locality:
            text, grams = f"{search.normalise(item.locality)} {text}", f"{search.bigrams(item.locality)} {grams}"
        rows.append({"meeting_id": meeting_id, "text": text, "bigrams": grams})
    insert_rows(SearchEntry, rows)


def _source_row(item: _Item) -> dict:
    parsed = item.parsed
    return {
        "path": item.file.path[:1024],
        "sha256": item.file.sha256,
        "text_sha256": item.file.text_sha256,
        "encoding": parsed.encoding,
        "script": parsed.script,
        "raw_text": parsed.raw_text,
        "text": parsed.text,
        "parser_version": PARSER_VERSION,
        "warnings": parsed.meeting.warnings,
    }


def _meeting_row(item: _Item, source_id: int, ambiguous: dict[str, set[str]]) -> dict:
    fields = meeting_fields(item.parsed, item.locality)
    reasons = review_reasons(item.parsed, ambiguous.get(item.locality, set()))
    return {
        **fields,
        "source_id": source_id,
        "date": calendar_date(fields["year"], fields["month"], fields["day"]),
        "needs_review": bool(reasons),
        "review_reasons": reasons,
    }


def meeting_fields(parsed: ParsedMinutes, locality: str) -> dict:
    data = parsed.meeting
    return {
        "year": data.year,
        "month": data.month,
        "day": data.day,
        "part_of_day": data.part_of_day or "",
        "body": data.body or "",
        "session_number": data.session_number,
        "locality": locality,
    }


def review_reasons(parsed: ParsedMinutes, ambiguous: set[str]) -> list[str]:
    """Why a curator should look: warnings (but a year from the page is fine) and unresolved names."""
    reasons = [w.split(":", 1)[0] for w in parsed.meeting.warnings if not w.startswith("year-from-publication-date")]
    names = {p.name for p in parsed.meeting.participants}
    reasons.extend(f"ambiguous-official: {name}" for name in sorted(ambiguous & names))
    return reasons


OfficialKey = tuple[str, str]  # (name, locality of the meeting)


class _Known(NamedTuple):
    id: int
    locality: str


def resolve_officials(items: list[_Item]) -> tuple[dict[OfficialKey, int], dict[str, set[str]]]:
    """Official ids for (name, locality): reuse the official of the same name (and locality when
    both know it), create the rest. A name that fits several officials stays unresolved and puts
    its meeting in the review queue. A fixed number of queries for a whole batch.
    """
    keys = {(p.name, item.locality) for item in items for p in item.parsed.meeting.participants}
    names = {name for name, _ in keys}
    candidates: dict[str, set[_Known]] = {name: set() for name in names}
    for pk, name, locality in Official.objects.filter(name__in=names).values_list("id", "name", "locality"):
        candidates[name].add(_Known(pk, locality))
    aliases = OfficialAlias.objects.filter(name__in=names)
    for name, pk, locality in aliases.values_list("name", "official_id", "official__locality"):
        candidates[name].add(_Known(pk, locality))
    resolved: dict[OfficialKey, int] = {}
    ambiguous: dict[str, set[str]] = {}
    to_create: dict[OfficialKey, Official] = {}
    for name, locality in sorted(keys):
        fitting = _fitting(candidates[name], locality)
        if len(fitting) == 1:
            resolved[name, locality] = fitting[0].id
        elif fitting:
            ambiguous.setdefault(locality, set()).add(name)
        else:
            to_create[name, locality] = {"name": name, "locality": locality, **pinyin_fields(name)}
    if to_create:
        insert_rows(Official, list(to_create.values()))
        # The natural key (name, locality, disambiguation) is unique: one query finds the new ids.
        new = Official.objects.filter(name__in={n for n, _ in to_create}, disambiguation="")
        for pk, name, locality in new.values_list("id", "name", "locality"):
            if (name, locality) in to_create:
                resolved[name, locality] = pk
    record_written_spellings(items, resolved)
    return resolved, ambiguous


def _fitting(officials: set[_Known], locality: str) -> list[_Known]:
    fitting = [o for o in officials if not (locality and o.locality and o.locality != locality)]
    if len(fitting) > 1 and locality:
        fitting = [o for o in fitting if o.locality == locality] or fitting
    return fitting


def record_written_spellings(items: list[_Item], resolved: dict[OfficialKey, int]) -> None:
    """Keep traditional spellings (陳豪) as aliases of the simplified-named official."""
    wanted = set()
    for item in items:
        if item.parsed.script != "traditional":
            continue
        for p in item.parsed.meeting.participants:
            written = _written_name(item.parsed, p)
            official_id = resolved.get((p.name, item.locality))
            if official_id and written != p.name and len(written) <= 20:
                wanted.add((official_id, written))
    if not wanted:
        return
    existing = set(OfficialAlias.objects.filter(name__in={n for _, n in wanted}).values_list("official_id", "name"))
    insert_rows(OfficialAlias, [{"official_id": pk, "name": name} for pk, name in sorted(wanted - existing)])


def _written_name(parsed: ParsedMinutes, p) -> str:
    raw_start, raw_end = parsed.raw_span(p.start, p.end)
    return parsed.raw_text[raw_start:raw_end]


def participation_rows(meeting_id: int, item: _Item, officials: dict[OfficialKey, int]) -> list[dict]:
    rows = []
    parsed = item.parsed
    for order, p in enumerate(parsed.meeting.participants, 1):
        raw_start, raw_end = parsed.raw_span(p.start, p.end)
        rows.append(
            {
                "meeting_id": meeting_id,
                "official_id": officials.get((p.name, item.locality)),
                "name": p.name,
                "name_as_written": parsed.raw_text[raw_start:raw_end][:40],
                "role": p.role,
                "titles": list(p.titles),
                "order": order,
                "start": p.start,
                "end": p.end,
                "raw_start": raw_start,
                "raw_end": raw_end,
            }
        )
    return rows


def write_agenda(pairs: list[tuple[int, ParsedMinutes]], keep_orders: dict[int, set[int]] | None = None) -> None:
    """Agenda items and cited documents of these meetings (by id), skipping curated item orders."""
    keep_orders = keep_orders or {}
    documents = documents_by_title({t for _, parsed in pairs for t in parsed.meeting.documents})
    insert_rows(
        Document.meetings.through,
        [
            {"document_id": documents[t].id, "meeting_id": meeting_id}
            for meeting_id, parsed in pairs
            for t in dict.fromkeys(t[:500] for t in parsed.meeting.documents)
        ],
    )
    items, cited = [], []
    for meeting_id, parsed in pairs:
        for a in parsed.meeting.agenda_items:
            if a.order in keep_orders.get(meeting_id, set()):
                continue
            items.append(
                {"meeting_id": meeting_id, "order": a.order, "title": a.title[:500], "text": a.text, "kind": a.kind}
            )
            if a.documents:
                cited.append((meeting_id, a.order, a.documents))
    insert_rows(AgendaItem, items)
    if not cited:
        return
    # Ids only for the items that cite documents: one query instead of ids for every item.
    rows = AgendaItem.objects.filter(meeting_id__in={m for m, _, _ in cited}).values_list("id", "meeting_id", "order")
    ids = {(meeting_id, order): pk for pk, meeting_id, order in rows}
    insert_rows(
        AgendaItem.documents.through,
        [
            {"agendaitem_id": ids[meeting_id, order], "document_id": documents[t[:500]].id}
            for meeting_id, order, titles in cited
            for t in dict.fromkeys(titles)
        ],
    )


def documents_by_title(titles: set[str]) -> dict[str, Document]:
    """The documents with these titles by title, creating the missing ones."""
    if not titles:
        return {}
    titles = {t[:500] for t in titles}
    found = {d.title: d for d in Document.objects.filter(title__in=titles)}
    missing = sorted(titles - found.keys())
    if missing:
        Document.objects.bulk_create([Document(title=t) for t in missing], ignore_conflicts=True)
        found = {d.title: d for d in Document.objects.filter(title__in=titles)}
    return found
