"""PDF files with a text layer, through pypdf (reading order, CJK fonts with their ToUnicode
maps). No OCR: a scan or an encrypted file is refused, saying so."""

from __future__ import annotations

import io
import logging
import re

from .documents import IntakeError

_WORDS = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
MAX_PAGES = 200


def read_pdf(data: bytes) -> str:
    return read_pdf_and_title(data)[0]


def read_pdf_and_title(data: bytes) -> tuple[str, str]:
    """The text, and the title the file's properties keep ('' when none): a collection's PDF
    often names its county only there."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PdfStreamError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged file is reported as an error below
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise IntakeError("an encrypted PDF: it cannot be read; load a copy without a password")
        pages = reader.pages
        if len(pages) > MAX_PAGES:
            raise IntakeError(f"a PDF of {len(pages):,} pages, over {MAX_PAGES}: not minutes")
        texts = [page.extract_text() or "" for page in pages]
        title = _title(reader)
    except IntakeError:
        raise
    except (PdfReadError, PdfStreamError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        raise IntakeError(f"a corrupt or truncated PDF: {exc or type(exc).__name__}") from None
    text = reflow([line for t in texts for line in t.splitlines()])
    if len(_WORDS.findall(text)) < 10:
        raise IntakeError("the PDF has no text layer (a scan?): it cannot be read without OCR, which we do not do")
    return text, title


def _title(reader) -> str:
    try:
        title = reader.metadata.title if reader.metadata else None
    except Exception:  # a damaged information dictionary costs only the title
        return ""
    return " ".join(str(title or "").split())[:500]


_END = "。；！？：:;!?」』”）)"
_ITEM = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、]|第[一二三四五六七八九十]+项)"
)


def reflow(lines: list[str]) -> str:
    """A PDF has lines, not paragraphs: a line that runs to the right margin (as long as the
    longest lines) and does not end a sentence goes on in the next line, unless that one opens
    a numbered item."""
    lines = [line.strip() for line in lines if line.strip()]
    if not lines:
        return ""
    full = 0.85 * max(len(line) for line in lines)
    out = [lines[0]]
    for previous, line in zip(lines, lines[1:], strict=False):
        if len(previous) >= full and not previous.endswith(tuple(_END)) and not _ITEM.match(line):
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)
