"""0009_warnings_as_values: stored "kind: message" strings become {"kind", "message"} objects, and
back when the migration is reversed."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.loading.migrations import migrate, old_source

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


def sources(apps):
    return apps.get_model("archive", "SourceDocument").objects


def test_warnings_become_values_and_back():
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = migrate(BEFORE)
        ids = [old_source(old, 1, warnings=OLD).pk, old_source(old, 2, warnings=[]).pk]

        new = migrate(AFTER)
        assert [sources(new).get(pk=pk).warnings for pk in ids] == [NEW, []]

        old = migrate(BEFORE)
        assert [sources(old).get(pk=pk).warnings for pk in ids] == [OLD, []]
    finally:
        MigrationExecutor(connection).migrate(leaves)
