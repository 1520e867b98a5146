"""The rows of 0018_division_history's fields, in a migration of their own: on PostgreSQL, rows
written in the migration that adds the successor foreign key leave trigger events pending when the
deferred CREATE INDEX runs ("cannot CREATE INDEX ... because it has pending trigger events")."""

from django.db import migrations


def load_history(apps, schema_editor):
    """Validity years and successors for today's divisions, and the divisions since 1981 that are no
    longer in use (绍兴县 330621, 1983–2013, continued by 柯桥区 330603), from the data file
    archive/data/divisions_history.csv."""
    from archive.divisions import load_divisions

    load_divisions(apps.get_model("archive", "Division"))


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0018_division_history"),
    ]

    operations = [
        migrations.RunPython(load_history, migrations.RunPython.noop),
    ]
