"""The home page: the archive's counts, its latest meetings and a chart of meetings per month."""

from django.db.models import Count
from django.shortcuts import render

from ..forms import MeetingFilterForm
from ..models import AgendaItem, Document, Meeting, Official
from ..templatetags.archive_tags import date_label


def home(request):
    context = {
        "counts": {
            "meetings": Meeting.objects.count(),
            "officials": Official.objects.count(),
            "agenda_items": AgendaItem.objects.count(),
            "documents": Document.objects.count(),
        },
        "latest": Meeting.objects.newest_first().with_chairs()[:10],
        "chart": month_chart(
            Meeting.objects.filter(year__isnull=False, month__isnull=False)
            .values("year", "month")
            .annotate(count=Count("id"))
            .order_by()
        ),
        "form": MeetingFilterForm(),
    }
    return render(request, "archive/home.html", context)


YEAR_LABEL_WIDTH = 30  # px: four digits at the chart's 10 px, and a gap


def spaced_labels(labels: list[dict], width: int) -> list[dict]:
    """The labels that fit side by side, left to right, ``width`` apart. The first month's year
    (November 2020, say) gives way to the next January's label when they would overlap."""
    if len(labels) > 1 and labels[1]["x"] - labels[0]["x"] < width:
        labels = labels[1:]
    kept = []
    for label in labels:
        if not kept or label["x"] - kept[-1]["x"] >= width:
            kept.append(label)
    return kept


def month_chart(monthly, height=160, bar=10, gap=2, left=36, bottom=28):
    """An SVG bar chart of meetings per month over the archive's whole range, empty months kept
    (a gap in the minutes stays visible); each bar links to that month's meetings."""
    counts = {(m["year"], m["month"]): m["count"] for m in monthly}
    if not counts:
        return {"bars": []}
    (y, mo), last = min(counts), max(counts)
    months = []
    while (y, mo) <= last:
        months.append((y, mo))
        y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    peak = max(counts.values())
    plot = height - bottom - 8
    bars, years = [], []
    for index, (year, month) in enumerate(months):
        count = counts.get((year, month), 0)
        h = round(count / peak * plot)
        x = left + index * (bar + gap)
        bars.append(
            {"year": year, "month": month, "count": count, "x": x, "y": height - bottom - h, "height": h, "width": bar}
        )
        if month == 1 or index == 0:
            years.append({"year": year, "x": x})
    return {
        "bars": bars,
        "years": spaced_labels(years, YEAR_LABEL_WIDTH),
        "width": left + len(months) * (bar + gap),
        "height": height,
        "peak": peak,
        "base": height - bottom,
        "top": height - bottom - plot,
        "plot": plot,
        "left": left,
        "first": date_label(*months[0], None),
        "last": date_label(*months[-1], None),
    }
