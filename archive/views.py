"""Public pages: thin views over the querysets in archive.models; any list also as CSV/JSON."""

import re
from collections import defaultdict

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render

from .exports import FORMATS, SOURCE_COLUMNS, export_response, with_source
from .forms import AgendaItemFilterForm, MeetingFilterForm, SearchForm
from .models import AgendaItem, Document, Meeting, Official, OfficialRedirect, Participation, Role

PAGE_SIZE = 50
CHART_MONTHS = 36


# Page numbers are 1 to 999,999,999 written in ASCII digits: int() would also take "١٢", " 7" or
# "1_0", and a bigger number overflows SQLite's OFFSET.
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,8}")


def _page_number(request) -> int:
    """The page asked for; anything that is not a page number is a 404, never a 500."""
    value = request.GET.get("page", "1")
    if not PAGE_NUMBER.fullmatch(value):
        raise Http404("no such page")
    return int(value)


def _page(request, queryset):
    paginator = Paginator(queryset, PAGE_SIZE)
    number = _page_number(request)
    if number > 1 and number > paginator.num_pages:
        raise Http404("no such page")
    return paginator.page(number)


class WindowPage:
    """A page that knows whether a next one exists without counting every match (one query)."""

    def __init__(self, queryset, number):
        offset = (number - 1) * PAGE_SIZE
        rows = list(queryset[offset : offset + PAGE_SIZE + 1])
        if number > 1 and not rows:
            raise Http404("no such page")
        self.object_list, self.number = rows[:PAGE_SIZE], number
        self._more = len(rows) > PAGE_SIZE
        self.paginator = None

    def __iter__(self):
        return iter(self.object_list)

    def has_next(self):
        return self._more

    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.has_next() or self.has_previous()

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1


def _window(request, queryset):
    return WindowPage(queryset, _page_number(request))


def _export_format(request):
    fmt = request.GET.get("format")
    return fmt if fmt in FORMATS else None


def _refused_export(form):
    """A download with a filter that is not valid: say which, rather than export everything."""
    if form.is_bound and not form.is_valid():
        lines = [f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()]
        return HttpResponseBadRequest("\n".join(lines), content_type="text/plain; charset=utf-8")
    return None


def _query_without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("format", None)
    return params.urlencode()


def home(request):
    monthly = list(
        Meeting.objects.filter(year__isnull=False, month__isnull=False)
        .values("year", "month")
        .annotate(count=Count("id"))
        .order_by("-year", "-month")[:CHART_MONTHS]
    )
    context = {
        "counts": {
            "meetings": Meeting.objects.count(),
            "officials": Official.objects.count(),
            "agenda_items": AgendaItem.objects.count(),
            "documents": Document.objects.count(),
        },
        "latest": Meeting.objects.newest_first().with_chairs()[:10],
        "chart": _chart(list(reversed(monthly))),
        "form": SearchForm(),
    }
    return render(request, "archive/home.html", context)


def _chart(monthly, height=120, bar=14, gap=4):
    """Bars for a server-rendered SVG of meetings per month."""
    peak = max((m["count"] for m in monthly), default=0) or 1
    bars = []
    for index, m in enumerate(monthly):
        h = max(1, round(m["count"] / peak * (height - 20)))
        bars.append({**m, "x": index * (bar + gap), "y": height - h, "height": h, "width": bar})
    return {"bars": bars, "width": max(len(bars) * (bar + gap), 1), "height": height, "peak": peak}


def meeting_list(request):
    form = MeetingFilterForm(request.GET or None)
    meetings = form.filter(Meeting.objects.all()).newest_first()
    fmt = _export_format(request)
    if fmt:
        return _refused_export(form) or export_response(
            with_source(meetings.with_chairs()).iterator(chunk_size=2000),
            MEETING_COLUMNS + SOURCE_COLUMNS,
            "meetings",
            fmt,
        )
    page = _page(request, meetings.with_chairs())
    bodies = cache.get_or_set("meeting-bodies", _known_bodies, BODY_SUGGESTIONS_TTL)
    context = {"form": form, "page": page, "query": _query_without_page(request), "bodies": bodies}
    return render(request, "archive/meeting_list.html", context)


BODY_SUGGESTIONS_TTL = 300  # seconds; the list only feeds the body field's suggestions


def _known_bodies():
    return list(Meeting.objects.exclude(body="").values_list("body", flat=True).distinct().order_by("body")[:200])


MEETING_COLUMNS = [
    ("id", lambda m: m.id),
    ("date", lambda m: m.date.isoformat() if m.date else None),
    ("year", lambda m: m.year),
    ("month", lambda m: m.month),
    ("day", lambda m: m.day),
    ("part_of_day", lambda m: m.part_of_day),
    ("body", lambda m: m.body),
    ("session_number", lambda m: m.session_number),
    ("locality", lambda m: m.locality),
    ("chair", lambda m: [p.name for p in m.chairs]),
]


def meeting_detail(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("source"), pk=pk)
    participations = meeting.participations.select_related("official").order_by("order")
    by_role = defaultdict(list)
    for p in participations:
        by_role[p.role].append(p)
    groups = [(label, by_role[role]) for role, label in Role.choices if by_role[role]]
    items = meeting.agenda_items.prefetch_related("documents").order_by("order")
    show_original = request.GET.get("text") == "original"
    context = {
        "meeting": meeting,
        "groups": groups,
        "items": items,
        "documents": meeting.documents.all(),
        "show_original": show_original,
        "source_text": meeting.source.raw_text if show_original else meeting.source.text,
        "source_name": file_name(meeting.source.path),
    }
    return render(request, "archive/meeting_detail.html", context)


