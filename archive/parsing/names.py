"""Telling a person's name from the posts written around it."""

from __future__ import annotations

import re
from functools import lru_cache

from .data import data_lines
from .places import division_names, is_place

SINGLE_SURNAMES = frozenset("".join(data_lines("single_surnames.txt")))
COMPOUND_SURNAMES = frozenset(data_lines("compound_surnames.txt"))
TIBETAN_NAME_PARTS = frozenset(data_lines("tibetan_name_parts.txt"))

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
def is_name(text: str, bound: bool = False) -> bool:
    """A surname we know and a given name. ``bound``: a post is written right before it
    (县长江华, 主任江钦所), which makes a person of what alone could be a place or a unit."""
    if not 2 <= len(text) <= 4:
        return False
    if is_tibetan_name(text):
        return is_plain_name(text, bound)
    if text[:2] in COMPOUND_SURNAMES:
        pass
    elif text[:1] not in SINGLE_SURNAMES or len(text) == 4:
        return False
    return is_plain_name(text, bound)


def is_tibetan_name(text: str) -> bool:
    """Four characters, two parts of Tibetan given names (索朗仁增): a name without a Han surname."""
    return len(text) == 4 and text[:2] in TIBETAN_NAME_PARTS and text[2:] in TIBETAN_NAME_PARTS


def is_plain_name(text: str, bound: bool = False) -> bool:
    """CJK only, nothing that belongs to a post or an organisation, not a title itself, and,
    unless a post binds it, not a place (秦州, 玉泉镇) or a unit (司法所)."""
    if not _CJK.match(text) or _NOT_IN_NAME_RE.search(text):
        return False
    if len(text) == 3 and text.endswith(_PLACE_ENDINGS):
        return False  # 黄山市, 石门县
    if is_title(text):
        return False
    return bound or not (text.endswith(_ORG_ENDINGS) or is_place(text))


_IN_TITLE_PUNCTUATION = str.maketrans("", "", "()（）“”")


def is_title(text: str) -> bool:
    return (
        len(text) >= 2
        and text.endswith(TITLE_ENDINGS)
        and "同志" not in text  # a title never runs past a name and its 同志
        and bool(_CJK.match(text.translate(_IN_TITLE_PUNCTUATION)))  # 村(社区)“两委”换届工作指导组组长
    )


@lru_cache(maxsize=65536)
def split_titled_name(text: str, bound: bool = False) -> tuple[str, str, str] | None:
    """'区长袁建' -> ('区长', '袁建', ''); '王某区长' -> ('', '王某', '区长'); '陈豪' -> ('', '陈豪', '').
    ``bound``: the text is an entry of a labelled list of people (出席：…), so a name that is also
    a place (宁波) is a person."""
    text = _HONORIFIC_TAIL.sub("", text)
    if is_name(text, bound):
        return "", text, ""
    for size in (3, 2, 4):
        if len(text) > size:
            prefix, name = text[:-size], text[-size:]
            if is_title(prefix) and is_name(name, bound=True):
                return prefix, name, ""
    for size in (3, 2):
        if len(text) > size + 1:
            name, suffix = text[:size], text[size:]
            # '王某区长', but not '黄山' + '市地方志办公室…' or '秦州' + '区委副书记': a place
            # name goes on after what looks like a surname
            if (
                is_name(name)
                and not name.endswith("副")  # '李四副' + '主任': 副 begins the post
                and is_title(suffix)
                and not _PLACE_GOES_ON.match(suffix)
                and not _word_across(text, size)
            ):
                return "", name, suffix
    if "·" in text:
        return _split_transliterated(text)
    # A unit, the name, the post after it: '县政协伍国华主席', '县法院包立新院长'.
    if len(text) <= 16 and text.endswith(_OFFICE_ENDINGS):
        for size in (3, 2):
            for end in range(len(text) - 1, max(size + 1, len(text) - 6), -1):
                unit, name, post = text[: end - size], text[end - size : end], text[end:]
                if (
                    post.endswith(_OFFICE_ENDINGS)
                    and is_name(name, bound=True)
                    and _is_unit(unit)
                    and not _word_across(text, end)  # '常委和机关党组成员': 机关 is no name's end
                ):
                    return "", name, unit + post
    # A unit, then the name, in a list of those who sit in for their units: '县法院訾某、县检察院仉某'.
    if not text.endswith(_ORG_ENDINGS):
        for size in (3, 2):
            unit, name = text[:-size], text[-size:]
            if _is_unit(unit) and is_name(name) and not _word_across(text, len(unit)):
                return unit, name, ""
    # A post followed by a name whose surname is not in our list (禤, 佴 ...); not after words
    # that also head a group or a verb ('代表提出', '有关领导辞职', '总书记看望').
    for size in (3, 2):
        if len(text) >= size + 2:
            prefix, name = text[:-size], text[-size:]
            if (
                is_title(prefix)
                and prefix.endswith(_OFFICE_ENDINGS)
                and not prefix.endswith(_GROUP_TITLES)
                and is_plain_name(name, bound=True)
                and not is_title(prefix + name[:1])
            ):
                return prefix, name, ""
    return None


def _word_across(text: str, cut: int) -> bool:
    """A place or a word no name holds runs across the cut between a name and the post after it:
    '阿勒' + '泰地委书记' (阿勒泰), '和机' + '关党组成员' (机关)."""
    if text[cut] in "村镇乡" and is_title(text[cut + 1 :]):
        return True  # '石桥' + '村驻村干部': the village's people, not 石桥 the 村驻村干部
    places = division_names()
    if any(text[start:end] in places for start in range(cut) for end in range(cut + 1, min(len(text), start + 5) + 1)):
        return True
    return any(start < cut < match.end() for start in range(cut) if (match := _NOT_IN_NAME_RE.match(text, start)))


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
