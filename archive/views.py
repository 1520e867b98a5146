"""Public pages: thin views over the querysets in archive.models; any list also as CSV/JSON.

Every list is an ``ArchiveListView``: one declared form filters it, ``sorts`` names its sortable
columns, the paginator counts once and turns any bad page into a 404, and ``?format=csv|json``
streams the same rows with the columns of archive.columns (archive.exports writes them).
"""

import hashlib
import re
from collections import defaultdict

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import InvalidPage, Paginator
from django.db import connection
from django.db.models import Count, F, Q
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.generic import ListView

from . import columns, exports
from .exports import FORMATS, export_response
from .forms import AgendaItemFilterForm, DocumentFilterForm, MeetingFilterForm, OfficialFilterForm
from .models import AgendaItem, Document, Meeting, Official, OfficialRedirect, Participation, Role, SearchEntry
from .paging import COUNT_CAP, CappedPaginator, capped_count
from .parsing.textsearch import normalise_query, pinyin_query
from .templatetags.archive_tags import date_label, linkable_params, role_heading

PAGE_SIZE = 50
FACET_SIZE = 12
FACETS_TTL = 300  # seconds: facet counts of one filter set
BODY_SUGGESTIONS_TTL = 300  # seconds; the list only feeds the body field's suggestions

# Page numbers are 1 to 999,999,999 written in ASCII digits: int() would also take "١٢", " 7" or
# "1_0", and a bigger number overflows SQLite's OFFSET.
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,8}")


class ArchivePaginator(Paginator):
    """Counts once, on the filtered rows without their ordering, annotations or prefetches."""

    def __init__(self, object_list, per_page, count_queryset=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._count_queryset = count_queryset

    @cached_property
    def count(self):
        rows = self._count_queryset if self._count_queryset is not None else self.object_list
        return rows.order_by().count()


class ArchiveListView(ListView):
    """form → filter → sort → export or page → render."""

    paginate_by = PAGE_SIZE
    paginator_class = ArchivePaginator
    form_class = None
    sorts: dict = {}  # ?sort= value -> ordering
    default_sort = ""
    export_name = ""
    export_table: columns.Table | None = None  # the columns of ?format=csv|json (archive.columns)
    searchable = True  # ?q= searches: counted up to a cap (archive.paging)

    def get(self, request, *args, **kwargs):
        self.form = self.form_class(request.GET or None)
        self.data = self.form.cleaned_data if self.form.is_valid() else {}
        fmt = request.GET.get("format")
        if fmt in FORMATS and self.export_name:
            if self.form.is_bound and not self.form.is_valid():
                lines = [f"{name}: {' '.join(errors)}" for name, errors in self.form.errors.items()]
                return HttpResponseBadRequest("\n".join(lines), content_type="text/plain; charset=utf-8")
            columns.SITE.set_base(request)
            return export_response(self.export_table, self.get_queryset(), self.export_name, fmt)
        return super().get(request, *args, **kwargs)

    def filtered(self):
        """The rows that pass the form's filters, unordered."""
        return self.form.filter(self.base_queryset(), self.data)

    @cached_property
    def sort(self):
        value = self.request.GET.get("sort", "")
        return value if value in self.sorts else self.default_sort

    def get_queryset(self):
        return self.filtered().order_by(*self.sorts[self.sort]) if self.sorts else self.filtered()

    def for_page(self, queryset):
        """What a page shows beyond the rows themselves (prefetches); exports add their own."""
        return queryset

    def paginate_queryset(self, queryset, page_size):
        value = self.request.GET.get("page", "1")
        if not PAGE_NUMBER.fullmatch(value):
            raise Http404("no such page")
        paginator = self.make_paginator(self.for_page(queryset), page_size)
        try:
            page = paginator.page(int(value))
        except InvalidPage as error:
            raise Http404("no such page") from error
        return paginator, page, page.object_list, page.has_other_pages()

    def make_paginator(self, rows, page_size):
        """Counts the filtered rows; a search counts up to a cap instead (archive.paging)."""
        if self.search_found is not None:
            return CappedPaginator(rows, page_size, self.search_found, cap=COUNT_CAP)
        return self.paginator_class(rows, page_size, count_queryset=self.filtered())

    @cached_property
    def search_found(self) -> int | None:
        """With a search (``q``), its matches counted up to the cap; None without one."""
        if not self.searchable or not self.data.get("q"):
            return None
        return capped_count(self.form.filter(self.base_queryset(), self.data))

    @property
    def dense(self) -> bool:
        """The search matches more rows than the cap: pages walk an index in their order."""
        return (self.search_found or 0) > COUNT_CAP

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context.update(
            form=self.form,
            page=page,
            page_range=list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)),
            sort=self.sort,
            query=_query_without_page(self.request),
        )
        return context


