"""Re-parse stored sources with the current parser, keeping what curators did (archive.records)."""

from __future__ import annotations

from ..intake import document_from_source
from ..models import SourceDocument
from ..parsing import LoadOptions, parse_document
from ..records.rewrite import ReparseResult, rewrite_meeting

__all__ = ["ReparseResult", "reparse_source"]


def reparse_source(source: SourceDocument) -> ReparseResult:
    """The source as intake reads a stored source, parsed with the options it was loaded with, and
    its meeting written again. ``ReparseResult.status`` says what happened (updated, unchanged)."""
    options = LoadOptions.of(source)
    document = document_from_source(source)
    return rewrite_meeting(source, document, parse_document(document, options), options)
