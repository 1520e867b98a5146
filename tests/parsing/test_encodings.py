"""The four encodings people's files come in, and the inputs that are not minutes."""

import pytest

from archive.parsing import ParseError, parse_minutes


@pytest.mark.parametrize(
    ("encode", "expected_encoding"),
    [
        (lambda t: t.encode("utf-8"), "utf-8"),
        (lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), "utf-8-sig"),
        (lambda t: t.encode("utf-16"), "utf-16"),
        (lambda t: t.encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16"),
        (lambda t: t.encode("utf-16-le"), "utf-16-le"),
        (lambda t: t.encode("utf-16-be"), "utf-16-be"),
        (lambda t: t.encode("gbk"), "gb18030"),
        (lambda t: t.encode("gb18030"), "gb18030"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "utf16-le-no-bom", "utf16-be-no-bom", "gbk", "gb18030"],
)
def test_simplified_minutes_in_every_encoding(encode, expected_encoding, fixture_text):
    text = fixture_text("county_exec_session_cn_numeral")
    parsed = parse_minutes(encode(text))
    assert parsed.encoding == expected_encoding
    assert parsed.raw_text == text
    assert parsed.meeting.as_contract() == parse_minutes(text.encode("utf-8")).meeting.as_contract()


def test_big5_traditional_minutes(fixture_text):
    text = fixture_text("traditional_pinyin_observers")
    # Big5 has no tone-marked letters: a Big5 page carries no pinyin annotations.
    without_pinyin = parse_minutes(text.encode("utf-8")).raw_text
    import re

    plain = re.sub(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", "", without_pinyin)
    parsed = parse_minutes(plain.encode("big5"))
    assert parsed.encoding == "big5"
    assert parsed.script == "traditional"
    assert parsed.raw_text == plain
    assert parsed.meeting.as_contract() == parse_minutes(text.encode("utf-8")).meeting.as_contract()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_traditional_minutes_in_utf16_without_bom(encoding, fixture_text):
    text = fixture_text("traditional_pinyin_observers")
    parsed = parse_minutes(text.encode(encoding))
    assert (parsed.encoding, parsed.script, parsed.raw_text) == (encoding, "traditional", text)


# Two-byte values whose high byte is 0, as a table of small numbers in a binary file would be:
# NULs all on one side, like UTF-16 of ASCII, but no Chinese when decoded.
_SMALL_NUMBERS = b"".join(bytes([i * 37 % 251 + 1, 0]) for i in range(500))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\r\n\t ", "empty"),
        ("\ufeff".encode() + b"\n", "empty"),
        (bytes(range(256)) * 8, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("今天天气很好，我们去公园散步，看见很多花。".encode(), "not meeting minutes"),
        (b"Just some English text, no minutes here.", "no Chinese text"),
        (bytes([0xFF, 0xFE, 0x41]), "utf-16"),
        (_SMALL_NUMBERS, "binary"),
        (_SMALL_NUMBERS[1:] + b"\x00", "binary"),
        ("会议".encode("utf-16-le") + bytes(range(256)) * 4, "binary"),
    ],
    ids=[
        "empty",
        "blank",
        "bom-only",
        "binary",
        "png",
        "prose",
        "english",
        "broken-utf16",
        "nuls-one-side",
        "nuls-other-side",
        "chinese-then-binary",
    ],
)
def test_bad_input_says_why(data, reason):
    with pytest.raises(ParseError, match=reason):
        parse_minutes(data)


def test_undecodable_bytes_are_not_guessed():
    with pytest.raises(ParseError, match="encoding is not recognised"):
        parse_minutes(bytes([0x81, 0x30, 0xFF, 0xFF]) * 50)
