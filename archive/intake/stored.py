"""A stored source (``SourceDocument``, or anything with its fields) as the Document it was read as:
the text intake gave then, its codec and what the file said about itself. Re-parse and the
evaluation against the archive read stored sources this way, so they parse what a load parsed."""

from __future__ import annotations

from .documents import Document, Metadata
from .locality import site_locality


def document_from_source(source) -> Document:
    """``source``: a ``SourceDocument`` (its ``raw_text``, ``encoding``, ``format``, ``path`` and the
    metadata fields). Its bytes are not read (``data`` is empty): the text is what the load parsed."""
    site = getattr(source, "site", "") or ""
    meta = Metadata(
        title=getattr(source, "title", "") or "",
        url=getattr(source, "url", "") or "",
        site=site,
        published=getattr(source, "published", None),
        column=getattr(source, "column", "") or "",
        content_source=getattr(source, "content_source", "") or "",
        locality=getattr(source, "site_locality", "") or site_locality(site),
    )
    return Document(
        getattr(source, "format", "") or "text",
        b"",
        source.raw_text,
        meta,
        encoding=source.encoding,
        path=source.path or "",
    )
