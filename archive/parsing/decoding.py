"""Bytes to text: BOMs first, then strict UTF-8, then the two legacy Chinese encodings by score."""

from __future__ import annotations

import codecs

from .result import ParseError
from .script import COMMON_CHARS

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LEGACY = ("gb18030", "big5")
_ALLOWED_CONTROLS = set("\t\n\r\f\v")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise ParseError with a reason a person can act on."""
    if not data.strip():
        raise ParseError("the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise ParseError(
                    f"the file starts with a {encoding} byte-order mark but is not valid {encoding}: {exc.reason}"
                ) from None
    if b"\x00" in data:
        raise ParseError("the file is binary (it contains NUL bytes), not a text file")
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    candidates = []
    for encoding in _LEGACY:
        try:
            candidates.append((_common_share(data.decode(encoding)), encoding))
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise ParseError("the encoding is not recognised: the file is not UTF-8, UTF-16, GB18030/GBK or Big5 text")
    score, encoding = max(candidates)
    if score < 0.2:
        raise ParseError("the encoding is not recognised: decoded as GB18030 or Big5 it is not readable Chinese")
    return _checked(data.decode(encoding), encoding)


def _common_share(text: str) -> float:
    """Share of CJK characters that are among the most common ones; garbage decodes score low."""
    cjk = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not cjk:
        return 0.0
    return sum(c in COMMON_CHARS for c in cjk) / len(cjk)


def _checked(text: str, encoding: str) -> tuple[str, str]:
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise ParseError("the file is empty")
    controls = sum(1 for c in text if c < " " and c not in _ALLOWED_CONTROLS)
    if controls > max(3, len(text) // 100):
        raise ParseError("the file is binary (it is full of control characters), not a text file")
    return text, encoding
