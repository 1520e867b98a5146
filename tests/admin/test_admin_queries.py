"""Admin pages cost a fixed number of queries, whatever the rows (issue 11, item 16)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from archive.admin.filters import distinct_values
from archive.models import AgendaItem, Document, Meeting, Official, Participation

pytestmark = pytest.mark.django_db


def _queries(client, url, params=None) -> int:
    client.get(url, params)  # sessions and caches warm
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


def _grow(meeting, people=20, items=8):
    """More rows on the meeting: participations linked to officials, agenda items citing documents."""
    start = meeting.participations.count() + 1
    for n in range(people):
        official = Official.objects.create(name=f"测试{n}", locality="测试区", disambiguation=f"{meeting.id}")
        Participation.objects.create(
            meeting=meeting, official=official, name=official.name, name_as_written=official.name,
            role="attendee", titles=["副区长"], order=start + n,
        )  # fmt: skip
    start = (meeting.agenda_items.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    for n in range(items):
        item = AgendaItem.objects.create(meeting=meeting, order=start + n, title=f"议题{n}")
        item.documents.add(Document.objects.create(title=f"测试文件{meeting.id}-{n}"))


def test_meeting_change_page_queries_do_not_grow_with_rows(admin_client, archive_db, django_assert_max_num_queries):
    meeting = Meeting.objects.get(source__path__contains="000_")
    url = reverse("admin:archive_meeting_change", args=[meeting.pk])
    before = _queries(admin_client, url)
    _grow(meeting)
    assert _queries(admin_client, url) == before
    # The session, the user, the meeting with its division and source, its participations, its
    # agenda items and their documents, the participations the source text marks. Was 9 + one per
    # participation and two per agenda item, then 9: the division and the source on queries of
    # their own, and the division's autocomplete looking up what the meeting holds.
    with django_assert_max_num_queries(7):
        admin_client.get(url)


def test_meeting_change_page_for_a_viewer_queries_do_not_grow_with_rows(
    viewer_client, archive_db, django_assert_max_num_queries
):
    """Read only, each row's official is a link and each item's documents a list: still no query a row."""
    meeting = Meeting.objects.get(source__path__contains="000_")
    url = reverse("admin:archive_meeting_change", args=[meeting.pk])
    before = _queries(viewer_client, url)
    _grow(meeting)
    with django_assert_max_num_queries(before):
        viewer_client.get(url)


def test_meeting_change_page_does_not_grow_with_the_archive(admin_client, archive_db, django_assert_max_num_queries):
    """Nothing on a meeting's page lists the archive (no select of every official, division or
    document: autocompletes): more meetings, officials and documents elsewhere change neither its
    queries nor its HTML."""
    meeting = Meeting.objects.get(source__path__contains="000_")
    url = reverse("admin:archive_meeting_change", args=[meeting.pk])
    before, page = _queries(admin_client, url), _html(admin_client, url)
    for other in Meeting.objects.exclude(pk=meeting.pk)[:6]:
        _grow(other, people=10, items=3)
    Official.objects.bulk_create(Official(name=f"新{n}", pinyin_key=f"xin{n}") for n in range(200))
    Document.objects.bulk_create(Document(title=f"新文件{n}") for n in range(100))
    with django_assert_max_num_queries(before):
        admin_client.get(url)
    assert _html(admin_client, url) == page


def _html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


@pytest.mark.parametrize(
    "url, params",
    [
        ("admin:archive_meeting_changelist", {}),
        ("admin:archive_meeting_changelist", {"year": "2024"}),
        ("admin:archive_meetingforreview_changelist", {}),
        ("admin:archive_meetingforreview_changelist", {"reason": "year-missing"}),
        ("admin:archive_official_changelist", {}),
        ("admin:archive_official_changelist", {"q": "chenhao"}),
        ("admin:archive_official_changelist", {"locality": "none"}),
        ("admin:archive_participation_changelist", {"linked": "no"}),
    ],
)
def test_changelist_queries_do_not_grow_with_rows(admin_client, archive_db, url, params):
    before = _queries(admin_client, reverse(url), params)
    for meeting in Meeting.objects.all()[:5]:
        _grow(meeting, people=5, items=2)
    assert _queries(admin_client, reverse(url), params) == before


def test_meeting_list_figures_come_per_page(admin_client, archive_db):
    seed = Meeting.objects.get(source__path__contains="000_")
    page = admin_client.get(reverse("admin:archive_meeting_changelist"), {"year": seed.year, "body": seed.body})
    rows = {m.id: m for m in page.context["cl"].result_list}
    assert rows[seed.id].participant_count == seed.participations.count()
    assert rows[seed.id].agenda_item_count == seed.agenda_items.count()
    assert [p.name for p in rows[seed.id].chairs] == list(
        seed.participations.filter(role="chair").values_list("name", flat=True)
    )
    years = [m.year for m in page.context["cl"].result_list]
    known = [y for y in years if y is not None]
    assert known == sorted(known, reverse=True) and years[: len(known)] == known  # newest first, no year last


def test_official_list_figures_come_per_page(admin_client, archive_db):
    official = Official.objects.get(id=Participation.objects.exclude(meeting__date=None).values("official_id")[:1])
    page = admin_client.get(reverse("admin:archive_official_changelist"), {"q": official.name})
    row = next(o for o in page.context["cl"].result_list if o.id == official.id)
    dates = official.participations.exclude(meeting__date=None).values_list("meeting__date", flat=True)
    assert (row.first_date, row.last_date) == (min(dates), max(dates))
    assert row.meetings == official.participations.values("meeting").distinct().count()
    latest = official.participations.order_by("-meeting__date", "-meeting_id").first()
    assert row.latest == latest.titles


def test_distinct_values_by_seeks(archive_db):
    expected = sorted({m.body for m in Meeting.objects.all() if m.body})
    assert distinct_values(Meeting, "body") == expected
    assert distinct_values(Meeting, "year") == sorted({m.year for m in Meeting.objects.all() if m.year})
    assert distinct_values(Meeting, "body", limit=2) == expected[:2]


def test_official_search_by_pinyin_prefix_initials_and_alias(archive_db):
    chen = Official.objects.get(name="陈豪")
    for query in ["chenhao", "chen hao", "chenh", "ch", "Chén Háo", "陳豪", "陈"]:
        assert chen in Official.objects.matching(query), query
    assert chen not in Official.objects.matching("chenhaoz")
    assert chen not in Official.objects.matching("ci")
