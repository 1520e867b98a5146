"""Load minutes files: find, read, parse, resolve and write them (the rows themselves: archive.records).

Each file is all-or-nothing; the same file (or the same normalised text) twice changes
nothing. For speed, files are written in batches: one transaction and one bulk insert per
table for a whole batch. If a batch fails, it is written again file by file, each in its own
transaction, so one bad file costs only itself. Results are reported only after their
transaction committed. Parsing may run in worker processes (``jobs``).

Several loaders may run at once, on the same files or not: a file another loader stored
meanwhile is ``unchanged``, an official it created is used (see archive.records.new).
"""

from __future__ import annotations

import gc
import itertools
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from multiprocessing import get_context
from pathlib import Path

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.db.models import Q

from ..intake import MAX_BYTES, find_minutes
from ..intake.locality import LocalityMap
from ..models import SourceDocument
from ..parsing import LoadOptions, ParsedMinutes, ParseWarning
from ..records.new import write_new
from ..records.parses import FileParse, Parse, resolve_places
from ..records.rows import reasons_of
from ..records.storable import problem, year_problem
from .steps import parse_bytes, parse_path
from .workers import init_worker

BATCH_SIZE = 200
# A batch that meets another writer (a deadlock, a busy SQLite database) is tried this often.
ATTEMPTS = 3
SQLITE_WAIT_MS = 600_000
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
    warnings: list[ParseWarning] = field(default_factory=list)
    # The contract's ``source``: format, url, title, published (None for an unreadable file).
    source: dict | None = None
    # The parse behind ``meeting`` (with its resolution), turned into the contract's dict only
    # when someone asks.
    _parse: Parse | None = field(default=None, repr=False)
    _meeting: dict | None = field(default=None, repr=False)

    @property
    def meeting(self) -> dict | None:
        if self._meeting is None and self._parse is not None and self.status != "error":
            self._meeting = meeting_contract(self._parse)
        return self._meeting if self.status != "error" else None

    def release(self) -> None:
        """Forget the parse (a long run keeps only statuses and warnings in memory)."""
        self._parse = self._meeting = None

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
            "source": self.source,
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
        """Warnings of the files parsed or loaded now. An unchanged file's were counted when it was
        loaded; those still open are in the review queue (a curator may have resolved them since)."""
        fresh = (r for r in self.results if r.status != "unchanged")
        return Counter(w.kind for result in fresh for w in result.warnings)


@dataclass
class _Item:
    """One file on its way to the database."""

    parse: Parse
    result: FileResult
    # Later files of the same batch with the same bytes or text: unchanged, pointing here.
    duplicates: list[_Item] = field(default_factory=list)

    @property
    def file(self) -> FileParse:
        return self.parse.file

    @property
    def parsed(self) -> ParsedMinutes:
        return self.parse.parsed


def minutes_paths(
    paths: Iterable[str | Path],
    on_skip: Callable[[Path, str], None] | None = None,
    on_other: Callable[[Path], None] | None = None,
) -> list[Path]:
    """Files as given; a directory means every regular file below it in a format intake reads
    (archive.intake.find_minutes), sorted by path. What
    is skipped below a directory (FIFOs, broken links, link loops, unreadable directories) goes
    to ``on_skip(path, reason)``; a file of another format (.png, .zip) to ``on_other(path)``."""
    return find_minutes(paths, on_skip, on_other)


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
    locality_map: LocalityMap | None = None,
    found: bool = False,
) -> LoadReport:
    """Load (or with ``dry_run`` only parse) these files. ``on_result`` sees each result with its
    parsed meeting; without ``keep_meetings`` the report then keeps only statuses and warnings.
    ``found``: the paths are files ``minutes_paths`` found already (they are not walked again)."""
    if reason := year_problem(year):
        raise ValueError(reason)
    files = list(paths) if found else minutes_paths(paths)
    options = LoadOptions(locality or "", year)
    parsed = _parsed_files(files, options, jobs, max_bytes, locality_map)
    return run(parsed, options, dry_run=dry_run, on_result=on_result, keep_meetings=keep_meetings)


