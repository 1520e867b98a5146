"""The read API (archive/api.py): every resource, its filters as the HTML lists apply them, key
paging, what it hides, throttling, the schema, the docs page, and queries per request."""

import csv
import io
import json
import os
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.contrib.staticfiles import finders
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from archive import columns
from archive.api import RESOURCES, api
from archive.models import Appointment, Meeting, Official, OfficialRedirect, Participation, Post, Tenure

SNAPSHOT = Path(__file__).parent / "openapi.snapshot.json"
NAMES = [*(r.name for r in RESOURCES), "bodies"]


def items(client, path, **params):
    response = client.get(f"/api/{path}", params)
    assert response.status_code == 200, response.content
    return response.json()["items"]


def ids(client, path, key="id", **params):
    return [row[key] for row in items(client, path, **params)]


# Every resource ---------------------------------------------------------------------------------


@pytest.mark.parametrize("resource", RESOURCES, ids=lambda r: r.name)
def test_each_resource_lists_its_columns_and_answers_each_row_at_a_stable_url(client, places_archive, resource):
    rows = items(client, resource.name, limit=200)
    assert rows and list(rows[0]) == resource.table.headers
    assert len(rows) == min(resource.visible().count(), 200)  # divisions: the whole code table
    for row in rows[:3]:
        response = client.get(f"/api/{resource.name}/{row[resource.key]}")
        assert response.status_code == 200 and response.json() == row


def test_bodies_are_meetings_grouped_by_division_and_body(client, places_archive):
    rows = items(client, "bodies")
    assert [(r["division"], r["body"], r["meeting_count"]) for r in rows] == [
        ("330102", "区委常委会会议", 1),
        ("330602", "区政府常务会议", 1),
        ("330603", "区政府常务会议", 4),
    ]
    one = client.get("/api/bodies/330603/区政府常务会议").json()
    assert one == rows[2] and one["url"].endswith(
        "/bodies/330603/%E5%8C%BA%E6%94%BF%E5%BA%9C%E5%B8%B8%E5%8A%A1%E4%BC%9A%E8%AE%AE/"
    )
    assert client.get("/api/bodies/330603/没有的会议").status_code == 404


def test_bodies_without_a_division_come_first_and_pages_cross_to_the_others(client, places_archive):
    unplaced = Meeting.objects.filter(locality="越城区").get()
    Meeting.objects.filter(id=unplaced.id).update(division=None)
    rows = items(client, "bodies")
    assert [(r["division"], r["body"], r["meeting_count"]) for r in rows] == [
        (None, "区政府常务会议", 1),
        ("330102", "区委常委会会议", 1),
        ("330603", "区政府常务会议", 4),
    ]
    page = client.get("/api/bodies", {"limit": 1}).json()
    assert page["items"] == rows[:1] and "after=-%3A" in page["next"]
    second = client.get(page["next"]).json()
    assert second["items"] == rows[1:2]
    assert client.get("/api/bodies/-/区政府常务会议").json() == rows[0]


def test_a_page_of_bodies_reads_its_groups_along_an_index(client, places_archive):
    """The groups come in the order of the (division, body, date) index and the page stops at
    its last: no grouping of every meeting before paging (the list grew with the archive)."""
    from archive.api import body_page

    for after in (None, "-:区", "330102:区委常委会会议"):
        with CaptureQueriesContext(connection) as captured:
            body_page(Meeting.objects.all(), after, 2)
        for query in captured.captured_queries:
            plan = _plan(query["sql"])
            if connection.vendor == "sqlite":
                assert "meeting_division_body_idx" in plan, plan
                assert "TEMP B-TREE" not in plan, plan
            else:  # an incremental sort orders one division's meetings at a time: it streams.
                # Which index of the meetings it reads varies between runs on tables this small
                # (the division's own index, or the (division, body, date, id) one): both stream.
                assert re.search(r"Index (Only )?Scan using \S+ on archive_meeting", plan), plan
                assert not re.search(r"^\s*(->\s+)?Sort\s+\(", plan, re.M), plan


