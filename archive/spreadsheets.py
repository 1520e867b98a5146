"""Cells a spreadsheet would run as formulas, for every CSV/XLSX this project writes or reads back.

The one rule, applied once, where a cell is written (archive.exports for the public downloads,
archive/admin/formats.py for the admin's files): a cell that starts like a formula gets a
leading apostrophe. So that reading our own files back gives exactly what was written, a value
that already looks escaped (apostrophes, then a formula start) gets one more, and reading takes
one off: escaping twice is visible, and must not happen."""

import re

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_LOOKS_ESCAPED = re.compile("'+[" + re.escape("".join(FORMULA_STARTS)) + "]")


def escape_cell(value):
    if isinstance(value, str) and (value.startswith(FORMULA_STARTS) or _LOOKS_ESCAPED.match(value)):
        return "'" + value
    return value


def unescape_cell(value):
    if isinstance(value, str) and _LOOKS_ESCAPED.match(value):
        return value[1:]
    return value
