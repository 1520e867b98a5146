"""Word files: .docx through python-docx (paragraphs and tables in body order), with the ZIP's
declared sizes checked before anything is inflated; legacy .doc/.wps refused with what to do."""

from __future__ import annotations

import io
import zipfile

from .documents import IntakeError

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A minutes .docx is tens of kilobytes inflated; its images are not read. Refused over these.
MAX_INFLATED = 50_000_000
MAX_MEMBERS = 2_000
MAX_RATIO = 200  # inflated/compressed size of one member (a bomb's is in the thousands)
_LEGACY = (
    "a legacy Word .doc or WPS file (or an encrypted Word file); it cannot be read: "
    "save it as .docx or PDF (Word, WPS Office or LibreOffice: Save As) and load that"
)


def check_zip(archive: zipfile.ZipFile) -> None:
    """Refuse a ZIP bomb from its directory alone, before inflating anything."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise IntakeError(f"not a Word file: the ZIP holds {len(members):,} members")
    total = sum(m.file_size for m in members)
    if total > MAX_INFLATED:
        raise IntakeError(
            f"refused: the Word file would inflate to {total:,} bytes, over the limit of {MAX_INFLATED:,} "
            "(a ZIP bomb, or not minutes)"
        )
    for m in members:
        if m.file_size > 1_000_000 and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise IntakeError(
                f"refused: {m.filename} would inflate {m.file_size // max(m.compress_size, 1):,} times "
                "(a ZIP bomb, not a Word file)"
            )


def read_docx(data: bytes) -> str:
    """The text of the document body, a line per paragraph and per table row (cells joined by a
    space, a merged cell once), in the order Word shows them.

    Only word/document.xml is read, with python-docx's own XML classes (docx.oxml): opening the
    whole package would parse the styles too, hundreds of kilobytes in every file Word writes."""
    if data.startswith(OLE2_MAGIC):
        raise IntakeError(_LEGACY)
    from docx.oxml import parse_xml
    from lxml import etree

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        check_zip(archive)
        if "word/document.xml" not in archive.namelist():
            raise IntakeError("a ZIP archive but not a Word .docx (it has no word/document.xml)")
        with archive.open("word/document.xml") as member:
            xml = member.read(MAX_INFLATED + 1)
        document = parse_xml(xml)
        body = document.body
        if body is None:
            raise IntakeError("a corrupt Word file: its document has no body")
        lines = list(_lines(body))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, etree.XMLSyntaxError) as exc:
        if isinstance(exc, IntakeError):
            raise
        raise IntakeError(f"a corrupt or truncated Word file: {exc}") from None
    text = "\n".join(line for line in lines if line)
    if not text.strip():
        raise IntakeError("the Word file holds no text")
    return text


def _lines(container):
    """Paragraphs and tables of a body or a cell, in order (docx.oxml's CT_P and CT_Tbl)."""
    for element in container.inner_content_elements:
        if element.tag.endswith("}tbl"):
            yield from _table_lines(element)
        else:
            yield element.text.strip()


def _table_lines(table):
    for row in table.tr_lst:
        cells = []
        for cell in row.tc_lst:
            if cell.vMerge == "continue":  # the lower part of a merged cell: its text is above
                continue
            cells.append(" ".join(line for line in _lines(cell) if line))
        line = " ".join(c for c in cells if c)
        if line:
            yield line


def docx_title(data: bytes) -> str:
    """The title Word keeps in the file's properties (docProps/core.xml ``dc:title``); '' when
    none. A collection's Word file often names its county only there."""
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "docProps/core.xml" not in archive.namelist():
                return ""
            with archive.open("docProps/core.xml") as member:
                xml = member.read(1_000_000)
        root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, etree.XMLSyntaxError):
        return ""
    title = root.find("{http://purl.org/dc/elements/1.1/}title")
    return " ".join((title.text or "").split())[:500] if title is not None else ""
