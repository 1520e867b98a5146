"""Issue 11's public-site items, each as a reader meets it (Django test client)."""

import csv
import io
import json
import logging
import re
import xml.etree.ElementTree as ET
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import AgendaItem, Document, Meeting, Official, Participation
from archive.releases import build_release

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def get(client, url, language="zh-hans", **params):
    response = client.get(url, params, headers={"accept-language": language})
    assert response.status_code == 200, (url, params, response.status_code)
    return response


def minutes(date, chair="王建国", others="副区长李明", extra="审议《关于加强管理的办法》。", body="区政府常务会议"):
    return f"{date}，区长{chair}主持召开{body}。{others}出席。{extra}"


@pytest.fixture
def wang(load_text):
    """王建国 chairs four dated meetings (one as chair and speaker) and two without a year."""
    load_text(minutes("2021年1月4日上午"), "a1.txt", locality="柯桥区")
    second = load_text(minutes("2022年3月5日"), "a2.txt", locality="柯桥区")
    load_text(minutes("2023年6月7日"), "a3.txt", locality="柯桥区")
    load_text(minutes("2024年5月20日下午"), "a4.txt", locality="柯桥区")
    load_text(minutes("2月1日"), "u1.txt", locality="柯桥区")
    load_text(minutes("3月2日"), "u2.txt", locality="柯桥区")
    wang = Official.objects.get(name="王建国")
    Participation.objects.create(
        meeting=second, official=wang, name="王建国", name_as_written="王建国", role="speaker", order=99
    )
    return wang


# 1. Official pages --------------------------------------------------------------------------


def test_official_page_newest_first_undated_last_with_count(client, wang):
    response = get(client, f"/officials/{wang.id}/")
    years = [p.meeting.year for p in response.context["page"].object_list]
    assert years[:4] == [2024, 2023, 2022, 2022] or years[:4] == [2024, 2023, 2022, 2021]
    dated = [y for y in years if y]
    assert dated == sorted(dated, reverse=True) and years[-2:] == [None, None]
    assert response.context["undated_count"] == 2
    assert "2 次年份不详" in response.content.decode()


def test_official_meeting_count_is_distinct_meetings(client, wang):
    response = get(client, f"/officials/{wang.id}/")
    assert wang.participations.count() == 7  # chair and speaker in one meeting
    assert response.context["meeting_count"] == 6


def test_title_ranges_start_and_end_with_dated_meetings(client, wang):
    (entry,) = get(client, f"/officials/{wang.id}/").context["titles_over_time"]
    assert entry["first"] == "2021年1月4日" and entry["last"] == "2024年5月20日"
    assert entry["count"] == 6 and entry["undated"] == 2


# 3. English -----------------------------------------------------------------------------------


def test_english_dates_roles_and_parentheses(client, wang):
    page = get(client, f"/officials/{wang.id}/", language="en").content.decode()
    assert "20 May 2024, afternoon" in page
    assert "(year unknown) 1 February" in page and "（year unknown）" not in page
    assert ">Chair<" in page
    meeting = Meeting.objects.get(year=2022)
    detail = get(client, f"/meetings/{meeting.id}/", language="en").content.decode()
    assert "<h3>Attendees</h3>" in detail or "<h3>Attendee</h3>" in detail
    assert "5 March 2022" in detail
    zh = get(client, f"/meetings/{meeting.id}/").content.decode()
    assert "2022年3月5日" in zh and "<h3>主持</h3>" in zh


def test_plural_role_headings(client, load_text):
    meeting = load_text(minutes("2021年1月4日", others="副区长李明、副区长赵刚"))
    assert "<h3>Attendees</h3>" in get(client, f"/meetings/{meeting.id}/", language="en").content.decode()


def test_numbers_follow_the_language(client, load_text):
    load_text(minutes("2021年1月4日"))
    Meeting.objects.update(session_number=None)
    from django.utils import translation

    from archive.templatetags.archive_tags import number

    with translation.override("en"):
        assert number(12345) == "12,345"


# 5. Search ------------------------------------------------------------------------------------


@pytest.mark.parametrize("q", ["wangjianguo", "wang jianguo", "Wáng Jiànguó"])
def test_pinyin_search_finds_meetings_of_matching_officials(client, wang, q):
    found = {m.id for m in get(client, "/meetings/", q=q).context["page"].object_list}
    assert found == set(Meeting.objects.filter(participations__official=wang).values_list("id", flat=True))


