"""Places change (issue 15, "Identity"): GB/T 2260 divisions since 1981 with the years they were in
use and what replaced them, so that a meeting is placed in the division of its date and a career
crosses a renaming (README, "Officials over time"). Minutes and names are invented."""

import pytest
from django.urls import reverse

from archive import divisions
from archive.careers.candidates import propose
from archive.models import Division, Official

pytestmark = pytest.mark.django_db


def county_minutes(date, place, chair, deputy="孙立新", level="县"):
    return (
        f"{place}人民政府召开第3次常务会议\n"
        f"{date}，{place}人民政府召开第3次常务会议，{level}长{chair}主持，副{level}长{deputy}出席。\n"
        "会议研究了农村道路养护工作。\n"
    )


def code(division_id):
    return Division.objects.get(pk=division_id).code


# The table ----------------------------------------------------------------------------------------


def test_former_divisions_are_rows_with_their_years_and_successors():
    shaoxing_county = Division.objects.get(code="330621")
    assert (shaoxing_county.name, shaoxing_county.valid_from, shaoxing_county.valid_until) == ("绍兴县", 1983, 2013)
    assert shaoxing_county.full_name == "浙江省绍兴市绍兴县" and shaoxing_county.parent.code == "330600"
    # 越城区 took three of its towns, 柯桥区 the rest: 柯桥区 (new in 2013) continues it.
    assert shaoxing_county.successor_codes.split() == ["330602", "330603"]
    assert shaoxing_county.successor.code == "330603"
    keqiao = Division.objects.get(code="330603")
    assert (keqiao.valid_from, keqiao.valid_until, keqiao.successor) == (2013, None, None)
    # A merge into a division that was there before continues nobody: 崇文区 went into 东城区 in 2010.
    chongwen = Division.objects.get(code="110103")
    assert (chongwen.valid_until, chongwen.successor_codes, chongwen.successor) == (2010, "110101", None)


def test_a_renaming_that_kept_its_code_is_an_earlier_name_and_a_reused_code_is_not():
    dongli = Division.objects.get(code="120110")
    assert dongli.name == "东丽区" and dongli.earlier_names == [["东郊区", 1981, 1992]]
    assert divisions.resolve("东郊区", year=1990).code == "120110"
    # 511402 was 枳城区 of 涪陵市 (1995–1997) before it was 东坡区 of 眉山市: the code is 东坡区's only.
    dongpo = Division.objects.get(code="511402")
    assert dongpo.name == "东坡区" and dongpo.earlier_names == []
    assert divisions.resolve("枳城区", year=1996).division_id is None


def test_a_name_is_read_as_the_division_it_named_that_year():
    assert divisions.resolve("绍兴县", year=2010).code == "330621"
    assert divisions.resolve("绍兴县", year=2013).code == "330621"  # the year of the change: both
    assert divisions.resolve("柯桥区", year=2016).code == "330603"
    # 绍兴市 was also a county-level city of 绍兴地区 until 1983: the prefecture today and in 2010,
    # the county-level city in 1982.
    assert divisions.resolve("绍兴市").code == "330600"
    assert divisions.resolve("绍兴市", year=2010).code == "330600"
    assert divisions.resolve("绍兴市", year=1982).code == "332301"
    # No year: today's division wins, a former name still resolves when one division had it.
    assert divisions.resolve("绍兴县").code == "330621"
    assert divisions.resolve("浙江省绍兴市绍兴县", year=2011).code == "330621"


# Loading ------------------------------------------------------------------------------------------


def test_a_meeting_before_the_renaming_is_placed_in_the_former_division(load_text):
    meeting = load_text(county_minutes("2011年4月6日", "绍兴县", "钱一鸣"), "old.txt", locality="")
    assert (meeting.locality, meeting.division.code) == ("绍兴县", "330621")
    later = load_text(county_minutes("2015年4月6日", "柯桥区", "钱一鸣", level="区"), "new.txt", locality="")
    assert later.division.code == "330603"


def test_a_career_crosses_the_renaming_as_one_official(load_text):
    load_text(county_minutes("2011年4月6日", "绍兴县", "钱一鸣"), "old.txt", locality="")
    load_text(county_minutes("2015年4月6日", "柯桥区", "钱一鸣", level="区"), "new.txt", locality="")
    officials = Official.objects.filter(name="钱一鸣")
    assert officials.count() == 1
    official = officials.get()
    assert official.division.code == "330603"
    # Both meetings, and both posts (县长 of 绍兴县, 区长 of 柯桥区), are the one person's.
    assert set(official.participations.values_list("meeting__division__code", flat=True)) == {"330621", "330603"}
    assert set(official.tenures.values_list("post__division__code", "post__office")) == {
        ("330621", "县长"),
        ("330603", "区长"),
    }
    assert not propose()