def _query_without_page(request):
    params = linkable_params(request.GET)
    params.pop("page", None)
    return params.urlencode()


# Home ------------------------------------------------------------------------------------------


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


# Meetings --------------------------------------------------------------------------------------


NEWEST = (F("date").desc(nulls_last=True), "-id")
OLDEST = (F("date").asc(nulls_last=True), "id")


class MeetingListView(ArchiveListView):
    template_name = "archive/meeting_list.html"
    form_class = MeetingFilterForm
    sorts = {
        "-date": NEWEST,
        "date": OLDEST,
        "body": ("body", *NEWEST),
        "-body": ("-body", *NEWEST),
        "locality": ("locality", *NEWEST),
        "-locality": ("-locality", *NEWEST),
    }
    default_sort = "-date"
    export_name = "meetings"
    export_table = columns.MEETINGS

    def base_queryset(self):
        return Meeting.objects.all()

    def filtered(self):
        return self.form.filter(self.base_queryset(), self.data, dense=self.dense)

    def for_page(self, queryset):
        return queryset.with_chairs()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        q = self.data.get("q", "")
        context.update(
            bodies=cache.get_or_set("meeting-bodies", _known_bodies, BODY_SUGGESTIONS_TTL),
            facets=self.facets(),
            converted=_converted(q),
            feed_body=self.data.get("body") or "",
        )
        if q:
            snippets = search_snippets(context["page"].object_list, q)
            for meeting in context["page"].object_list:
                meeting.snippet = snippets.get(meeting.id, "")
        return context

    def facets(self):
        """Counts by body, locality, year and role over the filtered meetings (cached per filter set
        and state of the archive: they are GROUP BYs over every match)."""
        state = (sorted(self.data.items()), _archive_state())
        key = "facets:" + hashlib.sha256(repr(state).encode()).hexdigest()
        found = cache.get(key)
        if found is None:
            found = _facets(self.filtered())
            cache.set(key, found, FACETS_TTL)
        chosen = {name: str(self.data.get(name) or "") for name in ("body", "locality", "year", "role")}
        return [
            {"name": name, "label": label, "chosen": chosen[name], "values": found[name]}
            for name, label in MeetingFilterForm.FACETS
        ]


def _archive_state() -> tuple:
    """Changes when a meeting is loaded or a curator edits a meeting or a participation (their
    history rows): cached counts are then counted again, not shown stale for FACETS_TTL. Three
    primary-key maxima, read from the ends of their indexes."""
    tables = [Meeting._meta.db_table, Meeting.history.model._meta.db_table, Participation.history.model._meta.db_table]
    quote = connection.ops.quote_name
    meetings, meeting_edits, participation_edits = map(quote, tables)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT MAX(id) FROM {meetings}), (SELECT MAX(history_id) FROM {meeting_edits}),"
            f" (SELECT MAX(history_id) FROM {participation_edits})"
        )
        return tuple(cursor.fetchone())


def _facets(meetings) -> dict:
    def top(field, order):
        rows = meetings.exclude(**{f"{field}__isnull": True})
        if field != "year":
            rows = rows.exclude(**{field: ""})
        rows = rows.values(field).annotate(n=Count("id")).order_by(*order)
        return [(row[field], row["n"]) for row in rows[: FACET_SIZE if field != "year" else 200]]

    # Distinct (meeting, role) pairs first, then counted per role: cheaper than COUNT(DISTINCT).
    pairs = Participation.objects.filter(meeting__in=meetings.values("id")).values("meeting_id", "role").distinct()
    try:
        sql, params = pairs.order_by().query.sql_with_params()
    except EmptyResultSet:  # a filter no meeting can pass (official=<an id too big to exist>)
        role_rows = []
    else:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT role, COUNT(*) AS n FROM ({sql}) pairs GROUP BY role ORDER BY n DESC, role", params)
            role_rows = [{"role": role, "n": n} for role, n in cursor.fetchall()]
    labels = dict(Role.choices)
    return {
        "body": top("body", ("-n", "body")),
        "locality": top("locality", ("-n", "locality")),
        "year": top("year", ("-year",)),
        "role": [(row["role"], row["n"], str(labels.get(row["role"], row["role"]))) for row in role_rows],
    }