def test_search_snippets_mark_the_match(client, wang):
    page = get(client, "/meetings/", q="办法").content.decode()
    assert "<mark>办法</mark>" in page
    assert "<mark>王建国</mark>" in get(client, "/meetings/", q="wangjianguo").content.decode()


def test_a_pinyin_search_of_meetings_reads_no_officials_names(client, wang):
    """The officials a pinyin query names are found by the prefix of their pinyin or initials
    (an index range each) or an alias, not by scanning every official's name for the letters."""
    with CaptureQueriesContext(connection) as captured:
        found = get(client, "/meetings/", q="wangjianguo").context["page"].object_list
    assert found
    # A subquery over all officials (Django names it U0); the page's own participants may be read.
    scanned = r'FROM "archive_official" U\d+ WHERE U\d+\."name"(::text)? I?LIKE'
    scans = [q["sql"] for q in captured.captured_queries if re.search(scanned, q["sql"])]
    assert scans == []


def test_a_pinyin_search_marks_the_name_it_matched_in_each_meeting(client, wang, load_text):
    """The names marked are those of each page's participants that the query matches, by pinyin
    or by initials."""
    other = load_text("2025年2月3日，区长王健主持召开区政府常务会议。会议研究了防汛工作。", "b1.txt", locality="柯桥区")

    def snippets(q):
        return {m.id: m.snippet for m in get(client, "/meetings/", q=q).context["page"].object_list}

    by_initials = snippets("wjg")
    assert other.id not in by_initials and by_initials
    assert all("<mark>王建国</mark>" in snippet for snippet in by_initials.values())
    by_pinyin = snippets("wangjian")
    assert "<mark>王健</mark>" in by_pinyin[other.id]
    assert all("<mark>王建国</mark>" in by_pinyin[m] for m in by_initials)


def test_traditional_query_says_it_was_converted(client, wang):
    page = get(client, "/meetings/", q="王建國").content.decode()
    assert "已按简体字搜索：王建国" in page
    assert "已按简体字搜索" not in get(client, "/meetings/", q="王建国").content.decode()


# 6. Lists -------------------------------------------------------------------------------------


def test_meetings_sortable_and_date_range(client, wang):
    def years(**params):
        return [m.year for m in get(client, "/meetings/", **params).context["page"].object_list]

    assert years(sort="date")[:4] == [2021, 2022, 2023, 2024]
    assert years()[:4] == [2024, 2023, 2022, 2021]
    assert years(date_from="2022-01-01", date_to="2023-12-31") == [2023, 2022]
    page = get(client, "/meetings/").content.decode()
    assert 'href="?sort=date"' in page and 'aria-sort="descending"' in page


def test_meeting_facets_count_by_body_locality_year_role(client, wang, load_text):
    load_text(minutes("2021年2月4日", body="区委常委会会议"), "b.txt", locality="越城区")
    facets = {f["name"]: f["values"] for f in get(client, "/meetings/").context["facets"]}
    assert ("区政府常务会议", 6) in facets["body"] and ("区委常委会会议", 1) in facets["body"]
    assert ("柯桥区", 6) in facets["locality"] and ("越城区", 1) in facets["locality"]
    assert (2021, 2) in facets["year"]
    assert ("chair", 7, "主持") in facets["role"]
    page = get(client, "/meetings/").content.decode()
    assert "?locality=%E8%B6%8A%E5%9F%8E%E5%8C%BA" in page  # a facet value links to the list filtered by it
    filtered = {f["name"]: f["values"] for f in get(client, "/meetings/", locality="越城区").context["facets"]}
    assert filtered["body"] == [("区委常委会会议", 1)]


def test_facet_counts_follow_a_load_and_an_edit(client, wang, load_text):
    def bodies():
        return dict(next(f["values"] for f in get(client, "/meetings/").context["facets"] if f["name"] == "body"))

    assert bodies() == {"区政府常务会议": 6}
    load_text(minutes("2021年2月4日", body="区委常委会会议"), "b.txt", locality="越城区")
    assert bodies() == {"区政府常务会议": 6, "区委常委会会议": 1}  # not the counts cached before the load
    meeting = Meeting.objects.filter(body="区政府常务会议").first()
    meeting.body = "区委常委会会议"
    meeting.save()  # as the admin saves it: a history row
    assert bodies() == {"区政府常务会议": 5, "区委常委会会议": 2}


