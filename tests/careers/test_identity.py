"""Places as divisions and who is who (README, "Officials over time")."""

import pytest

from archive import divisions
from archive.models import Appointment, Division, Meeting, Official, Participation
from archive.pipeline.load import load_paths
from tests.reasons import reasons_of

pytestmark = pytest.mark.django_db

APPOINTING = "{date}，{place}区长王建国主持召开区政府常务会议，陈东出席。会议决定任命张伟为区财政局局长，李明为区审计局局长；免去赵刚的区统计局局长职务。"


def write(tmp_path, name, text):
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def load(tmp_path, name, text, **options):
    report = load_paths([write(tmp_path, name, text)], **options)
    assert report.count("loaded") == 1, report
    return Meeting.objects.get(source__path__endswith=f"{name}.txt")


def test_the_code_table_is_loaded_with_levels_and_parents():
    assert 3000 < Division.objects.filter(valid_until__isnull=True).count() < 3500
    keqiao = Division.objects.get(code="330603")
    assert (keqiao.name, keqiao.level, keqiao.parent.code, keqiao.full_name) == (
        "柯桥区",
        "county",
        "330600",
        "浙江省绍兴市柯桥区",
    )
    assert keqiao.parent.parent.level == "province"
    # A municipality's district hangs from the province-level city.
    assert Division.objects.get(code="110105").parent.code == "110000"


def test_resolution_unique_ambiguous_and_by_context():
    assert divisions.resolve("柯桥区").division_id == Division.objects.get(code="330603").id
    chaoyang = divisions.resolve("朝阳区")
    assert chaoyang.division_id is None and chaoyang.ambiguous and len(chaoyang.candidates) >= 2
    beijing = divisions.resolve("朝阳区", "北京市朝阳区人民政府").division_id
    assert beijing == Division.objects.get(code="110105").id
    assert divisions.resolve("长春市朝阳区").division_id == Division.objects.get(code="220104").id
    assert divisions.resolve("鼓楼区", "福州").division_id == Division.objects.get(code="350102").id
    town = divisions.resolve("洪绪镇")
    assert town.division_id is None and not town.ambiguous


def test_a_shared_name_the_context_does_not_decide_goes_to_the_review_queue(tmp_path):
    meeting = load(tmp_path, "a", "2021年3月5日，朝阳区委常委会召开会议，区委书记王建国主持。会议研究了防汛工作。")
    assert meeting.locality == "朝阳区" and meeting.division is None
    assert meeting.needs_review and "ambiguous-division" in reasons_of(meeting)


def test_the_site_name_decides_a_shared_name(tmp_path):
    page = (
        '<html><head><meta name="SiteName" content="北京市朝阳区人民政府"><title>会议</title></head><body>'
        "<article><h1>区委常委会召开会议</h1><p>2021年3月5日，朝阳区委常委会召开会议，区委书记王建国主持。"
        "会议研究了防汛工作，审议了有关事项。</p></article></body></html>"
    )
    path = tmp_path / "chaoyang.html"
    path.write_text(page, encoding="utf-8")
    assert load_paths([path]).count("loaded") == 1
    meeting = Meeting.objects.get()
    assert meeting.division.code == "110105"
    assert "ambiguous-division" not in reasons_of(meeting)


def test_same_name_same_division_is_one_official_even_written_otherwise(tmp_path):
    load(tmp_path, "a", APPOINTING.format(date="2021年3月5日", place=""), locality="柯桥区")
    load(tmp_path, "b", APPOINTING.format(date="2021年4月5日", place=""), locality="绍兴市柯桥区")
    official = Official.objects.get(name="王建国")
    assert official.division.code == "330603"
    assert Participation.objects.filter(name="王建国", official=official).count() == 2


def test_same_name_in_two_divisions_is_two_officials(tmp_path):
    load(tmp_path, "a", APPOINTING.format(date="2021年3月5日", place=""), locality="柯桥区")
    load(tmp_path, "b", APPOINTING.format(date="2021年4月5日", place=""), locality="越城区")
    assert sorted(Official.objects.filter(name="王建国").values_list("division__code", flat=True)) == [
        "330602",
        "330603",
    ]


def test_unknown_division_is_never_merged_with_a_known_one(tmp_path):
    load(tmp_path, "a", APPOINTING.format(date="2021年3月5日", place=""), locality="柯桥区")
    meeting = load(tmp_path, "b", APPOINTING.format(date="2021年4月5日", place=""))
    assert meeting.locality == "" and meeting.division is None
    chair = meeting.participations.get(name="王建国")
    assert chair.official is None  # waits for a curator
    assert "no-locality" in reasons_of(meeting)
    assert Official.objects.filter(name="王建国").count() == 1
    # The load's locality decides it.
    third = load(tmp_path, "c", APPOINTING.format(date="2021年5月5日", place=""), locality="柯桥区")
    assert third.participations.get(name="王建国").official == Official.objects.get(name="王建国")