def _plan(sql: str) -> str:
    """The plan of a query; PostgreSQL is told not to scan or sort the (tiny) tables, so the plan
    shows whether an index can give the order."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute("EXPLAIN " + sql)
            return "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return "\n".join(row[3] for row in cursor.fetchall())


@pytest.mark.parametrize("path", ["meetings/999999", "officials/999999", "divisions/999999", "tenures/0"])
def test_a_missing_row_is_404(client, places_archive, path):
    assert client.get(f"/api/{path}").status_code == 404


def test_a_merged_officials_old_id_redirects_permanently(client, places_archive):
    chen = places_archive
    OfficialRedirect.objects.create(old_id=9999, official=chen)
    response = client.get("/api/officials/9999")
    assert response.status_code == 301 and response["Location"] == f"/api/officials/{chen.id}"


# Filters, as the HTML lists have them -----------------------------------------------------------


def meeting_ids(**params):
    return set(Meeting.objects.filter(**params).values_list("id", flat=True))


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"division": "330603"}, {"locality": "柯桥区"}),
        ({"division": "330600"}, {"locality__in": ["柯桥区", "越城区"]}),  # a city: its counties too
        ({"division": "330000"}, {}),  # the province: every meeting here
        ({"body": "区委常委会会议"}, {"body": "区委常委会会议"}),
        ({"date_from": "2021-01-01", "date_to": "2021-12-31"}, {"year": 2021}),
        ({"year": 2020}, {"year": 2020}),
        ({"official": "陈东"}, {"participations__name": "陈东"}),
        ({"official": "陳東"}, {"participations__name": "陈东"}),  # either script, as the list
        ({"role": "observer"}, {"participations__role": "observer"}),
        ({"q": "防汛"}, {"agenda_items__title__contains": "防汛"}),
    ],
)
def test_meetings_filters(client, places_archive, params, expected):
    assert set(ids(client, "meetings", **params)) == meeting_ids(**expected)


def test_meetings_filtered_as_the_html_list_filters_them(client, places_archive):
    """The same form filters both: any filter set gives the API and the list's download the same meetings."""
    chen = places_archive
    for params in ({"division": "330600", "role": "chair"}, {"official": str(chen.id), "date_to": "2021-01-01"}):
        page = client.get("/meetings/", {**params, "format": "csv"})
        listed = {
            int(r["id"]) for r in csv.DictReader(io.StringIO(b"".join(page.streaming_content).decode("utf-8-sig")))
        }
        assert listed and set(ids(client, "meetings", **params)) == listed


def test_official_filter_takes_an_id(client, places_archive):
    chen = places_archive
    assert set(ids(client, "meetings", official=str(chen.id))) == meeting_ids(participations__official=chen)


@pytest.mark.parametrize(
    ("path", "params", "check"),
    [
        ("officials", {"q": "chendong"}, lambda r: r["name"] == "陈东"),
        ("participations", {"role": "observer"}, lambda r: r["role"] == "observer"),
        ("participations", {"official": "陈东"}, lambda r: r["name"] == "陈东"),
        ("agenda-items", {"kind": "review"}, lambda r: r["kind"] == "review"),
        ("agenda-items", {"q": "预算"}, lambda r: "预算" in r["title"]),
        ("documents", {"q": "防汛"}, lambda r: "防汛" in r["title"]),
        ("appointments", {"action": "remove"}, lambda r: r["action"] == "remove"),
        ("appointments", {"official": "陈东"}, lambda r: r["name"] == "陈东"),
        ("appointments", {"division": "330600"}, lambda r: r["division"] == "330603"),  # a city: its counties
        ("appointments", {"division": "330102"}, lambda r: r["name"] == "吴晓东"),
        ("appointments", {"date_from": "2021-01-01"}, lambda r: r["meeting_date"] >= "2021-01-01"),
        ("tenures", {"official": "陈东"}, lambda r: r["official_name"] == "陈东"),
        ("tenures", {"division": "330602"}, lambda r: r["official_name"] in ("孙海波", "周文涛")),
        (
            "posts",
            {"division": "330600", "office": "区长"},
            lambda r: r["office"] == "区长" and r["division"][:4] == "3306",
        ),
        ("posts", {"organ": "区委"}, lambda r: r["organ"] == "区委"),
        (
            "divisions",
            {"within": "330600", "level": "county"},
            lambda r: r["code"][:4] == "3306" and r["level"] == "county",
        ),
        ("divisions", {"q": "柯橋"}, lambda r: r["name"] == "柯桥区"),
        ("bodies", {"division": "330600"}, lambda r: r["division"][:4] == "3306"),
        ("bodies", {"body": "常委"}, lambda r: r["body"] == "区委常委会会议"),
    ],
)
def test_filters_of_every_list(client, places_archive, path, params, check):
    rows = items(client, path, limit=200, **params)
    everything = items(client, path, limit=200)
    assert rows and len(rows) < len(everything) and all(check(r) for r in rows)
    assert [r for r in everything if check(r)] == rows or path in ("officials", "divisions")