def test_totals_and_page_numbers_with_first_and_last(client, load_text):
    for day in range(1, 29):
        for n in range(2):
            load_text(minutes(f"2021年2月{day}日", others=f"副区长李{n}明"), f"m{day}-{n}.txt")
    page = get(client, "/meetings/", page=1).content.decode()
    assert "第 1–50 条，共 56 条" in page
    assert 'rel="last" href="?page=2"' in page and ">2</a>" in page
    second = get(client, "/meetings/", page=2).content.decode()
    assert 'rel="first" href="?page=1"' in second


def test_agenda_items_in_date_order(client, wang):
    for sort, newest in [({}, True), ({"sort": "date"}, False)]:
        items = get(client, "/agenda-items/", **sort).context["page"].object_list
        dates = [i.meeting.date for i in items if i.meeting.date]
        assert dates == sorted(dates, reverse=newest), sort
        undated = [i.meeting.date is None for i in items]
        assert undated == sorted(undated)  # undated last either way


def test_documents_with_counts_sorted_and_a_page_each(client, wang, load_text):
    load_text(minutes("2021年3月1日", extra="审议《另一个办法》。"), "d.txt")
    documents = get(client, "/documents/", sort="-count").context["documents"]
    assert [(d.title, d.meeting_count) for d in documents] == [("关于加强管理的办法", 6), ("另一个办法", 1)]
    assert [d.title for d in get(client, "/documents/").context["documents"]] == sorted(
        Document.objects.values_list("title", flat=True)
    )
    doc = Document.objects.get(title="关于加强管理的办法")
    assert f'href="/documents/{doc.id}/"' in get(client, "/documents/").content.decode()
    listed = get(client, f"/documents/{doc.id}/").context["page"].object_list
    assert {m.id for m in listed} == set(doc.meetings.values_list("id", flat=True))
    assert client.get("/documents/999999/").status_code == 404


def test_documents_by_citations_keep_their_order_until_the_archive_changes(client, wang, load_text):
    """Sorting by citations counts every document's citations (a GROUP BY over all of them): the
    order is kept, so a second request does not count again; a new citation is seen at once."""
    load_text(minutes("2021年3月1日", extra="审议《另一个办法》。"), "d.txt")

    def ranked():
        with CaptureQueriesContext(connection) as queries:
            documents = get(client, "/documents/", sort="count").context["documents"]
        grouped = [q["sql"] for q in queries.captured_queries if "GROUP BY" in q["sql"]]
        return [(d.title, d.meeting_count) for d in documents], grouped

    first, grouped = ranked()
    assert first == [("另一个办法", 1), ("关于加强管理的办法", 6)] and grouped
    assert ranked() == (first, [])  # the order kept: nothing counted again
    for day in (2, 3):  # two new meetings cite the other document: it moves past the first
        load_text(minutes(f"2021年3月{day}日", others="副区长赵强", extra="审议《另一个办法》。"), f"e{day}.txt")
    load_text(minutes("2021年4月1日", others="副区长钱多", extra="审议《第三个办法》。"), "f.txt")
    assert ranked()[0] == [("第三个办法", 1), ("另一个办法", 3), ("关于加强管理的办法", 6)]
    meeting = Document.objects.get(title="关于加强管理的办法").meetings.first()
    Document.objects.get(title="第三个办法").meetings.add(meeting)  # a curator's new link
    assert ranked()[0] == [("第三个办法", 2), ("另一个办法", 3), ("关于加强管理的办法", 6)]
    third = Document.objects.get(title="第三个办法")
    third.title = "第三个规定"  # a curator's rename, then a removed citation (the admin saves both)
    third.save()
    third.meetings.remove(meeting)
    assert ranked()[0] == [("第三个规定", 1), ("另一个办法", 3), ("关于加强管理的办法", 6)]
    searched = get(client, "/documents/", sort="count", q="办法").context["documents"]
    assert [d.title for d in searched] == ["另一个办法", "关于加强管理的办法"]
    Document.objects.create(title="新办法")  # cited by none: first
    Document.objects.get(title="另一个办法").delete()
    assert ranked()[0] == [("新办法", 0), ("第三个规定", 1), ("关于加强管理的办法", 6)]


