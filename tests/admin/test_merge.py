"""Merging officials (issue 15): the form's default choice never fails, every related row moves
with a history record, the default is the record with a division and the most meetings."""

import pytest
from django.urls import reverse

from archive import curation
from archive.models import Appointment, Division, Official, Participation, Tenure

pytestmark = pytest.mark.django_db


def _county():
    return Division.objects.get(name="安吉县", valid_until__isnull=True)


def _duplicate_pair(load_text):
    """张华 loaded twice: once with no place, once in a county (the issue's case)."""
    text = "{year}年3月{day}日，县长张华主持召开县政府常务会议。出席：李明、王芳。\n会议审议了《某县预算》。\n会议决定任命赵强为县财政局局长。"
    county = _county()
    placed = load_text(text.format(year=2021, day=2), name="a.txt", locality=county.name)
    load_text(text.format(year=2021, day=9), name="b.txt", locality=county.name)
    loose = load_text(text.format(year=2022, day=5), name="c.txt", locality="")  # no place: linked to nobody
    with_place = placed.participations.get(name="张华").official
    # Made by hand: how the loader links a name with no place is the identity rules' business.
    without = Official.objects.create(name="张华")
    loose.participations.filter(name="张华").update(official=without)
    assert with_place.division == county and without.division is None and with_place != without
    return with_place, without


def test_merge_into_the_record_without_a_division_takes_the_division(load_text):
    with_place, without = _duplicate_pair(load_text)
    curation.merge_officials(without, [with_place])  # before: IntegrityError on (name, division)
    without.refresh_from_db()
    assert without.division == _county()
    assert Participation.objects.filter(name="张华", official=without).count() == 3


def test_admin_merge_with_the_default_choice(admin_client, load_text):
    with_place, without = _duplicate_pair(load_text)
    url = reverse("admin:archive_official_changelist")
    ids = sorted([with_place.id, without.id])
    confirm = admin_client.post(url, {"action": "merge", "_selected_action": ids})
    default = confirm.context["officials"][0]
    html = confirm.content.decode()
    # The default is the record with a division and the most meetings, checked first.
    assert default == with_place
    assert f'value="{with_place.id}" checked' in html
    done = admin_client.post(url, {"action": "merge", "_selected_action": ids, "keep": without.id}, follow=True)
    assert done.status_code == 200
    assert Official.objects.filter(name="张华").count() == 1


def test_merge_moves_appointments_and_tenures_with_history(load_text):
    with_place, without = _duplicate_pair(load_text)
    zhao = Official.objects.create(name="赵强")
    other = Official.objects.create(name="赵强", disambiguation="手工")
    other_id = other.id
    Appointment.objects.filter(name="赵强").update(official=other)
    tenure = Tenure.objects.filter(official=with_place).first()  # 县长, from the title
    tenure.curated = True
    tenure.save()
    curation.merge_officials(zhao, [other])
    appointments = Appointment.objects.filter(name="赵强")
    assert appointments.exists() and all(a.official_id == zhao.id for a in appointments)
    for a in appointments:
        assert a.history.filter(official_id=zhao.id).exists()
        assert a.history.filter(official_id=other_id).exists()  # the state before, as a baseline
    curation.merge_officials(without, [with_place])
    moved = Tenure.objects.get(pk=tenure.pk)
    assert moved.official_id == without.id and moved.curated
    assert moved.history.filter(official_id=without.id).exists()


def test_merge_refuses_a_key_another_official_holds(load_text):
    with_place, without = _duplicate_pair(load_text)
    third = Official.objects.create(name="张华", division=_county(), disambiguation="乙")
    # The kept record would take (张华, 安吉县, "") which with_place, left out of the merge, holds:
    # refused with the reason, and nothing changes.
    with pytest.raises(curation.MergeRefused, match="张华"):
        curation.merge_officials(without, [third])
    assert Official.objects.filter(pk=third.pk).exists()
    without.refresh_from_db()
    assert without.division is None


def test_split_of_an_already_split_participation(admin_client, load_text):
    """Issue 18.8: the second split reused the first's ``#<id>`` disambiguation (a 500)."""
    with_place, _ = _duplicate_pair(load_text)
    p = with_place.participations.first()
    url = reverse("admin:archive_participation_changelist")
    for _attempt in range(2):
        response = admin_client.post(url, {"action": "split_to_new_official", "_selected_action": [p.id]})
        assert response.status_code == 302
    p.refresh_from_db()
    assert p.official.disambiguation == f"#{p.id}-2"


def test_split_moves_appointments_with_history(load_text):
    with_place, _ = _duplicate_pair(load_text)
    zhao = Official.objects.create(name="赵强")
    Appointment.objects.filter(name="赵强").update(official=zhao)
    p = Participation.objects.create(
        meeting=Appointment.objects.filter(name="赵强").first().meeting,
        name="赵强",
        name_as_written="赵强",
        role="attendee",
        official=zhao,
    )
    new = curation.split_official([p])
    moved = Appointment.objects.filter(name="赵强", meeting=p.meeting).get()
    assert moved.official == new
    assert moved.history.filter(official_id=new.id).exists()
