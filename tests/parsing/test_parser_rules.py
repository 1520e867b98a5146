"""Rules the contract states, each on a small text."""

import subprocess
import sys

import pytest

from archive.parsing import ParseWarning, WarningKind, parse_text


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
        ("召开西湖区人民政府第一百零二次常务会议", "区政府常务会议", 102),
        ("召开区政协党组会议（扩大）", "区政协党组扩大会议", None),
        # The level is not in the meeting's name; the chair's post gives it.
        ("召开第十七届人大常委会第42次主任会议", "区人大常委会主任会议", 42),
    ],
)
def test_body_and_session(phrase, body, session):
    meeting = parse_text(f"2021年1月4日，区人大常委会主任王某主持{phrase}。").meeting
    assert (meeting.body, meeting.session_number) == (body, session)


def test_year_option_only_fills_a_missing_year():
    assert parse_text("3月4日，区长王某主持召开区政府常务会议。", year=2019).meeting.year == 2019
    assert parse_text("2020年3月4日，区长王某主持召开区政府常务会议。", year=2019).meeting.year == 2020


def test_invalid_calendar_date_warns():
    warnings = parse_text("2021年2月30日，区长王某主持召开区政府常务会议。").meeting.warnings
    assert WarningKind.DATE_INVALID in [w.kind for w in warnings]


def test_parsing_package_imports_no_django():
    code = "import sys, archive.parsing as p; p.parse_text('2021年1月4日，区长王某主持召开区政府常务会议。'); print(any(m.startswith('django') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    "sentence",
    [
        "副区长赵立新在讲话中强调，要抓好落实。",
        "赵立新在会上指出，要抓好落实。",
        "会上，副区长赵立新就做好下一步工作提出要求。",
        "副区长赵立新在总结讲话中说，要抓好落实。",
        "副区长赵立新就做好当前防汛工作作了具体部署。",
    ],
)
def test_someone_who_spoke_is_a_speaker_without_the_words_around_the_name(sentence):
    text = f"3月1日，区长王某主持召开区政府常务会议。\n{sentence}"
    assert roles(text) == [("chair", "王某"), ("speaker", "赵立新")]


def test_speech_quoted_in_the_discussion_names_no_speaker():
    text = "3月1日，区长王某主持召开区政府常务会议。\n会议指出，习近平总书记在讲话中强调，要抓好落实。\n王某在总结讲话时指出，要抓好。"
    assert roles(text) == [("chair", "王某")]


def test_the_official_acting_for_the_head_chairs():
    text = "3月1日，受区长王建国委托，常务副区长李明远主持召开区政府第5次常务会议。"
    assert roles(text) == [("chair", "李明远")]


def test_other_matters_is_not_an_agenda_item():
    text = "3月1日，区长王某主持召开区政府常务会议。\n会议研究了防汛工作。\n会议还研究了其他事项。"
    assert [item.title for item in parse_text(text).meeting.agenda_items] == ["研究防汛工作"]


def test_a_dated_line_above_the_lead_gives_the_year():
    text = "县委常委会第123次会议召开\n（2021年7月30日）\n7月30日，县委书记王某主持召开县委常委会会议。"
    meeting = parse_text(text).meeting
    assert (meeting.year, meeting.month, meeting.day, meeting.warnings) == (
        2021,
        7,
        30,
        [
            ParseWarning(
                WarningKind.UNCERTAIN_AGENDA,
                "no listed matter was found: the meeting's own subject is recorded as its one item; check the agenda",
            )
        ],
    )


def test_labelled_lists_of_formal_minutes():
    text = (
        "2021年3月5日，区长杜某主持召开区政府常务会议。\n"
        "出席：杜某、龙国强、邢丽\n"
        "列席：区政府办公室 林晓峰；区财政局 廖敏；区审计局\n"
        "请假：江海\n"
        "记录：黎芳"
    )
    people = [(p.role, p.name, p.titles) for p in parse_text(text).meeting.participants]
    assert people == [
        ("chair", "杜某", ("区长",)),
        ("attendee", "杜某", ()),
        ("attendee", "龙国强", ()),
        ("attendee", "邢丽", ()),
        ("observer", "林晓峰", ("区政府办公室",)),
        ("observer", "廖敏", ("区财政局",)),
    ]