def _known_bodies():
    return list(Meeting.objects.exclude(body="").values_list("body", flat=True).distinct().order_by("body")[:200])


def _converted(q: str) -> str:
    """The simplified form of a traditional query, when it differs (to tell the reader)."""
    simplified = normalise_query(q)
    return simplified if q and simplified != " ".join(q.lower().split()) else ""


SNIPPET_SIDE = 30


def search_snippets(meetings, q: str) -> dict:
    """Per meeting, a stretch of its text around the first match, the match marked. A pinyin
    query marks the name of an official it matched."""
    ids = [m.id for m in meetings]
    if not ids:
        return {}
    needles = normalise_query(q).split()
    if pinyin_query(q):
        needles += list(Official.objects.matching(q).values_list("name", flat=True)[:50])
    texts = dict(Meeting.objects.filter(id__in=ids).values_list("id", "source__text"))
    snippets = {}
    for meeting_id, text in texts.items():
        text = text or ""
        lowered = text.lower()
        hits = [(lowered.find(n), n) for n in needles if n and lowered.find(n) >= 0]
        if not hits:
            continue
        at, needle = min(hits)
        start, end = max(0, at - SNIPPET_SIDE), min(len(text), at + len(needle) + SNIPPET_SIDE)
        snippets[meeting_id] = mark_safe(
            ("…" if start else "")
            + escape(" ".join(text[start:at].split()))
            + "<mark>"
            + escape(text[at : at + len(needle)])
            + "</mark>"
            + escape(" ".join(text[at + len(needle) : end].split()))
            + ("…" if end < len(text) else "")
        )
    return snippets


def meeting_detail(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("source"), pk=pk)
    fmt = request.GET.get("format")
    if fmt in FORMATS:
        columns.SITE.set_base(request)
        return export_response(columns.MEETINGS, Meeting.objects.filter(pk=pk), f"meeting-{pk}", fmt)
    participations = meeting.participations.select_related("official").order_by("order")
    by_role = defaultdict(list)
    for p in participations:
        by_role[p.role].append(p)
    groups = [(role_heading(role, len(by_role[role])), by_role[role]) for role in Role.values if by_role[role]]
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
        "previous": _neighbour(meeting, older=True),
        "next": _neighbour(meeting, older=False),
    }
    return render(request, "archive/meeting_detail.html", context)


def _neighbour(meeting, older: bool):
    """The meeting of the same body just before (or after) this one, in (date, id) order; meetings
    without a date come after every dated one."""
    if not meeting.body:
        return None
    same = Meeting.objects.filter(body=meeting.body).only("id", "year", "month", "day", "part_of_day", "body")
    if meeting.date is None:
        if older:
            before = Q(date__isnull=True, id__lt=meeting.id) | Q(date__isnull=False)
            return same.filter(before).order_by(F("date").desc(nulls_first=True), "-id").first()
        return same.filter(date__isnull=True, id__gt=meeting.id).order_by("id").first()
    if older:
        condition = Q(date__lt=meeting.date) | Q(date=meeting.date, id__lt=meeting.id)
        return same.filter(condition).order_by("-date", "-id").first()
    condition = Q(date__gt=meeting.date) | Q(date=meeting.date, id__gt=meeting.id) | Q(date__isnull=True)
    return same.filter(condition).order_by(F("date").asc(nulls_last=True), "id").first()


def file_name(path: str) -> str:
    """The last part of a stored path, POSIX or Windows: the server's folders are nobody's business."""
    return re.split(r"[\\/]", path)[-1]


# Officials -------------------------------------------------------------------------------------


class OfficialListView(ArchiveListView):
    template_name = "archive/official_list.html"
    form_class = OfficialFilterForm
    # By syllables (the spaced pinyin: "bi ming" before "bian a"), not the run-together key.
    sorts = {
        "name": ("pinyin", "id"),
        "-name": ("-pinyin", "-id"),
        "locality": ("locality", "pinyin", "id"),
        "-locality": ("-locality", "pinyin", "id"),
    }
    default_sort = "name"
    export_name = "officials"
    export_table = columns.OFFICIALS

    def base_queryset(self):
        return Official.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page"]
        counts = dict(
            Participation.objects.filter(official__in=[o.id for o in page])
            .values("official_id")
            .annotate(n=Count("meeting_id", distinct=True))
            .values_list("official_id", "n")
        )
        for official in page:
            official.meeting_count = counts.get(official.id, 0)
        return context


