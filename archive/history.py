"""History baselines. load_minutes writes rows in bulk without history; before the first change
to such a row we record its state as loaded, so every change shows its before and after."""


def ensure_baseline(model, pks) -> None:
    pks = [pk for pk in pks if pk is not None]
    if not pks or not hasattr(model, "history"):
        return
    recorded = set(model.history.filter(id__in=pks).values_list("id", flat=True).distinct())
    missing = [pk for pk in pks if pk not in recorded]
    if missing:
        model.history.bulk_history_create(list(model.objects.filter(pk__in=missing)), default_change_reason="as loaded")
