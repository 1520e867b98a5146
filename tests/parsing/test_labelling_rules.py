"""Rules of the development set's LABELLING.md, one structure per case (minutes we wrote)."""

import pytest

from archive.parsing import ParseError, parse_text
from archive.parsing.agenda import documents_in
from archive.parsing.meeting import find_body, session_number
from archive.parsing.result import WarningKind


def meeting(text: str):
    return parse_text(text).meeting


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("市政协十四届三十五次主席会议", 35),
        ("第十九届第二次全体会议", 2),
        ("二届市委108次常委会会议", 108),
        ("第二十届人民代表大会第五次会议第四次主席团会议", 4),
        ("县十六届人大四次会议秘书长会议", None),
        ("县政府党组(扩大)会议和第21次常务会议", 21),
        ("区七届人民政府第**次党组会议", None),
    ],
)
def test_session_number_is_this_meetings_own(name, number):
    assert session_number(name) == number


@pytest.mark.parametrize(
    ("lead", "body"),
    [
        ("4月7日上午，石门县第十八届人大常委会召开第二十七次会议。", "县人大常委会会议"),
        ("3月3日，市十五届人大常委会举行第三十二次主任会议。", "市人大常委会主任会议"),
        ("5月9日，区委召开常委会，区委书记韩立新主持。", "区委常委会会议"),
        ("3月4日，区长王建华主持召开区长办公会。", "区长办公会议"),
        ("6月1日，县委召开县委常委(扩大)会。", "县委常委扩大会议"),
        ("7月2日，县人民政府召开第8次常务会议。", "县政府常务会议"),
        ("2月21日，市政协十四届一次会议主席团举行第三次会议。", "市政协会议主席团会议"),
        ("10月18日，市人大常委会党组书记、主任叶立新主持召开党组会议。", "市人大常委会党组会议"),
        (
            "11月26日，云岭镇在镇政府会议室召开第二十届人民代表大会第五次会议第四次主席团会议。",
            "镇人民代表大会会议主席团会议",
        ),
        ("1月31日，区委理论学习中心组开展集体学习研讨。", "区委理论学习中心组集体学习研讨"),
        ("5月2日，镇党委召开党委会议。", "镇党委会议"),
    ],
)
def test_body_normalised_as_labelled(lead, body):
    assert find_body(lead).body == body


def test_a_list_ending_in_a_group_keeps_every_name():
    m = meeting(
        "3月2日，县人大常委会主任韩立新主持召开主任会议，副主任周建国、吴晓梅、郑文斌和县人大常委会组成人员出席会议，"
        "县监委主任冯志远，县政府副县长邵丽华，县人民法院院长蒋文涛，以及县直有关单位负责同志列席会议。"
    )
    roles = {(p.name, p.role) for p in m.participants}
    assert {("周建国", "attendee"), ("吴晓梅", "attendee"), ("郑文斌", "attendee")} <= roles
    assert {("冯志远", "observer"), ("邵丽华", "observer"), ("蒋文涛", "observer")} <= roles
    assert not any("组成人员" in p.name or "负责" in p.name for p in m.participants)


def test_titles_after_names_and_a_national_leaders_namesake():
    m = meeting(
        "5月6日，县委书记韩立新主持召开县委常委会会议。副县长周建国、李强、吴晓梅出席会议；"
        "县政府冯志远县长，县法院蒋文涛院长列席会议。会议传达学习了习近平总书记重要讲话精神。"
    )
    roles = {(p.name, p.role) for p in m.participants}
    assert ("李强", "attendee") in roles
    assert {("冯志远", "observer"), ("蒋文涛", "observer")} <= roles
    assert "习近平" not in {p.name for p in m.participants}


@pytest.mark.parametrize(
    ("body", "count"),
    [
        ("会议传达学习了省委全会精神，研究了我县贯彻落实意见。", 1),  # A4: a follow-up clause
        ("会议听取了县发改局关于项目建设的汇报；审议了《县停车管理办法》；研究了干部任免事宜。", 3),  # semicolons
        ("会议分别学习传达了《甲文件》、《乙文件》等8项文件精神。", 8),  # A2: an explicit count
        ("会议强调，一要提高认识；二要压实责任；三要加强督查。", 1),  # A5: requirements; the meeting itself is one
        ("会议审议通过了下次会议议程。建议下次会议议程为：听取甲报告；听取乙报告。", 1),  # a later meeting's agenda
        ("主任会议建议的议程还有：听取甲报告；听取乙报告。会议审议通过了下次会议议程。", 1),  # '议程还有' too
        # a sentence whose first clause names personnel business without a decision verb
        ("会议进行了人事任免；听取和审议了县政府关于河道治理情况的报告；审议通过了《县物业管理办法》。", 3),
        # a presidium's semicolon list that opens with an explanation given by a named person
        (
            "县委书记韩立新就补选县人大常委会副主任人选情况作了说明；听取了代表对选举办法（草案）的酝酿意见；"
            "表决通过了提交全体会议表决的选举办法（草案）。",
            3,
        ),
        ("会议中，与会代表听取和审议了《镇政府工作报告》、《镇财政工作报告》，选举产生了镇长。", 3),  # 会议中
        ("会议成功选举了镇人大主席，顺利通过了《关于镇级预算的决议》。", 2),  # adverbs of manner
        # a verb after 、 opens the next matter; a noun that starts like one does not
        ("会议传达学习了省委全会精神、听取了关于县城供水工程进展情况的汇报。", 2),
        ("会议研究《县城停车场建设方案》（送审稿）、研究《县消防专项规划》（送审稿）等事项。", 2),
        ("会议审议了县政府党组民主生活会、学习教育整改有关文件材料。", 1),
        ("会议书面通报了县党代会筹备情况，安排了各代表团团长推选工作。", 2),  # 安排了…工作
    ],
)
def test_agenda_counted_by_rules_a1_to_a7(body, count):
    m = meeting(f"3月2日，县长韩立新主持召开县政府常务会议。\n{body}")
    assert m.agenda_item_count == count


