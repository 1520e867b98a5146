"""Bad input in the admin's lists, searches and history URLs: a clear answer, never a 500."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from archive.forms import QUERY_MAX_LENGTH

pytestmark = pytest.mark.django_db

MODELS = [
    "meeting",
    "meetingforreview",
    "official",
    "participation",
    "agendaitem",
    "document",
    "sourcedocument",
    "officialredirect",
]
LIST_PARAMETERS = [
    {"q": " ".join(["会议"] * 10_000)},
    {"q": "x" * 10_000},
    {"q": "\x00"},
    {"p": "99999999999999999999"},
    {"o": "99"},
    {"year": "abc"},
    {"year": "99999999999999999999"},
    {"body": "x" * 5000},
    {"locality": "\x00"},
    {"official__id__exact": "99999999999999999999"},
    {"needs_review__exact": "2"},
]
PATHS = [
    "99999999999999999999/change/",
    "99999999999999999999/history/",
    "abc/history/",
    "1/history/abc/",
    "%00/change/",
]


@pytest.fixture
def admin(admin_user, load_text):
    load_text("2021年1月4日，区长王建国主持召开区政府常务会议。副区长李明出席。审议《办法》。")
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    return client


def test_no_500_in_any_list_or_history_url(admin):
    failures = []
    for model in MODELS:
        for params in LIST_PARAMETERS:
            if admin.get(f"/admin/archive/{model}/", params).status_code >= 500:
                failures.append((model, {k: v[:20] for k, v in params.items()}))
        failures += [(model, path) for path in PATHS if admin.get(f"/admin/archive/{model}/{path}").status_code >= 500]
    assert not failures


def test_a_long_search_is_cut_and_the_list_says_so(admin):
    response = admin.get("/admin/archive/official/", {"q": "王建国 " * 5000})
    assert response.status_code == 200
    notes = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(str(QUERY_MAX_LENGTH) in note and "20000" in note for note in notes), notes


def test_autocomplete_with_a_long_term(admin):
    params = {"term": "会议 " * 5000, "app_label": "archive", "model_name": "participation", "field_name": "official"}
    assert admin.get("/admin/autocomplete/", params).status_code == 200
