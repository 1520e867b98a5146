"""PostgreSQL only: the meetings' list order (date DESC NULLS LAST, id DESC) as an index. There
(date, id) read backwards is date DESC NULLS FIRST, so every page of the list, and the newest
meetings its facets count, sorted all the matches. SQLite reads (date, id) backwards in this
order already (NULL sorts first in its indexes) and cannot write NULLS LAST in an index."""

from django.db import migrations

CREATE = 'CREATE INDEX IF NOT EXISTS meeting_newest_idx ON archive_meeting ("date" DESC NULLS LAST, "id" DESC)'
DROP = "DROP INDEX IF EXISTS meeting_newest_idx"


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("archive", "0024_meeting_division_body_date_id")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