def test_two_unknown_localities_of_the_same_name_stay_apart_from_each_other_and_known_ones(tmp_path):
    load(tmp_path, "a", APPOINTING.format(date="2021年3月5日", place=""), locality="洪绪镇")
    load(tmp_path, "b", APPOINTING.format(date="2021年4月5日", place=""), locality="洪绪镇")
    load(tmp_path, "c", APPOINTING.format(date="2021年5月5日", place=""), locality="柯桥区")
    officials = Official.objects.filter(name="王建国")
    assert sorted((o.locality, o.division_id is None) for o in officials) == [("柯桥区", False), ("洪绪镇", True)]
    assert officials.get(locality="洪绪镇").participations.count() == 2


def test_a_curator_split_makes_the_name_wait_for_a_curator(tmp_path):
    from archive.curation import split_official

    load(tmp_path, "a", APPOINTING.format(date="2021年3月5日", place=""), locality="柯桥区")
    split_official(list(Participation.objects.filter(name="王建国")))
    meeting = load(tmp_path, "b", APPOINTING.format(date="2021年4月5日", place=""), locality="柯桥区")
    assert meeting.participations.get(name="王建国").official is None
    assert "ambiguous-official: 王建国" in reasons_of(meeting)


def test_appointments_are_loaded_with_agenda_item_and_official(tmp_path):
    meeting = load(tmp_path, "a", APPOINTING.format(date="2021年3月5日", place=""), locality="柯桥区")
    rows = list(meeting.appointments.order_by("order"))
    assert [(a.name, a.action, a.post) for a in rows] == [
        ("张伟", "appoint", "区财政局局长"),
        ("李明", "appoint", "区审计局局长"),
        ("赵刚", "remove", "区统计局局长"),
    ]
    assert all(a.official and a.official.division.code == "330603" for a in rows)
    assert all(a.agenda_item is not None for a in rows)
    assert meeting.source.text[rows[0].start : rows[0].end] == "张伟"
    # Appointees are no participants.
    assert not meeting.participations.filter(name="张伟").exists()


def test_reparse_keeps_curated_appointments_and_replaces_parsed_ones(tmp_path):
    from archive.pipeline.reparse import reparse_source

    meeting = load(tmp_path, "a", APPOINTING.format(date="2021年3月5日", place=""), locality="柯桥区")
    curated = meeting.appointments.get(name="张伟")
    curated.post, curated.curated = "区财政局局长（兼）", True
    curated.save()
    reparse_source(meeting.source)
    names = list(meeting.appointments.order_by("name").values_list("name", "post", "curated"))
    assert ("张伟", "区财政局局长（兼）", True) in names
    assert len(names) == 3  # the parse's own 张伟 row is not written again
    assert Appointment.objects.filter(meeting=meeting, curated=False).count() == 2


def test_merge_carries_appointments_and_keeps_a_redirect(tmp_path):
    from archive.curation import merge_officials
    from archive.models import OfficialRedirect

    load(tmp_path, "a", APPOINTING.format(date="2021年3月5日", place=""), locality="柯桥区")
    load(tmp_path, "b", APPOINTING.format(date="2021年4月5日", place=""), locality="洪绪镇")
    keep = Official.objects.get(name="张伟", division__code="330603")
    other = Official.objects.get(name="张伟", locality="洪绪镇")
    other_id = other.pk
    merge_officials(keep, [other])
    assert keep.appointments.count() == 2
    assert OfficialRedirect.objects.get(old_id=other_id).official == keep


def test_split_takes_the_appointments_of_its_meetings(tmp_path):
    from archive.curation import split_official

    meeting = load(tmp_path, "a", APPOINTING.format(date="2021年3月5日", place=""), locality="柯桥区")
    # A person both appointed and attending: the split moves the appointment of that meeting too.
    official = Official.objects.get(name="张伟")
    Participation.objects.create(
        meeting=meeting, official=official, name="张伟", name_as_written="张伟", role="attendee"
    )
    new = split_official(list(Participation.objects.filter(name="张伟")))
    assert new.division.code == "330603"
    assert list(new.appointments.values_list("name", flat=True)) == ["张伟"]


def test_a_curator_sets_the_division_of_an_ambiguous_meeting_and_a_reparse_keeps_it(admin_client, tmp_path):
    from django.urls import reverse

    from archive.pipeline.reparse import reparse_source

    meeting = load(tmp_path, "a", "2021年3月5日，朝阳区委常委会召开会议，区委书记王建国主持。会议研究了防汛工作。")
    assert "ambiguous-division" in reasons_of(meeting)
    assert admin_client.get(reverse("admin:archive_meeting_change", args=[meeting.pk])).status_code == 200
    from archive.curation import lock_edited_fields

    meeting.division = Division.objects.get(code="220104")
    lock_edited_fields(meeting, ["division"])
    meeting.save()
    meeting.refresh_from_db()
    assert "ambiguous-division" not in reasons_of(meeting)
    reparse_source(meeting.source)
    meeting.refresh_from_db()
    assert meeting.division.code == "220104"
