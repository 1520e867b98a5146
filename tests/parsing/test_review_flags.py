"""The parser's doubts (contract v3 ``meeting.review``): each flag on the structure it names, and
not on a report that is merely short of facts. Texts are invented."""

import pytest

from archive.parsing import parse_text


def kinds(text: str) -> list[str]:
    return [entry["kind"] for entry in parse_text(text).meeting.review]


LEAD = "2023年3月6日，区长邝文斌主持召开区政府常务会议，副区长卢晓东、甘静出席会议。"


def test_a_plain_report_has_no_doubt():
    assert kinds(LEAD + "会议研究了城区防汛工作。") == []


def test_several_chairs_make_the_chair_uncertain():
    text = "2023年3月6日，区长邝文斌主持召开区政府常务会议。会议由副区长卢晓东主持。会议研究了防汛工作。"
    assert kinds(text) == ["uncertain-chair"]
    review = parse_text(text).meeting.review[0]
    assert review["field"] == "chair" and "邝文斌" in review["detail"] and "卢晓东" in review["detail"]


@pytest.mark.parametrize(
    ("listed", "flagged"),
    [
        ("副主任庹秀英、禹志刚、宓建华共4人出席会议", True),  # fewer names than counted, and the list names everyone
        ("副主任庹秀英、禹志刚、宓建华共2人出席会议", True),  # more names than counted
        ("副主任庹秀英、禹志刚、宓建华共3人出席会议", False),
        ("副主任庹秀英、禹志刚和委员共20人出席会议", False),  # 委员 stand for the members not named
    ],
)
def test_a_counted_list_against_its_names(listed, flagged):
    text = f"2023年5月8日，区人大常委会主任阎志明主持召开主任会议，{listed}。会议研究了有关事项。"
    assert ("names-count-mismatch" in kinds(text)) is flagged


def test_a_page_reporting_several_meetings():
    first = "2023年1月4日，县长蔺志远主持召开县政府常务会议，研究了春运安全工作。"
    second = "2023年1月9日，县委书记闵国栋主持召开县委常委会会议，研究了农村工作。"
    assert "several-meetings" in kinds(first + "\n" + second)
    assert "several-meetings" not in kinds(first)


def test_requirements_numbered_beside_the_agenda():
    text = LEAD + "会议研究了城区防汛工作。会议要求，一是压实责任，二是加强值守。"
    assert kinds(text) == ["uncertain-agenda"]
    assert parse_text(text).meeting.review[0]["field"] == "agenda_items"


def test_a_long_agenda_is_checked():
    items = "；".join(f"审议了《{name}》" for name in "甲乙丙丁戊己庚辛")
    assert "uncertain-agenda" in kinds(LEAD + f"会议{items}。")
    assert "uncertain-agenda" not in kinds(LEAD + "会议审议了《甲》；审议了《乙》。")


def test_gaps_of_a_complete_report_are_no_doubt_but_stay_warnings():
    """No year, a date given only as 日前, nobody said to 主持: the parse read all there is."""
    meeting = parse_text("日前，区政府召开常务会议，副区长卢晓东、甘静出席会议。会议研究了防汛工作。").meeting
    assert {w.kind.value for w in meeting.warnings} >= {"date-missing", "chair-missing"}
    assert meeting.review == []


def test_what_the_text_has_but_the_parser_missed_is_a_doubt():
    meeting = parse_text("区政府召开常务会议，由有关同志主持。会议研究了防汛工作。").meeting
    assert {entry["kind"] for entry in meeting.review} == {"date-missing", "chair-missing"}
    assert {entry["field"] for entry in meeting.review} == {"day", "chair"}


def test_review_is_in_the_contract():
    contract = parse_text(LEAD + "会议要求，一是压实责任，二是加强值守。会议研究了防汛工作。").meeting.as_contract()
    assert contract["review"] == [
        {
            "kind": "uncertain-agenda",
            "field": "agenda_items",
            "detail": "the text numbers requirements (一是…二是) beside its items: check the agenda",
        }
    ]
