"""The metadata search on PostgreSQL reads a stored bigram array (issue 16): 0002's GIN index over
``regexp_split_to_array(bigrams, ' ')`` made every row the planner checked split its bigrams
again (165 µs a row: 140 ms to count a common word's first 1,001 matches at 10,000 meetings).
``grams`` is a generated column, split once when the row is written (``string_to_array``, 19 µs),
under a GIN index. SQLite keeps its FTS5 table (0002).
"""

from django.db import migrations

POSTGRESQL = [
    "ALTER TABLE archive_searchentry ADD COLUMN grams text[] "
    "GENERATED ALWAYS AS (string_to_array(bigrams, ' ')) STORED",
    "CREATE INDEX archive_searchentry_grams_gin ON archive_searchentry USING gin (grams)",
    "DROP INDEX IF EXISTS archive_searchentry_bigrams_gin",
]
POSTGRESQL_REVERSE = [
    "CREATE INDEX archive_searchentry_bigrams_gin ON archive_searchentry "
    "USING gin (regexp_split_to_array(bigrams, ' '))",
    "DROP INDEX IF EXISTS archive_searchentry_grams_gin",
    "ALTER TABLE archive_searchentry DROP COLUMN IF EXISTS grams",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("archive", "0022_meeting_division_body_index")]

    operations = [migrations.RunPython(_run(POSTGRESQL), _run(POSTGRESQL_REVERSE))]
