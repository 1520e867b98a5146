"""Meetings' review reasons as values: each string ("year-missing", "ambiguous-official: 王伟")
becomes {"kind": ..., "detail": ...} (archive.writing.review.ReviewReason.as_stored), and back
when reversed; the meetings' history rows too, so a version restored from the history is a value
as well. No schema change: the column stays JSON. The conversions are copied here, not imported,
so the migration keeps doing what it did whatever the code becomes."""

from django.db import migrations

CHUNK = 2000


def reason_as_value(reason):
    """'ambiguous-official: 王伟' → {"kind": "ambiguous-official", "detail": "王伟"}; 'year-missing' →
    {"kind": "year-missing", "detail": None}. A value already (a run interrupted and run again)
    stays as it is."""
    if not isinstance(reason, str):
        return reason
    kind, _, detail = reason.partition(":")
    return {"kind": kind.strip(), "detail": detail.strip() or None}


def reason_as_text(reason):
    """The reverse: {"kind": k, "detail": d} → "k: d", or "k" without a detail."""
    if not isinstance(reason, dict):
        return reason
    return f"{reason['kind']}: {reason['detail']}" if reason.get("detail") else reason["kind"]


def _convert_table(model, convert):
    """Every row's reasons through ``convert``, a chunk at a time by primary key: each chunk is
    read whole before it is written (SQLite does not isolate a cursor from writes to its table)."""
    pk = model._meta.pk.attname
    last = None
    while True:
        rows = model.objects.order_by(pk).only(pk, "review_reasons")
        if last is not None:
            rows = rows.filter(**{f"{pk}__gt": last})
        chunk = list(rows[:CHUNK])
        if not chunk:
            return
        last = getattr(chunk[-1], pk)
        changed = []
        for row in chunk:
            reasons = [convert(r) for r in row.review_reasons or []]
            if reasons != (row.review_reasons or []):
                row.review_reasons = reasons
                changed.append(row)
        model.objects.bulk_update(changed, ["review_reasons"])


def _convert(apps, convert):
    for name in ("Meeting", "HistoricalMeeting"):
        _convert_table(apps.get_model("archive", name), convert)


def forwards(apps, schema_editor):
    _convert(apps, reason_as_value)


def backwards(apps, schema_editor):
    _convert(apps, reason_as_text)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0010_participation_meeting_role_index"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