# 7. Meeting page ------------------------------------------------------------------------------


def test_meeting_heading_links_neighbours_and_exports(client, wang):
    meetings = list(Meeting.objects.filter(year__isnull=False).order_by("date"))
    middle = meetings[1]
    page = get(client, f"/meetings/{middle.id}/").content.decode()
    assert "<h1>" in page and "柯桥区" in page.split("<h1>")[1].split("</h1>")[0]
    assert "2022年3月5日" in page.split("<h1>")[1].split("</h1>")[0]
    assert "/meetings/?body=%E5%8C%BA%E6%94%BF%E5%BA%9C%E5%B8%B8%E5%8A%A1%E4%BC%9A%E8%AE%AE" in page
    assert "/meetings/?locality=%E6%9F%AF%E6%A1%A5%E5%8C%BA" in page
    assert "/feeds/bodies/" in page
    assert f'rel="prev" href="/meetings/{meetings[0].id}/"' in page
    assert f'rel="next" href="/meetings/{meetings[2].id}/"' in page
    rows = list(
        csv.DictReader(
            io.StringIO(
                b"".join(get(client, f"/meetings/{middle.id}/", format="csv").streaming_content)
                .decode()
                .lstrip("\ufeff")
            )
        )
    )
    assert [int(r["id"]) for r in rows] == [middle.id] and "王建国:chair" in rows[0]["participants"]
    (record,) = json.loads(b"".join(get(client, f"/meetings/{middle.id}/", format="json").streaming_content))
    assert record["url"].endswith(f"/meetings/{middle.id}/")


def test_meeting_links_its_source_url_when_known(client, wang):
    meeting = Meeting.objects.get(year=2023)
    meeting.source.url = "https://www.example.gov.cn/a.html"
    meeting.source.save()
    assert 'href="https://www.example.gov.cn/a.html"' in get(client, f"/meetings/{meeting.id}/").content.decode()


# 8. Home chart --------------------------------------------------------------------------------


def test_chart_covers_the_whole_range_with_empty_months_and_links(client, wang):
    chart = get(client, "/").context["chart"]
    months = [(b["year"], b["month"]) for b in chart["bars"]]
    assert months[0] == (2021, 1) and months[-1] == (2024, 5) and len(months) == 41
    assert [b["count"] for b in chart["bars"] if b["count"]] == [1, 1, 1, 1]
    page = get(client, "/").content.decode()
    assert 'href="/meetings/?year=2021&amp;month=1"' in page
    assert 'class="axis-label"' in page and "2024" in page


# 9. Exports -----------------------------------------------------------------------------------


def read_csv(response):
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode().lstrip("\ufeff"))))


def test_exports_carry_links_people_agenda_and_counts(client, wang):
    meetings = read_csv(get(client, "/meetings/", format="csv"))
    row = next(r for r in meetings if r["date"] == "2022-03-05")
    assert row["url"].startswith("http://testserver/meetings/")
    assert "王建国:chair" in row["participants"] and "李明:attendee" in row["participants"]
    assert "关于加强管理的办法" in row["agenda"] or row["agenda"]
    officials = {r["name"]: r for r in read_csv(get(client, "/officials/", format="csv"))}
    assert officials["王建国"]["meeting_count"] == "6"
    assert officials["王建国"]["first_date"] == "2021-01-04" and officials["王建国"]["last_date"] == "2024-05-20"
    assert "区长" in officials["王建国"]["titles"] and officials["王建国"]["url"].endswith(f"/officials/{wang.id}/")
    documents = read_csv(get(client, "/documents/", format="csv"))
    assert documents[0]["meeting_count"] == "6" and documents[0]["url"].startswith("http://testserver/documents/")


def test_whole_archive_zip_with_data_dictionary(client, wang):
    build_release()  # the ZIP is the latest release's (tests/api/test_releases.py)
    response = get(client, "/download/minutes-archive.zip")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = set(archive.namelist())
    assert {"README.txt", "meetings.csv", "participations.csv", "officials.csv", "agenda_items.csv"} <= names
    assert "documents.csv" in names and "citations.csv" in names and "tenures.csv" in names
    meetings = list(csv.DictReader(io.StringIO(archive.read("meetings.csv").decode("utf-8-sig"))))
    assert len(meetings) == Meeting.objects.count()
    assert "participants" in archive.read("README.txt").decode()
    items = list(csv.DictReader(io.StringIO(archive.read("agenda_items.csv").decode("utf-8-sig"))))
    assert len(items) == AgendaItem.objects.count()