def load_bytes(data: bytes, name: str, *, year: int | None = None, locality: str | None = None) -> LoadReport:
    """Load one file given as its bytes (the admin's source import), named ``name``, as
    ``load_paths`` loads a file of that name: the same steps, from intake on."""
    options = LoadOptions(locality or "", year)
    return run(parse_bytes(data, name, options), options)


def run(
    parsed: Iterable[FileParse],
    options: LoadOptions,
    *,
    dry_run: bool = False,
    on_result: Callable[[FileResult], None] | None = None,
    keep_meetings: bool = True,
) -> LoadReport:
    """The steps after parsing, a batch at a time: resolution, then records (unless ``dry_run``)."""
    report = LoadReport()
    if not dry_run:
        _wait_for_other_writers()
    with _statements_not_logged():
        for batch in _batched(parsed, BATCH_SIZE):
            _run_batch(batch, options, report, dry_run, on_result, keep_meetings)
    return report


def _run_batch(batch, options, report, dry_run, on_result, keep_meetings) -> None:
    items = [item_for(f, options) for f in batch]
    resolve_places([item.parse for item in items if item.result.status == "parsed"])
    _refuse_unstorable(items)
    if not dry_run:
        store(items)
    for item in items:
        report.results.append(item.result)
        if on_result:
            on_result(item.result)
        if not keep_meetings:
            item.result.release()


@contextmanager
def _statements_not_logged():
    """With DEBUG on, Django formats and keeps every statement (``connection.queries``): for a
    load, a tenth of the writer's time for a log nobody reads. A test that counts queries
    (``force_debug_cursor``) still sees them."""
    if not settings.DEBUG or connection.force_debug_cursor:
        yield
        return
    connection.make_debug_cursor = connection.make_cursor  # this connection, this load only
    try:
        yield
    finally:
        del connection.make_debug_cursor


def _parsed_files(
    files: list[Path],
    options: LoadOptions,
    jobs: int,
    max_bytes: int = MAX_BYTES,
    locality_map: LocalityMap | None = None,
) -> Iterator[FileParse]:
    """Every document of every file (a JSON Lines file has one per record), in order."""
    if jobs < 1 or len(files) < PARALLEL_FROM:
        return (
            parse
            for path in files
            for parse in parse_path(path, max_bytes=max_bytes, locality_map=locality_map, options=options)
        )
    # spawn, not fork: the workers need no Django and must not share its connections.
    # init_worker: a worker dies with this process, even by kill -9 (see there).
    executor = ProcessPoolExecutor(
        max_workers=jobs, mp_context=get_context("spawn"), initializer=init_worker, initargs=(os.getpid(),)
    )
    read = partial(parse_path, max_bytes=max_bytes, locality_map=locality_map, options=options)
    results = itertools.chain.from_iterable(executor.map(read, files, chunksize=64))
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


def item_for(file: FileParse, options: LoadOptions) -> _Item:
    if file.error:
        return _Item(Parse(file, options), FileResult(file.path, file.sha256, "error", error=file.error))
    source = file.source
    if source is not None:  # what --locality-map and the file's metadata add to the options
        options = replace(
            options,
            map_locality=file.mapped_locality,
            site_locality=source.meta.locality,
            published=source.meta.published,
        )
    parse = Parse(file, options)
    parsed = file.parsed
    result = FileResult(
        file.path,
        file.sha256,
        "parsed",
        encoding=parsed.encoding,
        script=parsed.script,
        warnings=parsed.meeting.warnings,
        _parse=parse,
        source=source.contract() if source is not None else None,
    )
    return _Item(parse, result)


def meeting_contract(parse: Parse) -> dict:
    """The contract's ``meeting`` (docs/parsed-minutes-contract.md): the parse, its place
    (``locality``, ``division``) and its review reasons: those stored when it was written, else
    (a dry run, a file the archive holds) those of the parse and its place."""
    meeting = parse.parsed.meeting.as_contract()
    meeting["locality"] = parse.locality or None
    meeting["division"] = parse.division.code
    reasons = parse.review if parse.review is not None else reasons_of(parse, set())
    meeting["review"] = contract_review(parse.parsed.meeting, reasons)
    return meeting


