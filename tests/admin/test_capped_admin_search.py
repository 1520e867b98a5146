"""The admin's searches at scale (issue 17): a common word's matches are counted no further than
a cap, and the list says so; the agenda items' search walks the items in the page's order when
it has more matches than a page (at 100,000 meetings: 431 ms before, see README, Benchmarks)."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.urls import reverse

from archive.admin import base
from archive.models import AgendaItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(User.objects.create_superuser("root", password="pw-root"))
    return client


def _meetings_on_flood_control(load_text, count: int):
    for n in range(1, count + 1):
        load_text(
            f"2023年6月{n}日，县长韩立新主持召开县政府常务会议。会议研究了第{n}片区防汛工作。",
            name=f"flood{n}.txt",
        )


def test_a_search_past_the_cap_counts_to_the_cap_and_says_so(superuser_client, load_text, monkeypatch):
    monkeypatch.setattr(base, "COUNT_CAP", 3)
    _meetings_on_flood_control(load_text, 5)
    response = superuser_client.get(reverse("admin:archive_agendaitem_changelist"), {"q": "防汛"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 3
    notes = [str(m) for m in response.context["messages"]]
    assert any("3" in note and "前" in note for note in notes), notes


def test_a_search_under_the_cap_counts_exactly_and_says_nothing(superuser_client, load_text):
    _meetings_on_flood_control(load_text, 2)
    response = superuser_client.get(reverse("admin:archive_agendaitem_changelist"), {"q": "防汛"})
    assert response.context["cl"].result_count == 2
    assert not list(response.context["messages"])


def test_a_common_words_page_walks_the_items_newest_first(load_text):
    _meetings_on_flood_control(load_text, 3)
    walked = AgendaItem.objects.matching("防汛", dense=True).order_by("-id")
    looked_up = AgendaItem.objects.matching("防汛").order_by("-id")
    assert list(walked) == list(looked_up) and len(list(walked)) == 3
    if connection.vendor == "sqlite":
        assert "TEMP B-TREE" not in walked.explain()  # the order comes from the table's own key


def test_the_admins_agenda_search_shows_the_newest_matches(superuser_client, load_text, monkeypatch):
    _meetings_on_flood_control(load_text, 4)
    admin = base.admin.site._registry[AgendaItem]
    monkeypatch.setattr(admin, "list_per_page", 2)  # more matches than a page: the walk
    response = superuser_client.get(reverse("admin:archive_agendaitem_changelist"), {"q": "防汛"})
    shown = [item.id for item in response.context["cl"].result_list]
    assert shown == list(
        AgendaItem.objects.filter(title__contains="防汛").order_by("-id").values_list("id", flat=True)[:2]
    )


def test_the_admins_agenda_search_counts_its_matches_once(superuser_client, load_text):
    """The count that chooses the plan is the page's count: each count of a common word reads all
    its matches in the index (10 ms at 100,000 meetings)."""
    from django.test.utils import CaptureQueriesContext

    _meetings_on_flood_control(load_text, 3)
    with CaptureQueriesContext(connection) as queries:
        response = superuser_client.get(reverse("admin:archive_agendaitem_changelist"), {"q": "防汛"})
    searched_counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"] and "防汛" in q["sql"]]
    assert response.context["cl"].result_count == 3
    assert len(searched_counts) == 1, searched_counts


def test_the_admins_agenda_search_is_counted_as_the_index_hands_over_its_meetings(superuser_client, load_text):
    """With no filter of the list's own, the count reads each matching meeting's items as the
    search index hands the meetings over (AgendaItemQuerySet.count_matching), not a lookup among
    every match listed first; with a filter, the list's rows are counted as they are."""
    from django.test.utils import CaptureQueriesContext

    _meetings_on_flood_control(load_text, 3)
    url = reverse("admin:archive_agendaitem_changelist")
    for params, driven in (
        ({"q": "防汛"}, connection.vendor == "sqlite"),
        ({"q": "防汛", "curated__exact": "0"}, False),
    ):
        with CaptureQueriesContext(connection) as queries:
            response = superuser_client.get(url, params)
        (count,) = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"] and "防汛" in q["sql"]]
        assert response.context["cl"].result_count == 3
        assert ("CROSS JOIN archive_agendaitem" in count) == driven, count
