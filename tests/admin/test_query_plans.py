"""Plans where a list's order must come from an index (issue 17): the admin's source documents,
the feeds; and the source documents changelist's query count. On SQLite, and on PostgreSQL when
DATABASE_URL names one (the planner there is told not to scan the table, which is tiny in
tests, so the plan shows whether an index can give the order)."""

import opencc
import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from archive.admin.filters import distinct_values
from archive.models import Meeting, Participation, SourceDocument

pytestmark = pytest.mark.django_db
S2T = opencc.OpenCC("s2t")


def _plan(queryset, sorts: bool = True) -> str:
    """The plan; on PostgreSQL with scans of whole tables discouraged (the tests' tables are
    tiny: a scan costs less than any index), and without ``sorts`` full sorts too, so that the
    plan shows whether an index gives the order (the planner's choice at scale)."""
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            if not sorts:
                cursor.execute("SET LOCAL enable_sort = off")
            return queryset.explain()
    return queryset.explain()


def _assert_ordered_by_index(queryset, index: str):
    plan = _plan(queryset)
    assert index in plan, plan
    if connection.vendor == "sqlite":
        assert "TEMP B-TREE" not in plan, plan
    else:
        assert "Sort" not in plan, plan


def test_source_documents_list_order_reads_its_index(archive_db):
    _assert_ordered_by_index(SourceDocument.objects.order_by("-loaded_at", "-id")[:100], "source_loaded_idx")


def test_feed_order_reads_its_index(archive_db):
    _assert_ordered_by_index(Meeting.objects.order_by("-created_at", "-id")[:30], "meeting_created_idx")


def test_a_bodys_feed_reads_its_index_in_feed_order(archive_db):
    """A body's feed (its place known or not) reads the body's newest additions off
    ``meeting_body_feed_idx``, not all its meetings sorted."""
    from archive.feeds import BodyMeetingsFeed

    for meeting in (
        Meeting.objects.filter(division__isnull=False).first(),
        Meeting.objects.filter(division__isnull=True).first(),
    ):
        items = BodyMeetingsFeed().items((meeting.body, meeting.division))
        assert meeting in list(items)
        plan = _plan(items, sorts=False)  # PostgreSQL sorts a tiny table's row or two: not at scale
        assert "TEMP B-TREE" not in plan and "Sort" not in plan, plan
        # PostgreSQL may walk the feed index of every meeting instead, filtering the tiny table.
        assert "meeting_body_feed_idx" in plan or connection.vendor == "postgresql", plan


def test_source_filters_choices_come_off_their_indexes(archive_db):
    # distinct_values seeks each next value: MIN(column) WHERE column > previous.
    for field in ("encoding", "parser_version"):
        seek = SourceDocument.objects.filter(**{f"{field}__gt": ""}).order_by(field).values(field)[:1]
        _assert_ordered_by_index(seek, f"source_{field}_idx")
    assert distinct_values(SourceDocument, "encoding") == sorted(
        set(SourceDocument.objects.values_list("encoding", flat=True))
    )


