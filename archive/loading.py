"""Turn parsed minutes into rows: one file, one transaction; the same file twice changes nothing."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError, transaction
from django.db.models import Q

from .models import (
    AgendaItem,
    Document,
    Meeting,
    Official,
    OfficialAlias,
    Participation,
    SourceDocument,
)
from .parsing import PARSER_VERSION, ParsedMinutes, ParseError, parse_minutes


@dataclass
class FileResult:
    path: str
    sha256: str | None
    status: str  # parsed | loaded | unchanged | error
    error: str | None = None
    encoding: str | None = None
    script: str | None = None
    meeting: dict | None = None
    meeting_id: int | None = None

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
        kinds = Counter()
        for result in self.results:
            for warning in (result.meeting or {}).get("warnings", []):
                kinds[warning.split(":", 1)[0]] += 1
        return kinds


def minutes_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; a directory means every *.txt below it, sorted by path."""
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.txt") if p.is_file()))
        else:
            found.append(path)
    return found


def load_paths(
    paths: Iterable[str | Path],
    *,
    year: int | None = None,
    locality: str | None = None,
    dry_run: bool = False,
    on_result: Callable[[FileResult], None] | None = None,
) -> LoadReport:
    report = LoadReport()
    for path in minutes_paths(paths):
        result = load_file(path, year=year, locality=locality, dry_run=dry_run)
        report.results.append(result)
        if on_result:
            on_result(result)
    return report


def load_file(path: Path, *, year: int | None = None, locality: str | None = None, dry_run: bool = False) -> FileResult:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return FileResult(str(path), None, "error", error=f"{path}: cannot be read ({exc.strerror or exc})")
    sha = hashlib.sha256(data).hexdigest()
    try:
        parsed = parse_minutes(data, year=year)
    except ParseError as exc:
        return FileResult(str(path), sha, "error", error=f"{path}: {exc}")
    contract = parsed.meeting.as_contract()
    if locality:
        contract["locality"] = locality
    result = FileResult(str(path), sha, "parsed", encoding=parsed.encoding, script=parsed.script, meeting=contract)
    if dry_run:
        return result
    text_sha = hashlib.sha256(parsed.raw_text.encode("utf-8")).hexdigest()
    existing = (
        SourceDocument.objects.filter(Q(sha256=sha) | Q(text_sha256=text_sha))
        .values_list("meeting__id", flat=True)
        .first()
    )
    if existing is not None:
        result.status, result.meeting_id = "unchanged", existing
        return result
    try:
        with transaction.atomic():
            meeting = write_minutes(str(path), sha, text_sha, parsed, locality=locality)
    except DatabaseError as exc:
        result.status, result.error, result.meeting = "error", f"{path}: could not be saved ({exc})", None
        return result
    result.status, result.meeting_id = "loaded", meeting.id
    return result


def write_minutes(path: str, sha: str, text_sha: str, parsed: ParsedMinutes, *, locality: str | None = None) -> Meeting:
    """Insert the rows of one parsed file. The caller holds the transaction."""
    data = parsed.meeting
    source = SourceDocument.objects.create(
        path=path,
        sha256=sha,
        text_sha256=text_sha,
        encoding=parsed.encoding,
        script=parsed.script,
        raw_text=parsed.raw_text,
        text=parsed.text,
        parser_version=PARSER_VERSION,
        warnings=data.warnings,
    )
    meeting = Meeting(source=source, **meeting_fields(parsed, locality))
    officials, ambiguous = resolve_officials(parsed, meeting.locality)
    reasons = review_reasons(parsed, ambiguous)
    meeting.needs_review, meeting.review_reasons = bool(reasons), reasons
    meeting.save()
    Participation.objects.bulk_create(build_participations(meeting, parsed, officials))
    write_agenda(meeting, parsed)
    return meeting


def meeting_fields(parsed: ParsedMinutes, locality: str | None) -> dict:
    data = parsed.meeting
    return {
        "year": data.year,
        "month": data.month,
        "day": data.day,
        "part_of_day": data.part_of_day or "",
        "body": data.body or "",
        "session_number": data.session_number,
        "locality": locality or data.locality or "",
    }


def review_reasons(parsed: ParsedMinutes, ambiguous: set[str]) -> list[str]:
    reasons = [w.split(":", 1)[0] for w in parsed.meeting.warnings if not w.startswith("year-from-publication-date")]
    reasons.extend(f"ambiguous-official: {name}" for name in sorted(ambiguous))
    return reasons


