"""A common word's page walks the meetings in its order and tests each one; on SQLite the test is
a seek in the index where the word is dense enough and the page near enough, a list of every
match otherwise (archive.models.search.MatchesOnWalk, issue 17). Either way the same rows."""

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from archive.models import AgendaItem, Meeting, search
from archive.models.search import Spread
from archive.views import paging as views

NEWEST = (F("date").desc(nulls_last=True), "-id")
SEEK = "AND rowid = "

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's walk (PostgreSQL plans its own)")


def test_seeks_pay_for_a_dense_word_near_the_start_only():
    every_meeting = Spread(matches=100_000, density=1.0, grams=1)
    assert every_meeting.seeks_pay(50)  # 50 seeks against a list of 100,000
    assert not every_meeting.seeks_pay(5_000)  # page 100: 5,000 seeks
    one_in_ten = Spread(matches=10_000, density=0.1, grams=1)
    assert not one_in_ten.seeks_pay(50)  # 500 seeks against a list of 10,000
    long_phrase = Spread(matches=44_000, density=0.44, grams=5)
    assert not long_phrase.seeks_pay(50)  # each seek follows five bigrams
    small_archive = Spread(matches=1_000, density=1.0, grams=1)
    assert not small_archive.seeks_pay(50)


def minutes(day: int, topic: str) -> str:
    return f"2024年5月{day}日，县长伍成栋主持召开县政府常务会议。副县长郁青出席会议。\n一、研究{topic}工作\n会议听取了汇报。\n"


@pytest.fixture
def eight(load_text):
    topics = ["防汛抗旱", "防汛物资", "春耕", "防汛演练", "招商引资", "防汛值守", "防汛检查", "秋收"]
    return [load_text(minutes(day, topic), name=f"w{day}.txt") for day, topic in enumerate(topics, start=1)]


@pytest.fixture
def seeks_pay(monkeypatch):
    """An archive of a few meetings, costed as if seeks were cheap: a sample of 3 tells the density."""
    monkeypatch.setattr(search, "SAMPLE", 3)
    monkeypatch.setattr(search, "SEEK_COST", 0.01)


def page_sql(queryset) -> str:
    return queryset.query.sql_with_params()[0]


@pytest.mark.django_db
def test_a_near_page_of_a_dense_word_seeks_each_meeting_and_finds_the_same_rows(eight, seeks_pay):
    for start in (0, 2, 4):
        walked = Meeting.objects.matching("防汛", dense=True).order_by(*NEWEST)[start : start + 2]
        listed = Meeting.objects.matching("防汛").order_by(*NEWEST)[start : start + 2]
        assert SEEK in page_sql(walked)
        assert [m.id for m in walked] == [m.id for m in listed]
    assert [m.id for m in Meeting.objects.matching("防汛", dense=True).order_by(*NEWEST)[:50]] == [
        m.id for m in reversed(eight) if "防汛" in m.source.text
    ]


@pytest.mark.django_db
def test_the_seek_walks_the_date_index_without_sorting(eight, seeks_pay):
    page = Meeting.objects.matching("防汛", dense=True).order_by(*NEWEST)[:2]
    sql, params = page.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " | ".join(row[-1] for row in cursor.fetchall())
    assert SEEK in sql and "meeting_date_idx" in plan and "TEMP B-TREE" not in plan, plan


@pytest.mark.django_db
def test_a_far_page_or_a_rare_word_lists_the_matches(eight, monkeypatch):
    monkeypatch.setattr(search, "SAMPLE", 3)
    # Real costs: on a few meetings a list of the matches is always the cheaper.
    near = Meeting.objects.matching("防汛", dense=True).order_by(*NEWEST)[:2]
    assert SEEK not in page_sql(near) and "+ 0) IN (" in page_sql(near)
    monkeypatch.setattr(search, "SEEK_COST", 0.01)
    rare = Meeting.objects.matching("春耕", dense=True).order_by(*NEWEST)[:2]  # 1 match: fewer than SAMPLE
    assert SEEK not in page_sql(rare)
    assert [m.id for m in rare] == [eight[2].id]


@pytest.mark.django_db
def test_an_unsliced_dense_query_lists_without_sampling(eight, seeks_pay):
    """A count, facets or an export read every match anyway: no sample of the density is read."""
    with CaptureQueriesContext(connection) as captured:
        found = Meeting.objects.matching("防汛", dense=True).count()
    assert found == 5 and len(captured.captured_queries) == 1
    assert SEEK not in captured.captured_queries[0]["sql"]


@pytest.mark.django_db
def test_the_density_is_sampled_once_for_a_page_and_its_clones(eight, seeks_pay):
    meetings = Meeting.objects.matching("防汛", dense=True).order_by(*NEWEST)
    with CaptureQueriesContext(connection) as captured:
        list(meetings[:2])
        list(meetings.filter(body__isnull=False)[:2])
    samples = [q for q in captured.captured_queries if "AS newest" in q["sql"]]
    assert len(samples) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("sort", ["-date", "date"])
def test_agenda_items_of_a_dense_word_the_same_rows_whether_seeking_or_listing(client, eight, monkeypatch, sort):
    monkeypatch.setattr(views, "COUNT_CAP", 2)  # dense: the items page walks the meetings
    monkeypatch.setattr(search, "SAMPLE", 3)
    listed = client.get("/agenda-items/", {"q": "防汛", "sort": sort}).context["page"]
    monkeypatch.setattr(search, "SEEK_COST", 0.01)
    with CaptureQueriesContext(connection) as captured:
        sought = client.get("/agenda-items/", {"q": "防汛", "sort": sort}).context["page"]
    assert any(SEEK in q["sql"] for q in captured.captured_queries)
    assert [i.id for i in sought.object_list] == [i.id for i in listed.object_list]
    assert len(sought.object_list) == 2  # the capped count: the page shows as many


@pytest.mark.django_db
def test_the_admins_items_of_a_dense_word_seek_and_find_the_same_rows(eight, seeks_pay):
    walked = AgendaItem.objects.matching("防汛", dense=True).order_by("-id")[:3]
    listed = AgendaItem.objects.matching("防汛").order_by("-id")[:3]
    assert SEEK in page_sql(walked)
    assert [i.id for i in walked] == [i.id for i in listed]
