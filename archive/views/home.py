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
    step = max(1, len(years) // 12)  # at most about twelve year labels
    return {
        "bars": bars,
        "years": years[::step],
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
