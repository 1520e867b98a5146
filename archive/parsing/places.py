"""Place names, so that a place is not taken for a person (秦州, 江华, 阿勒泰 look like names).

The county-level and larger divisions come from the GB/T 2260 table the project ships (the
``archive.intake.division_table``; today's names only: a former name's short form, 金明 of
金明区 until 2014, is more often a person's name than a place's); towns and villages are known by
their ending (三江村, 玉泉镇). A name that is a place is still a person when a post is written
right before it (县长江华): the caller decides that, this module only knows places.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..intake.division_table import current_names
from .data import data_lines

_SUFFIXES = re.compile(
    r"(维吾尔自治区|壮族自治区|回族自治区|特别行政区|自治区|自治州|自治县|自治旗|地区|新区|林区|矿区|盟|省|市|区|县|旗)$"
)
# A town, township, village or street office of three characters: 玉泉镇, 三江村, 城关乡.
_SMALL_PLACE = re.compile(r"^[\u4e00-\u9fff]{2}(?:镇|乡|村|屯|寨|嘎查|苏木)$")


@cache
def division_names() -> frozenset[str]:
    """Every division's full name and its short names (秦州区 → 秦州; 江华瑶族自治县 → 江华)."""
    names: set[str] = set()
    for name in sorted(current_names()):
        names.add(name)
        short = _SUFFIXES.sub("", name)
        short = _without_ethnic_names(short)
        if len(short) >= 2:
            names.add(short)
    return frozenset(names)


def _without_ethnic_names(name: str) -> str:
    """江华瑶族 → 江华; 双江拉祜族佤族布朗族傣族 → 双江."""
    ethnic = data_lines("ethnic_groups.txt")
    stripped = True
    while stripped:
        stripped = False
        for group in ethnic:
            if name.endswith(group) and len(name) - len(group) >= 2:
                name, stripped = name[: -len(group)], True
    return name


@lru_cache(maxsize=65536)
def is_place(text: str) -> bool:
    """A division's name (full or short), or a town or village by its ending."""
    return text in division_names() or bool(_SMALL_PLACE.match(text))
