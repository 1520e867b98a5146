"""The public pages as a reader uses them (Django test client)."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from archive.models import AgendaItem, Document, Meeting, Official, OfficialRedirect, Participation
from tests.routes import public_urls, site_samples

pytestmark = pytest.mark.django_db


def get(client, url, language=None, **params):
    headers = {"accept-language": language} if language else {}
    response = client.get(url, params, headers=headers)
    assert response.status_code == 200, (url, params, response.status_code)
    return response


def seed(prefix):
    return Meeting.objects.get(source__path__contains=f"{prefix}_")


def test_every_route_answers(client, public_site):
    """Every named public route of the URLconf (tests/routes.py), none listed by hand."""
    urls = public_urls(site_samples())
    assert len(urls) >= 18
    for route, url in urls:
        assert client.get(url).status_code == 200, (route, url)


def test_home_counts_latest_and_chart(client, archive_db):
    page = get(client, "/", language="zh-hans").content.decode()
    assert f"共收录 {Meeting.objects.count()} 次会议" in page
    assert "<svg" in page and "<rect" in page
    assert 'action="/meetings/"' in page


def test_meeting_list_filters(client, archive_db):
    def ids(**params):
        return {m.id for m in get(client, "/meetings/", **params).context["page"].object_list}

    assert ids(year=2020) == set(Meeting.objects.filter(year=2020).values_list("id", flat=True))
    assert ids(year=2020, month=12) == {seed("000").id}
    assert ids(body="区委常委会扩大会议") == set(
        Meeting.objects.filter(body="区委常委会扩大会议").values_list("id", flat=True)
    )
    assert ids(locality="桐乡区") == set(Meeting.objects.filter(locality="桐乡区").values_list("id", flat=True))
    chen = Official.objects.get(name="陈豪")
    assert ids(official=chen.id) == {seed("003").id}
    assert ids(official=chen.id, role="attendee") == set()
    assert ids(official=chen.id, role="chair") == {seed("003").id}
    assert ids(official="陳豪", role="chair") == ids(official="陈豪") == {seed("003").id}
    assert ids(official="没有此人") == set()
    assert ids(q="陳豪") == {seed("003").id}
    assert ids(q="没有这样的会议") == set()


def test_meeting_list_is_newest_first_and_paginated(client, archive_db):
    page = get(client, "/meetings/").context["page"]
    dates = [m.date for m in page.object_list if m.date]
    assert dates == sorted(dates, reverse=True)
    assert page.paginator.count == Meeting.objects.count()


@pytest.mark.parametrize("params", [{"page": "abc"}, {"page": "0"}, {"page": "999"}])
def test_bad_page_is_404(client, archive_db, params):
    assert client.get("/meetings/", params).status_code == 404


@pytest.mark.parametrize("url", ["/meetings/999999/", "/officials/999999/"])
def test_missing_records_are_404(client, archive_db, url):
    assert client.get(url).status_code == 404


def test_bad_filter_values_filter_nothing(client, archive_db):
    response = get(client, "/meetings/", year="abc", month="13")
    assert response.context["page"].paginator.count == Meeting.objects.count()


def test_meeting_detail_says_what_is_unknown_and_groups_people(client, archive_db):
    page = get(client, f"/meetings/{seed('003').id}/", language="zh-hans").content.decode()
    assert "年份不详" in page
    assert page.index("主持") < page.index("陈豪") < page.index("传达") < page.index("袁建")
    assert "区委副书记、区长" in page


def test_source_text_switch(client, archive_db):
    meeting = seed("003")
    simplified = get(client, f"/meetings/{meeting.id}/").context["source_text"]
    original = get(client, f"/meetings/{meeting.id}/", text="original").context["source_text"]
    assert original == meeting.source.raw_text and "區(qū)委" in original
    assert simplified == meeting.source.text and "区委" in simplified


def test_edit_link_only_for_staff(client, admin_client, archive_db):
    url = f"/meetings/{seed('000').id}/"
    edit = reverse("admin:archive_meeting_change", args=[seed("000").id])
    assert edit not in get(client, url).content.decode()
    assert edit in get(admin_client, url).content.decode()


def test_text_from_minutes_is_escaped(client, load_text):
    meeting = load_text("2021年1月4日，区长王某主持召开区政府常务会议。<script>alert(1)</script>审议《<b>办法</b>》。")
    # The original keeps the markup verbatim and shows it as text; the cleaned text drops it.
    original = get(client, f"/meetings/{meeting.id}/", text="original").content.decode()
    assert "<script>alert(1)</script>" not in original
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in original
    simplified = get(client, f"/meetings/{meeting.id}/").content.decode()
    assert "alert(1)" not in simplified and "<b>办法</b>" not in simplified and "《办法》" in simplified


def test_officials_sorted_by_pinyin_and_searchable(client, archive_db):
    names = [o.pinyin for o in get(client, "/officials/").context["page"].object_list]
    assert names == sorted(names)  # by syllables: "bi ming" before "bian a"
    for q in ["陈豪", "陳豪", "chenhao", "chen hao", "ch"]:
        found = [o.name for o in get(client, "/officials/", q=q).context["page"].object_list]
        assert "陈豪" in found, q
    assert list(get(client, "/officials/", q="zzzz").context["page"].object_list) == []


def test_official_detail_meetings_titles_and_companions(client, archive_db):
    li = Official.objects.get(name="李志龙")
    response = get(client, f"/officials/{li.id}/")
    assert [p.role for p in response.context["page"].object_list] == ["chair"]
    assert response.context["titles_over_time"][0]["titles"] == ("区管委会主任", "区长")
    companions = {m["official__name"] for m in response.context["met_with"]}
    assert {"姜永柱", "顾华锋"} <= companions and "李志龙" not in companions


def test_official_summary_is_cached_until_the_archive_changes(client, archive_db, load_text):
    """The sums over all of an official's meetings are read once, then from the cache, and read
    again when a meeting is loaded or a companion is renamed (a history row)."""
    li = Official.objects.get(name="李志龙")
    url = f"/officials/{li.id}/"
    with CaptureQueriesContext(connection) as first:
        before = get(client, url).context["meeting_count"]
    with CaptureQueriesContext(connection) as second:
        assert get(client, url).context["meeting_count"] == before
    assert len(second) < len(first)

    load_text("2021年3月5日上午，区长李志龙主持召开区政府常务会议，姜永柱参加。会议听取了关于防汛工作的汇报。")
    assert get(client, url).context["meeting_count"] == before + 1

    companion = Official.objects.get(name="姜永柱")
    companion.name = "姜永柱甲"
    companion.save()
    assert "姜永柱甲" in {m["official__name"] for m in get(client, url).context["met_with"]}

    # Rows written without history (the loader's and an import's bulk inserts) change it too.
    other = Meeting.objects.exclude(participations__official=li).first()
    Participation.objects.bulk_create([Participation(meeting=other, official=li, name=li.name, role="attendee")])
    assert get(client, url).context["meeting_count"] == before + 2


def test_merged_official_url_redirects(client, archive_db):
    kept = Official.objects.get(name="陈豪")
    OfficialRedirect.objects.create(old_id=987654, official=kept)
    response = client.get("/officials/987654/")
    assert response.status_code == 301
    assert response["Location"] == f"/officials/{kept.id}/"


def test_agenda_items_and_documents_lists(client, archive_db):
    items = get(client, "/agenda-items/", q="预算").context["page"].object_list
    assert items and all("预算" in i.title for i in items)
    studies = get(client, "/agenda-items/", kind="study").context["page"].object_list
    assert studies and all(i.kind == "study" for i in studies)
    docs = get(client, "/documents/", q="办法").context["page"].object_list
    assert docs and all("办法" in d.title for d in docs)
    assert len(docs) == Document.objects.filter(title__contains="办法").count()


def test_csv_export_keeps_filters_and_excel_friendly(client, archive_db):
    response = get(client, "/meetings/", year=2020, format="csv")
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert {int(r["id"]) for r in rows} == set(Meeting.objects.filter(year=2020).values_list("id", flat=True))
    assert response["Content-Disposition"].endswith('meetings.csv"')


def test_json_export_of_every_list(client, archive_db):
    for url, count in [
        ("/meetings/", Meeting.objects.count()),
        ("/officials/", Official.objects.count()),
        ("/agenda-items/", AgendaItem.objects.count()),
        ("/documents/", Document.objects.count()),
    ]:
        response = get(client, url, format="json")
        assert len(json.loads(b"".join(response.streaming_content))) == count, url


def test_csv_cells_that_look_like_formulas_are_escaped(client, load_text):
    load_text("2021年1月4日，区长王某主持召开区政府常务会议。审议《=HYPERLINK(1)》。")
    body = b"".join(get(client, "/documents/", format="csv").streaming_content).decode()
    assert "'=HYPERLINK(1)" in body


def test_feeds_are_atom(client, archive_db):
    response = get(client, "/feeds/meetings/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert response.content.count(b"<entry>") == min(30, Meeting.objects.count())
    chen = Official.objects.get(name="陈豪")
    assert get(client, f"/feeds/officials/{chen.id}/").content.count(b"<entry>") == 1


def test_interface_language(client, archive_db):
    assert "会议" in get(client, "/", language="zh-CN").content.decode()
    english = get(client, "/", language="en").content.decode()
    assert "Meetings per month" in english
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, headers={"accept-language": "zh-CN"})
    assert response.status_code == 302
    assert "Meetings per month" in get(client, "/", language="zh-CN").content.decode()


@pytest.mark.parametrize("url", ["/", "/meetings/", "/officials/", "/agenda-items/", "/documents/"])
def test_queries_do_not_grow_with_rows(client, load_text, django_assert_max_num_queries, url):
    for day in range(1, 4):
        load_text(
            f"2021年1月{day}日，区长王某主持召开区政府常务会议。副区长李{day}明出席。审议《办法{day}》。", f"a{day}.txt"
        )
    with django_assert_max_num_queries(12) as few:
        get(client, url)
    for day in range(4, 25):
        load_text(
            f"2021年2月{day}日，区长王某主持召开区政府常务会议。副区长李{day}明出席。审议《办法{day}》。", f"b{day}.txt"
        )
    with django_assert_max_num_queries(len(few)):
        get(client, url)


def test_detail_queries_do_not_grow_with_people(client, archive_db, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        get(client, f"/meetings/{seed('000').id}/")
    with django_assert_max_num_queries(12):
        get(client, f"/officials/{Official.objects.get(name='李志龙').id}/")
