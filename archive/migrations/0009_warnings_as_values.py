"""Sources' warnings as values: each "kind: message" string becomes {"kind": ..., "message": ...}
(archive.parsing.result.ParseWarning.as_stored), and back when reversed. No schema change: the
column stays JSON. The conversions are copied here, not imported, so the migration keeps doing
what it did whatever the code becomes."""

from django.db import migrations

CHUNK = 2000


def warning_as_value(warning):
    """'year-missing: the text gives no year' → {"kind": "year-missing", "message": "the text gives no year"}.
    A value already (a run interrupted and run again) stays as it is."""
    if not isinstance(warning, str):
        return warning
    kind, _, message = warning.partition(":")
    return {"kind": kind.strip(), "message": message.strip()}


def warning_as_text(warning):
    """The reverse: {"kind": k, "message": m} → "k: m", as the JSON contract writes it."""
    if not isinstance(warning, dict):
        return warning
    return f"{warning['kind']}: {warning['message']}" if warning.get("message") else warning["kind"]


def _convert(apps, convert):
    """Every source's warnings through ``convert``, a chunk at a time by id: each chunk is read
    whole before it is written (SQLite does not isolate a cursor from writes to its table)."""
    SourceDocument = apps.get_model("archive", "SourceDocument")
    last = 0
    while chunk := list(SourceDocument.objects.filter(id__gt=last).order_by("id").only("id", "warnings")[:CHUNK]):
        last = chunk[-1].id
        changed = []
        for source in chunk:
            warnings = [convert(w) for w in source.warnings or []]
            if warnings != (source.warnings or []):
                source.warnings = warnings
                changed.append(source)
        SourceDocument.objects.bulk_update(changed, ["warnings"])


def forwards(apps, schema_editor):
    _convert(apps, warning_as_value)


def backwards(apps, schema_editor):
    _convert(apps, warning_as_text)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0008_posts_tenures"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
