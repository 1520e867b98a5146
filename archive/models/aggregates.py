from django.db import models
from django.db.models.functions import Coalesce


def per_row(model, field: str, expression, output_field=None, default=None):
    """``expression`` aggregated over the ``model`` rows whose ``field`` points at the outer row.

    A correlated subquery: evaluated for the rows of a page only, where a JOIN + GROUP BY
    would aggregate the whole table before LIMIT.
    """
    rows = model.objects.filter(**{field: models.OuterRef("pk")}).order_by().values(field)
    value = models.Subquery(rows.annotate(value=expression).values("value"), output_field=output_field)
    return value if default is None else Coalesce(value, default, output_field=output_field)
