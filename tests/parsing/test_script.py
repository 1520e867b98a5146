"""Traditional detection and our OpenCC-table converter."""

import opencc
import pytest

from archive.intake.decoding import decode_bytes
from archive.parsing import parse_text
from archive.parsing.script import is_traditional, to_simplified, traditional_only_chars
from tests.conftest import FIXTURES, SEEDS

TEXTS = sorted(FIXTURES.glob("*.txt")) + sorted(SEEDS.glob("*.txt"))


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_converter_matches_opencc(path):
    text, _ = decode_bytes(path.read_bytes())
    assert to_simplified(text) == opencc.OpenCC("t2s").convert(text)


def test_converter_applies_opencc_phrases():
    for phrase in ["一目瞭然", "乾隆皇帝", "著作權", "於是"]:
        assert to_simplified(phrase) == opencc.OpenCC("t2s").convert(phrase)


def test_ambiguous_characters_are_not_traditional_only():
    only = traditional_only_chars()
    assert "後" in only and "區" in only
    assert not {"乾", "於", "夥", "干", "后"} & only


def test_simplified_text_is_never_converted():
    # 王丙乾 would become 王丙干 under t2s; simplified minutes must not pass through it.
    text = "2020年5月6日，区长王丙乾主持召开区政府常务会议。副区长於文华、李夥明出席会议。"
    assert not is_traditional(text)
    parsed = parse_text(text)
    assert parsed.script == "simplified"
    assert parsed.text == text
    assert [p.name for p in parsed.meeting.participants] == ["王丙乾", "於文华", "李夥明"]


def test_a_stray_traditional_character_does_not_make_a_text_traditional():
    assert not is_traditional("2020年5月6日，区长王某主持召开区政府常务會议。")
    assert is_traditional("2020年5月6日，區長王某主持召開區政府常務會議。")
