"""Officials' pinyin is read a character at a time from pypinyin imported without its phrase
dictionary (archive.models.people; issue 17: ~0.5 s of a load). That gives pypinyin's own
reading only while the dictionary has no one-character entry: checked here against the
dictionary itself, in a process that reads it."""

import os
import subprocess
import sys

from archive.models import pinyin_fields
from archive.models.people import pinyin_of

PROBE = """
import os
os.environ.pop("PYPINYIN_NO_PHRASES", None)
from pypinyin.constants import PHRASES_DICT
assert len(PHRASES_DICT) > 10_000, len(PHRASES_DICT)
print(sum(1 for phrase in PHRASES_DICT if len(phrase) == 1))
"""


def test_the_phrase_dictionary_has_no_one_character_entry():
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=120)
    assert done.stdout.strip() == "0"


def test_names_read_character_by_character():
    assert pinyin_of("陈豪") == "chen hao"
    assert pinyin_of("曾志") == "zeng zhi"  # the surname's own reading
    assert pinyin_of("吕绿") == "lv lv"
    assert pinyin_fields("欧阳重庆") == {
        "pinyin": "ou yang zhong qing",
        "pinyin_key": "ouyangzhongqing",
        "initials": "oyzq",
        "latin_letters": False,
    }


def test_the_environment_is_left_as_it_was():
    pinyin_of("王")
    assert "PYPINYIN_NO_PHRASES" not in os.environ


def test_latin_letters_are_words_of_their_own():
    assert pinyin_of("王A") == "wang a"
    assert pinyin_fields("John Smith") == {
        "pinyin": "john smith",
        "pinyin_key": "johnsmith",
        "initials": "js",
        "latin_letters": True,
    }
    assert pinyin_of("区B组") == "ou b zu"  # the surname's reading only at the start
