"""The meeting's place from every line that names it, and who is who when it is unknown (issue 15
"Identity", issue 20 "Locality"). Eight minutes of four counties in the shapes real collections
have; every name in them is invented."""

import io

import pytest

from archive.models import Division, Meeting, Official, OfficialAlias, Participation
from archive.parsing import parse_text
from archive.parsing.meeting_place import candidate_places, meeting_place, one_place, places_named
from archive.pipeline.load import load_paths
from tests.intake.shapes import cms_page, docx_bytes, pdf_bytes, portal_page
from tests.reasons import reasons_of

# (file, county, bytes): the place only in a headline, only in a Word or PDF file's title, only in a
# page's site, only in the chair's title, in the meeting sentence; 张华 and 王建国 serve in several.
HEADLINE = "安吉县人民政府召开第12次常务会议\n2023年3月2日，县政府召开第12次常务会议，县长王建国主持，副县长张华、刘洋出席。\n会议研究了春耕备耕工作。\n"
CHAIR = "县政府召开第13次常务会议\n2023年3月16日，安吉县县长王建国主持召开县政府第13次常务会议，副县长张华、刘洋出席。\n会议研究了防汛工作。\n"
WORD = "县政府第8次常务会议纪要\n2023年4月6日，县长陈晓明主持召开县政府第8次常务会议，副县长张华、王建国出席。\n会议研究了招商引资工作。\n"
PAGE = "县政府召开第9次常务会议\n2023年4月20日，县政府召开第9次常务会议，县长陈晓明主持，副县长张华、王建国出席。\n会议研究了安全生产工作。"
SENTENCE = "2023年5月4日，德清县人民政府召开第10次常务会议，县长陈晓明主持，副县长张华、王建国出席。\n会议研究了乡村振兴工作。\n"
PDF = "县政府常务会议纪要\n2023年3月9日，县长李志强主持召开县政府第5次常务会议，副县长张华、陈晓明出席。\n会议研究了教育工作。"
TONGXIANG = (
    "2023年3月23日，桐乡市人民政府召开第6次常务会议，市长周明主持，副市长刘洋、王建国出席。\n会议研究了文化工作。\n"
)
PORTAL = "桐乡市政府召开第7次常务会议\n2023年4月13日，市政府召开第7次常务会议，市长周明主持，副市长刘洋、王建国出席。\n会议研究了交通工作。"
NOWHERE = "县政府召开第14次常务会议\n2023年6月1日，县政府召开第14次常务会议，县长王建国主持，副县长张华出席。\n会议研究了防汛工作。\n"


def word_with_title(text: str, title: str) -> bytes:
    import docx

    document = docx.Document(io.BytesIO(docx_bytes(text, table=False)))
    document.core_properties.title = title
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_with_title(text: str, title: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(text))))
    writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def four_counties(folder):
    files = {
        "aj1.txt": ("安吉县", HEADLINE.encode()),
        "aj2.txt": ("安吉县", CHAIR.encode()),
        "dq1.docx": ("德清县", word_with_title(WORD, "德清县人民政府第8次常务会议纪要")),
        "dq2.html": ("德清县", cms_page(PAGE, site="德清县人民政府", url="http://www.dq.example.gov.cn/a/1.html")),
        "dq3.txt": ("德清县", SENTENCE.encode()),
        "cx1.pdf": ("长兴县", pdf_with_title(PDF, "长兴县人民政府第5次常务会议纪要")),
        "tx1.txt": ("桐乡市", TONGXIANG.encode()),
        "tx2.html": ("桐乡市", portal_page(PORTAL, source="市政府办公室")),
    }
    for name, (_, data) in files.items():
        (folder / name).write_bytes(data)
    return {name: county for name, (county, _) in files.items()}


# Plain Python: no database.


def test_division_names_in_a_line_longest_first_and_two_characters_only_standing_alone():
    assert places_named("浙江省湖州市安吉县人民政府") == ["浙江省", "湖州市", "安吉县"]
    assert places_named("中共安吉县委常委会") == ["安吉县"]  # not 吉县 (Shanxi) inside it
    assert places_named("市政府和县政府负责人") == []  # no 和县
    assert places_named("马鞍山市和县人民政府") == ["马鞍山市", "和县"]


@pytest.mark.parametrize(
    ("site", "place"),
    [
        ("湖州市安吉县人民政府", "安吉县"),
        ("嘉兴市桐乡市人民政府", "桐乡市"),
        ("台州市椒江区人民政府", "椒江区"),
        ("洪绪镇人民政府", "洪绪镇"),
    ],
)
def test_the_place_a_site_is_the_government_of_is_read_by_division_names(site, place):
    """湖州市安吉县 was read 湖州 + 市安吉县 (州 ends a unit), 嘉兴市桐乡市 as nothing (乡 ends one)."""
    from archive.intake.locality import site_locality

    assert site_locality(site) == place


