"""Plans where a list's order must come from an index (issue 17): the admin's source documents,
the feeds; and the source documents changelist's query count. On SQLite, and on PostgreSQL when
DATABASE_URL names one (the planner there is told not to scan the table, which is tiny in
tests, so the plan shows whether an index can give the order)."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from archive.admin.filters import distinct_values
from archive.models import Meeting, SourceDocument

pytestmark = pytest.mark.django_db


def _plan(queryset) -> str:
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
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
