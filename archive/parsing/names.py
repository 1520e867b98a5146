"""Telling a person's name from the posts written around it."""

from __future__ import annotations

import re
from functools import lru_cache

from .data import data_lines

SINGLE_SURNAMES = frozenset("".join(data_lines("single_surnames.txt")))
COMPOUND_SURNAMES = frozenset(data_lines("compound_surnames.txt"))

# A post ends with one of these (区长, 区委副书记, 区政府办公室主任, 区财政局局长 ...).
TITLE_ENDINGS = tuple(data_lines("title_endings.txt"))

# Substrings that never occur in a person's name but often in what surrounds it.
_NOT_IN_NAME = tuple(data_lines("not_in_name.txt"))
# National leaders whose speeches are studied: mentioned, never participants of a local meeting.
MENTIONED_LEADERS = frozenset(data_lines("national_leaders.txt"))

# Posts that also name a group of people ('代表提出'), and posts of the people who chair or speak.
_GROUP_TITLES = ("代表", "领导", "干部", "成员", "委员", "总书记", "职工")
_OFFICE_ENDINGS = ("长", "主任", "书记", "主席", "员", "助理", "专员")
_NOT_IN_NAME_RE = re.compile("|".join(_NOT_IN_NAME))
_ORG_ENDINGS = tuple(data_lines("unit_endings.txt"))
_PLACE_ENDINGS = ("省", "市", "县", "区")
_PLACE_GOES_ON = re.compile(r"^[省市县区](?!委|政府|人大|政协|长|纪委|监委)")
_UNIT_ENDINGS = ("政协", "人大", "政府", "法院", "检察院", "常委会")
_CJK = re.compile(r"^[\u3400-\u9fff]+$")
_TRANSLITERATED = re.compile(r"^[\u3400-\u9fff]{1,8}(?:·[\u3400-\u9fff]{1,8})+$")
_HONORIFIC_TAIL = re.compile(r"(?:等(?:[区县市镇乡]|街道)?(?:委|政府|人大|政协)?(?:领导)?(?:同志|人)?|同志们|同志)$")


@lru_cache(maxsize=65536)
def is_name(text: str) -> bool:
    if not 2 <= len(text) <= 4:
        return False
    if text[:2] in COMPOUND_SURNAMES:
        pass
    elif text[:1] not in SINGLE_SURNAMES or len(text) == 4:
        return False
    return is_plain_name(text)


def is_plain_name(text: str) -> bool:
    """CJK only, nothing that belongs to a post or an organisation, not a title itself."""
    if not _CJK.match(text) or _NOT_IN_NAME_RE.search(text):
        return False
    if len(text) == 3 and text.endswith(_PLACE_ENDINGS):
        return False  # 黄山市, 石门县
    return not is_title(text) and not text.endswith(_ORG_ENDINGS)


def is_title(text: str) -> bool:
    return (
        len(text) >= 2
        and text.endswith(TITLE_ENDINGS)
        and "同志" not in text  # a title never runs past a name and its 同志
        and bool(_CJK.match(text.replace("(", "").replace(")", "")))
    )


@lru_cache(maxsize=65536)
def split_titled_name(text: str) -> tuple[str, str, str] | None:
    """'区长袁建' -> ('区长', '袁建', ''); '王某区长' -> ('', '王某', '区长'); '陈豪' -> ('', '陈豪', '')."""
    text = _HONORIFIC_TAIL.sub("", text)
    if is_name(text):
        return "", text, ""
    for size in (3, 2, 4):
        if len(text) > size:
            prefix, name = text[:-size], text[-size:]
            if is_name(name) and is_title(prefix):
                return prefix, name, ""
    for size in (3, 2):
        if len(text) > size + 1:
            name, suffix = text[:size], text[size:]
            # '王某区长', but not '黄山' + '市地方志办公室…': a place name goes on after a surname
            if is_name(name) and is_title(suffix) and not _PLACE_GOES_ON.match(suffix):
                return "", name, suffix
    if "·" in text:
        return _split_transliterated(text)
    # A unit, the name, the post after it: '县政协伍国华主席', '县法院包立新院长'.
    if len(text) <= 16 and text.endswith(_OFFICE_ENDINGS):
        for size in (3, 2):
            for end in range(len(text) - 1, max(size + 1, len(text) - 6), -1):
                unit, name, post = text[: end - size], text[end - size : end], text[end:]
                if post.endswith(_OFFICE_ENDINGS) and is_name(name) and _is_unit(unit):
                    return "", name, unit + post
    # A post followed by a name whose surname is not in our list (禤, 佴 ...); not after words
    # that also head a group or a verb ('代表提出', '有关领导辞职', '总书记看望').
    for size in (3, 2):
        if len(text) >= size + 2:
            prefix, name = text[:-size], text[-size:]
            if (
                is_title(prefix)
                and prefix.endswith(_OFFICE_ENDINGS)
                and not prefix.endswith(_GROUP_TITLES)
                and is_plain_name(name)
                and not is_title(prefix + name[:1])
            ):
                return prefix, name, ""
    return None


def _is_unit(text: str) -> bool:
    """An organ or office written before a name: 县政府, 县政协, 区人大常委会, 市发改委."""
    return (
        2 <= len(text) <= 8 and bool(_CJK.match(text)) and (text.endswith(_ORG_ENDINGS) or text.endswith(_UNIT_ENDINGS))
    )


def _split_transliterated(text: str) -> tuple[str, str, str] | None:
    """Names such as 阿不都·热合曼, after an optional post: the post ends where a title ending does."""
    if _TRANSLITERATED.match(text) and not _NOT_IN_NAME_RE.search(text):
        return "", text, ""
    for end in range(len(text) - 3, 1, -1):
        prefix, name = text[:end], text[end:]
        if is_title(prefix) and _TRANSLITERATED.match(name) and not _NOT_IN_NAME_RE.search(name):
            return prefix, name, ""
    return None
