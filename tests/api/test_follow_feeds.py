"""Following (archive/feeds.py): any meetings list URL as a feed, a body in a place, a post's
holders, a division's appointments; each page links its feed."""

import xml.etree.ElementTree as ET
from urllib.parse import quote

import pytest

from archive.models import Post

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return feed, [
        (entry.findtext(f"{ATOM}title"), entry.find(f"{ATOM}link").get("href")) for entry in feed.iter(f"{ATOM}entry")
    ]


@pytest.mark.parametrize(
    ("params", "count"),
    [
        ({}, 6),
        ({"division": "330600"}, 5),
        ({"division": "330603", "date_from": "2021-01-01"}, 2),
        ({"official": "陈东"}, 4),
        ({"q": "防汛"}, 3),
        ({"body": "区委常委会会议"}, 1),
        ({"role": "observer"}, 1),
    ],
)
def test_any_meetings_list_url_is_a_feed_with_its_filters(client, places_archive, params, count):
    feed, found = entries(client, "/feeds/meetings/", **params)
    assert len(found) == count
    listed = client.get("/meetings/", params).context["page"].paginator.count
    assert listed == count  # the same form filters the list and the feed


def test_a_filtered_feed_names_its_filters_and_links_its_list(client, places_archive):
    feed, _ = entries(client, "/feeds/meetings/", division="330603")
    assert "330603" in feed.findtext(f"{ATOM}title")
    assert any("division=330603" in (link.get("href") or "") for link in feed.findall(f"{ATOM}link"))


def test_a_filter_the_list_refuses_is_a_400(client, places_archive):
    assert client.get("/feeds/meetings/", {"date_from": "someday"}).status_code == 400


def test_the_meetings_list_links_the_feed_of_its_own_query(client, places_archive):
    page = client.get("/meetings/", {"division": "330603", "q": "防汛"}).content.decode()
    assert 'href="/feeds/meetings/?q=%E9%98%B2%E6%B1%9B&amp;division=330603"' in page or (
        "/feeds/meetings/?" in page and "division=330603" in page.split("/feeds/meetings/?", 1)[1][:120]
    )


def test_a_body_in_a_place(client, places_archive):
    _, found = entries(client, "/feeds/bodies/330603/区政府常务会议/")
    assert len(found) == 4
    _, elsewhere = entries(client, "/feeds/bodies/330602/区政府常务会议/")
    assert len(elsewhere) == 1
    assert client.get("/feeds/bodies/330102/区政府常务会议/").status_code == 404
    page = client.get("/bodies/330603/区政府常务会议/").content.decode()
    assert "/feeds/bodies/330603/" in page


def test_a_posts_holders(client, places_archive):
    post = Post.objects.get(division__code="330603", office="区长")
    url = f"/feeds/posts/330603/{post.organ}/{post.office}/"
    _, found = entries(client, url)
    assert [title.split(" · ")[0] for title, _ in found] == ["陈东", "王建国"]  # newest first
    assert all("/career/#tenure-" in link for _, link in found)
    assert quote(url) in client.get(f"/posts/330603/{post.organ}/{post.office}/").content.decode()


def test_appointments_in_a_division_and_within_it(client, places_archive):
    _, city = entries(client, "/feeds/places/330600/appointments/")
    assert [title for title, _ in city] == ["免去 王建国 区长", "任命 陈东 常务副区长"]  # newest meeting first
    _, county = entries(client, "/feeds/places/330102/appointments/")
    assert len(county) == 1 and "吴晓东" in county[0][0]
    assert all("#appointment-" in link for _, link in city)
    assert "/feeds/places/330600/appointments/" in client.get("/places/330600/").content.decode()
    assert client.get("/feeds/places/999999/appointments/").status_code == 404


def test_an_officials_feed_still_follows_them(client, places_archive):
    _, found = entries(client, f"/feeds/officials/{places_archive.id}/")
    assert len(found) == 4


@pytest.mark.parametrize(
    ("url", "limit"),
    [
        ("/feeds/meetings/?division=330600", 6),
        ("/feeds/bodies/330603/区政府常务会议/", 6),
        ("/feeds/posts/330603/区政府/区长/", 3),
        ("/feeds/places/330600/appointments/", 3),
    ],
)
def test_queries_per_feed(client, places_archive, url, limit, django_assert_max_num_queries):
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200
