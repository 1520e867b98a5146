"""Simplified/traditional detection and conversion, using OpenCC's own t2s dictionaries.

OpenCC's pure-Python converter costs about 4 ms per 1,000 characters, more than the rest of
a parse. Its t2s data is a character table plus 277 phrases, so we apply the same data with
``str.translate`` and one regex for the phrases whose conversion differs from the character
table; tests assert the result equals ``OpenCC('t2s').convert`` on every fixture.
"""

from __future__ import annotations

import re
from functools import cache

from ..intake.common_chars import read_opencc_dict


@cache
def _tables():
    chars = read_opencc_dict("TSCharacters.txt")
    char_map = {k: v[0] for k, v in chars.items() if len(k) == 1}
    # A character whose t2s candidates include itself (乾, 於, 夥) is also simplified text.
    traditional_only = frozenset(k for k, v in char_map.items() if k not in chars[k])
    translate_table = str.maketrans({k: v for k, v in char_map.items() if k != v})
    phrase_fixes = {}
    for phrase, targets in read_opencc_dict("TSPhrases.txt").items():
        if phrase.translate(translate_table) != targets[0]:
            phrase_fixes[phrase] = targets[0]
    pattern = "|".join(sorted(map(re.escape, phrase_fixes), key=len, reverse=True))
    phrase_re = re.compile(pattern) if pattern else None
    return traditional_only, translate_table, phrase_fixes, phrase_re


def traditional_only_chars() -> frozenset[str]:
    return _tables()[0]


@cache
def _deletion_table() -> dict[int, None]:
    return dict.fromkeys(map(ord, traditional_only_chars()))


_CJK = re.compile(r"[\u4e00-\u9fff]")


def count_traditional(text: str) -> int:
    return len(text) - len(text.translate(_deletion_table()))


def is_traditional(text: str) -> bool:
    """Traditional when traditional-only characters are a real share, not one stray variant."""
    count = count_traditional(text)
    if count < 3:  # most texts: no need to count their characters
        return False
    cjk = len(_CJK.findall(text)) or 1
    return count / cjk >= 0.03


def to_simplified(text: str) -> str:
    """OpenCC t2s, same output, faster. Length-preserving (every t2s entry maps 1:1 in Python)."""
    _, table, fixes, phrase_re = _tables()
    if phrase_re is None:
        return text.translate(table)
    out = []
    pos = 0
    for m in phrase_re.finditer(text):
        out.append(text[pos : m.start()].translate(table))
        out.append(fixes[m.group()])
        pos = m.end()
    out.append(text[pos:].translate(table))
    return "".join(out)
