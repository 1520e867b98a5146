"""Reading and parsing one file, as plain data; safe to run in a worker process (no Django)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .parser import parse_minutes
from .result import ParsedMinutes, ParseError
from .textsearch import bigrams, meeting_text, normalise


@dataclass
class FileParse:
    path: str
    sha256: str | None
    text_sha256: str | None = None
    parsed: ParsedMinutes | None = None
    error: str | None = None
    # The meeting's searchable text and its bigrams (without a locality), made where it is parsed.
    search_text: str = ""
    search_bigrams: str = ""


def parse_file(path: str | Path, year: int | None = None) -> FileParse:
    """Never raises for bad input: the reason, naming the file, is in ``error``."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return FileParse(str(path), None, error=f"{path}: cannot be read ({exc.strerror or exc})")
    sha = hashlib.sha256(data).hexdigest()
    try:
        parsed = parse_minutes(data, year=year)
    except ParseError as exc:
        return FileParse(str(path), sha, error=f"{path}: {exc}")
    text_sha = hashlib.sha256(parsed.raw_text.encode("utf-8")).hexdigest()
    text = normalise(searchable_text(parsed))
    return FileParse(str(path), sha, text_sha, parsed, search_text=text, search_bigrams=bigrams(text, normalised=True))


def searchable_text(parsed: ParsedMinutes) -> str:
    m = parsed.meeting
    fields = {"body": m.body, "locality": "", "year": m.year, "part_of_day": m.part_of_day}
    return meeting_text(fields, m.participants, [a.title for a in m.agenda_items], m.documents)
