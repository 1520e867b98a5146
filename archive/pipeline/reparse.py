"""Re-parse stored sources with the current parser, keeping what curators did (archive.records)."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models import Q

from ..intake import document_from_source
from ..models import SourceDocument
from ..parsing import LoadOptions, parse_document
from ..records.rewrite import ReparseResult, rewrite_meeting
from ..records.storable import Unstorable

__all__ = ["FileReparse", "ReparseResult", "reparse_paths", "reparse_source"]


@transaction.atomic
def reparse_source(source: SourceDocument, *, year: int | None = None, locality: str | None = None) -> ReparseResult:
    """The source as intake reads a stored source, parsed with the options it was loaded with, or
    with ``year``/``locality`` given now (stored with the source, so later re-parses use them too),
    and its meeting written again. ``ReparseResult.status`` says what happened (updated, unchanged)."""
    options = LoadOptions.of(source)
    changes = {k: v for k, v in (("year", year), ("locality", locality)) if v not in (None, "")}
    if changes:
        options = dataclasses.replace(options, **changes)
    document = document_from_source(source)
    result = rewrite_meeting(source, document, parse_document(document, options), options)
    if changes:  # stored once the parse passed the storable check: PostgreSQL refuses an over-long option
        source.year_option, source.locality_option = options.year, options.locality
        source.save(update_fields=["year_option", "locality_option"])
    return result


@dataclass
class FileReparse:
    path: str
    results: list[ReparseResult]
    error: str = ""


def reparse_paths(paths: Iterable[Path], *, year: int | None = None, locality: str | None = None) -> list[FileReparse]:
    """``load_minutes --reparse``: the stored sources of these files (by the file's sha256, or the
    path it was loaded from, each record of a JSON Lines file included) parsed again with the
    options given. A file the archive does not hold is an error naming it; the others go on."""
    done = []
    for path in paths:
        try:
            sha = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError as exc:
            done.append(FileReparse(str(path), [], f"{path}: {exc.strerror or exc}"))
            continue
        name = str(path)
        sources = SourceDocument.objects.filter(Q(sha256=sha) | Q(path=name) | Q(path__startswith=f"{name}:"))
        sources = list(sources.filter(meeting__isnull=False).order_by("id"))
        if not sources:
            done.append(FileReparse(name, [], f"{path}: not in the archive; load it first (without --reparse)"))
            continue
        results, error = [], ""
        for source in sources:
            try:
                results.append(reparse_source(source, year=year, locality=locality))
            except Unstorable as exc:  # nothing of this source was written (one transaction)
                error = f"{source.path}: {exc}"
        done.append(FileReparse(name, results, error))
    return done
