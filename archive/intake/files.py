"""A path in, its parses out: one per document (a JSON Lines file gives one per record). No Django;
runs in parse workers like archive.parsing.files.parse_file, which it extends to every format."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..parsing import parse_minutes, parse_text
from ..parsing.files import MAX_BYTES, FileParse, _Refused, read_bounded, searchable_text, text_digest
from ..parsing.result import ParseError
from ..parsing.textsearch import bigrams, normalise
from .documents import Document, IntakeError, Metadata
from .locality import LocalityMap
from .read import read_documents


@dataclass
class Source:
    """What a document says about itself, and its exact bytes, on their way to the archive."""

    format: str
    data: bytes
    meta: Metadata
    # The locality the --locality-map gives for this document ('' when none).
    mapped_locality: str = ""

    def contract(self) -> dict:
        return self.meta.contract(self.format)


def parse_path(
    path: str | Path, year: int | None = None, max_bytes: int = MAX_BYTES, locality_map: LocalityMap | None = None
) -> list[FileParse]:
    """Never raises for bad input: each reason, naming the file (and a record's line), is an ``error``."""
    path = Path(path)
    try:
        data = read_bounded(path, max_bytes)
    except _Refused as exc:
        return [FileParse(str(path), None, error=f"{path}: {exc}")]
    except OSError as exc:
        return [FileParse(str(path), None, error=f"{path}: cannot be read ({exc.strerror or exc})")]
    sha = hashlib.sha256(data).hexdigest()
    try:
        documents = read_documents(data, str(path))
    except IntakeError as exc:
        return [FileParse(str(path), sha, error=f"{path}: {exc}")]
    return [_parse(document, str(path), sha, year, locality_map) for document in documents]


def _parse(document: Document | IntakeError, path: str, sha: str, year, locality_map) -> FileParse:
    if isinstance(document, IntakeError):
        line = getattr(document, "line", None)
        name = f"{path}:{line}" if line else path
        record = getattr(document, "data", None)
        return FileParse(name, hashlib.sha256(record).hexdigest() if record else sha, error=f"{path}: {document}")
    name = document.name(path)
    if document.line is not None:
        sha = hashlib.sha256(document.data).hexdigest()
    try:
        if document.text is None:
            parsed = parse_minutes(document.data, year=year)
        else:
            encoding = document.encoding
            parsed = parse_text(document.text, encoding=encoding, year=year, published=document.meta.published)
    except ParseError as exc:
        where = f"{path}: line {document.line}: " if document.line is not None else f"{path}: "
        return FileParse(name, sha, error=f"{where}{exc}")
    mapped = locality_map.locality(path, document.meta.url) if locality_map else ""
    text = normalise(searchable_text(parsed))
    return FileParse(
        name,
        sha,
        text_digest(parsed.text),
        parsed,
        search_text=text,
        search_bigrams=bigrams(text, normalised=True),
        text_bigrams=bigrams(parsed.text),
        source=Source(document.format, document.data, document.meta, mapped),
    )
