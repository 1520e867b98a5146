"""Search in the minutes' own words (README, "Search in the text"): the same bigram mechanism as
0002, over each meeting's source text (SourceDocument.text).

SQLite: an FTS5 table of the text's bigrams, rowid = meeting id. It is contentless (the bigrams
of a whole text are three times its size; the text itself is stored once, in the source), and
keeps column sizes for bm25 ranking. archive.search writes it with the meetings.
PostgreSQL: a GIN index over the bigram array of the lower-cased text, computed by an immutable
SQL function, so nothing is stored twice and nothing is written at load time.
"""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE archive_text_fts USING fts5(bigrams, content='', tokenize='unicode61')",
]
SQLITE_REVERSE = ["DROP TABLE IF EXISTS archive_text_fts"]
POSTGRESQL = [
    "CREATE FUNCTION archive_bigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ "
    "SELECT coalesce(array_agg(DISTINCT substr(t, i, 2)), '{}') FROM generate_series(1, char_length(t) - 1) AS i $$",
    "CREATE INDEX archive_source_text_bigrams_gin ON archive_sourcedocument USING gin (archive_bigrams(lower(text)))",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS archive_source_text_bigrams_gin",
    "DROP FUNCTION IF EXISTS archive_bigrams(text)",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(vendor, []):
        schema_editor.execute(statement)
    if vendor == "sqlite":
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
    for statement in {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}.get(
        schema_editor.connection.vendor, []
    ):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("archive", "0016_perf_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]
