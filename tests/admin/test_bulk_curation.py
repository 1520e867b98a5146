"""Issue 15: a curator gives an official a division on its page, and sets place, division, year or
body on many meetings at once (an action with a form), each recorded in history and locked."""

import pytest
from django.urls import reverse

from archive.models import Division, Meeting
from archive.pipeline.reparse import reparse_source

from .forms import change_form_data

pytestmark = pytest.mark.django_db

MINUTES = "{day}日，县长林海主持召开县政府常务会议。出席：周明、吴芳。\n一、研究道路养护工作\n会议听取了汇报。\n"


@pytest.fixture
def meetings(load_text):
    return [load_text(MINUTES.format(day=d), name=f"m{d}.txt") for d in (3, 4, 5)]


def test_an_official_is_given_a_division_on_its_page(admin_client, meetings):
    official = meetings[0].participations.get(name="林海").official
    url = reverse("admin:archive_official_change", args=[official.pk])
    page = admin_client.get(url)
    assert "division" in page.context["adminform"].form.fields
    anji = Division.objects.get(name="安吉县", valid_until__isnull=True)
    response = admin_client.post(url, change_form_data(page, {"division": anji.pk, "locality": "安吉县"}))
    assert response.status_code == 302, response.context["adminform"].form.errors
    official.refresh_from_db()
    assert official.division == anji
    assert official.history.first().division_id == anji.pk


def test_a_locality_set_on_an_officials_page_resolves_its_division(admin_client, meetings):
    official = meetings[0].participations.get(name="林海").official
    url = reverse("admin:archive_official_change", args=[official.pk])
    page = admin_client.get(url)
    response = admin_client.post(url, change_form_data(page, {"locality": "德清县"}))
    assert response.status_code == 302, response.context["adminform"].form.errors
    official.refresh_from_db()
    assert official.division == Division.objects.get(name="德清县", valid_until__isnull=True)
    refused = admin_client.post(url, change_form_data(admin_client.get(url), {"locality": "无此县"}))
    assert refused.status_code == 200 and "无此县" in str(refused.context["adminform"].form.errors)


def test_set_fields_on_many_meetings(admin_client, meetings):
    url = reverse("admin:archive_meeting_changelist")
    ids = [m.pk for m in meetings]
    form = admin_client.post(url, {"action": "set_fields", "_selected_action": ids})
    assert form.status_code == 200 and 'name="year"' in form.content.decode()
    done = admin_client.post(
        url,
        {"action": "set_fields", "_selected_action": ids, "apply": "1", "year": 2021, "locality": "安吉县", "body": ""},
    )
    assert done.status_code == 302
    anji = Division.objects.get(name="安吉县", valid_until__isnull=True)
    for meeting in Meeting.objects.filter(pk__in=ids):
        assert (meeting.year, meeting.locality, meeting.division) == (2021, "安吉县", anji)
        assert {"year", "locality", "division"} <= set(meeting.locked_fields)
        history = list(meeting.history.order_by("history_id"))
        assert (history[0].year, history[-1].year) == (None, 2021)
        reparse_source(meeting.source)
        meeting.refresh_from_db()
        assert (meeting.year, meeting.division) == (2021, anji)


@pytest.mark.parametrize("values", [{"year": 23}, {"locality": "无此县"}, {}])
def test_set_fields_refuses_what_it_cannot_apply(admin_client, meetings, values):
    url = reverse("admin:archive_meeting_changelist")
    ids = [m.pk for m in meetings]
    page = admin_client.post(url, {"action": "set_fields", "_selected_action": ids, "apply": "1", **values})
    assert page.status_code == 200 and page.context["form"].errors
    assert not Meeting.objects.filter(pk__in=ids).exclude(locked_fields=[]).exists()


def test_a_viewer_cannot_set_fields(viewer_client, meetings):
    url = reverse("admin:archive_meeting_changelist")
    ids = [m.pk for m in meetings]
    viewer_client.post(url, {"action": "set_fields", "_selected_action": ids, "apply": "1", "year": 2021})
    assert not Meeting.objects.filter(year=2021).exists()


def test_a_locality_changed_on_a_meetings_page_finds_its_division(admin_client, meetings):
    meeting = meetings[0]
    url = reverse("admin:archive_meeting_change", args=[meeting.pk])
    response = admin_client.post(url, change_form_data(admin_client.get(url), {"locality": "德清县"}))
    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting.refresh_from_db()
    assert meeting.division == Division.objects.get(name="德清县", valid_until__isnull=True)
    assert {"locality", "division"} <= set(meeting.locked_fields)
    refused = admin_client.post(url, change_form_data(admin_client.get(url), {"locality": "无此县"}))
    assert refused.status_code == 200 and "无此县" in str(refused.context["adminform"].form.errors)
