"""What intake hands the parser: plain data, picklable (it travels from parse workers)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from enum import StrEnum


class Format(StrEnum):
    """What a document was read from; the models' choices are built from it."""

    TEXT = "text"
    HTML = "html"
    DOCX = "docx"
    PDF = "pdf"
    JSONL_RECORD = "jsonl-record"


FORMATS = tuple(f.value for f in Format)


class IntakeError(ValueError):
    """The file cannot be read as minutes in its format; the message says why, for a person."""


@dataclass(frozen=True)
class Metadata:
    """What a document says about itself; every field may be unknown."""

    title: str = ""
    url: str = ""
    site: str = ""
    published: datetime.date | None = None
    column: str = ""
    content_source: str = ""
    # The locality the document's own metadata names (a scraper record's ``locality``, or the
    # place in a site name such as 绍兴市柯桥区人民政府 → 柯桥区).
    locality: str = ""

    def contract(self, format: str) -> dict:
        """The JSON contract's ``source`` object."""
        return {
            "format": format,
            "url": self.url or None,
            "title": self.title or None,
            "published": self.published.isoformat() if self.published else None,
        }


@dataclass
class Document:
    format: Format
    # The exact bytes: the file, or a JSON Lines record's line (without its line ending).
    data: bytes
    # The text the parser reads (a text file's bytes decoded by .decoding, an article, a record's text).
    text: str
    meta: Metadata = field(default_factory=Metadata)
    # A JSON Lines record's line number (1-based); None for a whole file.
    line: int | None = None
    # The codec that read ``data`` when it was text (text, HTML, JSON Lines); '' for binary formats.
    encoding: str = ""
    # Where it came from: the file's path, or a stored source's.
    path: str = ""

    def name(self, path: str | None = None) -> str:
        """How the document is named in reports and stored: the path, with ``:N`` for a record."""
        path = self.path if path is None else path
        return f"{path}:{self.line}" if self.line is not None else path

    def contract(self) -> dict:
        """The JSON contract's ``source`` object."""
        return self.meta.contract(self.format)


_DATE = re.compile(r"((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")


def parse_date(value: str | None) -> datetime.date | None:
    """'2023-03-13 16:05', '2023年3月13日', '2023/3/13', an ISO timestamp: the calendar date, or None."""
    if not value:
        return None
    m = _DATE.search(str(value))
    if not m:
        return None
    try:
        return datetime.date(*(int(g) for g in m.groups()))
    except ValueError:
        return None
