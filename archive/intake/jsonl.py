"""JSON Lines from scrapers: one report per line (see README, "Loading minutes")."""

from __future__ import annotations

import json

from .documents import Document, Format, IntakeError, Metadata, parse_date

FIELDS = ("text", "html", "url", "title", "published", "locality", "site")


def read_jsonl(data: bytes) -> list[Document | IntakeError]:
    """A Document per record; a bad line is an IntakeError naming its line, the others still read."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    out: list[Document | IntakeError] = []
    for number, line in enumerate(data.split(b"\n"), 1):
        record = line.rstrip(b"\r")
        if not record.strip():
            continue
        try:
            out.append(_record(record, number))
        except IntakeError as exc:
            exc.line, exc.data = number, record
            out.append(exc)
    if not out:
        raise IntakeError("the JSON Lines file holds no record")
    return out


def _record(record: bytes, number: int) -> Document:
    from .html import read_html_text

    try:
        value = json.loads(record.decode("utf-8"))
    except UnicodeDecodeError:
        raise IntakeError(f"line {number}: not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise IntakeError(f"line {number}: not JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(value, dict):
        raise IntakeError(f"line {number}: a record is a JSON object, not {type(value).__name__}")
    for key in FIELDS:
        if value.get(key) is not None and not isinstance(value[key], str):
            raise IntakeError(f"line {number}: '{key}' must be a string")
    text, page = value.get("text"), value.get("html")
    if not (text and text.strip()) and not (page and page.strip()):
        raise IntakeError(f"line {number}: the record has neither 'text' nor 'html'")
    page_meta = Metadata()
    if not (text and text.strip()):
        try:
            text, page_meta = read_html_text(page)
        except IntakeError as exc:
            raise IntakeError(f"line {number}: {exc}") from None
    published = value.get("published")
    meta = Metadata(
        title=value.get("title") or page_meta.title,
        url=value.get("url") or page_meta.url,
        site=value.get("site") or page_meta.site,
        published=parse_date(published) if published else page_meta.published,
        column=page_meta.column,
        content_source=page_meta.content_source,
        locality=value.get("locality") or page_meta.locality,
    )
    if published and meta.published is None:
        raise IntakeError(f"line {number}: 'published' is not a date: {published[:40]!r}")
    return Document(Format.JSONL_RECORD, record, text, meta, line=number, encoding="utf-8")