def test_one_place_is_the_most_specific_and_two_of_a_level_decide_nothing():
    assert one_place(["湖州市", "安吉县"]) == "安吉县"
    assert one_place(["湖州市"]) == "湖州市"
    assert one_place(["安吉县", "德清县"]) == ""


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        (HEADLINE, "", ("安吉县", "headline")),
        (CHAIR, "", ("安吉县", "chair")),
        (WORD, "德清县人民政府第8次常务会议纪要", ("德清县", "title")),
        (NOWHERE, "", ("", "")),
        ("安吉县德清县联席会议\n2023年6月1日，召开联席会议，县长王建国主持。\n", "", ("", "")),
    ],
    ids=["headline", "chair", "title", "nowhere", "two-counties"],
)
def test_meeting_place_from_headline_title_and_chair(text, title, expected):
    assert meeting_place(parse_text(text), title) == expected


def test_candidates_name_short_names_site_and_titles_but_do_not_decide():
    parsed = parse_text(
        "安吉召开县政府常务会议\n2023年6月1日，县政府召开常务会议，县长王建国主持，湖州市副市长李某出席。\n"
    )
    assert meeting_place(parsed) == ("", "")
    found = {c.name: c.source for c in candidate_places(parsed, site="德清新闻网")}
    assert found["安吉县"] == "headline" and found["湖州市"] == "participant" and found["德清县"] == "site"


# Loaded: the eight minutes of four counties.


@pytest.mark.django_db
def test_every_meeting_of_four_counties_is_placed_and_every_person_is_one_official(tmp_path):
    counties = four_counties(tmp_path)
    assert load_paths([tmp_path]).count("loaded") == 8
    for meeting in Meeting.objects.select_related("source", "division"):
        name = meeting.source.path.rsplit("/", 1)[-1]
        assert (meeting.locality, meeting.division and meeting.division.name) == (counties[name], counties[name]), name
        assert "no-locality" not in reasons_of(meeting)
    # One official per person and county; none without a place, none serving in two counties.
    people = {
        ("王建国", "安吉县"), ("王建国", "德清县"), ("王建国", "桐乡市"), ("张华", "安吉县"), ("张华", "德清县"),
        ("张华", "长兴县"), ("刘洋", "安吉县"), ("刘洋", "桐乡市"), ("陈晓明", "德清县"), ("陈晓明", "长兴县"),
        ("李志强", "长兴县"), ("周明", "桐乡市"),
    }  # fmt: skip
    assert sorted(Official.objects.values_list("name", "division__name")) == sorted(people)
    for official in Official.objects.all():
        places = set(official.participations.values_list("meeting__division__name", flat=True))
        assert places == {official.division.name}, official


@pytest.mark.django_db
def test_word_and_pdf_titles_are_kept_with_the_source(tmp_path):
    four_counties(tmp_path)
    load_paths([tmp_path])
    word = Meeting.objects.get(source__path__endswith="dq1.docx")
    assert word.source.title == "德清县人民政府第8次常务会议纪要" and word.source.locality_rule == "title"
    assert Meeting.objects.get(source__path__endswith="cx1.pdf").source.locality_rule == "title"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_names_of_a_meeting_with_no_place_are_never_linked_and_it_goes_to_review(tmp_path):
    """The 张华 case: two placeless meetings of different counties must not make one official, in
    whatever order they come, nor join one of a known county."""
    load_paths([write(tmp_path, "a.txt", NOWHERE)])
    load_paths([write(tmp_path, "b.txt", NOWHERE.replace("6月1日", "7月1日").replace("第14次", "第15次"))])
    assert not Official.objects.exists()
    assert Participation.objects.filter(official__isnull=False).count() == 0
    meeting = Meeting.objects.get(source__path__endswith="a.txt")
    assert meeting.needs_review and "no-locality" in reasons_of(meeting)
    load_paths([write(tmp_path, "c.txt", SENTENCE)])
    assert Participation.objects.filter(meeting__locality="", official__isnull=False).count() == 0


@pytest.mark.django_db
def test_no_locality_names_the_candidate_places_and_is_resolved_by_a_locality(tmp_path):
    text = "安吉召开县政府常务会议\n2023年6月1日，县政府召开常务会议，县长王建国主持，副县长张华出席。\n会议研究了防汛工作。\n"
    load_paths([write(tmp_path, "a.txt", text)])
    meeting = Meeting.objects.get()
    assert reasons_of(meeting) == ["no-locality: 安吉县"]
    assert "安吉县" in meeting.review_reason_labels()[0]
    meeting.locality, meeting.division = "安吉县", Division.objects.get(name="安吉县", valid_until__isnull=True)
    meeting.save()
    meeting.refresh_from_db()
    assert "no-locality" not in " ".join(reasons_of(meeting))


