"""Bytes to text: BOMs first, then UTF-16 without a BOM (told by its NULs), then strict UTF-8,
then the two legacy Chinese encodings by score."""

from __future__ import annotations

import codecs

from .common_chars import COMMON_CHARS
from .documents import IntakeError

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
    """Return ``(text, encoding)`` or raise IntakeError with a reason a person can act on."""
    if not data.strip():
        raise IntakeError("the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise IntakeError(
                    f"the file starts with a {encoding} byte-order mark but is not valid {encoding}: {exc.reason}"
                ) from None
    if b"\x00" in data:
        found = _utf16_without_bom(data)
        if found:
            return found
        raise IntakeError("the file is binary (it contains NUL bytes), not a text file")
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
        raise IntakeError("the encoding is not recognised: the file is not UTF-8, UTF-16, GB18030/GBK or Big5 text")
    score, encoding = max(candidates)
    if score < 0.2:
        raise IntakeError("the encoding is not recognised: decoded as GB18030 or Big5 it is not readable Chinese")
    return _checked(data.decode(encoding), encoding)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 saved without a byte-order mark (some Windows tools do). Its NULs come from ASCII
    characters (digits, line breaks), each paired with a NUL on the same side (``31 00`` in
    little-endian), so nearly all NULs fall at odd offsets or nearly all at even ones; and the
    decoded text must read as Chinese. Binary data fails one test or the other."""
    if len(data) % 2:
        return None
    at_odd, at_even = data[1::2].count(0), data[0::2].count(0)
    # A few NULs on the other side are real characters (一 is U+4E00: 00 4E in little-endian).
    if min(at_odd, at_even) * 4 > max(at_odd, at_even):
        return None
    encoding = "utf-16-le" if at_odd > at_even else "utf-16-be"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if sum("\u4e00" <= c <= "\u9fff" for c in text) < 4 or _common_share(text) < 0.3:
        return None
    return _checked(text, encoding)


def _common_share(text: str) -> float:
    """Share of CJK characters that are among the most common ones; garbage decodes score low."""
    cjk = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not cjk:
        return 0.0
    return sum(c in COMMON_CHARS for c in cjk) / len(cjk)


def _checked(text: str, encoding: str) -> tuple[str, str]:
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise IntakeError("the file is empty")
    controls = sum(1 for c in text if c < " " and c not in _ALLOWED_CONTROLS)
    if controls > max(3, len(text) // 100):
        raise IntakeError("the file is binary (it is full of control characters), not a text file")
    return text, encoding
