"""The database side of archive.search: an FTS5 table on SQLite, a GIN index on PostgreSQL."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE archive_search_fts USING fts5("
    "bigrams, content='archive_searchentry', content_rowid='meeting_id', tokenize='unicode61', columnsize=0)",
    "CREATE TRIGGER archive_searchentry_ai AFTER INSERT ON archive_searchentry BEGIN "
    "INSERT INTO archive_search_fts(rowid, bigrams) VALUES (new.meeting_id, new.bigrams); END",
    "CREATE TRIGGER archive_searchentry_ad AFTER DELETE ON archive_searchentry BEGIN "
    "INSERT INTO archive_search_fts(archive_search_fts, rowid, bigrams) VALUES ('delete', old.meeting_id, old.bigrams); END",
    "CREATE TRIGGER archive_searchentry_au AFTER UPDATE ON archive_searchentry BEGIN "
    "INSERT INTO archive_search_fts(archive_search_fts, rowid, bigrams) VALUES ('delete', old.meeting_id, old.bigrams); "
    "INSERT INTO archive_search_fts(rowid, bigrams) VALUES (new.meeting_id, new.bigrams); END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS archive_searchentry_ai",
    "DROP TRIGGER IF EXISTS archive_searchentry_ad",
    "DROP TRIGGER IF EXISTS archive_searchentry_au",
    "DROP TABLE IF EXISTS archive_search_fts",
]
POSTGRESQL = [
    "CREATE INDEX archive_searchentry_bigrams_gin ON archive_searchentry "
    "USING gin (regexp_split_to_array(bigrams, ' '))",
]
POSTGRESQL_REVERSE = ["DROP INDEX IF EXISTS archive_searchentry_bigrams_gin"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("archive", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
