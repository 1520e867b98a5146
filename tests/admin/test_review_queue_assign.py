"""The review queue's actions say what they do: mark reviewed, assign to a curator (recorded in
history), open the meeting's change page; no delete (issue 18, newcomer 5)."""

import pytest
from django.urls import reverse

from archive.models import Meeting

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:archive_meetingforreview_changelist")
NO_YEAR = "3月{day}日，区长孟某主持召开区政府常务会议。副区长欧阳某出席。"


@pytest.fixture
def flagged(load_text):
    meetings = [load_text(NO_YEAR.format(day=day), f"q{day}.txt", locality="柯桥区") for day in (4, 5)]
    assert all(m.needs_review for m in meetings)
    return meetings


def test_the_queue_offers_mark_reviewed_assign_and_open_and_no_delete(curator_client, flagged):
    """Fails before: no assign action and no link to the meeting's change page."""
    response = curator_client.get(QUEUE)
    actions = [value for value, _label in response.context["action_form"].fields["action"].choices if value]
    assert actions == ["mark_reviewed", "assign", "set_fields"]
    page = response.content.decode()
    for meeting in flagged:
        assert reverse("admin:archive_meeting_change", args=[meeting.pk]) in page
    assert "delete_selected" not in page


def test_assign_gives_meetings_to_a_curator_with_history(curator_client, curator, flagged):
    """Fails before: no such action (and no field to hold it)."""
    ids = [m.pk for m in flagged]
    form = curator_client.post(QUEUE, {"action": "assign", "_selected_action": ids})
    assert form.status_code == 200 and "curator" in form.context["form"].fields
    assert curator in form.context["form"].fields["curator"].queryset
    done = curator_client.post(
        QUEUE, {"action": "assign", "_selected_action": ids, "apply": "1", "curator": curator.pk}, follow=True
    )
    assert "2" in " ".join(str(m) for m in done.context["messages"])
    assert set(Meeting.objects.filter(pk__in=ids).values_list("assigned_to", flat=True)) == {curator.pk}
    meeting = Meeting.objects.get(pk=ids[0])
    assert meeting.history.first().assigned_to_id == curator.pk  # a history record of the change
    history = curator_client.get(reverse("admin:archive_meeting_history", args=[meeting.pk])).content.decode()
    assert "curator" in history and "指派给" in history
    mine = curator_client.get(QUEUE, {"assigned": "me"}).context["cl"].queryset
    assert {m.pk for m in mine} == set(ids)
    assert "curator" in curator_client.get(QUEUE).content.decode()  # the column shows who

    curator_client.post(QUEUE, {"action": "assign", "_selected_action": ids[:1], "apply": "1", "curator": ""})
    assert Meeting.objects.get(pk=ids[0]).assigned_to is None


def test_a_viewer_cannot_assign(viewer_client, curator, flagged):
    response = viewer_client.post(
        QUEUE, {"action": "assign", "_selected_action": [flagged[0].pk], "apply": "1", "curator": curator.pk}
    )
    assert response.status_code in (200, 302, 403)
    assert Meeting.objects.get(pk=flagged[0].pk).assigned_to is None