def test_participations_of_one_meeting(client, places_archive):
    meeting = Meeting.objects.get(locality="越城区")
    rows = items(client, "participations", meeting=meeting.id)
    assert [r["name"] for r in rows] == ["孙海波", "周文涛"]


def test_tenures_of_one_post(client, places_archive):
    post = Post.objects.get(division__code="330603", office="区长")
    rows = items(client, "tenures", post=post.id)
    assert {r["official_name"] for r in rows} == {"王建国", "陈东"}


@pytest.mark.parametrize(
    "query",
    [
        "meetings?division=33",
        "meetings?date_from=yesterday",
        "meetings?role=boss",
        "meetings?limit=0",
        "meetings?limit=201",
        "meetings?after=x",
        "posts?division=abc",
        "divisions?level=town",
        f"meetings?q={'长' * 101}",
    ],
)
def test_a_value_no_filter_takes_is_refused(client, places_archive, query):
    assert client.get(f"/api/{query}").status_code in (400, 422)


# Paging by key ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", NAMES)
def test_pages_follow_next_through_every_row_once(client, places_archive, path):
    within = {"within": "330600"} if path == "divisions" else {}  # not the whole code table, two at a time
    everything = items(client, path, limit=200, **within)
    url, seen = f"/api/{path}?limit=2" + "".join(f"&{k}={v}" for k, v in within.items()), []
    while url:
        page = client.get(url).json()
        assert len(page["items"]) <= 2
        seen += page["items"]
        url = page["next"]
    assert seen == everything


def test_a_page_keeps_the_filters_in_its_next_link(client, places_archive):
    page = client.get("/api/meetings", {"division": "330603", "limit": 3}).json()
    first, second, third, fourth = Meeting.objects.filter(locality="柯桥区").order_by("id").values_list("id", flat=True)
    assert "division=330603" in page["next"] and f"after={third}" in page["next"]
    rest = client.get(page["next"]).json()
    assert [m["id"] for m in rest["items"]] == [fourth] and rest["next"] is None


def test_paging_reads_a_range_of_the_key_no_count_no_offset(client, places_archive, django_assert_max_num_queries):
    with django_assert_max_num_queries(10) as captured:
        client.get("/api/meetings", {"after": 2, "limit": 2})
    sql = " ".join(q["sql"].upper() for q in captured.captured_queries)
    assert "OFFSET" not in sql and "COUNT(" not in sql


def test_officials_sums_are_cached_until_the_archive_changes(client, places_archive):
    """A page of officials adds up their meetings once; the same page again reads the sums from
    the cache, and a meeting written since (a participation without history, as the loader
    writes them) is counted at once."""

    def first_official():
        row = items(client, "officials", limit=1)[0]
        return row["id"], row["meeting_count"]

    with CaptureQueriesContext(connection) as first:
        official_id, before = first_official()
    with CaptureQueriesContext(connection) as second:
        assert first_official() == (official_id, before)
    aggregates = [q["sql"] for q in second.captured_queries if "COUNT(DISTINCT" in q["sql"].upper()]
    assert len(second) < len(first) and not aggregates

    official = Official.objects.get(pk=official_id)
    other = Meeting.objects.exclude(participations__official=official).first()
    Participation.objects.bulk_create(
        [Participation(meeting=other, official=official, name=official.name, role="attendee")]
    )
    assert first_official() == (official_id, before + 1)


# What a visitor may not see ---------------------------------------------------------------------

HIDDEN = ("review_reasons", "needs_review", "locked_fields", "curated", "raw_text", "path", "sha256", "start", "end")


def test_no_endpoint_shows_what_the_pages_hide(client, places_archive):
    Meeting.objects.filter(id=1).update(review_reasons=[{"kind": "year-missing", "detail": "秘密"}], needs_review=True)
    schemas = api.get_openapi_schema()["components"]["schemas"]
    for schema in schemas.values():
        assert not set(schema["properties"]) & set(HIDDEN)
    for path in NAMES:
        for row in items(client, path, limit=200):
            assert not set(row) & set(HIDDEN)
            assert "秘密" not in json.dumps(row, ensure_ascii=False)


def test_the_api_only_reads(client, places_archive):
    for method in (client.post, client.put, client.delete, client.patch):
        assert method("/api/meetings/1").status_code == 405
        assert method("/api/meetings").status_code == 405
    assert Meeting.objects.count() == 6


# Throttling -------------------------------------------------------------------------------------


