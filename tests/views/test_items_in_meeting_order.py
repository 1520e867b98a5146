"""Agenda items in their meetings' date order, undated meetings last either way, read off the
meetings' (date, id) index and paged without sorting every item (issue 17): oldest first on
SQLite, whose index holds the undated first, the dated are walked and then the undated."""

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from archive.models import AgendaItem, search
from archive.views.documents import ItemsInMeetingOrder

pytestmark = pytest.mark.django_db


def minutes(date: str, topics: list[str]) -> str:
    items = "\n".join(f"{n}、研究{topic}工作" for n, topic in zip("一二三", topics, strict=False))
    return f"{date}，县长伍成栋主持召开县政府常务会议。副县长郁青出席会议。\n{items}\n"


@pytest.fixture
def dated_and_undated(load_text):
    for name, date, topics in [
        ("a", "2023年3月5日", ["防汛", "春耕"]),
        ("b", "5月6日", ["防汛值守", "秋收"]),  # no year: undated
        ("c", "2021年1月2日", ["防汛演练"]),
        ("d", "7日", ["招商", "防汛检查"]),  # undated
        ("e", "2024年2月1日", ["春耕", "防汛物资", "秋收"]),
    ]:
        load_text(minutes(date, topics), name=f"{name}.txt")
    assert AgendaItem.objects.filter(meeting__date__isnull=True).count() == 4  # b's and d's


def expected(newest: bool, query: str = ""):
    items = AgendaItem.objects.matching(query) if query else AgendaItem.objects.all()
    dates = F("meeting__date").desc(nulls_last=True) if newest else F("meeting__date").asc(nulls_last=True)
    ids = "-meeting_id" if newest else "meeting_id"
    return list(items.order_by(dates, ids, "order").values_list("id", flat=True))


@pytest.mark.parametrize("newest", [True, False])
@pytest.mark.parametrize("query, seeks", [("", False), ("防汛", False), ("防汛", True)])
def test_every_window_holds_the_items_in_the_lists_order(dated_and_undated, monkeypatch, newest, query, seeks):
    """The same rows whether the walk tests each meeting against a list of every match or seeks
    the meeting of each item whose title holds the query (costed as cheap here)."""
    if seeks:
        monkeypatch.setattr(search, "SAMPLE", 2)
        monkeypatch.setattr(search, "SEEK_COST", 0.001)
    order = expected(newest, query)
    walk = ItemsInMeetingOrder(newest=newest, query=query)
    assert len(order) > 4
    for start in range(len(order) + 2):
        for size in (1, 2, 3, 50):
            with CaptureQueriesContext(connection) as captured:
                window = [i.id for i in walk[start : start + size]]
            assert window == order[start : start + size], (start, size)
            walks = [q["sql"] for q in captured.captured_queries if "CROSS JOIN" in q["sql"] and "LIMIT" in q["sql"]]
            sought = any("CASE WHEN" in sql for sql in walks)
            assert sought == (seeks and connection.vendor == "sqlite"), walks


def test_oldest_first_reads_the_index_without_sorting_every_item(dated_and_undated):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's walk (PostgreSQL reads date ASC NULLS LAST off its index)")
    with CaptureQueriesContext(connection) as captured:
        ItemsInMeetingOrder(newest=False)[0:2]
    (sql,) = [q["sql"] for q in captured.captured_queries if "CROSS JOIN" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        plan = " | ".join(str(row[-1]) for row in cursor.fetchall())
    assert "meeting_date_idx" in plan and "TEMP B-TREE FOR ORDER BY" not in plan, plan
