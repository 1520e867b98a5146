import pytest

from archive.parsing.appointments import (
    ParsedAppointment,
    appointee_spans,
    find_appointments,
    oath_takers,
)


def contract(text):
    return [a.as_contract() for a in find_appointments(text)]


def appoint(name, post):
    return {"name": name, "action": "appoint", "post": post}


def remove(name, post):
    return {"name": name, "action": "remove", "post": post}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("会议任命周立新为区财政局局长。", [appoint("周立新", "区财政局局长")]),
        (
            "会议决定任命韩晓梅同志为临江区人民政府副区长。",
            [appoint("韩晓梅", "临江区人民政府副区长")],
        ),
        ("会议表决,聘任欧阳建平为区政府法律顾问。", [appoint("欧阳建平", "区政府法律顾问")]),
        (
            "会议决定免去蒋文涛同志的区统计局局长职务。",
            [remove("蒋文涛", "区统计局局长")],
        ),
        ("会议决定撤销顾长林的区水利局副局长职务。", [remove("顾长林", "区水利局副局长")]),
        (
            "会议表决通过了关于接受莫振华辞去南溪县人民政府县长职务请求的决定。",
            [remove("莫振华", "南溪县人民政府县长")],
        ),
        ("会议经投票,选举谭秀英为县人大常委会副主任。", [appoint("谭秀英", "县人大常委会副主任")]),
        ("会议补选葛明辉为县人民政府副县长。", [appoint("葛明辉", "县人民政府副县长")]),
        ("大会选举产生邵春燕为镇人民政府镇长。", [appoint("邵春燕", "镇人民政府镇长")]),
        ("经过无记名投票,严志强当选为北坪镇人民政府镇长。", [appoint("严志强", "北坪镇人民政府镇长")]),
        (
            "会议决定任命于瑞丰为东湖市人民政府副市长,并决定于瑞丰为东湖市人民政府代理市长。",
            [appoint("于瑞丰", "东湖市人民政府副市长"), appoint("于瑞丰", "东湖市人民政府代理市长")],
        ),
    ],
)
def test_each_form(text, expected):
    assert contract(text) == expected


def test_list_of_people_and_both_actions():
    text = "会议决定:任命周立新为区财政局局长,韩晓梅为区审计局局长;免去蒋文涛的区统计局局长职务。"
    assert contract(text) == [
        appoint("周立新", "区财政局局长"),
        appoint("韩晓梅", "区审计局局长"),
        remove("蒋文涛", "区统计局局长"),
    ]


def test_two_posts_removed_from_one_person():
    text = "会议决定免去廖德胜的区财政局局长、区国资办主任职务。"
    assert contract(text) == [remove("廖德胜", "区财政局局长"), remove("廖德胜", "区国资办主任")]


def test_acting_post_borrows_the_place_of_the_post_before():
    text = "会议决定任命覃国栋同志为石门县人民政府副县长、代理县长。"
    assert contract(text) == [
        appoint("覃国栋", "石门县人民政府副县长"),
        appoint("覃国栋", "石门县人民政府代理县长"),
    ]


def test_removals_listed_with_their_own_posts():
    text = "会议票决同意免去温立军同志云溪市人民政府市长职务、柴晓峰同志云溪市人民政府副市长职务。"
    assert contract(text) == [
        remove("温立军", "云溪市人民政府市长"),
        remove("柴晓峰", "云溪市人民政府副市长"),
    ]


def test_next_person_after_a_comma_or_a_pause_mark():
    text = "会议任命孔令晖为区教育局局长、区教育工委书记,钱雨薇同志为区卫健局局长、姜海峰为区民政局局长的决定。"
    assert contract(text) == [
        appoint("孔令晖", "区教育局局长"),
        appoint("孔令晖", "区教育工委书记"),
        appoint("钱雨薇", "区卫健局局长"),
        appoint("姜海峰", "区民政局局长"),
    ]


def test_several_names_for_one_post():
    text = "会议任命包思远、宁可欣为区人民法院审判员。"
    assert contract(text) == [appoint("包思远", "区人民法院审判员"), appoint("宁可欣", "区人民法院审判员")]


def test_removal_without_honorific_or_de():
    assert contract("会议免去柴晓峰云溪市人民政府副市长职务。") == [remove("柴晓峰", "云溪市人民政府副市长")]


def test_a_list_after_a_colon_one_person_a_line():
    text = "会议决定任命：\n周立新为区财政局局长；\n韩晓梅为区审计局局长。\n会议还研究了其他事项。"
    assert contract(text) == [appoint("周立新", "区财政局局长"), appoint("韩晓梅", "区审计局局长")]


def test_posts_written_before_the_names_elected():
    text = "镇人代会选举产生了镇长邵春燕、副镇长葛明辉。"
    assert contract(text) == [appoint("邵春燕", "镇长"), appoint("葛明辉", "副镇长")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("会议同意黎振宇同志辞去区人民政府副区长职务。", [remove("黎振宇", "区人民政府副区长")]),
        ("会议决定免去吴德才同志职务。", [remove("吴德才", None)]),
        ("会议免去王军区长职务。", [remove("王军", "区长")]),
        ("会议任命周立新为区财政局局长(试用期一年)。", [appoint("周立新", "区财政局局长")]),
        ("会议任命阿不都·热合曼同志为县人民政府副县长。", [appoint("阿不都·热合曼", "县人民政府副县长")]),
    ],
)
def test_resignation_bare_duty_notes_and_transliterated_names(text, expected):
    assert contract(text) == expected


def test_a_repeated_decision_is_given_once():
    text = "会议任命周立新为区财政局局长。会后,会议决定任命周立新同志为区财政局局长。"
    assert contract(text) == [appoint("周立新", "区财政局局长")]


@pytest.mark.parametrize(
    "text",
    [
        "会议研究了人事任免事项。",
        "会议审议通过了人事任免事项;听取了区政府关于有关领导辞职的报告。",
        "区人大常委会主任向被任命人员颁发了任命书,新任命人员进行了宪法宣誓。",
        "会议审议通过了《关于任命陆家豪为区环保局局长的说明》的修改稿。",
        "会议审议了选举办法(草案)和补选十二届区政协副主席候选人名单。",
        "会议审议区人民政府关于提请任命黎明远同志职务的议案。",
        "拟任命孟凡杰为区商务局局长,现予公示。",
        "对违法行为人免去罚款的处罚,撤销原处罚决定。",
        "会议决定于3月5日召开区人大常委会会议。",
    ],
)
def test_decisions_that_name_nobody(text):
    assert find_appointments(text) == []


def test_spans_point_at_the_name():
    text = "会议决定任命欧阳建平同志为区司法局局长;免去蒋文涛同志的区统计局局长职务。"
    found = find_appointments(text)
    assert [text[a.start : a.end] for a in found] == ["欧阳建平", "蒋文涛"]
    assert found[0] == ParsedAppointment("欧阳建平", "appoint", "区司法局局长", 6, 10)


def test_oath_takers_and_appointee_spans():
    text = "会议任命周立新为区财政局局长。新任命的周立新、韩晓梅同志进行了宪法宣誓。"
    assert [name for name, _, _ in oath_takers(text)] == ["周立新", "韩晓梅"]
    assert [text[s:e] for s, e in appointee_spans(text)] == ["周立新", "周立新", "韩晓梅"]
    assert oath_takers("会议举行了宪法宣誓仪式。") == []
    assert oath_takers("新任命的顾长林手按《宪法》进行宣誓。") == [("顾长林", 4, 7)]
