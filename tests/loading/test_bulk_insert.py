"""archive.bulk.insert_rows: a few multi-row statements per table, not one per row; on PostgreSQL
one COPY (issue 17)."""

import math

import pytest
from django.db import IntegrityError, connection, reset_queries, transaction
from django.test.utils import CaptureQueriesContext

from archive.bulk import insert_rows, update_rows
from archive.models import Official, OfficialAlias, SourceDocument
from archive.pipeline.load import BATCH_SIZE, load_paths
from tests.benchmarks.synthetic import generate

pytestmark = pytest.mark.django_db


class Statements:
    """Statements as the server runs them: ``executemany`` is one per row."""

    def __init__(self):
        self.inserts: dict[str, int] = {}
        self.updates = 0

    def __call__(self, execute, sql, params, many, context):
        if sql.startswith(("INSERT INTO", "COPY")):
            table = sql.split()[2 if sql.startswith("INSERT") else 1].strip('"`')
            self.inserts[table] = self.inserts.get(table, 0) + (len(params) if many else 1)
        if sql.startswith("UPDATE"):
            self.updates += len(params) if many else 1
        return execute(sql, params, many, context)


def _officials(n: int) -> list[dict]:
    return [{"name": f"官{i:04d}", "locality": "甲区", "pinyin": "guan", "initials": "g"} for i in range(n)]


def test_rows_go_in_multi_row_statements():
    statements = Statements()
    with connection.execute_wrapper(statements):
        insert_rows(Official, _officials(1500), batch_size=1000)
    # PostgreSQL: one COPY; SQLite: as many rows a statement as its parameters allow.
    assert statements.inserts == {"archive_official": 1 if connection.vendor == "postgresql" else 2}
    assert Official.objects.count() == 1500
    # In the order given: ids follow the rows.
    names = list(Official.objects.order_by("id").values_list("name", flat=True))
    assert names == [row["name"] for row in _officials(1500)]


def test_values_of_every_kind_are_stored_as_given():
    """COPY's text format uses tab, newline, backslash and \\N itself: each value reads back as
    it went in, NULL and the empty string apart, on either database."""
    odd = "甲\t乙\n丙\\N丁\\.\r戊"
    common = {"encoding": "utf-8", "script": "simplified", "parser_version": "5"}
    insert_rows(
        SourceDocument,
        [
            {
                **common,
                "path": "a",
                "sha256": "a",
                "text_sha256": "a",
                "raw_text": odd,
                "text": "\\N",
                "warnings": [{"kind": odd}],
                "year_option": 2021,
            },
            {
                **common,
                "path": "b",
                "sha256": "b",
                "text_sha256": "b",
                "raw_text": "",
                "text": "",
                "warnings": [],
                "year_option": None,
            },
        ],
    )
    rows = SourceDocument.objects.order_by("path").values_list(
        "raw_text", "text", "warnings", "year_option", "loaded_at"
    )
    assert [row[:4] for row in rows] == [(odd, "\\N", [{"kind": odd}], 2021), ("", "", [], None)]
    assert all(row[4] is not None for row in rows)


def test_a_row_the_database_refuses_raises_djangos_error_and_writes_nothing():
    """The driver's error comes as Django's (the loader retries a batch on Django's
    OperationalError), and the statement writes none of its rows."""
    good = {"path": "a", "sha256": "a", "text_sha256": "a", "encoding": "utf-8", "script": "simplified"}
    bad = {**good, "path": "b", "sha256": "b", "raw_text": None}  # NOT NULL; same text_sha256 too
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows(SourceDocument, [{**good, "parser_version": "5"}, {**bad, "parser_version": "5"}])
    assert not SourceDocument.objects.exists()


def test_conflicting_rows_in_a_statement_are_skipped_and_the_rest_inserted():
    insert_rows(Official, _officials(10)[3:5])
    insert_rows(Official, _officials(10), ignore_conflicts=True)
    assert Official.objects.count() == 10
    official = Official.objects.get(name="官0001")
    insert_rows(OfficialAlias, [{"official_id": official.id, "name": "官壹"}] * 2, ignore_conflicts=True)
    assert list(OfficialAlias.objects.values_list("name", flat=True)) == ["官壹"]


def test_loading_sends_a_few_inserts_per_table_and_batch(tmp_path):
    n = 2 * BATCH_SIZE
    for name, data in generate(n):
        (tmp_path / name).write_bytes(data)
    statements = Statements()
    with connection.execute_wrapper(statements):
        report = load_paths([tmp_path], jobs=0)
    assert report.count("loaded") == n
    batches = math.ceil(n / BATCH_SIZE)
    # Participations are ~9 a meeting: one statement each was ~1,800 here.
    assert statements.inserts["archive_participation"] <= batches
    assert sum(statements.inserts.values()) <= 30 * batches


def test_update_rows_sets_each_rows_values():
    insert_rows(Official, _officials(300))
    ids = list(Official.objects.order_by("id").values_list("id", flat=True))
    statements = Statements()
    with connection.execute_wrapper(statements):
        update_rows(
            Official, [{"id": pk, "pinyin": f"p{pk}", "division_id": None} for pk in ids], ["pinyin", "division_id"]
        )
    assert dict(Official.objects.values_list("id", "pinyin")) == {pk: f"p{pk}" for pk in ids}
    # PostgreSQL: one UPDATE ... FROM (VALUES ...); SQLite: executemany in-process, one per row.
    assert statements.updates == (1 if connection.vendor == "postgresql" else 300)


def test_a_load_with_debug_on_keeps_no_log_of_its_statements(tmp_path, settings):
    """DEBUG makes Django format and keep every statement (connection.queries): a tenth of the
    writer's time in a load. A test that counts queries still sees them (force_debug_cursor)."""
    settings.DEBUG = True
    for name, data in generate(3):
        (tmp_path / name).write_bytes(data)
    reset_queries()
    assert load_paths([tmp_path], jobs=0).count("loaded") == 3
    assert [q["sql"] for q in connection.queries if "INSERT" in q["sql"]] == []
    with CaptureQueriesContext(connection) as captured:
        load_paths([tmp_path], jobs=0)
    assert captured.captured_queries  # the files are looked up again, and found