# 10. Errors and noise ---------------------------------------------------------------------------


def test_404_page_in_the_sites_language_and_style(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/", headers={"accept-language": "zh-hans"})
    page = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="zh-hans">' in page and "页面不存在" in page and "site.css" in page
    english = client.get("/meetings/999999/", headers={"accept-language": "en"}).content.decode()
    assert '<html lang="en">' in english and "Page not found" in english


def test_500_page_in_the_sites_style():
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("zh-hans"):
        page = render_to_string("500.html")
    assert '<html lang="zh-hans">' in page and "服务器错误" in page and "site.css" in page


def test_django_log_lines_are_printed_once():
    handlers, logger = [], logging.getLogger("django.request")
    while logger:
        handlers += [h for h in logger.handlers if type(h) is logging.StreamHandler]
        logger = logger.parent if logger.propagate else None
    assert len(handlers) == 1


def test_pytest_prints_skip_reasons():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()
    assert "-rs" in text.split("addopts")[1].splitlines()[0]


# 11. Feeds --------------------------------------------------------------------------------------


def test_feed_entries_have_summary_and_meeting_date(client, wang):
    response = get(client, "/feeds/bodies/330603/区政府常务会议/")
    entries = ET.fromstring(response.content).findall(f"{ATOM}entry")
    by_title = {e.find(f"{ATOM}title").text: e for e in entries}
    entry = by_title["2024年5月20日下午 区政府常务会议"]
    assert entry.find(f"{ATOM}updated").text.startswith("2024-05-20")
    summary = entry.find(f"{ATOM}summary").text
    assert "王建国" in summary and "关于加强管理的办法" in summary


def test_body_feeds_linked_from_pages_listing_the_body(client, wang):
    feed = "/feeds/bodies/330603/%E5%8C%BA%E6%94%BF%E5%BA%9C%E5%B8%B8%E5%8A%A1%E4%BC%9A%E8%AE%AE/"
    assert feed in get(client, "/meetings/", body="区政府常务会议").content.decode()
    assert feed in get(client, f"/officials/{wang.id}/").content.decode()
    assert feed in get(client, f"/meetings/{Meeting.objects.first().id}/").content.decode()


# 12. Pinyin order -------------------------------------------------------------------------------


def test_officials_sorted_by_syllables(client, load_text):
    load_text(minutes("2021年1月4日", chair="边阿", others="副区长毕明"))
    names = [o.name for o in get(client, "/officials/").context["page"].object_list]
    assert names.index("毕明") < names.index("边阿")  # bi ming before bian a


# Queries do not grow with rows ------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/meetings/?q=wangjianguo", "/meetings/?sort=body", "/documents/?sort=-count", "/agenda-items/?sort=date"]
)
def test_new_pages_queries_do_not_grow_with_rows(client, load_text, django_assert_max_num_queries, url):
    for day in range(1, 4):
        load_text(minutes(f"2021年1月{day}日", others=f"副区长李{day}明", extra=f"审议《办法{day}》。"), f"a{day}.txt")
    with django_assert_max_num_queries(14) as few:
        client.get(url)
    for day in range(4, 25):
        load_text(minutes(f"2021年2月{day}日", others=f"副区长李{day}明", extra=f"审议《办法{day}》。"), f"b{day}.txt")
    with django_assert_max_num_queries(len(few)):
        client.get(url)


def test_document_page_queries_do_not_grow(client, load_text, django_assert_max_num_queries):
    for day in range(1, 25):
        load_text(minutes(f"2021年2月{day}日", others=f"副区长李{day}明"), f"b{day}.txt")
    doc = Document.objects.get()
    with django_assert_max_num_queries(8):
        get(client, f"/documents/{doc.id}/")


def test_facets_of_a_filter_nothing_can_pass(client, wang):
    response = get(client, "/meetings/", official="9223372036854775808")
    assert list(response.context["page"].object_list) == []
    assert all(not f["values"] for f in response.context["facets"])
