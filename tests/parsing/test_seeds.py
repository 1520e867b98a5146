"""The two real minutes we started from, field by field."""

import re

import pytest

from archive.parsing import WarningKind, parse_minutes


@pytest.fixture
def seed000(seed_bytes):
    return parse_minutes(seed_bytes("000"))


@pytest.fixture
def seed003(seed_bytes):
    return parse_minutes(seed_bytes("003"))


def people(parsed, role):
    return [(p.name, list(p.titles)) for p in parsed.meeting.participants if p.role == role]


def test_seed000_date_and_body(seed000):
    m = seed000.meeting
    assert (m.year, m.month, m.day, m.part_of_day) == (2020, 12, 23, None)
    assert (m.body, m.session_number) == ("区政府常务会议", None)
    assert m.warnings == []
    assert (seed000.encoding, seed000.script) == ("utf-8", "simplified")


def test_seed000_people(seed000):
    assert people(seed000, "chair") == [("李志龙", ["区管委会主任", "区长"])]
    assert people(seed000, "attendee") == [
        (name, []) for name in ["姜永柱", "屠国平", "荆慰", "周力军", "陈健", "陆文俊", "陶峰"]
    ]
    assert people(seed000, "reporter") == [("顾华锋", ["区财政局局长"])]
    assert {p.role for p in seed000.meeting.participants} == {"chair", "attendee", "reporter"}


def test_seed000_agenda(seed000):
    items = seed000.meeting.agenda_items
    assert [i.order for i in items] == list(range(1, 8))
    assert items[0].title == "学习传达浙江省委十四届八次全体(扩大)会议精神"
    assert items[6].title == "研究2020年财政预算调整以及政府债务限额有关事宜"
    assert [i.kind for i in items] == ["study"] * 6 + ["deliberation"]
    assert "顾华锋" in items[6].text
    assert items[1].documents == ["关于制定杭州市国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议"]


def test_seed003_partial_date_warns(seed003):
    m = seed003.meeting
    assert (m.year, m.month, m.day, m.part_of_day) == (None, 2, 1, "上午")
    assert [w.kind for w in m.warnings] == [WarningKind.YEAR_MISSING]
    assert m.body == "区委常委会扩大会议"
    assert seed003.script == "traditional"


def test_seed003_people(seed003):
    assert people(seed003, "chair") == [("陈豪", ["区委书记"])]
    assert people(seed003, "conveyor") == [
        ("袁建", ["区委副书记", "区长"]),
        ("朱晓董", ["区人大常委会主任"]),
        ("吴海洋", ["区政协主席"]),
    ]
    assert people(seed003, "attendee") == [("陈利华", [])]
    assert people(seed003, "speaker") == []  # 主持并讲话: the chair only


def test_seed003_text_is_simplified_without_pinyin_and_raw_is_verbatim(seed003, seed_bytes):
    assert seed003.raw_text == seed_bytes("003").decode("utf-8")
    assert not re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔù]+\)", seed003.text)
    assert "區" not in seed003.text and "会议" in seed003.text
    assert "(館、站)" not in seed003.text and "(馆、站)" in seed003.text
    chen = next(p for p in seed003.meeting.participants if p.name == "陈豪")
    start, end = seed003.raw_span(chen.start, chen.end)
    assert seed003.raw_text[start:end] == "陳豪"