def test_an_opening_summary_the_body_expands_is_not_counted_again():
    m = meeting(
        "4月8日，区长周建国主持召开区政府常务会议，研究部署了防汛、安全生产等工作。\n"
        "会议听取了区应急局关于防汛准备情况的汇报。\n会议审议通过了《区安全生产专项整治方案》。"
    )
    assert m.agenda_item_count == 2


@pytest.mark.parametrize(
    ("text", "documents"),
    [
        ("会议学习了《求是》杂志发表的《论党的建设》。", ["论党的建设"]),
        ("新任命的同志面向《宪法》庄严宣誓。", []),
        ("会议在《国歌》声中开幕，审议了《镇政府工作报告》。", ["镇政府工作报告"]),
        ("会议学习了《中国共产党纪律处分条例》，要求严格执行《条例》。", ["中国共产党纪律处分条例"]),
    ],
)
def test_documents_only_mentioned_are_left_out(text, documents):
    assert documents_in(text) == documents


@pytest.mark.parametrize(
    ("lead", "date"),
    [
        ("29日上午，区长周建国主持召开区政府常务会议。", (None, None, 29)),
        ("1030日，区长周建国主持召开区政府常务会议。", (None, 10, 30)),
        ("日前，区长周建国主持召开区政府常务会议，协商定于10月25日召开全会。", (None, None, None)),
        ("7月23日，街道党工委书记周建国主持召开2020年中心组第七次学习会议。", (2020, 7, 23)),
    ],
)
def test_dates_as_labelled(lead, date):
    m = meeting(lead)
    assert (m.year, m.month, m.day) == date


def test_a_url_above_the_headline_gives_no_year():
    m = meeting("http://www.example.gov.cn/art/2022/5/18/art_1.html\n5月17日，区委书记周建国主持召开区委常委会会议。")
    assert (m.year, m.month, m.day) == (None, 5, 17)


def test_appointees_are_not_participants():
    m = meeting(
        "9月3日，县人大常委会主任韩立新主持召开县人大常委会会议。会议决定任命周建国为县人民政府副县长，"
        "免去吴晓梅的县财政局局长职务。周建国进行了宪法宣誓。"
    )
    assert [(a.name, a.action) for a in m.appointments] == [("周建国", "appoint"), ("吴晓梅", "remove")]
    assert {p.name for p in m.participants} == {"韩立新"}


@pytest.mark.parametrize(
    "text",
    [
        "本报讯 3月2日，青溪区第二届文化旅游节在湿地公园开幕，副区长周建国出席开幕式并致辞。",
        "5月6日，县委书记韩立新到云岭镇调研乡村振兴工作，县领导吴晓梅陪同。",
    ],
)
def test_a_news_report_without_a_meeting_is_not_minutes(text):
    with pytest.raises(ParseError, match="not meeting minutes: no meeting is convened"):
        parse_text(text)


def test_labelled_minutes_are_minutes_without_a_convening_verb():
    m = meeting(
        "县政府第5次常务会议纪要\n2023年3月2日上午\n主持：韩立新\n出席：周建国、吴晓梅\n一、原则同意《县防汛应急预案》。"
    )
    assert (m.body, m.session_number, m.month, m.day) == ("县政府常务会议", 5, 3, 2)
    assert {(p.name, p.role) for p in m.participants} >= {("韩立新", "chair"), ("周建国", "attendee")}


def test_a_meeting_that_lists_no_matter_handled_the_one_its_name_states():
    m = meeting(
        "5月8日，青石镇召开春季森林防火工作动员会。镇长韩立新主持会议。\n"
        "会议指出，要充分认识森林防火工作的重要性。会议强调，一要压实责任；二要加强巡查。"
    )
    assert [item.title for item in m.agenda_items] == ["春季森林防火工作动员会"]
    assert m.agenda_item_count == 1
    assert WarningKind.UNCERTAIN_AGENDA in {w.kind for w in m.warnings}


def test_a_relative_date_after_a_byline_and_a_recommended_article_below():
    m = meeting(
        "县人大常委会举行第九次会议\n"
        "本报讯 （记者 周晓梅） 昨日，县十七届人大常委会举行第九次会议。县人大常委会主任韩立新主持会议。\n"
        "会议听取了县政府关于农村公路建设情况的报告。\n"
        "新闻推荐\n"
        "本报讯（记者 吴晓梅）6月12日，县图书馆举行少儿阅读月启动仪式，副县长冯志远出席。"
    )
    assert (m.month, m.day) == (None, None)  # 昨日 (LABELLING.md: a relative date is no date)
    assert [p.name for p in m.participants] == ["韩立新"]
    assert m.agenda_item_count == 1