def contract_review(parsed, reasons) -> list[dict]:
    """The parse's doubts (a gap of a report read completely, such as no year, is no doubt:
    archive.parsing.review), then the reasons that come from outside the text: its place, names
    that fit several officials."""
    from_text = {w.kind.value for w in parsed.warnings}
    return [w.as_review() for w in parsed.doubts] + [
        reason.as_contract() for reason in reasons if reason.kind.value not in from_text
    ]


def _refuse_unstorable(items: list[_Item]) -> None:
    """What the database would refuse, or store on one database only, is the file's error before
    any database sees it (archive.records.storable): the same on SQLite and PostgreSQL."""
    for item in items:
        if item.result.status == "parsed" and (reason := problem(item.parse)):
            item.result.status, item.result.warnings = "error", []
            item.result.error = f"{item.file.path}: {reason}"


def store(items: list[_Item]) -> None:
    """Write the new files of a batch; mark the others unchanged."""
    new = _mark_known(items)
    if not new:
        return
    try:
        _write(new)
    except Exception:  # noqa: BLE001 (a database's refusal, or any surprise: each file again alone)
        for item in new:
            try:
                _write([item])
            except Exception as exc:  # noqa: BLE001 (the last resort: one file's error, not the run's end)
                item.result.status, item.result.warnings = "error", []
                item.result.error = f"{item.file.path}: could not be saved ({type(exc).__name__}: {exc})"


def _write(items: list[_Item]) -> None:
    """One transaction for these files, tried again when it meets another writer: a deadlock
    (PostgreSQL aborts one of two writers that wait on each other) or a SQLite database that
    stayed busy. Results are marked only after the commit."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with transaction.atomic():
                meeting_ids = write_new([item.parse for item in items])
        except OperationalError:
            if attempt == ATTEMPTS:
                raise
        else:
            _mark_written(items, meeting_ids)
            return


def _mark_written(items: list[_Item], meeting_ids: list[int | None]) -> None:
    stored_by_others = [item for item, meeting_id in zip(items, meeting_ids, strict=True) if meeting_id is None]
    known = _known_meetings(stored_by_others)
    for item, meeting_id in zip(items, meeting_ids, strict=True):
        if meeting_id is None:  # another loader stored this file (or its text) meanwhile
            item.result.status = "unchanged"
            meeting_id = known.get(item.file.sha256) or known.get(item.file.text_sha256)
        else:
            item.result.status = "loaded"
        item.result.meeting_id = meeting_id
        for duplicate in item.duplicates:
            duplicate.result.meeting_id = meeting_id


def _known_meetings(items: list[_Item]) -> dict[str, int]:
    """Meeting ids by the digests (of bytes and of text) of the files the archive holds."""
    if not items:
        return {}
    digests = [i.file.sha256 for i in items] + [i.file.text_sha256 for i in items]
    rows = SourceDocument.objects.filter(Q(sha256__in=digests) | Q(text_sha256__in=digests))
    known = {}
    for sha, text_sha, meeting_id in rows.values_list("sha256", "text_sha256", "meeting__id"):
        known[sha] = known[text_sha] = meeting_id
    return known


def _mark_known(items: list[_Item]) -> list[_Item]:
    """Files already in the archive (same bytes or same text) and repeats within the batch."""
    candidates = [i for i in items if i.result.status == "parsed"]
    known = _known_meetings(candidates)
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


# A loader makes millions of small objects and keeps few: the collector's passes over everything
# alive (Django, the modules, the report) cost ~10% of its CPU with Python's default thresholds.
LOADER_GC_THRESHOLDS = (20_000, 20, 20)


@contextmanager
def loader_gc():
    """For a process that loads (``load_minutes``, a parse worker): what is alive before the load
    is set aside from collection (``gc.freeze``) and the collector runs less often. Not for the
    site's processes, whose load_bytes runs inside a request."""
    thresholds = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(*LOADER_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _wait_for_other_writers() -> None:
    """SQLite lets one writer at a time; a loader (a batch job) waits for the others up to
    SQLITE_WAIT_MS instead of failing after the site's few seconds."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_WAIT_MS}")
