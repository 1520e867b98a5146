from django.db import migrations, models

# PostgreSQL reads a B-tree backwards as date DESC NULLS FIRST, and the list's order puts undated
# meetings last (date DESC NULLS LAST, id DESC): there a body's year needs an index in that order,
# as the whole list has meeting_newest_idx (migration 0021). SQLite sorts NULLs first ascending,
# so the plain index read backwards is the list's order.
POSTGRES_INDEX = (
    "CREATE INDEX meeting_body_year_newest_idx ON archive_meeting (body, year, date DESC NULLS LAST, id DESC)"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_INDEX)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS meeting_body_year_newest_idx")


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0024_meeting_division_body_date_id"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="meeting",
            name="meeting_body_idx",
        ),
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(fields=["body", "year", "date", "id"], name="meeting_body_year_idx"),
        ),
        migrations.RunPython(forwards, backwards),
    ]
