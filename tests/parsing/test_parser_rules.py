"""Rules the contract states, each on a small text."""

import subprocess
import sys

import pytest

from archive.parsing import parse_text


def roles(text):
    return [(p.role, p.name) for p in parse_text(text).meeting.participants]


def test_mentioned_leaders_are_not_participants():
    text = (
        "2021年1月4日，区委书记陈某主持召开区委常委会会议。\n"
        "会议传达学习了习近平总书记主持召开中央政治局会议时的重要讲话精神。\n"
        "习近平总书记在会上发表重要讲话。"
    )
    assert roles(text) == [("chair", "陈某")]


def test_person_with_two_roles_appears_once_per_role():
    text = "2021年1月4日，区委书记陈某主持召开区委常委会会议。区长李某出席会议并讲话。"
    assert roles(text) == [("chair", "陈某"), ("attendee", "李某"), ("speaker", "李某")]


@pytest.mark.parametrize(
    ("phrase", "body", "session"),
    [
        ("召开区政府第二十五次常务会议", "区政府常务会议", 25),
        ("召开县政府2023年第7次常务会议", "县政府常务会议", 7),
        ("召开市委常委会(扩大)会议", "市委常委会扩大会议", None),
        ("召开西湖区人民政府第一百零二次常务会议", "区人民政府常务会议", 102),
    ],
)
def test_body_and_session(phrase, body, session):
    meeting = parse_text(f"2021年1月4日，区长王某主持{phrase}。").meeting
    assert (meeting.body, meeting.session_number) == (body, session)


def test_year_option_only_fills_a_missing_year():
    assert parse_text("3月4日，区长王某主持召开区政府常务会议。", year=2019).meeting.year == 2019
    assert parse_text("2020年3月4日，区长王某主持召开区政府常务会议。", year=2019).meeting.year == 2020


def test_invalid_calendar_date_warns():
    warnings = parse_text("2021年2月30日，区长王某主持召开区政府常务会议。").meeting.warnings
    assert any(w.startswith("date-invalid") for w in warnings)


def test_parsing_package_imports_no_django():
    code = "import sys, archive.parsing as p; p.parse_text('2021年1月4日，区长王某主持召开区政府常务会议。'); print(any(m.startswith('django') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