def test_each_address_is_throttled(client, places_archive, settings):
    settings.API_RATE = "3/m"
    for _ in range(3):
        assert client.get("/api/divisions?limit=1").status_code == 200
    assert client.get("/api/divisions?limit=1").status_code == 429
    # A claimed forwarding address changes nothing (no proxy is trusted by default) ...
    assert client.get("/api/divisions?limit=1", HTTP_X_FORWARDED_FOR="10.9.9.9").status_code == 429
    # ... while another client is served.
    assert client.get("/api/divisions?limit=1", REMOTE_ADDR="10.0.0.2").status_code == 200


# Schema and docs --------------------------------------------------------------------------------


def test_the_schema_matches_its_snapshot(client):
    """Fails when an endpoint changes shape. After a deliberate change:
    UPDATE_API_SNAPSHOT=1 python -m pytest tests/api/test_api.py -k snapshot; review the diff."""
    schema = client.get("/api/openapi.json").json()
    if os.environ.get("UPDATE_API_SNAPSHOT"):
        SNAPSHOT.write_text(json.dumps(schema, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    assert schema == json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_every_resource_has_a_list_and_a_detail_in_the_schema(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for name in NAMES:
        assert f"/api/{name}" in paths
        assert any(p.startswith(f"/api/{name}/{{") for p in paths)


def test_the_schema_describes_each_column_from_its_definition(client):
    schemas = client.get("/api/openapi.json").json()["components"]["schemas"]
    for column in columns.MEETINGS.columns:
        assert schemas["Meeting"]["properties"][column.header]["description"] == column.about


def test_the_docs_page_loads_nothing_from_elsewhere(client):
    page = client.get("/api/docs").content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith("/static/") for s in sources)
    assert "/api/openapi.json" in page
    for source in sources:
        assert finders.find(source.removeprefix("/static/")), source


# Queries per request ----------------------------------------------------------------------------

QUERIES = {
    "meetings": 6,  # keys, rows, chairs, participants, agenda, documents
    "officials": 5,  # keys, rows, the archive's state (cache key), counts and dates, titles
    "participations": 2,
    "agenda-items": 2,
    "documents": 2,
    "appointments": 2,
    "tenures": 2,
    "posts": 2,
    "divisions": 2,
    "bodies": 2,  # bodies with no division, then by division (a page may span both)
}


@pytest.mark.parametrize("path", NAMES)
def test_queries_per_list_do_not_grow_with_its_rows(client, places_archive, path, django_assert_max_num_queries):
    with django_assert_max_num_queries(QUERIES[path]):
        assert len(items(client, path, limit=200)) > 1
    with django_assert_max_num_queries(QUERIES[path] + 1):  # + resolving a name
        client.get(f"/api/{path}", {"official": "陈东"} if path in ("meetings", "participations", "tenures") else {})


@pytest.mark.parametrize("path", [r.name for r in RESOURCES])
def test_queries_per_detail(client, places_archive, path, django_assert_max_num_queries):
    key = items(client, path, limit=1)[0]["code" if path == "divisions" else "id"]
    with django_assert_max_num_queries(QUERIES[path] - 1 + (path == "officials")):
        assert client.get(f"/api/{path}/{key}").status_code == 200


def test_queries_per_body(client, places_archive, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        assert client.get("/api/bodies/330603/区政府常务会议").status_code == 200


def test_counts_sanity(places_archive):
    assert Appointment.objects.count() == 3 and Tenure.objects.count() >= 9
    assert Participation.objects.count() == 13 and Official.objects.count() == 8


def test_a_search_alone_pages_off_the_search_index_in_key_order(client, places_archive):
    """The meetings holding a word, in key order, page after page, as the filter gives them; the
    keys of a page are read off the search index (which hands them over in that order and stops at
    the page), not by testing each meeting against every match of the word."""

    def followed(**params):
        found, url = [], f"/api/meetings?{urlencode(params)}"
        while url:
            page = client.get(url).json()
            found += [row["id"] for row in page["items"]]
            url = page["next"]
        return found

    matching = Meeting.objects.matching("防汛").order_by("id")
    expected = list(matching.values_list("id", flat=True))
    assert len(expected) >= 3
    with CaptureQueriesContext(connection) as captured:
        assert followed(q="防汛", limit=1) == expected
    keys = [q["sql"] for q in captured if "LIMIT 2" in q["sql"]]
    assert len(keys) == len(expected) and not any("archive_meeting" in sql for sql in keys), keys
    # With another filter, the meetings are filtered as before.
    assert followed(q="防汛", year=2020, limit=1) == list(matching.filter(year=2020).values_list("id", flat=True))