def official_detail(request, pk):
    official = Official.objects.filter(pk=pk).first()
    if official is None:
        moved = OfficialRedirect.objects.filter(old_id=pk).first()
        if moved:
            return redirect("archive:official_detail", pk=moved.official_id, permanent=True)
        raise Http404("no such official")
    taking_part = official.participations.all()
    # Newest first; meetings without a year last (then by month and day, newest loaded first).
    ordered = taking_part.order_by(
        F("meeting__date").desc(nulls_last=True),
        F("meeting__year").desc(nulls_last=True),
        F("meeting__month").desc(nulls_last=True),
        F("meeting__day").desc(nulls_last=True),
        "-meeting_id",
        "order",
    )
    value = request.GET.get("page", "1")
    if not PAGE_NUMBER.fullmatch(value):
        raise Http404("no such page")
    paginator = ArchivePaginator(ordered.select_related("meeting"), PAGE_SIZE, count_queryset=taking_part)
    try:
        page = paginator.page(int(value))
    except InvalidPage as error:
        raise Http404("no such page") from error
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
    meetings = taking_part.values("meeting_id").distinct()
    context = {
        "official": official,
        "page": page,
        "page_range": list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)),
        "query": _query_without_page(request),
        "meeting_count": meetings.count(),
        "undated_count": meetings.filter(meeting__year__isnull=True).count(),
        "titles_over_time": _titles_over_time(taking_part),
        "met_with": met_with,
        "aliases": official.aliases.all(),
        "bodies": list(
            Meeting.objects.filter(id__in=their_meetings)
            .exclude(body="")
            .values_list("body", flat=True)
            .distinct()[:20]
        ),
    }
    return render(request, "archive/official_detail.html", context)


def _titles_over_time(participations):
    """Each set of titles written with the name: the first and last dated meeting (a range never
    starts with a date without a year), and how many meetings, undated ones included."""
    rows = participations.values_list(
        "titles", "meeting_id", "meeting__year", "meeting__month", "meeting__day"
    ).order_by(F("meeting__date").asc(nulls_last=True), "meeting__year", "meeting__month", "meeting__day", "meeting_id")
    seen: dict[tuple, dict] = {}
    for titles, meeting_id, year, month, day in rows:
        titles = tuple(titles)
        if not titles:
            continue
        entry = seen.setdefault(
            titles, {"titles": titles, "first": None, "last": None, "meetings": set(), "undated": 0}
        )
        if meeting_id in entry["meetings"]:
            continue
        entry["meetings"].add(meeting_id)
        if year:
            label = date_label(year, month, day)
            entry["first"] = entry["first"] or label
            entry["last"] = label
        else:
            entry["undated"] += 1
    for entry in seen.values():
        entry["count"] = len(entry.pop("meetings"))
    return list(seen.values())


# Agenda items and documents --------------------------------------------------------------------


class AgendaItemListView(ArchiveListView):
    template_name = "archive/agenda_item_list.html"
    form_class = AgendaItemFilterForm
    sorts = {
        "-date": (F("meeting__date").desc(nulls_last=True), "-meeting_id", "order"),
        "date": (F("meeting__date").asc(nulls_last=True), "meeting_id", "order"),
    }
    default_sort = "-date"
    export_name = "agenda-items"
    export_table = columns.AGENDA_ITEMS

    def base_queryset(self):
        return AgendaItem.objects.all()

    def for_page(self, queryset):
        if not self.data.get("q") and not self.data.get("kind"):
            return ItemsInMeetingOrder(newest=self.sort == "-date")
        if self.dense:  # a common word: walk the meetings in date order, stop at the page
            return ItemsInMeetingOrder(newest=self.sort == "-date", query=self.data["q"], kind=self.data.get("kind"))
        return queryset.select_related("meeting")