@pytest.mark.django_db
def test_a_reparse_links_people_in_the_place_a_curator_set(tmp_path):
    from archive.curation import lock_edited_fields
    from archive.pipeline.reparse import reparse_source

    load_paths([write(tmp_path, "dq.txt", SENTENCE)])
    load_paths([write(tmp_path, "a.txt", NOWHERE)])
    meeting = Meeting.objects.get(source__path__endswith="a.txt")
    meeting.locality, meeting.division = "德清县", Division.objects.get(name="德清县", valid_until__isnull=True)
    lock_edited_fields(meeting, ["locality", "division"])
    meeting.save()
    reparse_source(meeting.source)
    linked = dict(meeting.participations.values_list("name", "official__division__name"))
    assert linked == {"王建国": "德清县", "张华": "德清县"}
    assert Official.objects.filter(name="王建国").count() == 1


@pytest.mark.django_db
def test_an_undecided_shared_name_links_nobody(tmp_path):
    """朝阳区 of Beijing and of Changchun, neither decided: their people are not one official."""
    text = "2021年{}月5日，朝阳区委常委会召开会议，区委书记王建国主持。会议研究了防汛工作。"
    load_paths([write(tmp_path, "a.txt", text.format(3)), write(tmp_path, "b.txt", text.format(4))])
    assert not Official.objects.filter(name="王建国").exists()
    assert all("ambiguous-division" in reasons_of(m) for m in Meeting.objects.all())


@pytest.mark.django_db
def test_an_alias_of_another_county_never_links(tmp_path):
    load_paths([write(tmp_path, "dq.txt", SENTENCE)])
    deqing = Official.objects.get(name="张华")
    OfficialAlias.objects.create(official=deqing, name="张桦")
    load_paths([write(tmp_path, "aj.txt", HEADLINE.replace("张华", "张桦"))])
    anji = Participation.objects.get(name="张桦")
    assert anji.official is not None and anji.official.division.name == "安吉县"
    assert anji.official != deqing


def two_chaoyang_officials():
    beijing, changchun = Division.objects.get(code="110105"), Division.objects.get(code="220104")
    return (
        Official.objects.create(name="王建国", locality="朝阳区", division=beijing),
        Official.objects.create(name="王建国", locality="朝阳区", division=changchun),
    )


@pytest.mark.django_db
def test_an_import_never_links_by_a_key_two_divisions_share(tmp_path):
    import tablib

    from archive.admin.resources import ParticipationResource

    two_chaoyang_officials()
    load_paths(
        [
            write(
                tmp_path,
                "a.txt",
                "2021年3月5日，北京市朝阳区委常委会召开会议，区委书记王建国主持。会议研究了防汛工作。",
            )
        ]
    )
    meeting = Meeting.objects.get()
    rows = tablib.Dataset(headers=["source_sha256", "name", "role", "official", "order"])
    rows.append([meeting.source.sha256, "王建国", "chair", "王建国|朝阳区|", 1])
    result = ParticipationResource().import_data(rows, dry_run=False, rollback_on_validation_errors=True)
    assert result.has_validation_errors() or result.has_errors()
    assert "several divisions" in str([e.error for e in result.base_errors])
    linked = meeting.participations.get(name="王建国").official
    assert linked is not None and linked.division.code == "110105"  # as loaded, not as the import guessed


@pytest.mark.django_db
def test_an_official_import_row_updates_the_official_of_its_division_only():
    import tablib

    from archive.admin.resources import OfficialResource

    beijing, changchun = two_chaoyang_officials()
    rows = tablib.Dataset(headers=["name", "locality", "disambiguation", "division", "notes"])
    rows.append(["王建国", "朝阳区", "", "220104", "长春的王建国"])
    result = OfficialResource().import_data(rows, dry_run=False)
    assert not result.has_errors(), [e.error for e in result.base_errors]
    beijing.refresh_from_db(), changchun.refresh_from_db()
    assert (beijing.notes, changchun.notes) == ("", "长春的王建国")


@pytest.mark.django_db
def test_a_name_the_table_lacks_is_not_a_shorter_name_inside_it():
    """甲兴县 (invented) is no division; it is not 兴县 of Shanxi. Found by the identity benchmark:
    绍兴县's people were joined to 兴县's (绍兴县 is now a former division of its own, 330621)."""
    from archive import divisions

    assert divisions.resolve("甲兴县").division_id is None
    assert divisions.resolve("绍兴县").code == "330621"
    assert divisions.resolve("绍兴市柯桥区").division_id == Division.objects.get(code="330603").id
    assert divisions.resolve("浙江省绍兴市柯桥区").division_id == Division.objects.get(code="330603").id


def test_the_json_review_names_no_locality_and_its_candidates(tmp_path, db):
    """Contract v3's meeting.review: the reason and the places suggested; none where a place is found."""
    text = "安吉召开县政府常务会议\n2023年6月1日，县政府召开常务会议，县长王建国主持，副县长张华出席。\n会议研究了防汛工作。\n"
    results = load_paths([write(tmp_path, "a.txt", text), write(tmp_path, "b.txt", HEADLINE)], dry_run=True).results
    review = {
        r.path.rsplit("/", 1)[-1]: [e for e in r.meeting["review"] if e["kind"] == "no-locality"] for r in results
    }
    assert review == {"a.txt": [{"kind": "no-locality", "field": "locality", "detail": "安吉县"}], "b.txt": []}
