"""History baselines. load_minutes writes rows in bulk without history; before the first change
to such a row we record its state as loaded, so every change shows its before and after.

The baseline belongs to the loader, not to whoever changes the row first: no user, the time the
row was loaded (its ``created_at``, or its meeting's for participations and agenda items), and
the reason ``AS_LOADED``."""

from django.utils.translation import gettext_noop

AS_LOADED = gettext_noop("as loaded by load_minutes")


def ensure_baseline(model, pks) -> None:
    pks = [pk for pk in pks if pk is not None]
    if not pks or not hasattr(model, "history"):
        return
    recorded = set(model.history.filter(id__in=pks).values_list("id", flat=True).distinct())
    missing = [pk for pk in pks if pk not in recorded]
    if not missing:
        return
    rows = model.objects.filter(pk__in=missing)
    if not hasattr(model, "created_at") and hasattr(model, "meeting"):
        rows = rows.select_related("meeting")
    rows = list(rows)
    for row in rows:
        row._history_user = None  # not the request's user: simple-history would take it
        loaded_at = getattr(row, "created_at", None) or getattr(getattr(row, "meeting", None), "created_at", None)
        if loaded_at is not None:
            row._history_date = loaded_at
    model.history.bulk_history_create(rows, default_change_reason=AS_LOADED)
