"""A search that matches more than the cap counts no further, says so, and pages walk the date
index instead of sorting every match (issue 17): the same rows, in the same order."""

import re

import pytest
from django.db import connection, transaction
from django.db.models import F

from archive.models import Meeting
from archive.views import paging as views
from archive.views import search as search_views

NEWEST = (F("date").desc(nulls_last=True), "-id")


def minutes(day: int, topic: str) -> str:
    return f"2024年4月{day}日，县长伍成栋主持召开县政府常务会议。副县长郁青出席会议。\n一、研究{topic}工作\n会议听取了汇报。\n"


@pytest.fixture
def six(load_text):
    topics = ["防汛抗旱", "防汛物资", "春耕", "防汛演练", "招商引资", "防汛值守"]
    return [load_text(minutes(day, topic), name=f"d{day}.txt") for day, topic in enumerate(topics, start=1)]


def rows(client, url, params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.context["page"], response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, params",
    [
        ("/meetings/", {"q": "防汛"}),
        ("/meetings/", {"q": "防汛", "sort": "date"}),
        ("/agenda-items/", {"q": "防汛"}),
        ("/agenda-items/", {"q": "防汛", "sort": "date"}),
        ("/search/", {"q": "防汛", "sort": "-date"}),
        ("/search/", {"q": "防汛", "sort": "date"}),
    ],
)
def test_past_the_cap_the_same_rows_in_the_same_order(client, six, monkeypatch, url, params):
    uncapped, _ = rows(client, url, params)
    assert not uncapped.paginator.capped and uncapped.paginator.count == 4
    monkeypatch.setattr(views, "COUNT_CAP", 2)
    monkeypatch.setattr(search_views, "COUNT_CAP", 2)
    capped, html = rows(client, url, params)
    assert capped.paginator.capped and capped.paginator.count == 2
    assert [r.id for r in capped.object_list] == [r.id for r in uncapped.object_list][:2]
    assert "2" in html and ("More than" in html or "超过" in html)


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan")
@pytest.mark.parametrize("method", ["matching", "text_matching"])
def test_a_dense_search_walks_the_date_index(six, method):
    for dense, walks in ((False, False), (True, True)):
        page = getattr(Meeting.objects, method)("防汛", dense=dense).order_by(*NEWEST)[:50]
        sql, params = page.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = " | ".join(row[-1] for row in cursor.fetchall())
        assert ("USING INDEX meeting_date_idx" in plan and "TEMP B-TREE" not in plan) == walks, plan


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plan")
def test_a_dense_text_search_walks_the_newest_index_on_postgresql(six):
    """A common word's page reads the meetings newest first and tests each against the stored
    bigrams and the text, stopping at the page (issue 16: it sorted every match, and before the
    stored bigrams evaluated the bigrams of every text). The planner is told not to scan or sort
    the tiny tables, so the plan shows whether the index can give the order."""
    page = Meeting.objects.text_matching("防汛", dense=True).order_by(*NEWEST)[:50]
    sql, params = page.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "meeting_newest_idx" in plan and "SubPlan" in plan, plan
    assert not re.search(r"^\s*(->\s+)?Sort\s+\(", plan, re.M), plan
    assert [m.id for m in page] == [m.id for m in reversed(six) if "防汛" in m.source.text]


@pytest.mark.django_db
def test_a_page_that_ignores_q_counts_its_own_rows(client, load_text):
    from archive.models import Document

    load_text("2024年5月6日，县长伍成栋主持召开县政府常务会议。\n一、审议《县河湖长制考核办法》\n会议原则通过。\n")
    document = Document.objects.get()
    page = client.get(f"/documents/{document.id}/", {"q": "不相干"}).context["page"]
    assert page.paginator.count == 1 and len(page.object_list) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/meetings/", "/search/"])
def test_a_search_alone_is_counted_on_its_index(client, six, monkeypatch, url):
    """A search with no other filter is counted on its index (the search entries', or the
    texts'), which stops at the cap, instead of among the meetings (which reads every match
    first), and once; with another filter, the meetings are counted."""
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(views, "COUNT_CAP", 2)

    def counts(params):
        with CaptureQueriesContext(connection) as captured:
            page, _ = rows(client, url, params)
        return page, [q["sql"] for q in captured if q["sql"].startswith("SELECT COUNT(*)")]

    page, counted = counts({"q": "防汛"})
    assert page.paginator.capped and page.paginator.count == 2
    # Not the meetings' count: the index's rows (on PostgreSQL each tested against its text).
    assert counted and 'FROM "archive_meeting"' not in counted[0] and "LIMIT 3" in counted[0], counted
    page, counted = counts({"q": "防汛", "year": 2024})
    assert page.paginator.capped and all('FROM "archive_meeting"' in sql for sql in counted), counted
    page, counted = counts({"q": "春耕"})
    assert not page.paginator.capped and page.paginator.count == 1
    assert len(counted) == 1 and 'FROM "archive_meeting"' not in counted[0], counted


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, kind", [("防汛", ""), ("防汛", "study"), ("春耕", ""), ("防汛 物资", ""), ("郁青", "")]
)
def test_agenda_items_are_counted_as_the_index_hands_over_its_meetings(six, query, kind):
    """On SQLite the search index's matching meetings drive the count of their items, which stops
    at the cap, instead of a lookup among every match, listed first (issue 17); the same count on
    both databases, and on SQLite a queryset with filters of its own is counted as it is."""
    from django.test.utils import CaptureQueriesContext

    from archive.models import AgendaItem

    items = AgendaItem.objects.matching(query)
    items = items.filter(kind=kind) if kind else items
    for cap in (2, 10):
        with CaptureQueriesContext(connection) as captured:
            counted = AgendaItem.objects.count_matching(query, cap, kind)
        assert counted == min(items.count(), cap)
        if connection.vendor == "sqlite":
            (sql,) = [q["sql"] for q in captured]
            assert "CROSS JOIN archive_agendaitem" in sql and "IN (SELECT rowid" not in sql, sql
    assert AgendaItem.objects.filter(kind="study").count_matching(query, 10) == items.filter(kind="study").count()


@pytest.mark.django_db
def test_the_agenda_items_page_counts_on_the_index(client, six, monkeypatch):
    monkeypatch.setattr(views, "COUNT_CAP", 2)
    page, _ = rows(client, "/agenda-items/", {"q": "防汛"})
    assert page.paginator.capped and page.paginator.count == 2
    page, _ = rows(client, "/agenda-items/", {"q": "防汛", "kind": "hearing"})
    assert not page.paginator.capped and page.paginator.count == 0
