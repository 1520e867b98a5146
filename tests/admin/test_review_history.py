"""Issue 18.6: review-queue edits leave history like any other edit (the queue is a proxy model,
and simple-history records saves of the model it stands for only)."""

import pytest
from django.urls import reverse

from archive.models import Meeting

from .forms import change_form_data

pytestmark = pytest.mark.django_db

NO_YEAR = "3月6日，县长林海主持召开县政府常务会议。出席：周明、吴芳。\n一、研究道路养护工作\n会议听取了汇报。\n"


@pytest.fixture
def flagged(load_text):
    meeting = load_text(NO_YEAR)
    assert meeting.needs_review
    return meeting


def test_mark_reviewed_in_the_queue_is_in_the_history(admin_client, flagged):
    queue = reverse("admin:archive_meetingforreview_changelist")
    admin_client.post(queue, {"action": "mark_reviewed", "_selected_action": [flagged.pk]})
    history = list(Meeting.history.filter(id=flagged.pk).order_by("history_id"))
    assert [h.needs_review for h in history] == [True, False]


def test_the_queues_change_form_saves_history(admin_client, flagged):
    url = reverse("admin:archive_meetingforreview_change", args=[flagged.pk])
    response = admin_client.post(url, change_form_data(admin_client.get(url), {"year": 2022}))
    assert response.status_code == 302, response.context["adminform"].form.errors
    history = list(Meeting.history.filter(id=flagged.pk).order_by("history_id"))
    assert [h.year for h in history] == [None, 2022]
    assert Meeting.objects.matching("林海").filter(pk=flagged.pk).exists()


def test_set_fields_in_the_queue_is_in_the_history(admin_client, flagged):
    queue = reverse("admin:archive_meetingforreview_changelist")
    data = {"action": "set_fields", "_selected_action": [flagged.pk], "apply": "1", "year": 2022}
    assert admin_client.post(queue, data).status_code == 302
    history = list(Meeting.history.filter(id=flagged.pk).order_by("history_id"))
    assert [h.year for h in history] == [None, 2022]
