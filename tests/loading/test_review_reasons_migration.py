"""0011_review_reasons_as_values: meetings' stored reason strings ("year-missing", "ambiguous-official:
NAME") become {"kind", "detail"} objects, in the meetings and in their history, and back when the
migration is reversed."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.loading.migrations import migrate, old_source

# Migrations need a database outside the test's transaction; serialized_rollback puts back what
# the data migrations wrote (the division table) for the tests that come after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = ("archive", "0010_participation_meeting_role_index")
AFTER = ("archive", "0011_review_reasons_as_values")
OLD = ["year-missing", "chair-missing", "ambiguous-official: 陈健", "ambiguous-division"]
NEW = [
    {"kind": "year-missing", "detail": None},
    {"kind": "chair-missing", "detail": None},
    {"kind": "ambiguous-official", "detail": "陈健"},
    {"kind": "ambiguous-division", "detail": None},
]


def meeting(apps, n: int, reasons) -> tuple[int, int]:
    """A meeting with these reasons, and a history row of it with them too: (meeting id, history id)."""
    source = old_source(apps, n)
    row = apps.get_model("archive", "Meeting").objects.create(
        source=source, needs_review=bool(reasons), review_reasons=reasons
    )
    history = apps.get_model("archive", "HistoricalMeeting").objects.create(
        id=row.id,
        source_id=source.id,
        needs_review=bool(reasons),
        review_reasons=reasons,
        created_at=timezone.now(),
        history_date=timezone.now(),
        history_type="+",
    )
    return row.id, history.history_id


def stored(apps, ids):
    meetings = apps.get_model("archive", "Meeting").objects
    history = apps.get_model("archive", "HistoricalMeeting").objects
    return [(meetings.get(pk=m).review_reasons, history.get(pk=h).review_reasons) for m, h in ids]


def test_review_reasons_become_values_and_back():
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = migrate(BEFORE)
        ids = [meeting(old, 1, OLD), meeting(old, 2, [])]

        new = migrate(AFTER)
        assert stored(new, ids) == [(NEW, NEW), ([], [])]

        old = migrate(BEFORE)
        assert stored(old, ids) == [(OLD, OLD), ([], [])]
    finally:
        MigrationExecutor(connection).migrate(leaves)
