"""Bodies are per place, places count what is inside them, and every page that pages pages alike
(issues 15 "Pages", 18.1, 18.7 and 19.3), each as a reader meets it (Django test client)."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from archive.models import Meeting, Official, Post

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
BODY = "区政府常务会议"


def minutes(date, chair="王建国", body=BODY, extra="审议《关于加强管理的办法》。"):
    return f"{date}，区长{chair}主持召开{body}。副区长李明出席。{extra}"


@pytest.fixture
def two_places(load_text):
    """One body's name in 柯桥区 (two meetings) and 萧山区 (one, between them in time)."""
    first = load_text(minutes("2021年1月4日"), "k1.txt", locality="柯桥区")
    between = load_text(minutes("2021年2月4日", chair="赵海"), "x1.txt", locality="萧山区")
    last = load_text(minutes("2021年3月4日"), "k2.txt", locality="柯桥区")
    assert {first.division.code, last.division.code, between.division.code} == {"330603", "330109"}
    return first, between, last


def ok(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, params, response.status_code)
    return response


# Issue 18.1: a body's name with "/" -------------------------------------------------------------


def test_a_body_named_with_a_slash_has_all_its_pages(client, load_text):
    meeting = load_text(minutes("2021年1月4日"), locality="柯桥区")
    Meeting.objects.filter(id=meeting.id).update(body="区政府常务会议/专题会议")
    chair = Official.objects.get(name="王建国")
    page = ok(client, f"/meetings/{meeting.id}/").content.decode()
    ok(client, f"/officials/{chair.id}/")
    ok(client, "/places/330603/")
    ok(client, "/meetings/", body="a/b")
    ok(client, "/meetings/", body="区政府常务会议/专题会议")
    body_page = reverse("archive:body_detail", args=["330603", "区政府常务会议/专题会议"])
    feed = reverse("archive:feed_body", args=["330603", "区政府常务会议/专题会议"])
    assert body_page in page and feed in page
    assert "专题会议" in ok(client, body_page).content.decode()
    assert len(ET.fromstring(ok(client, feed).content).findall(f"{ATOM}entry")) == 1


# Issue 15, Pages: a body is its name in one place -----------------------------------------------


def test_previous_and_next_meetings_stay_in_the_place(client, two_places):
    first, between, last = two_places
    assert ok(client, f"/meetings/{first.id}/").context["next"].id == last.id
    assert ok(client, f"/meetings/{last.id}/").context["previous"].id == first.id
    alone = ok(client, f"/meetings/{between.id}/").context
    assert alone["previous"] is None and alone["next"] is None


def test_a_body_feed_holds_one_place_and_names_it(client, two_places):
    first, between, last = two_places
    feed = ET.fromstring(ok(client, reverse("archive:feed_body", args=["330603", BODY])).content)
    links = {e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")}
    assert links == {f"http://testserver/meetings/{first.id}/", f"http://testserver/meetings/{last.id}/"}
    assert "柯桥区" in feed.find(f"{ATOM}title").text
    meeting_page = ok(client, f"/meetings/{between.id}/").content.decode()
    assert reverse("archive:feed_body", args=["330109", BODY]) in meeting_page


def test_the_meeting_list_of_a_body_offers_one_feed_per_place(client, two_places):
    page = ok(client, "/meetings/", body=BODY).content.decode()
    assert reverse("archive:feed_body", args=["330603", BODY]) in page
    assert reverse("archive:feed_body", args=["330109", BODY]) in page


def test_an_appointed_official_shows_the_post_on_their_page(client, load_text):
    load_text(minutes("2021年1月4日", extra="会议决定任命张伟为区财政局局长。"), locality="柯桥区")
    appointed = Official.objects.get(name="张伟")
    assert appointed.tenures.exists()
    page = ok(client, f"/officials/{appointed.id}/", headers={}).content.decode()
    career = ok(client, f"/officials/{appointed.id}/career/").content.decode()
    post = str(appointed.tenures.get().post)
    assert post in career and post in page
    assert "No titles recorded." not in page and "没有职务记录" not in page


def test_places_count_every_meeting_inside_them(client, two_places, load_text):
    load_text(minutes("2021年1月4日", body="县政府专题会议"), "a.txt", locality="安吉县")
    provinces = dict((d.code, n) for d, n in ok(client, "/places/").context["rows"])
    assert provinces["330000"] == 4
    inside = dict((d.code, n) for d, n in ok(client, "/places/", province="330000").context["rows"])
    assert (inside["330100"], inside["330109"], inside["330600"], inside["330603"]) == (1, 1, 2, 2)
    assert ok(client, "/places/330000/").context["meeting_count"] == 4


def test_places_keep_their_counts_until_the_archive_changes(client, two_places, load_text):
    """Counting what is inside each place groups every meeting: the counts are kept, and a load
    or a curator moving a meeting to another place is counted at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def counts():
        with CaptureQueriesContext(connection) as queries:
            rows = ok(client, "/places/", province="330000").context["rows"]
        grouped = [q for q in queries.captured_queries if "GROUP BY" in q["sql"]]
        return {d.code: n for d, n in rows if n}, grouped

    first, grouped = counts()
    assert first == {"330000": 3, "330100": 1, "330109": 1, "330600": 2, "330603": 2} and grouped
    assert counts() == (first, [])
    load_text(minutes("2021年1月4日", body="县政府专题会议"), "a.txt", locality="安吉县")
    assert counts()[0]["330523"] == 1
    moved = two_places[0]
    moved.division = two_places[1].division  # a curator's correction: 柯桥区 -> 萧山区
    moved.save()
    assert (counts()[0]["330109"], counts()[0]["330603"]) == (2, 1)


# Issue 18.7: the body page's attendance matrix in the order of its lists ------------------------


def test_the_attendance_matrix_puts_undated_meetings_last(client, load_text):
    dated = load_text(minutes("2021年1月4日"), "d.txt", locality="柯桥区")
    undated = load_text(minutes("3月2日"), "u.txt", locality="柯桥区")
    context = ok(client, reverse("archive:body_detail", args=["330603", BODY])).context
    assert [m.id for m in context["sessions"]] == [dated.id, undated.id]
    assert [m.id for m in context["latest"]] == [dated.id, undated.id]


# Issue 19.3: one paginator ----------------------------------------------------------------------


@pytest.mark.parametrize("value", ["²", "١", "１", "0", "-1", " 1", "1_0", "99999999999999999999", "2"])
def test_every_paged_page_refuses_a_page_that_is_not_one_of_its_pages(client, load_text, value):
    load_text(minutes("2021年1月4日", extra="会议决定任命张伟为区财政局局长。"), locality="柯桥区")
    post = Post.objects.first()
    paged = [
        reverse("archive:post_detail", args=[post.division.code, post.organ, post.office]),
        reverse("archive:body_detail", args=["330603", BODY]),
        reverse("archive:official_detail", args=[Official.objects.first().id]),
        reverse("archive:meeting_list"),
    ]
    for url in paged:
        assert client.get(url, {"page": "1"}).status_code == 200, url
        assert client.get(url, {"page": value}).status_code == 404, (url, value)
