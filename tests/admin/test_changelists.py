"""Every admin list answers, stays a fixed number of queries, and searches the way people type."""

import pytest
from django.urls import reverse

from archive.models import Meeting, Official

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "meeting",
    "meetingforreview",
    "official",
    "participation",
    "agendaitem",
    "document",
    "sourcedocument",
    "officialredirect",
]


def changelist(model):
    return reverse(f"admin:archive_{model}_changelist")


@pytest.mark.parametrize("model", CHANGELISTS)
def test_changelist_queries_do_not_grow_with_rows(admin_client, load_text, django_assert_max_num_queries, model):
    for day in range(1, 4):
        load_text(
            f"1月{day}日，区长王某主持召开区政府常务会议。副区长李{day}明出席。审议《办法{day}》。", f"a{day}.txt"
        )
    with django_assert_max_num_queries(30) as few:
        assert admin_client.get(changelist(model)).status_code == 200
    for day in range(4, 30):
        load_text(
            f"2月{day}日，区长王某主持召开区政府常务会议。副区长李{day}明出席。审议《办法{day}》。", f"b{day}.txt"
        )
    with django_assert_max_num_queries(len(few)):
        assert admin_client.get(changelist(model)).status_code == 200


@pytest.mark.parametrize("model", ["meeting", "official", "participation", "agendaitem", "sourcedocument"])
def test_change_pages_open(admin_client, archive_db, model):
    from django.apps import apps

    obj = apps.get_model("archive", model).objects.first()
    assert admin_client.get(reverse(f"admin:archive_{model}_change", args=[obj.pk])).status_code == 200


@pytest.mark.parametrize("q", ["陈豪", "陳豪", "chenhao", "chen hao", "Chén Háo", "ch"])
def test_official_search_by_script_and_pinyin(admin_client, archive_db, q):
    page = admin_client.get(changelist("official"), {"q": q})
    assert "陈豪" in [o.name for o in page.context["cl"].result_list]


def test_meeting_search_in_traditional(admin_client, archive_db):
    page = admin_client.get(changelist("meeting"), {"q": "陳豪"})
    assert [m.body for m in page.context["cl"].result_list] == ["区委常委会扩大会议"]


def test_autocomplete_finds_officials_by_pinyin(admin_client, archive_db):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "archive", "model_name": "participation", "field_name": "official", "term": "chen hao"},
    )
    assert any(r["text"].startswith("陈豪") for r in response.json()["results"])


def test_meeting_list_shows_chair_and_counts(admin_client, archive_db):
    cl = admin_client.get(changelist("meeting"), {"q": "李志龙"}).context["cl"]
    meeting = cl.result_list[0]
    assert (meeting.participant_count, meeting.agenda_item_count) == (9, 7)
    assert [p.name for p in meeting.chairs] == ["李志龙"]


def test_meeting_page_marks_spans_in_both_texts(admin_client, archive_db):
    meeting = Meeting.objects.get(source__path__contains="003_")
    html = admin_client.get(reverse("admin:archive_meeting_change", args=[meeting.pk])).content.decode()
    assert '<mark title="主持">陳豪</mark>' in html or '<mark title="chair">陳豪</mark>' in html
    assert ">陈豪</mark>" in html


def test_official_page_lists_titles_and_participations(admin_client, archive_db):
    yuan = Official.objects.get(name="袁建")
    html = admin_client.get(reverse("admin:archive_official_change", args=[yuan.pk])).content.decode()
    assert "区委副书记（1）" in html and "区长（1）" in html
    assert "区委常委会扩大会议" in html


def test_a_source_page_lists_its_warnings_as_sentences(admin_client, load_text):
    source = load_text("3月4日，区长王某主持召开区政府常务会议。会议研究了防汛工作。").source
    page = admin_client.get(reverse("admin:archive_sourcedocument_change", args=[source.pk])).content.decode()
    assert "<li>year-missing: the text gives no year; pass --year or set it in the admin</li>" in page
    assert '"kind"' not in page and 'name="warnings"' not in page  # shown, never an input
