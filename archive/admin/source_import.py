"""Sources arrive by import the way load_minutes would load them, or not at all.

A source is evidence: its row says which bytes were read (``sha256``) and what they said
(``raw_text``, in ``encoding``). An import may add a source the archive lacks, but only as a fresh
load of those bytes would (the same checks, the same parse, its meeting and rows, the options it
was loaded with); it never changes a source the archive holds.
"""

from __future__ import annotations

import codecs
import hashlib

from django.core.exceptions import ValidationError

from ..models import SourceDocument
from ..pipeline.load import load_bytes

# Encodings whose decoding drops a byte-order mark: the bytes had one of these in front.
_BOMS = {
    "utf-8-sig": [("", "utf-8-sig")],
    "utf-16": [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
    "utf-32": [(codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")],
}


def original_bytes(raw_text: str, encoding: str, sha256: str) -> bytes | None:
    """The file's bytes, rebuilt from its text and encoding, if they hash to ``sha256``."""
    for data in _encodings(raw_text, encoding):
        if hashlib.sha256(data).hexdigest() == sha256:
            return data
    return None


def _encodings(text: str, encoding: str):
    for bom, codec in _BOMS.get(encoding, [(b"", encoding)]):
        try:
            yield (bom or b"") + text.encode(codec)
        except (LookupError, UnicodeEncodeError):
            continue


def load_imported(source: SourceDocument) -> SourceDocument:
    """Load the file an import row describes, as load_minutes would; ValidationError if it cannot."""
    data = original_bytes(source.raw_text, source.encoding, source.sha256)
    if data is None:
        raise ValidationError(
            {"raw_text": f"the original text in {source.encoding} does not give the file with SHA-256 {source.sha256}"}
        )
    options = {"locality": source.locality_option or None, "year": source.year_option}
    result = load_bytes(data, source.path or "the file", **options).results[0]
    if result.status == "error":
        raise ValidationError(result.error)
    if result.status != "loaded":
        raise ValidationError(f"the archive holds this text already (meeting {result.meeting_id}): nothing to add")
    if not source.path:  # stored as it was named (empty), not as the message named it
        SourceDocument.objects.filter(sha256=source.sha256).update(path="")
    return SourceDocument.objects.get(sha256=source.sha256)