def resolve_officials(parsed: ParsedMinutes, locality: str) -> tuple[dict[str, Official], set[str]]:
    """Reuse the official of the same name (and locality when both know it); create the rest.

    Two queries for any number of names; names that fit several officials stay unresolved.
    """
    names = {p.name for p in parsed.meeting.participants}
    candidates: dict[str, dict[int, Official]] = {name: {} for name in names}
    for official in Official.objects.filter(name__in=names):
        candidates[official.name][official.id] = official
    for alias in OfficialAlias.objects.filter(name__in=names).select_related("official"):
        candidates[alias.name][alias.official.id] = alias.official
    resolved: dict[str, Official] = {}
    ambiguous: set[str] = set()
    to_create: list[Official] = []
    for name in sorted(names):
        fitting = [o for o in candidates[name].values() if not (locality and o.locality and o.locality != locality)]
        if len(fitting) > 1 and locality:
            fitting = [o for o in fitting if o.locality == locality] or fitting
        if len(fitting) == 1:
            resolved[name] = fitting[0]
        elif len(fitting) > 1:
            ambiguous.add(name)
        else:
            official = Official(name=name, locality=locality or "")
            official.fill_pinyin()
            to_create.append(official)
    for official in Official.objects.bulk_create(to_create):
        resolved[official.name] = official
    record_written_spellings(parsed, resolved)
    return resolved, ambiguous


def record_written_spellings(parsed: ParsedMinutes, resolved: dict[str, Official]):
    """Keep traditional spellings (陳豪) as aliases of the simplified-named official."""
    aliases = []
    for p in parsed.meeting.participants:
        written = written_name(parsed, p.start, p.end)
        if written != p.name and p.name in resolved:
            aliases.append(OfficialAlias(official=resolved[p.name], name=written))
    if aliases:
        OfficialAlias.objects.bulk_create(aliases, ignore_conflicts=True)


def written_name(parsed: ParsedMinutes, start: int, end: int) -> str:
    raw_start, raw_end = parsed.raw_span(start, end)
    return parsed.raw_text[raw_start:raw_end]


def build_participations(
    meeting: Meeting, parsed: ParsedMinutes, officials: dict[str, Official]
) -> list[Participation]:
    rows = []
    for order, p in enumerate(parsed.meeting.participants, 1):
        raw_start, raw_end = parsed.raw_span(p.start, p.end)
        rows.append(
            Participation(
                meeting=meeting,
                official=officials.get(p.name),
                name=p.name,
                name_as_written=parsed.raw_text[raw_start:raw_end][:40],
                role=p.role,
                titles=list(p.titles),
                order=order,
                start=p.start,
                end=p.end,
                raw_start=raw_start,
                raw_end=raw_end,
            )
        )
    return rows


def write_agenda(meeting: Meeting, parsed: ParsedMinutes, keep_orders: set[int] = frozenset()):
    data = parsed.meeting
    documents = documents_by_title(data.documents)
    Document.meetings.through.objects.bulk_create(
        [Document.meetings.through(document_id=documents[t].id, meeting_id=meeting.id) for t in data.documents],
        ignore_conflicts=True,
    )
    items = [
        AgendaItem(meeting=meeting, order=a.order, title=a.title[:500], text=a.text, kind=a.kind)
        for a in data.agenda_items
        if a.order not in keep_orders
    ]
    AgendaItem.objects.bulk_create(items)
    links = []
    by_order = {item.order: item for item in items}
    for a in data.agenda_items:
        if a.order in by_order:
            links.extend(
                AgendaItem.documents.through(agendaitem_id=by_order[a.order].id, document_id=documents[t].id)
                for t in a.documents
            )
    AgendaItem.documents.through.objects.bulk_create(links, ignore_conflicts=True)


def documents_by_title(titles: list[str]) -> dict[str, Document]:
    if not titles:
        return {}
    titles = [t[:500] for t in titles]
    found = {d.title: d for d in Document.objects.filter(title__in=titles)}
    missing = [Document(title=t) for t in titles if t not in found]
    if missing:
        Document.objects.bulk_create(missing, ignore_conflicts=True)
        found = {d.title: d for d in Document.objects.filter(title__in=titles)}
    return found
