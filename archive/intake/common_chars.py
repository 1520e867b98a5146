"""The characters of ordinary Chinese prose, simplified and traditional: how a decoding is told
from garbage (archive.intake.decoding). Read from OpenCC's s2t table, so no list is kept twice."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import opencc

_DICT_DIR = Path(opencc.__file__).parent / "dictionary"


def read_opencc_dict(name: str) -> dict[str, list[str]]:
    """One of OpenCC's dictionaries (s2t, t2s tables): key → the characters it converts to."""
    table = {}
    for line in (_DICT_DIR / name).read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            key, values = line.split("\t", 1)
            table[key] = values.split()
    return table


# The ~600 most frequent characters of Chinese prose, used to tell a real decode from garbage.
_COMMON_SIMPLIFIED = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说"
    "产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使"
    "点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明"
    "看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料"
    "象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指"
    "几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶"
    "油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议"
    "声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影"
    "算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何"
    "除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属"
    "圆包火住调满县局照参红细引听该铁价严龙飞召议席讲话神贯彻落推进议审汇届务镇乡街村"
)


@cache
def _common_chars() -> frozenset[str]:
    st = read_opencc_dict("STCharacters.txt")
    traditional = {st[c][0] for c in _COMMON_SIMPLIFIED if c in st}
    return frozenset(_COMMON_SIMPLIFIED) | traditional


class _LazyCommon:
    def __contains__(self, char: str) -> bool:
        return char in _common_chars()


COMMON_CHARS = _LazyCommon()
