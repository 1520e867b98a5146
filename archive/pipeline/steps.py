"""The steps one document takes before its rows: intake, parse (and, per batch, resolution). No
Django at import or run time in ``parse_path``: it runs in parse workers.

Every way in makes a ``Document`` and calls ``parse_one``: a load (``parse_path``, here or in a
worker), a re-parse and the evaluation against the archive (``document_from_source``), the
evaluation on a gold set (``parse_path``) and the admin's source import (``parse_bytes``).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..intake import MAX_BYTES, Document, IntakeError, read_documents, read_file
from ..intake.locality import LocalityMap
from ..intake.paths import NOT_UTF8_NAME, printable_name
from ..parsing import LoadOptions, parse_document
from ..parsing.result import ParseError
from ..parsing.textsearch import bigrams, normalise
from ..records.parses import FileParse, searchable_text, text_digest


def parse_path(
    path: str | Path,
    year: int | None = None,
    max_bytes: int = MAX_BYTES,
    locality_map: LocalityMap | None = None,
    options: LoadOptions | None = None,
) -> list[FileParse]:
    """One per document of the file. Never raises for bad input: each reason, naming the file
    (and a record's line), is an ``error``."""
    path = Path(path)
    if (name := printable_name(path)) != str(path):
        return [FileParse(name, None, error=f"{name}: {NOT_UTF8_NAME}")]
    try:
        data = read_file(path, max_bytes)
        return parse_bytes(data, str(path), options or LoadOptions(year=year), locality_map)
    except IntakeError as exc:
        return [FileParse(str(path), None, error=f"{path}: {exc}")]
    except Exception as exc:  # noqa: BLE001 (the last resort: one file's error, never the run's end)
        return [FileParse(str(path), None, error=f"{path}: {unexpected(exc)}")]


def unexpected(exc: BaseException) -> str:
    """An error no rule foresaw, in words: the file is refused, the run goes on."""
    detail = str(exc)[:200]
    return f"cannot be read: an unexpected {type(exc).__name__}{f' ({detail})' if detail else ''}; please report it"


def parse_bytes(
    data: bytes, path: str, options: LoadOptions, locality_map: LocalityMap | None = None
) -> list[FileParse]:
    """A file's bytes, named ``path``: its documents parsed (or the reasons they are not)."""
    sha = hashlib.sha256(data).hexdigest()
    try:
        documents = read_documents(data, path)
    except IntakeError as exc:
        return [FileParse(path, sha, error=f"{path}: {exc}")]
    return [_guarded(document, path, sha, options, locality_map) for document in documents]


def _guarded(document, path: str, sha: str, options, locality_map) -> FileParse:
    """One record that fails in a way no rule foresaw costs only itself."""
    try:
        return _parse(document, path, sha, options, locality_map)
    except Exception as exc:  # noqa: BLE001
        line = getattr(document, "line", None)
        return FileParse(f"{path}:{line}" if line else path, sha, error=f"{path}: {unexpected(exc)}")


def _parse(document: Document | IntakeError, path: str, sha: str, options, locality_map) -> FileParse:
    if isinstance(document, IntakeError):
        line = getattr(document, "line", None)
        name = f"{path}:{line}" if line else path
        record = getattr(document, "data", None)
        return FileParse(name, hashlib.sha256(record).hexdigest() if record else sha, error=f"{path}: {document}")
    if document.line is not None:
        sha = hashlib.sha256(document.data).hexdigest()
    try:
        file = parse_one(document, options, sha)
    except ParseError as exc:
        where = f"{path}: line {document.line}: " if document.line is not None else f"{path}: "
        return FileParse(document.name(path), sha, error=f"{where}{exc}")
    file.mapped_locality = locality_map.locality(path, document.meta.url) if locality_map else ""
    return file


def parse_one(document: Document, options: LoadOptions, sha256: str | None = None) -> FileParse:
    """The parse step every path shares: the document's text parsed with its metadata and the
    options, with what records need besides (digests, the searchable text). Raises ParseError."""
    parsed = parse_document(document, options)
    text = normalise(searchable_text(parsed))
    return FileParse(
        document.name(),
        sha256,
        text_digest(parsed.text),
        parsed,
        search_text=text,
        search_bigrams=bigrams(text, normalised=True),
        text_bigrams=bigrams(parsed.text),
        source=document,
    )