def test_the_order_of_loading_does_not_matter(load_text):
    load_text(county_minutes("2015年4月6日", "柯桥区", "钱一鸣", level="区"), "new.txt", locality="")
    load_text(county_minutes("2011年4月6日", "绍兴县", "钱一鸣"), "old.txt", locality="")
    assert Official.objects.filter(name="钱一鸣").count() == 1


def test_the_division_that_took_only_a_part_is_another_place(load_text):
    """越城区 took three towns of 绍兴县 in 2013 but was there before: its 钱一鸣 is another person."""
    load_text(county_minutes("2011年4月6日", "绍兴县", "钱一鸣"), "old.txt", locality="")
    load_text(county_minutes("2015年4月6日", "越城区", "钱一鸣", level="区"), "other.txt", locality="")
    assert sorted(Official.objects.filter(name="钱一鸣").values_list("division__code", flat=True)) == [
        "330602",
        "330603",
    ]


def test_a_merge_is_a_candidate_for_a_curator_not_a_join(load_text):
    """崇文区 went into 东城区 in 2010: the same name on both sides is two officials and a candidate."""
    load_text(county_minutes("2008年5月6日", "北京市崇文区", "周启航", level="区"), "a.txt", locality="")
    load_text(county_minutes("2012年5月6日", "北京市东城区", "周启航", level="区"), "b.txt", locality="")
    officials = Official.objects.filter(name="周启航")
    assert sorted(officials.values_list("division__code", flat=True)) == ["110101", "110103"]
    (candidate,) = [c for c in propose() if c.name == "周启航"]
    assert "successor-place" in candidate.evidence
    assert (candidate.earlier.division.code, candidate.later.division.code) == ("110103", "110101")


# Place pages --------------------------------------------------------------------------------------


def test_the_successor_page_counts_and_links_the_former_division(client, load_text):
    load_text(county_minutes("2011年4月6日", "绍兴县", "钱一鸣"), "old.txt", locality="")
    load_text(county_minutes("2015年4月6日", "柯桥区", "钱一鸣", level="区"), "new.txt", locality="")
    page = client.get(reverse("archive:division_detail", args=["330603"])).content.decode()
    assert 'href="/places/330621/"' in page and "绍兴县" in page
    assert "2 meetings here" in page or "2 次会议" in page
    assert "县政府常务会议" in page and "区政府常务会议" in page
    former = client.get(reverse("archive:division_detail", args=["330621"])).content.decode()
    assert 'href="/places/330603/"' in former and "1983–2013" in former
    # The list of a province shows a former division only where it has meetings.
    places = client.get(reverse("archive:division_list"), {"province": "330000"}).content.decode()
    assert "绍兴县" in places and "上虞县" not in places


def test_the_successor_filter_finds_the_former_division_meetings(client, load_text):
    """The page's "All meetings here" link (?division=330603) lists what the page counts."""
    old = load_text(county_minutes("2011年4月6日", "绍兴县", "钱一鸣"), "old.txt", locality="")
    new = load_text(county_minutes("2015年4月6日", "柯桥区", "钱一鸣", level="区"), "new.txt", locality="")
    page = client.get(reverse("archive:meeting_list"), {"division": "330603"}).content.decode()
    assert reverse("archive:meeting_detail", args=[old.id]) in page
    assert reverse("archive:meeting_detail", args=[new.id]) in page
    # 绍兴县's own filter is its own meetings only.
    page = client.get(reverse("archive:meeting_list"), {"division": "330621"}).content.decode()
    assert reverse("archive:meeting_detail", args=[new.id]) not in page


def test_the_api_gives_a_division_validity_and_successors(client):
    row = client.get("/api/divisions/330621").json()
    assert (row["name"], row["valid_from"], row["valid_until"]) == ("绍兴县", 1983, 2013)
    assert (row["successor"], row["successors"]) == ("330603", ["330602", "330603"])
    today = client.get("/api/divisions/330603").json()
    assert (today["valid_until"], today["successor"], today["successors"]) == (None, None, [])


def test_the_lines_that_name_a_place_know_former_names_but_not_their_common_words():
    from archive.intake.place_names import places_named
    from archive.parsing.meeting_place import one_place
    from archive.parsing.places import is_place

    assert one_place(places_named("绍兴市绍兴县人民政府召开第3次常务会议")) == "绍兴县"
    assert one_place(places_named("湖州市安吉县人民政府")) == "安吉县"  # 湖州市 is a prefecture still
    # Former names of two characters ending in 区 (市区, 南区, 新区) are words of any text.
    assert places_named("研究市区道路和南区、新区改造") == []
    # Telling places from people reads today's names only: 金明 (金明区 until 2014) is a person here.
    assert not is_place("金明")