def test_enumerated_topics_in_one_sentence_are_items_of_their_own():
    text = "2022年8月9日，镇长潘某主持召开镇长办公会议。会议研究了以下事项：一是研究部署秋季防火工作；二是听取镇农业办关于秋粮生产情况的汇报。"
    items = parse_text(text).meeting.agenda_items
    assert [(i.title, i.kind) for i in items] == [
        ("研究部署秋季防火工作", "deliberation"),
        ("听取镇农业办关于秋粮生产情况的汇报", "hearing"),
    ]


def test_a_heading_without_a_verb_takes_its_kind_from_the_text():
    text = "2021年3月5日，区长杜某主持召开区政府常务会议。\n一、关于城市更新行动计划\n会议听取了区住建局的汇报。"
    assert [(i.title, i.kind) for i in parse_text(text).meeting.agenda_items] == [("关于城市更新行动计划", "hearing")]


def test_people_joined_by_a_conjunction_but_not_the_words_of_an_office():
    text = (
        "3月1日，区长王某主持召开区政府常务会议。副区长赵立新、孙海涛及区长助理钱伟出席会议。"
        "区发展和改革局局长周文斌、区文化和旅游局局长冯晓东列席会议。"
    )
    people = [(p.role, p.name, p.titles) for p in parse_text(text).meeting.participants]
    assert people == [
        ("chair", "王某", ("区长",)),
        ("attendee", "赵立新", ("副区长",)),
        ("attendee", "孙海涛", ("副区长",)),  # the post before the list is everyone's in it
        ("attendee", "钱伟", ("区长助理",)),
        ("observer", "周文斌", ("区发展和改革局局长",)),
        ("observer", "冯晓东", ("区文化和旅游局局长",)),
    ]


def test_padded_two_character_names_are_closed_up_and_their_span_covers_the_padding():
    text = "3月1日，区长宁　波主持召开区政府常务会议。\n出席：宁　波　沈建新　柯　敏\n列席：区政府办公室　戴　宁"
    parsed = parse_text(text)
    people = [(p.role, p.name, p.titles, parsed.text[p.start : p.end]) for p in parsed.meeting.participants]
    assert people == [
        ("chair", "宁波", ("区长",), "宁　波"),
        ("attendee", "宁波", (), "宁　波"),
        ("attendee", "沈建新", (), "沈建新"),
        ("attendee", "柯敏", (), "柯　敏"),
        ("observer", "戴宁", ("区政府办公室",), "戴　宁"),
    ]


def test_wan_alone_is_the_evening_but_not_an_evening_party():
    assert parse_text("12月31日晚，区委书记王某主持召开区委常委会会议。").meeting.part_of_day == "晚上"
    assert parse_text("12月31日晚会前，区委书记王某主持召开区委常委会会议。").meeting.part_of_day is None


def test_who_delivered_the_work_report_and_spoke_is_a_speaker():
    text = "11月20日，县委召开全体会议。县委书记龚某代表县委常委会作工作报告并讲话。"
    assert roles(text) == [("speaker", "龚某")]


def test_who_chairs_on_behalf_of_the_head_is_the_chair():
    text = "3月2日，副区长施建平同志受区长委托主持召开区政府常务会议。沈国华等同志出席会议。"
    assert roles(text) == [("chair", "施建平"), ("attendee", "沈国华")]


def test_the_chair_may_be_named_in_the_paragraph_after_the_lead():
    text = "1月5日，区委常委会召开第153次会议。\n区委书记邬某主持会议并讲话。\n会议传达学习了省委全会精神。\n省委书记主持召开省委常委会会议的讲话要求，区委书记李某主持研究。"
    assert roles(text) == [("chair", "邬某")]