def test_source_documents_changelist_reads_no_texts_and_few_queries(
    admin_client, archive_db, django_assert_max_num_queries
):
    url = reverse("admin:archive_sourcedocument_changelist")
    admin_client.get(url)
    with CaptureQueriesContext(connection) as captured, django_assert_max_num_queries(12):
        response = admin_client.get(url, {"encoding": "utf-8"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == SourceDocument.objects.filter(encoding="utf-8").count()
    listing = [q["sql"] for q in captured if "archive_sourcedocument" in q["sql"] and "ORDER BY" in q["sql"]]
    assert listing and all('"raw_text"' not in sql and '"text"' not in sql.split("FROM")[0] for sql in listing)


def test_participations_search_reads_the_search_index_not_every_name(
    admin_client, archive_db, django_assert_max_num_queries
):
    """A 2-character name: the meetings whose text holds it (the search index), then their
    participations by meeting; Django's icontains read every participation of the archive."""
    name = Participation.objects.filter(name__regex=r"^..$").values_list("name", flat=True).first()
    url = reverse("admin:archive_participation_changelist")
    admin_client.get(url, {"q": name})
    with CaptureQueriesContext(connection) as captured, django_assert_max_num_queries(12):
        response = admin_client.get(url, {"q": name})
    found = list(response.context["cl"].result_list)
    assert found and {p.id for p in found} == set(
        Participation.objects.filter(name__contains=name).values_list("id", flat=True)
    )
    searches = [q["sql"] for q in captured if 'FROM "archive_participation"' in q["sql"] and "LIKE" in q["sql"]]
    assert searches
    if connection.vendor != "sqlite":
        # PostgreSQL chooses by the tables' sizes: in a test's few hundred rows it reads them all
        # whatever the indexes; the plan at scale is not what a test database shows.
        return
    for sql in searches:
        plan = _raw_plan(sql)
        assert "participation_meeting_idx" in plan, plan
        assert "SCAN archive_participation" not in plan and "Seq Scan on archive_participation" not in plan, plan


def test_participations_search_takes_traditional_script_and_part_of_a_name(admin_client, archive_db):
    person = next(p for p in Participation.objects.filter(name__regex=r"^...$") if S2T.convert(p.name) != p.name)
    url = reverse("admin:archive_participation_changelist")
    for query in (person.name[1:], person.name, S2T.convert(person.name)):
        found = list(admin_client.get(url, {"q": query}).context["cl"].result_list)
        assert person in found and all(person.name[1:] in p.name for p in found)


def _raw_plan(sql: str) -> str:
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}")
            return "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


def test_tenures_changelist_walks_each_posts_holders_in_order(admin_client, archive_db):
    """The tenures list pages off tenure_post_idx (post, first_date): the model's order, by the
    official's pinyin, sorted every tenure of the archive for each page. PostgreSQL may read the post
    key's index and add an incremental sort (it streams under the page's limit); never a full sort."""
    response = admin_client.get(reverse("admin:archive_tenure_changelist"))
    assert response.status_code == 200
    page = response.context["cl"].queryset[:100]
    # A one-row estimate (the seeds' few tenures) can make a full sort the cheapest plan.
    plan = _plan(page, sorts=False)
    if connection.vendor == "sqlite":
        assert "tenure_post_idx" in plan and "TEMP B-TREE" not in plan, plan
    else:  # by post from tenure_post_idx or the post key's index: either streams
        assert "Index Scan using" in plan and "on archive_tenure" in plan, plan
        sorts = [line.strip(" ->") for line in plan.splitlines() if "Sort  (" in line]
        assert all(node.startswith("Incremental Sort") for node in sorts), plan
    posts = [t.post_id for t in response.context["cl"].result_list]
    assert posts and posts == sorted(posts)


def test_an_officials_change_page_lists_the_newest_dated_meetings_first(admin_client, load_text):
    """Undated meetings come last on both databases (PostgreSQL sorts NULLs first when
    descending): the 20 shown are the newest dated ones."""
    for day in (3, 4):
        load_text(f"2023年5月{day}日，县长卞守诚主持召开县政府常务会议。会议研究了防汛工作。", name=f"d{day}.txt")
    load_text("6日，县长卞守诚主持召开县政府常务会议。会议研究了春耕工作。", name="undated.txt")
    from archive.models import Official

    official = Official.objects.get(name="卞守诚")
    page = admin_client.get(reverse("admin:archive_official_change", args=[official.id])).content.decode()
    listed = page[page.index("<li><a href=") :]
    assert listed.index("5月4日") < listed.index("5月3日")
    assert listed.index("5月3日") < listed.index("6日")


def test_the_review_queue_reads_the_partial_index_of_flagged_meetings(rf, admin_user, archive_db):
    """The queue's own queryset, newest first, off ``meeting_review_idx``, not a scan of every meeting."""
    from django.contrib import admin

    from archive.models import MeetingForReview

    request = rf.get(reverse("admin:archive_meetingforreview_changelist"))
    request.user = admin_user
    queue = admin.site._registry[MeetingForReview].get_queryset(request).order_by("-id")[:100]
    assert queue.count() == Meeting.objects.filter(needs_review=True).count() > 0
    plan = _plan(queue.values("id"))
    assert "meeting_review_idx" in plan, plan


def test_a_search_in_letters_reads_the_partial_index_of_latin_names(archive_db):
    """The officials' search in letters looks in names written with Latin letters off their index."""
    from archive.models import Official

    Official.objects.create(name="John Smith")
    found = Official.objects.matching("smith")
    assert [o.name for o in found] == ["John Smith"]
    plan = _plan(found.values("id"))
    assert "official_latin_idx" in plan, plan


def test_every_partial_index_of_a_flag_is_written_alike_by_every_django():
    """SQLite uses a partial index only for a query that repeats its condition, and Django 5.2
    and 6 write ``flag=True`` differently (the bare column, ``= 1``): an index made under one was
    not used under the other. A flag's index and its queries use ``flag_set`` (``= 1`` written
    out) instead."""
    from django.apps import apps
    from django.db.models import BooleanField, Q

    from archive.models.flags import TrueLiteral

    def terms(q):
        for child in q.children:
            yield from terms(child) if isinstance(child, Q) else [child]

    flags = []
    for model in apps.get_app_config("archive").get_models():
        for index in model._meta.indexes:
            for lookup, value in terms(index.condition or Q()):
                field = model._meta.get_field(lookup.split("__")[0])
                if isinstance(getattr(field, "output_field", field), BooleanField):  # generated too
                    flags.append((index.name, lookup, value))
    assert flags and all("__" not in lookup and isinstance(value, TrueLiteral) for _, lookup, value in flags), flags


def test_a_flags_count_reads_its_partial_index_alone(archive_db):
    """The flag is written into the statement, not passed as a parameter: SQLite skips testing
    each indexed row again only when the query's term is the index's own, literal and all (the
    plan reads "USING INDEX" either way; the parameters tell them apart)."""
    from archive.models.flags import flag_set

    flagged = Meeting.objects.filter(flag_set("needs_review"))
    sql, params = flagged.values("id").query.sql_with_params()
    assert not params and flagged.count() == Meeting.objects.filter(needs_review=True).count()
    assert "meeting_review_idx" in _plan(flagged.order_by().values("id"))


def test_the_meetings_lists_review_filter_reads_the_partial_index(admin_client, archive_db):
    """The admin's "needs review: yes" gives the flagged meetings, counted off their index; "no"
    the others."""
    url = reverse("admin:archive_meeting_changelist")
    flagged = admin_client.get(url, {"needs_review__exact": "1"}).context["cl"]
    assert flagged.result_count == Meeting.objects.filter(needs_review=True).count() > 0
    assert "meeting_review_idx" in _plan(flagged.queryset.order_by().values("id"))
    others = admin_client.get(url, {"needs_review__exact": "0"}).context["cl"]
    assert others.result_count == Meeting.objects.filter(needs_review=False).count()
