"""The names of GB/T 2260 divisions as plain data, and where a text writes them: read by intake
(a site's name: 湖州市安吉县人民政府 → 安吉县) and by parsing (a headline, a chair's post). From the
code table the project ships (``archive.intake.division_table``: today's divisions and the former
ones since 1981, so that minutes naming 绍兴县 before 2013 name a place)."""

from __future__ import annotations

import re
from functools import lru_cache

from .division_table import all_names, current_names

_CJK = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def division_levels() -> dict[str, int]:
    """Every division name → its most specific level (0 province, 1 prefecture, 2 county-level)."""
    current = current_names()
    # A former name of two characters ending in 区 (市区, 南区, 新区) is a word of any text, no place.
    return {n: level for n, level in all_names().items() if n in current or not (len(n) == 2 and n.endswith("区"))}


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
