"""Which format a file is (by content, then extension), and its documents."""

from __future__ import annotations

import re
from pathlib import PurePath

from .decoding import decode_bytes
from .documents import Document, Format, IntakeError, Metadata
from .office import OLE2_MAGIC

# What a directory walk picks up; a file given by name is read whatever its name.
SUFFIXES = {
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
    ".jsonl": "jsonl",
    ".doc": "legacy",
    ".wps": "legacy",
}
_PAGE_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|\?xml[^>]*>\s*<(?:!doctype\s+html|html)|head|meta)\b",
    re.I | re.S,
)
_TAGS = re.compile(rb"<(?:html|head|body|meta|title|div|p|table|span|br)\b[^>]*>", re.I)


def sniff(data: bytes, path: str = "") -> str:
    """text | html | docx | pdf | jsonl | legacy: what the bytes are, the extension deciding only
    between text and its look-alikes (a .jsonl of JSON objects, an .html page)."""
    suffix = PurePath(path).suffix.lower()
    if data.startswith(b"%PDF-") or b"%PDF-" in data[:1024] and suffix == ".pdf":
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if data.startswith(OLE2_MAGIC):
        return "legacy"
    head = data[:4096]
    if _PAGE_START.match(head):
        return "html"
    if suffix in (".html", ".htm", ".shtml", ".xhtml") and _TAGS.search(head):
        return "html"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and (suffix == ".jsonl" or _json_record(head)):
        return "jsonl"
    if suffix not in SUFFIXES and len(_TAGS.findall(head)) >= 5:
        return "html"
    return "text"


def _json_record(head: bytes) -> bool:
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0]
    return bool(re.match(rb'\{\s*"[^"]+"\s*:', first)) and (b'"text"' in first or b'"html"' in first)


def read_documents(data: bytes, path: str = "") -> list[Document | IntakeError]:
    """The documents in a file's bytes. A file that cannot be read raises IntakeError; a JSON
    Lines file gives an IntakeError (with ``line``) in place of each record that cannot be."""
    documents = _documents(data, path)
    for document in documents:
        if isinstance(document, Document):
            document.path = path
    return documents


def _documents(data: bytes, path: str) -> list[Document | IntakeError]:
    kind = sniff(data, path)
    try:
        if kind == "text":
            text, encoding = decode_bytes(data)
            return [Document(Format.TEXT, data, text, encoding=encoding)]
        if kind == "html":
            from .html import read_html

            text, meta, encoding = read_html(data)
            return [Document(Format.HTML, data, text, meta, encoding=encoding)]
        if kind == "docx":
            from .office import docx_title, read_docx

            return [Document(Format.DOCX, data, read_docx(data), Metadata(title=docx_title(data)))]
        if kind == "pdf":
            from .pdf import read_pdf_and_title

            text, title = read_pdf_and_title(data)
            return [Document(Format.PDF, data, text, Metadata(title=title))]
        if kind == "legacy":
            from .office import _LEGACY

            raise IntakeError(_LEGACY)
        from .jsonl import read_jsonl

        return read_jsonl(data)
    except RecursionError:
        raise IntakeError(f"the {kind} file is nested too deeply to be read") from None
