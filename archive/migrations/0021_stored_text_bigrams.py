"""Search in the text on PostgreSQL reads stored bigrams (issue 16): 0017's GIN index over
``archive_bigrams(lower(text))`` made the planner evaluate that function on every row it checked
(1.4 s to count a common word over 10,000 meetings). The bigrams are now a table, written by the
loader with the meeting (archive.search.index_texts, as the FTS5 table is on SQLite): one row a
meeting, its text's distinct bigrams as an array under a GIN index.

Newest first on PostgreSQL: the (date, id) index read backwards gives dates descending with the
undated first, but pages want them last (NULLS LAST, as SQLite's order is); this index gives that
order, so a search that matches many meetings walks it and stops at a page.

No foreign key, as for the FTS5 table: Django's flush truncates the meetings without cascading,
and archive.search deletes the rows with their meetings (an id is never reused, and a write
replaces a row already there).
"""

from django.db import migrations

POSTGRESQL = [
    "CREATE TABLE archive_text_grams (meeting_id bigint PRIMARY KEY, grams text[] NOT NULL)",
    "CREATE INDEX archive_text_grams_gin ON archive_text_grams USING gin (grams)",
    "DROP INDEX IF EXISTS archive_source_text_bigrams_gin",
    "DROP FUNCTION IF EXISTS archive_bigrams(text)",
    "CREATE INDEX meeting_newest_idx ON archive_meeting (date DESC NULLS LAST, id DESC)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS meeting_newest_idx",
    "DROP TABLE IF EXISTS archive_text_grams",
    "CREATE FUNCTION archive_bigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ "
    "SELECT coalesce(array_agg(DISTINCT substr(t, i, 2)), '{}') FROM generate_series(1, char_length(t) - 1) AS i $$",
    "CREATE INDEX archive_source_text_bigrams_gin ON archive_sourcedocument USING gin (archive_bigrams(lower(text)))",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in POSTGRESQL:
        schema_editor.execute(statement)
    from archive.search import index_texts

    meetings = apps.get_model("archive", "Meeting").objects.order_by("id").values_list("id", "source__text")
    batch = []
    for row in meetings.iterator(chunk_size=500):
        batch.append(row)
        if len(batch) == 500:
            index_texts(batch)
            batch = []
    index_texts(batch)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRESQL_REVERSE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("archive", "0020_meeting_assigned_to")]

    operations = [migrations.RunPython(forwards, backwards)]
