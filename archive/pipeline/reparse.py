"""Re-parse stored sources with the current parser, keeping what curators did (archive.writing)."""

from __future__ import annotations

from .models import SourceDocument
from .parsing import parse_text
from .writing import LoadOptions, ReparseResult, rewrite_meeting

__all__ = ["ReparseResult", "reparse_source"]


def reparse_source(source: SourceDocument) -> ReparseResult:
    """Parse the source's text again, with the options it was loaded with, and write the meeting again."""
    options = LoadOptions.of(source)
    parsed = parse_text(source.raw_text, encoding=source.encoding, year=options.year, published=options.published)
    return rewrite_meeting(source, parsed, options)
