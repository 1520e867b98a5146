"""Issue 18, new user 5 and 9: the review queue offers only what reviewing does, the meetings list
says "needs review" in words, a source's original downloads under its own name, and the read-only
source page has no save buttons."""

import json

import pytest
from django.urls import reverse

from archive.admin.sources import download_name
from archive.models import SourceDocument

pytestmark = pytest.mark.django_db

UNDATED = "3月2日，区长王某主持召开区政府常务会议。副区长李明出席。"


def test_the_review_queue_offers_no_deletion_and_no_import(admin_client, load_text):
    meeting = load_text(UNDATED)
    assert meeting.needs_review
    queue = reverse("admin:archive_meetingforreview_changelist")
    page = admin_client.get(queue, headers={"accept-language": "zh-hans"})
    actions = [value for value, _ in page.context["action_form"].fields["action"].choices if value]
    assert actions == ["mark_reviewed", "assign", "set_fields"]  # reviewing work only: no deletion
    html = page.content.decode()
    assert "删除所选的" not in html and "delete_selected" not in html
    assert reverse("admin:archive_meetingforreview_import") not in html
    assert admin_client.get(reverse("admin:archive_meetingforreview_import")).status_code == 403
    change = admin_client.get(reverse("admin:archive_meetingforreview_change", args=[meeting.pk])).content.decode()
    assert reverse("admin:archive_meetingforreview_delete", args=[meeting.pk]) not in change
    label = dict(page.context["action_form"].fields["action"].choices)["mark_reviewed"]
    assert "审核队列" in str(label) or "review queue" in str(label)  # it says what marking does


def test_the_meetings_list_says_needs_review_in_words_not_a_tick(admin_client, load_text):
    load_text(UNDATED)
    html = admin_client.get(reverse("admin:archive_meeting_changelist"), headers={"accept-language": "zh-hans"})
    html = html.content.decode()
    assert "icon-yes.svg" not in html and "icon-no.svg" not in html
    assert "待审核" in html


def test_the_original_downloads_under_its_own_name(admin_client, tmp_path, load_text):
    meeting = load_text("2021年1月4日，区长王某主持召开区政府常务会议。", "柯桥区2021年第1次常务会议.txt")
    source = meeting.source
    response = admin_client.get(reverse("admin:archive_sourcedocument_original", args=[source.pk]))
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and source.sha256[:16] not in disposition
    assert "filename*=utf-8''%E6%9F%AF%E6%A1%A5%E5%8C%BA2021" in disposition


@pytest.mark.parametrize(
    ("path", "fmt", "name"),
    [
        ("/data/in/a.docx", "docx", "a.docx"),
        ("C:\\minutes\\b.html", "html", "b.html"),
        ("/data/records.jsonl:12", "jsonl-record", "records-12.jsonl"),
        ("/data/noextension", "text", "noextension.txt"),
    ],
)
def test_download_names(path, fmt, name):
    assert download_name(SourceDocument(path=path, format=fmt, sha256="f" * 64)) == name


def test_the_read_only_source_page_shows_no_save_buttons(admin_client, load_text):
    source = load_text(UNDATED).source
    html = admin_client.get(reverse("admin:archive_sourcedocument_change", args=[source.pk])).content.decode()
    assert 'name="_save"' not in html and 'name="_continue"' not in html and 'name="_addanother"' not in html
    assert json.dumps(source.path, ensure_ascii=False)[1:-1] in html or source.path in html
