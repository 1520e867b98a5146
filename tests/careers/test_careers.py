"""Posts from titles, careers from a sequence of meetings, and the pages that show them."""

import json

import pytest
from django.urls import reverse

from archive.careers import tenures
from archive.careers.posts import normalise
from archive.models import Appointment, Meeting, Official, Post, Tenure
from archive.pipeline.load import load_paths
from tests.golden import fixture_paths


@pytest.mark.parametrize(
    ("title", "organ", "office"),
    [
        ("区委副书记", "区委", "副书记"),
        ("常务副区长", "区政府", "常务副区长"),
        ("区发改局局长", "区发改局", "局长"),
        ("区发展和改革局局长", "区发改局", "局长"),
        ("县人民政府副县长", "县政府", "副县长"),
        ("区政府党组书记", "区政府", "党组书记"),
        ("区委全面深化改革委员会主任", "区委深改委", "主任"),
        ("镇长", "镇政府", "镇长"),
        ("市卫健委副主任", "市卫健委", "副主任"),
        ("区人大常委会主任", "区人大常委会", "主任"),
    ],
)
def test_titles_become_posts_by_the_table(title, organ, office):
    post = normalise(title)
    assert (post.organ, post.office, post.written) == (organ, office, title)


@pytest.mark.parametrize("title", ["区财政局", "及全体主席团成员", "秘书长", "书记"])
def test_titles_without_a_placeable_office_are_no_post(title):
    assert normalise(title) is None


def test_every_title_form_in_the_fixtures_is_normalised_or_refused_knowingly():
    titles = set()
    for path in fixture_paths():
        expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
        for p in (expected.get("meeting") or {}).get("participants", []):
            titles.update(p.get("titles", []))
    posts = {t: normalise(t) for t in titles}
    placed = [t for t, p in posts.items() if p]
    assert len(placed) >= 0.85 * len(titles), sorted(t for t, p in posts.items() if not p)
    for t, p in posts.items():
        if p:
            assert p.written == t and p.office and p.organ


SEQUENCE = [
    ("2020年1月6日", "区长王建国主持召开区政府常务会议，副区长陈东、李红出席。会议研究了防汛工作。"),
    ("2020年6月1日", "区长王建国主持召开区政府常务会议，常务副区长陈东出席。会议决定任命陈东为常务副区长。"),
    ("2021年3月15日", "区长王建国主持召开区政府常务会议，常务副区长陈东出席。会议研究了预算。"),
    ("2022年2月7日", "区长陈东主持召开区政府常务会议。会议决定免去王建国的区长职务。"),
]


@pytest.fixture
def career_archive(db, tmp_path):
    paths = []
    for n, (date, text) in enumerate(SEQUENCE):
        path = tmp_path / f"{n}.txt"
        path.write_text(f"{date}，{text}", encoding="utf-8")
        paths.append(path)
    for path in paths:  # one file a batch: careers widen meeting by meeting
        assert load_paths([path], locality="柯桥区").count("loaded") == 1
    return Official.objects.get(name="陈东")


def test_career_from_a_sequence_of_meetings(career_archive):
    chen = career_archive
    rows = {t.post.label: t for t in chen.tenures.select_related("post", "started_by")}
    assert set(rows) == {"副区长", "常务副区长", "区长"}
    assert str(rows["副区长"].first_date) == str(rows["副区长"].last_date) == "2020-01-06"
    assert (str(rows["常务副区长"].first_date), str(rows["常务副区长"].last_date)) == ("2020-06-01", "2021-03-15")
    assert rows["常务副区长"].meeting_count == 2
    assert rows["常务副区长"].started_by.action == "appoint"
    assert rows["区长"].post.division.code == "330603"
    wang = Official.objects.get(name="王建国")
    wang_mayor = wang.tenures.get(post__office="区长")
    assert wang_mayor.meeting_count == 3 and wang_mayor.ended_by is not None


def test_refresh_gives_what_loading_built_and_keeps_curated_rows(career_archive):
    chen = career_archive
    before = sorted(chen.tenures.values_list("post_id", "first_date", "last_date", "meeting_count"))
    tenures.refresh([chen.id])
    assert sorted(chen.tenures.values_list("post_id", "first_date", "last_date", "meeting_count")) == before
    corrected = chen.tenures.get(post__office="副区长")
    corrected.first_date, corrected.curated = corrected.first_date.replace(year=2019), True
    corrected.save()
    from archive.pipeline.reparse import reparse_source

    for meeting in Meeting.objects.all():
        reparse_source(meeting.source)
    assert chen.tenures.get(post__office="副区长").first_date.year == 2019


