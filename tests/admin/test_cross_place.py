"""The same person in two places over time: candidates for a curator, never joined automatically."""

import pytest
from django.urls import reverse

from archive.careers.candidates import propose
from archive.curation import accept, reject
from archive.models import CrossPlaceCandidate, Official
from archive.pipeline.load import load_paths

pytestmark = pytest.mark.django_db

# 甲某 is 副县长 of 安吉县 in 2019, then 县长 of 德清县 (same city, 湖州) in 2021, appointed as 原安吉县副县长.
ANJI = "2019年3月2日，安吉县人民政府召开第3次常务会议，县长乙某主持，副县长甲某出席。\n会议研究了春耕工作。\n"
DEQING = (
    "2021年5月6日，德清县人民政府召开第8次常务会议，县长甲某主持，副县长丙某出席。\n"
    "会议决定任命丁某为县财政局局长，免去其原安吉县副县长职务。\n"
)
# 乙某 meets in 安吉县 in March and April 2019 and in 德清县 between: two people.
OVERLAP = "2019年3月9日，德清县人民政府召开第2次常务会议，县长庚某主持，副县长乙某出席。\n会议研究了防汛工作。\n"
FAR = "2022年5月6日，朝阳区人民政府召开第8次常务会议，北京市朝阳区区长甲某主持。\n会议研究了交通工作。\n"


def load(tmp_path, name, text):
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    assert load_paths([path]).count("loaded") == 1


def test_a_move_within_a_city_is_proposed_with_its_evidence_and_nothing_is_joined(tmp_path):
    load(tmp_path, "a", ANJI)
    load(tmp_path, "b", DEQING)
    load(tmp_path, "c", OVERLAP)
    load(tmp_path, "d", ANJI.replace("3月2日", "4月2日").replace("第3次", "第4次"))
    created = propose()
    assert [(c.name, c.places) for c in created] == [("甲某", "安吉县 → 德清县")]
    candidate = CrossPlaceCandidate.objects.get()
    assert candidate.evidence == ["same-prefecture", "posts-follow"] and candidate.status == "open"
    assert Official.objects.filter(name="甲某").count() == 2  # nothing joined
    assert propose() == []  # not proposed twice


def test_an_appointment_naming_the_earlier_post_is_evidence(tmp_path):
    load(tmp_path, "a", ANJI.replace("副县长甲某", "副县长丁某"))
    load(tmp_path, "b", DEQING)
    candidate = next(c for c in propose() if c.name == "丁某")
    assert "appointment-names-earlier-post" in candidate.evidence


def test_accept_makes_one_person_with_both_careers_and_reject_is_never_proposed_again(tmp_path):
    load(tmp_path, "a", ANJI)
    load(tmp_path, "b", DEQING)
    load(tmp_path, "c", ANJI.replace("甲某", "戊某").replace("2019年3月2日", "2018年3月2日"))
    load(tmp_path, "d", DEQING.replace("甲某", "戊某"))
    propose()
    jia = CrossPlaceCandidate.objects.get(name="甲某")
    accept(jia)
    person = Official.objects.get(name="甲某")
    assert person.division.name == "德清县"
    assert set(person.participations.values_list("meeting__division__name", flat=True)) == {"安吉县", "德清县"}
    wu = CrossPlaceCandidate.objects.get(name="戊某")
    reject(wu)
    assert propose() == [] and Official.objects.filter(name="戊某").count() == 2


def test_the_admin_lists_open_candidates_and_curators_decide(admin_client, tmp_path):
    load(tmp_path, "a", ANJI)
    load(tmp_path, "b", DEQING)
    propose()
    url = reverse("admin:archive_crossplacecandidate_changelist")
    page = admin_client.get(url)
    assert page.status_code == 200 and "甲某" in page.content.decode() and "同一城市" in page.content.decode()
    candidate = CrossPlaceCandidate.objects.get()
    response = admin_client.post(url, {"action": "reject_candidates", "_selected_action": [candidate.pk]})
    assert response.status_code == 302
    assert CrossPlaceCandidate.objects.get().status == "rejected"
    assert "甲某" not in admin_client.get(url).content.decode()  # open ones only


def test_viewers_cannot_decide(viewer_client, tmp_path):
    load(tmp_path, "a", ANJI)
    load(tmp_path, "b", DEQING)
    propose()
    url = reverse("admin:archive_crossplacecandidate_changelist")
    candidate = CrossPlaceCandidate.objects.get()
    viewer_client.post(url, {"action": "accept_candidates", "_selected_action": [candidate.pk]})
    assert CrossPlaceCandidate.objects.get().status == "open"
    assert Official.objects.filter(name="甲某").count() == 2
