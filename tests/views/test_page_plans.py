"""Plans of the public pages' queries where the archive's size would show (issue 17): each query
a page makes of a kind that must read an index in its order, EXPLAINed as the page ran it. On
SQLite, and on PostgreSQL when DATABASE_URL names one (there the planner is told not to scan or
sort the tables, which are tiny in tests, so the plan shows whether an index can answer in order)."""

from collections import Counter

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from archive.models import Meeting
from archive.views.meetings import _neighbour

pytestmark = pytest.mark.django_db


def plan_of(sql: str) -> str:
    """The plan of a query as the page sent it (CaptureQueriesContext gives it with its values)."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute(f"EXPLAIN {sql}")
            return "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


def assert_index_order(plan: str, index: str):
    assert index in plan, plan
    assert "TEMP B-TREE" not in plan and "Sort" not in plan, plan


def minutes(date: str, number: int) -> str:
    return f"{date}，区长王建国主持召开区政府第{number}次常务会议。副区长李明出席。会议研究了安全生产工作。"


@pytest.fixture
def body(load_text):
    """One body's meetings: two on the same day, others on other days, two undated; and the same
    body in another place, which is not a neighbour."""
    dates = ["2022年3月5日", "2021年1月4日", "2022年3月5日", "3月2日", "2023年6月7日", "2月1日", "2020年9月9日"]
    meetings = [load_text(minutes(date, n), f"m{n}.txt") for n, date in enumerate(dates, 1)]
    load_text(minutes("2022年3月6日", 99), "other.txt", locality="越城区")
    return meetings


def test_previous_and_next_walk_the_body_in_date_order_undated_last(body):
    expected = sorted(body, key=lambda m: (m.date is None, m.date or m.id, m.id))
    forward, meeting = [expected[0]], expected[0]
    while meeting := _neighbour(meeting, older=False):
        forward.append(meeting)
    backward, meeting = [expected[-1]], expected[-1]
    while meeting := _neighbour(meeting, older=True):
        backward.append(meeting)
    assert [m.id for m in forward] == [m.id for m in expected]
    assert [m.id for m in backward] == [m.id for m in reversed(expected)]


@pytest.mark.parametrize("which", ["first dated", "same day", "last dated", "undated"])
def test_meeting_page_finds_its_neighbours_off_the_body_index(client, body, which, django_assert_max_num_queries):
    ordered = sorted(body, key=lambda m: (m.date is None, m.date or m.id, m.id))
    same_day = next(m for m in ordered if [o.date for o in ordered].count(m.date) == 2 and m.date)
    meeting = {"first dated": ordered[0], "same day": same_day, "last dated": ordered[-3], "undated": ordered[-1]}[
        which
    ]
    with CaptureQueriesContext(connection) as captured, django_assert_max_num_queries(12):
        assert client.get(f"/meetings/{meeting.id}/").status_code == 200
    table = Meeting._meta.db_table
    neighbours = [q["sql"] for q in captured if f'FROM "{table}"' in q["sql"] and '"body" =' in q["sql"]]
    assert neighbours
    for sql in neighbours:
        plan = plan_of(sql)
        # A range of dates (or the one date) read in order and stopped at the first row, not all
        # the body's meetings read and sorted. PostgreSQL weighs plans by the tables' sizes, tiny
        # in a test: there any index read in order, without a Sort, passes.
        if connection.vendor == "sqlite":
            assert_index_order(plan, "meeting_division_body_idx")
            assert "AND date" in plan, plan
        else:
            assert_index_order(plan, "Index")


def test_facets_count_the_newest_matches_when_there_are_more_than_the_cap(client, body, monkeypatch):
    from archive.views import facets

    monkeypatch.setattr(facets, "FACET_CAP", 3)
    response = client.get("/meetings/")
    counted = {f["name"]: f["values"] for f in response.context["facets"]}
    newest = list(Meeting.objects.newest_first()[:3])
    assert counted["body"] == [("区政府常务会议", 3)]
    assert dict(counted["year"]) == Counter(m.year for m in newest)
    assert "超过 3 次会议：只统计最新的 3 次。" in response.content.decode()
    everything = client.get("/meetings/", {"year": 2023})  # one match: counted exactly, no note
    assert "只统计最新的" not in everything.content.decode()
    assert {f["name"]: f["values"] for f in everything.context["facets"]}["body"] == [("区政府常务会议", 1)]


def test_capped_facets_of_the_whole_list_read_the_newest_off_the_date_index(body):
    """The list unfiltered (its facets the costliest to count): the newest matches come off the
    (date, id) index, no sort. A filtered list's come as its page's rows do."""
    from archive.views.facets import newest_first

    sql, params = (
        newest_first(Meeting.objects.all()).values("id", "body", "locality", "year")[:1001].query.sql_with_params()
    )
    with connection.cursor() as cursor:
        sql = cursor.mogrify(sql, params) if connection.vendor == "postgresql" else _inline(sql, params)
    # PostgreSQL reads (date, id) backwards as date DESC NULLS FIRST: the list's order has an
    # index of its own there (migration 0021).
    assert_index_order(plan_of(sql), "meeting_date_idx" if connection.vendor == "sqlite" else "meeting_newest_idx")


def test_the_meetings_list_page_reads_its_order_off_an_index(client, body):
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/meetings/", {"page": 1}).status_code == 200
    table = Meeting._meta.db_table
    pages = [
        q["sql"]
        for q in captured
        if f'FROM "{table}"' in q["sql"] and '"date" DESC' in q["sql"] and "LIMIT" in q["sql"]
    ]
    assert pages
    for sql in pages:
        assert_index_order(plan_of(sql), "meeting_date_idx" if connection.vendor == "sqlite" else "meeting_newest_idx")


def test_a_bodys_meetings_of_a_year_are_read_off_their_index(client, body, monkeypatch):
    """The list filtered by body and year (a common question: a county government's meetings of
    2022), and the newest of them its facets count: a range of (body, year, date, id) read in the
    list's order, no sort of the year's meetings. The facets read the newest once, not once each."""
    from django.core.cache import cache

    from archive.views import facets

    monkeypatch.setattr(facets, "FACET_CAP", 1)
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/meetings/", {"year": 2022, "body": "区政府常务会议"})
    assert [m.year for m in response.context["page"].object_list] == [2022, 2022, 2022]
    counted = {f["name"]: f["values"] for f in response.context["facets"]}
    assert counted["year"] == [(2022, 1)] and sum(n for _, n, _ in counted["role"]) >= 1
    table = Meeting._meta.db_table
    ordered = [
        q["sql"]
        for q in captured
        if f'FROM "{table}"' in q["sql"] and '"date" DESC' in q["sql"] and '"body" =' in q["sql"]
    ]
    facet_reads = [sql for sql in ordered if '"archive_meeting"."body" AS "body"' in sql.split(" FROM ")[0]]
    assert len(facet_reads) == 1, facet_reads  # the facets read the newest once
    for sql in ordered:
        index = "meeting_body_year_idx" if connection.vendor == "sqlite" else "meeting_body_year_newest_idx"
        assert_index_order(plan_of(sql), index)


def _inline(sql: str, params) -> str:
    return sql % tuple(f"'{p}'" if isinstance(p, str) else p for p in params)


@pytest.mark.parametrize("cap", [3, 1000])
def test_meetings_list_with_facets_not_cached_makes_the_same_few_queries(
    client, body, monkeypatch, cap, django_assert_max_num_queries
):
    from django.core.cache import cache

    from archive.views import facets

    monkeypatch.setattr(facets, "FACET_CAP", cap)
    cache.clear()
    with django_assert_max_num_queries(11):  # over the cap: the newest ids read once, for all facets
        assert client.get("/meetings/").status_code == 200


def county_minutes(date: str, place: str, head: str, chair: str) -> str:
    return f"{date}，{head}{chair}主持召开{place}政府第1次常务会议。会议研究了安全生产工作。"


def test_a_countys_newest_meetings_and_officials_come_off_their_indexes(client, load_text):
    """A county's page reads its newest meetings and its officials by pinyin off (division, …)
    indexes, the first of each division it continues too, instead of sorting every row of
    them (issue 17: 3.5 ms for a county of 3,000 meetings at 100,000)."""
    postgres = connection.vendor == "postgresql"
    load_text(county_minutes("2012年3月5日", "绍兴县", "县长", "卞守诚"), name="old.txt")
    load_text(county_minutes("2020年3月5日", "柯桥区", "区长", "郁青"), name="new.txt")
    load_text(county_minutes("2021年4月6日", "柯桥区", "区长", "伍成栋"), name="newer.txt")
    # The people of 绍兴县's meeting are 柯桥区's, which continues it.
    for code, places, people in (("330603", ["330603", "330603", "330621"], 3), ("330621", ["330621"], 0)):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/places/{code}/")
        assert response.status_code == 200
        assert [m.division.code for m in response.context["latest"]] == places  # newest first, across them
        names = [o.pinyin for o in response.context["officials"]]
        assert names == sorted(names) and len(names) == people
        ordered = [q["sql"] for q in captured if "ORDER BY" in q["sql"]]
        for table, index in (
            # PostgreSQL reads a B-tree backwards with NULLs first: its own index in the page's order.
            ("archive_meeting", "meeting_division_newest_idx" if postgres else "meeting_division_date_idx"),
            ("archive_official", "official_division_pinyin_idx"),
        ):
            (sql,) = [s for s in ordered if s.startswith(f'SELECT "{table}"."id"') and "division_id" in s]
            if len(places) == 1:
                assert_index_order(plan_of(sql), index)
            else:  # each division's first rows off the index; only those few sorted
                assert index in plan_of(sql), plan_of(sql)