class ItemsInMeetingOrder:
    """Every agenda item in the order of its meeting's date, for the paginator. A join sorted by
    the meeting's date makes the database sort every item before the first page; walking the
    meetings' (date, id) index and each meeting's items in order (CROSS JOIN keeps SQLite's join
    order) reads only the rows up to the page."""

    def __init__(self, newest: bool, query: str = "", kind: str = ""):
        self.direction = "DESC" if newest else "ASC"
        self.query, self.kind = query, kind

    def count(self):
        return AgendaItem.objects.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        if connection.vendor == "sqlite":  # SQLite sorts NULL lowest: undated meetings go last either way
            dates = f"m.date {self.direction}" if self.direction == "DESC" else "m.date IS NULL, m.date ASC"
        else:
            dates = f"m.date {self.direction} NULLS LAST"
        conditions, params = self.conditions()
        # CROSS JOIN … WHERE, not JOIN … ON: standard SQL, and SQLite keeps the join order as written.
        sql = (
            "SELECT a.id FROM archive_meeting m CROSS JOIN archive_agendaitem a WHERE a.meeting_id = m.id "
            f'{conditions} ORDER BY {dates}, m.id {self.direction}, a."order" LIMIT %s OFFSET %s'
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, window.stop - window.start, window.start])
            ids = [row[0] for row in cursor.fetchall()]
        found = AgendaItem.objects.select_related("meeting").in_bulk(ids)
        return [found[i] for i in ids if i in found]

    def conditions(self):
        """A search's conditions (AgendaItem.objects.matching) on the walk: the meeting among the
        index's matches (``m.id + 0``: a test per meeting, not a lookup that would lose the date
        order), then the title."""
        conditions, params = "", []
        if self.query:
            sql, ids_params = sql_of(SearchEntry.objects.meeting_ids(self.query))
            conditions += f" AND (m.id + 0) IN ({sql})"
            params += list(ids_params)
            for part in normalise_query(self.query).split():
                conditions += " AND a.title LIKE %s ESCAPE '\\'"
                params.append("%" + part.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
        if self.kind:
            conditions += " AND a.kind = %s"
            params.append(self.kind)
        return conditions, params


def sql_of(rows) -> tuple[str, list]:
    """The SQL and parameters of a queryset or a RawSQL expression."""
    if hasattr(rows, "query"):
        sql, params = rows.query.sql_with_params()
        return sql, list(params)
    return rows.sql, list(rows.params)


class DocumentListView(ArchiveListView):
    template_name = "archive/document_list.html"
    form_class = DocumentFilterForm
    sorts = {
        "title": ("title",),
        "-title": ("-title",),
        "-count": ("-meeting_count", "title"),
        "count": ("meeting_count", "title"),
    }
    default_sort = "title"
    export_name = "documents"
    export_table = columns.DOCUMENTS

    def base_queryset(self):
        return Document.objects.all()

    def get_queryset(self):
        documents = self.filtered()
        if self.sort in ("count", "-count"):
            # Every document's count is needed to sort by it: one GROUP BY over the links.
            documents = documents.annotate(meeting_count=Count("meetings"))
        return documents.order_by(*self.sorts[self.sort])

    def for_page(self, queryset):
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = list(context["page"].object_list)
        links = Document.meetings.through.objects.filter(document_id__in=[d.id for d in page])
        counts = dict(links.values("document_id").annotate(n=Count("id")).values_list("document_id", "n").order_by())
        for document in page:
            document.meeting_count = counts.get(document.id, 0)
        context["documents"] = page
        return context


class DocumentDetailView(ArchiveListView):
    """One document and every meeting that cites it, newest first."""

    template_name = "archive/document_detail.html"
    form_class = DocumentFilterForm  # no filter of its own; ?q is ignored
    searchable = False
    export_name = "document-meetings"
    export_table = columns.MEETINGS

    @cached_property
    def document(self):
        return get_object_or_404(Document, pk=self.kwargs["pk"])

    def base_queryset(self):
        return Meeting.objects.filter(documents=self.document)

    def filtered(self):
        return self.base_queryset()

    def get_queryset(self):
        return self.filtered().order_by(*NEWEST)

    def for_page(self, queryset):
        return queryset.with_chairs()

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "document": self.document}


meeting_list = MeetingListView.as_view()
official_list = OfficialListView.as_view()
agenda_item_list = AgendaItemListView.as_view()
document_list = DocumentListView.as_view()
document_detail = DocumentDetailView.as_view()


def archive_download(request):
    columns.SITE.set_base(request)
    return exports.archive_zip()
