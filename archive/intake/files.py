"""A path in, its parses out: one per document (a JSON Lines file gives one per record). No Django;
runs in parse workers like archive.parsing.files.parse_file, which it extends to every format."""

from __future__ import annotations

import hashlib
import os
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
    if (name := printable_name(path)) != str(path):
        return [FileParse(name, None, error=f"{name}: {_NOT_UTF8_NAME}")]
    try:
        return _parse_path(path, year, max_bytes, locality_map)
    except Exception as exc:  # noqa: BLE001 (the last resort: one file's error, never the run's end)
        return [FileParse(str(path), None, error=f"{path}: {unexpected(exc)}")]


# A name from an archive made on Chinese Windows is GBK: Python reads it with escapes that no
# database or terminal takes.
_NOT_UTF8_NAME = (
    "the file's name is not UTF-8 (a GBK name from an unzip?); not read: rename it, "
    "e.g. convmv -f gbk -t utf-8 --notest, or unzip -O gbk"
)


def printable_name(path: str | Path) -> str:
    """The path as text that can be printed and stored: a byte that is not UTF-8 as \\xNN."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    return text


def unexpected(exc: BaseException) -> str:
    """An error no rule foresaw, in words: the file is refused, the run goes on."""
    detail = str(exc)[:200]
    return f"cannot be read: an unexpected {type(exc).__name__}{f' ({detail})' if detail else ''}; please report it"


def _parse_path(path: Path, year, max_bytes: int, locality_map) -> list[FileParse]:
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
    return [_guarded(document, str(path), sha, year, locality_map) for document in documents]


def _guarded(document, path: str, sha: str, year, locality_map) -> FileParse:
    """One record that fails in a way no rule foresaw costs only itself."""
    try:
        return _parse(document, path, sha, year, locality_map)
    except Exception as exc:  # noqa: BLE001
        line = getattr(document, "line", None)
        return FileParse(f"{path}:{line}" if line else path, sha, error=f"{path}: {unexpected(exc)}")


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
        source=Source(document.format, document.data, document.meta, mapped),
    )