def test_career_post_body_and_division_pages(client, career_archive, django_assert_max_num_queries):
    chen = career_archive
    post = Post.objects.get(division__code="330603", office="区长")
    meeting = Meeting.objects.first()
    urls = [
        reverse("archive:official_career", args=[chen.id]),
        reverse("archive:post_detail", args=["330603", post.organ, post.office]),
        reverse("archive:post_detail", args=["330603", post.organ, post.office]) + "?on=2021-03-15",
        reverse("archive:body_detail", args=["330603", meeting.body]),
        reverse("archive:division_detail", args=["330603"]),
        reverse("archive:division_detail", args=["330000"]),
        reverse("archive:division_list") + "?province=330000",
        reverse("archive:meeting_detail", args=[Appointment.objects.first().meeting_id]),
        reverse("archive:official_detail", args=[chen.id]),
    ]
    for url in urls:
        with django_assert_max_num_queries(12):
            response = client.get(url)
        assert response.status_code == 200, url
    on_date = client.get(urls[2]).content.decode()
    assert "王建国" in on_date.split("Holders over time")[0].split("2021-03-15")[-1] or "王建国" in on_date
    career = client.get(urls[0]).content.decode()
    assert "<svg" in career and "常务副区长" in career
    body = client.get(urls[3]).content.decode()
    assert "present" in body and "王建国" in body
    meeting_page = client.get(urls[7]).content.decode()
    assert "Personnel decisions" in meeting_page or "任免" in meeting_page, meeting_page[meeting_page.find("<main") :][
        :3000
    ]
    assert "330603" in meeting_page


def test_who_held_the_post_on_a_date(client, career_archive):
    post = Post.objects.get(division__code="330603", office="区长")
    url = reverse("archive:post_detail", args=["330603", post.organ, post.office])
    page = client.get(url + "?on=2021-03-15").context
    assert [t.official.name for t in page["holders"]] == ["王建国"]
    page = client.get(url + "?on=2022-02-07").context
    assert [t.official.name for t in page["holders"]] == ["陈东"]
    assert client.get(url + "?on=2021-13-01").context["bad_date"] == "2021-13-01"


def test_queries_do_not_grow_with_rows_shown(client, db, tmp_path, django_assert_max_num_queries):
    """Twenty meetings of one body with ten people each: the pages cost what they cost with two."""
    for n in range(20):
        people = "、".join(f"副区长{name}" for name in ["陈东", "李红", "张强", "刘洋", "赵敏", "孙丽", "周杰", "吴刚"])
        text = f"2021年{n % 12 + 1}月{n + 1}日，区长王建国主持召开区政府常务会议，{people}出席。会议决定任命张伟{n}为区财政局局长。"
        path = tmp_path / f"{n}.txt"
        path.write_text(text, encoding="utf-8")
    load_paths([tmp_path], locality="柯桥区")
    post = Post.objects.get(division__code="330603", office="副区长")
    wang = Official.objects.get(name="王建国")
    for url in [
        reverse("archive:official_career", args=[wang.id]),
        reverse("archive:post_detail", args=["330603", post.organ, post.office]) + "?on=2021-05-05",
        reverse("archive:body_detail", args=["330603", "区政府常务会议"]),
        reverse("archive:division_detail", args=["330603"]),
    ]:
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200
    assert Tenure.objects.filter(post=post).count() == 8


def test_meetings_filtered_by_a_province_city_or_county(client, career_archive):
    from archive.models import Meeting

    here = set(Meeting.objects.filter(division__code="330603").values_list("id", flat=True))
    assert here
    for code in ("330000", "330600", "330603"):  # 浙江省, 绍兴市, 柯桥区
        page = client.get(reverse("archive:meeting_list"), {"division": code})
        assert {m.id for m in page.context["page_obj"]} >= here, code
    elsewhere = client.get(reverse("archive:meeting_list"), {"division": "110000"})
    assert not set(m.id for m in elsewhere.context["page_obj"]) & here
    assert client.get(reverse("archive:meeting_list"), {"division": "33"}).status_code == 200  # not a code: no filter
    division_page = client.get(reverse("archive:division_detail", args=["330600"])).content.decode()
    assert "?division=330600" in division_page


@pytest.mark.django_db
def test_division_page_lists_its_officials_by_syllable(client):
    from archive.models import Division

    division = Division.objects.get(code="330603")
    for name in ("卞安", "毕明"):  # Bian An, Bi Ming: run together, "bian" sorts before "bim"
        Official.objects.create(name=name, locality="柯桥区", division=division)
    page = client.get(reverse("archive:division_detail", args=["330603"])).content.decode()
    assert page.index("毕明") < page.index("卞安")
