"""A common word's page walks the meetings in its order and tests each one; on SQLite the test is
a seek in the index only where that is proven cheap, a list of every match otherwise
(archive.models.search.MatchesOnWalk, issue 17). Either way the same rows."""

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from archive.models import AgendaItem, Meeting, search
from archive.views import paging as views

NEWEST = (F("date").desc(nulls_last=True), "-id")
SEEK = "AND rowid = "

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's walk (PostgreSQL plans its own)")


def minutes(date: str, topic: str) -> str:
    return f"{date}，县长伍成栋主持召开县政府常务会议。副县长郁青出席会议。\n一、研究{topic}工作\n会议听取了汇报。\n"


@pytest.fixture
def eight(load_text):
    topics = ["防汛抗旱", "防汛物资", "春耕", "防汛演练", "招商引资", "防汛值守", "防汛检查", "秋收"]
    return [
        load_text(minutes(f"2024年5月{day}日", topic), name=f"w{day}.txt") for day, topic in enumerate(topics, start=1)
    ]


@pytest.fixture
def cheap_seeks(monkeypatch):
    """A few meetings costed as if their list were dear: a sample of 3 tells the density."""
    monkeypatch.setattr(search, "SAMPLE", 3)
    monkeypatch.setattr(search, "SEEK_COST", 0.01)


def page_sql(queryset) -> str:
    return queryset.query.sql_with_params()[0]


def newest_ids(word, start=0, stop=50):
    return [m.id for m in Meeting.objects.matching(word).order_by(*NEWEST)[start:stop]]


@pytest.mark.django_db
def test_a_near_page_of_a_dense_word_seeks_each_meeting_and_finds_the_same_rows(eight, cheap_seeks):
    for start in (0, 2, 3):  # reaching the 5th match at most: all 5 lie among the newest
        walked = Meeting.objects.matching("防汛", dense=True).order_by(*NEWEST)[start : start + 2]
        assert SEEK in page_sql(walked)
        assert [m.id for m in walked] == newest_ids("防汛", start, start + 2)
    assert newest_ids("防汛") == [m.id for m in reversed(eight) if "防汛" in m.source.text]


@pytest.mark.django_db
def test_the_seek_walks_the_date_index_without_sorting(eight, cheap_seeks):
    page = Meeting.objects.matching("防汛", dense=True).order_by(*NEWEST)[:2]
    sql, params = page.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " | ".join(row[-1] for row in cursor.fetchall())
    assert SEEK in sql and "meeting_date_idx" in plan and "TEMP B-TREE" not in plan, plan


@pytest.mark.django_db
def test_at_real_costs_a_few_meetings_list_their_matches(eight, monkeypatch):
    monkeypatch.setattr(search, "SAMPLE", 3)
    page = Meeting.objects.matching("防汛", dense=True).order_by(*NEWEST)[:2]
    assert SEEK not in page_sql(page) and "+ 0) IN (" in page_sql(page)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "why, page",
    [
        ("another order sorts", lambda: Meeting.objects.matching("防汛", dense=True).order_by("locality", "-id")[:2]),
        ("oldest first", lambda: Meeting.objects.matching("防汛", dense=True).order_by("date", "id")[:2]),
        (
            "another filter",
            lambda: Meeting.objects.matching("防汛", dense=True).filter(year=2024).order_by(*NEWEST)[:2],
        ),
        ("a prefix query", lambda: Meeting.objects.matching("汛", dense=True).order_by(*NEWEST)[:2]),
        ("a rare word", lambda: Meeting.objects.matching("春耕", dense=True).order_by(*NEWEST)[:2]),
        ("past the window", lambda: Meeting.objects.matching("防汛", dense=True).order_by(*NEWEST)[4:6]),
        ("no page", lambda: Meeting.objects.matching("防汛", dense=True).order_by(*NEWEST)),
    ],
)
def test_where_seeking_is_not_proven_cheap_the_page_lists(eight, cheap_seeks, monkeypatch, why, page):
    monkeypatch.setattr(search, "WINDOW", 5)
    rows = page()
    assert SEEK not in page_sql(rows), why
    expected = {"a rare word": [eight[2].id]}.get(why)
    if expected:
        assert [m.id for m in rows] == expected


@pytest.mark.django_db
def test_a_word_dense_among_the_newest_loaded_but_not_the_newest_by_date_lists(load_text, cheap_seeks, monkeypatch):
    """The density among the newest loaded says nothing of the walk's order: the newest WINDOW
    meetings by date are sought first, and they hold none of the word here."""
    monkeypatch.setattr(search, "WINDOW", 4)
    for day in range(1, 5):
        load_text(minutes(f"2024年6月{day}日", "春耕"), name=f"new{day}.txt")
    for day in range(1, 5):
        load_text(minutes(f"2019年6月{day}日", "防汛"), name=f"old{day}.txt")
    page = Meeting.objects.matching("防汛", dense=True).order_by(*NEWEST)[:2]
    assert SEEK not in page_sql(page)
    assert [m.id for m in page] == newest_ids("防汛", 0, 2)


@pytest.mark.django_db
def test_an_unsliced_query_and_a_far_page_read_no_sample(eight, cheap_seeks):
    """A count, facets or an export read every match anyway, and a page past the window cannot
    seek: neither samples the density."""
    with CaptureQueriesContext(connection) as captured:
        found = Meeting.objects.matching("防汛", dense=True).count()
        list(Meeting.objects.matching("防汛", dense=True).order_by(*NEWEST)[200:250])
    assert found == 5 and len(captured.captured_queries) == 2
    assert not any("AS newest" in q["sql"] or SEEK in q["sql"] for q in captured.captured_queries)


@pytest.mark.django_db
def test_the_samples_are_read_once_for_a_page_and_its_clones(eight, cheap_seeks):
    meetings = Meeting.objects.matching("防汛", dense=True).order_by(*NEWEST)
    with CaptureQueriesContext(connection) as captured:
        list(meetings[:2])
        list(meetings.all()[:2])
    samples = [q for q in captured.captured_queries if "AS newest" in q["sql"] or "AS w WHERE" in q["sql"]]
    assert len(samples) == 2  # the density among the newest loaded, the matches among the newest by date


@pytest.mark.django_db
def test_agenda_items_walks_seek_only_the_meetings_of_items_whose_titles_hold_the_word(
    client, eight, cheap_seeks, monkeypatch
):
    """An items walk's rows are items whose titles hold the word, sparser than its meetings: a seek
    for each meeting walked is not bounded, a seek for each item whose title holds the word is
    (about the page's rows). The admin's walk (by item) keeps the list."""
    monkeypatch.setattr(views, "COUNT_CAP", 2)  # dense: the items page walks the meetings
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/agenda-items/", {"q": "防汛"}).context["page"]
    assert len(page.object_list) == 2
    seeks = [q["sql"] for q in captured.captured_queries if SEEK in q["sql"]]
    assert seeks and all("CASE WHEN a.title LIKE" in sql and "rowid = a.meeting_id" in sql for sql in seeks), seeks
    walked = AgendaItem.objects.matching("防汛", dense=True).order_by("-id")[:3]
    assert SEEK not in page_sql(walked)
