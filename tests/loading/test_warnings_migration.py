"""0009_warnings_as_values: stored "kind: message" strings become {"kind", "message"} objects, and
back when the migration is reversed."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# Migrations need a database outside the test's transaction; serialized_rollback puts back what
# the data migrations wrote (the division table) for the tests that come after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = ("archive", "0008_posts_tenures")
AFTER = ("archive", "0009_warnings_as_values")
OLD = [
    "year-from-option: the text gives no year; 2019 is taken from --year",
    "date-invalid: 2021年2月30日 is not a calendar date",
    "ambiguous-division: 朝阳区 may be 北京市朝阳区、长春市朝阳区; set the meeting's division",
]
NEW = [
    {"kind": "year-from-option", "message": "the text gives no year; 2019 is taken from --year"},
    {"kind": "date-invalid", "message": "2021年2月30日 is not a calendar date"},
    {"kind": "ambiguous-division", "message": "朝阳区 may be 北京市朝阳区、长春市朝阳区; set the meeting's division"},
]


def migrate(target):
    """Migrate to ``target``; the models as they are there."""
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    executor.loader.build_graph()
    return executor.loader.project_state([target]).apps.get_model("archive", "SourceDocument")


def source(model, n: int, warnings):
    return model.objects.create(
        path=f"{n}.txt",
        sha256=f"{n:064d}",
        text_sha256=f"{n:064d}",
        encoding="utf-8",
        script="simplified",
        raw_text="…",
        text="…",
        parser_version="2",
        warnings=warnings,
    )


def test_warnings_become_values_and_back():
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = migrate(BEFORE)
        ids = [source(old, 1, OLD).pk, source(old, 2, []).pk]

        new = migrate(AFTER)
        assert [new.objects.get(pk=pk).warnings for pk in ids] == [NEW, []]

        old = migrate(BEFORE)
        assert [old.objects.get(pk=pk).warnings for pk in ids] == [OLD, []]
    finally:
        migrate_to_latest(leaves)


def migrate_to_latest(leaves):
    executor = MigrationExecutor(connection)
    executor.migrate(leaves)