def file_name(path: str) -> str:
    """The last part of a stored path, POSIX or Windows: the server's folders are nobody's business."""
    return re.split(r"[\\/]", path)[-1]


def official_list(request):
    form = SearchForm(request.GET or None)
    q = form.cleaned_data.get("q") if form.is_valid() else ""
    officials = Official.objects.matching(q) if q else Official.objects.all()
    officials = officials.order_by("pinyin_key", "id")
    fmt = _export_format(request)
    if fmt:
        return _refused_export(form) or export_response(
            officials.iterator(chunk_size=2000), OFFICIAL_COLUMNS, "officials", fmt
        )
    page = _page(request, officials)
    counts = dict(
        Participation.objects.filter(official__in=[o.id for o in page])
        .values("official_id")
        .annotate(n=Count("meeting_id", distinct=True))
        .values_list("official_id", "n")
    )
    for official in page:
        official.meeting_count = counts.get(official.id, 0)
    context = {"form": form, "page": page, "query": _query_without_page(request)}
    return render(request, "archive/official_list.html", context)


OFFICIAL_COLUMNS = [
    ("id", lambda o: o.id),
    ("name", lambda o: o.name),
    ("pinyin", lambda o: o.pinyin),
    ("locality", lambda o: o.locality),
]


def official_detail(request, pk):
    official = Official.objects.filter(pk=pk).first()
    if official is None:
        moved = OfficialRedirect.objects.filter(old_id=pk).first()
        if moved:
            return redirect("archive:official_detail", pk=moved.official_id, permanent=True)
        raise Http404("no such official")
    taking_part = official.participations.order_by(
        "meeting__date", "meeting__year", "meeting__month", "meeting__day", "meeting_id", "order"
    )
    page = _page(request, taking_part.select_related("meeting"))
    their_meetings = Participation.objects.filter(official=official).values("meeting_id")
    most_met = list(
        Participation.objects.filter(meeting_id__in=their_meetings, official__isnull=False)
        .exclude(official=official)
        .values("official_id")
        .annotate(meetings=Count("meeting_id", distinct=True))
        .order_by("-meetings", "official_id")[:12]
    )
    names = dict(Official.objects.filter(id__in=[m["official_id"] for m in most_met]).values_list("id", "name"))
    met_with = [{**m, "official__name": names.get(m["official_id"], "")} for m in most_met]
    context = {
        "official": official,
        "page": page,
        "query": _query_without_page(request),
        "meeting_count": page.paginator.count,
        "titles_over_time": _titles_over_time(taking_part),
        "met_with": met_with,
        "aliases": official.aliases.all(),
    }
    return render(request, "archive/official_detail.html", context)


def _titles_over_time(participations):
    """Each set of titles written with the name: first and last meeting (in meeting order), count."""
    rows = participations.values_list("titles", "meeting_id", "meeting__year", "meeting__month", "meeting__day")
    seen: dict[tuple, dict] = {}
    for row in rows:
        titles = tuple(row[0])
        if not titles:
            continue
        if titles not in seen:
            seen[titles] = {"titles": titles, "first": _ymd(row), "count": 0}
        seen[titles]["last"] = _ymd(row)
        seen[titles]["count"] += 1
    return list(seen.values())


def _ymd(row) -> str:
    _, _, year, month, day = row
    return "".join(f"{v}{unit}" for v, unit in ((year, "年"), (month, "月"), (day, "日")) if v) or "—"


def agenda_item_list(request):
    form = AgendaItemFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    items = AgendaItem.objects.matching(data.get("q", "")) if data.get("q") else AgendaItem.objects.all()
    if data.get("kind"):
        items = items.filter(kind=data["kind"])
    # Newest meetings first by id (load order), and meetings fetched for the page only: a sort by
    # date, or a join, would make SQLite visit every match before the first row.
    items = items.order_by("-meeting_id", "order")
    fmt = _export_format(request)
    if fmt:
        rows = items.select_related("meeting").iterator(chunk_size=2000)
        return _refused_export(form) or export_response(rows, AGENDA_COLUMNS, "agenda-items", fmt)
    context = {
        "form": form,
        "page": _window(request, items.prefetch_related("meeting")),
        "query": _query_without_page(request),
    }
    return render(request, "archive/agenda_item_list.html", context)


AGENDA_COLUMNS = [
    ("id", lambda a: a.id),
    ("meeting_id", lambda a: a.meeting_id),
    ("meeting_date", lambda a: a.meeting.date.isoformat() if a.meeting.date else None),
    ("body", lambda a: a.meeting.body),
    ("order", lambda a: a.order),
    ("title", lambda a: a.title),
    ("kind", lambda a: a.kind),
]


def document_list(request):
    form = SearchForm(request.GET or None)
    q = form.cleaned_data.get("q") if form.is_valid() else ""
    documents = Document.objects.matching(q).order_by("title")
    fmt = _export_format(request)
    if fmt:
        return _refused_export(form) or export_response(
            documents.iterator(chunk_size=2000), DOCUMENT_COLUMNS, "documents", fmt
        )
    citing = Prefetch("meetings", queryset=Meeting.objects.newest_first(), to_attr="citing")
    page = _page(request, documents.annotate(meeting_count=Count("meetings")).prefetch_related(citing))
    context = {"form": form, "page": page, "query": _query_without_page(request)}
    return render(request, "archive/document_list.html", context)


DOCUMENT_COLUMNS = [("id", lambda d: d.id), ("title", lambda d: d.title)]
