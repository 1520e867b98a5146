"""How an official's name is spelled out: what people type (pinyin key, initials) and what pages print."""

import pytest

from archive.models import Official


@pytest.mark.parametrize(
    ("name", "pinyin", "initials", "romanized"),
    [
        ("李志龙", "li zhi long", "lzl", "Li Zhilong"),
        ("欧阳明", "ou yang ming", "oym", "Ouyang Ming"),
        ("司马光华", "si ma guang hua", "smgh", "Sima Guanghua"),
        # A surname read differently from the common word: 单 is Shan, 曾 is Zeng.
        ("单国华", "shan guo hua", "sgh", "Shan Guohua"),
        ("曾立", "zeng li", "zl", "Zeng Li"),
    ],
)
def test_pinyin_initials_and_printed_romanisation(name, pinyin, initials, romanized):
    official = Official(name=name)
    official.fill_pinyin()
    assert (official.pinyin, official.initials, official.romanized) == (pinyin, initials, romanized)
