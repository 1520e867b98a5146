"""The meeting list (search, facets, exports) and a meeting's page."""

import re
from collections import defaultdict

from django.core.cache import cache
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .. import columns
from ..exports import FORMATS, export_response
from ..feeds import UNKNOWN_PLACE
from ..forms import MeetingFilterForm
from ..models import Meeting, Participation, Role, SearchEntry
from ..models.ordering import NEWEST, OLDEST
from ..parsing.textsearch import normalise_query, pinyin_query
from ..templatetags.archive_tags import role_heading
from .facets import meeting_facets
from .paging import ArchiveListView

BODY_SUGGESTIONS_TTL = 300  # seconds; the list only feeds the body field's suggestions
BODY_FEEDS = 10  # feeds offered for one body name: one per place it meets in


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

    def count_on_index(self, cap: int) -> int | None:
        """A search with no other filter, counted on its own index, which stops at the cap: a common
        word is known to be dense without reading its 100,000 matches (~30 ms at 100k meetings)."""
        q = self.data.get("q")
        alone = self.form.searches_alone(self.data) and not pinyin_query(q)
        return SearchEntry.objects.count_matching(q, cap) if alone else None

    def for_page(self, queryset):
        return queryset.with_chairs()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        q = self.data.get("q", "")
        context.update(
            bodies=cache.get_or_set("meeting-bodies", _known_bodies, BODY_SUGGESTIONS_TTL),
            facets=meeting_facets(self.filtered(), self.data),
            converted=_converted(q),
            feed_body=self.data.get("body") or "",
            body_feeds=self.body_feeds(),
        )
        if q:
            snippets = search_snippets(context["page"].object_list, q)
            for meeting in context["page"].object_list:
                meeting.snippet = snippets.get(meeting.id, "")
        return context

    def body_feeds(self) -> list[dict]:
        """With ?body=, the feed of that body in each place the filtered meetings are in (a few)."""
        if not self.data.get("body"):
            return []
        places = self.filtered().values_list("division__code", "division__full_name").distinct().order_by()
        return [{"code": code or UNKNOWN_PLACE, "place": name or ""} for code, name in places[:BODY_FEEDS]]


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
        needles += _matching_names(ids, q)
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


def _matching_names(meeting_ids: list[int], q: str) -> list[str]:
    """The names (simplified, and as the minutes wrote them) of these meetings' participants
    whose official a pinyin query matches: read from the page's few hundred participations, not
    by matching every official of the archive (9 ms at 100,000 meetings) to mark one of them."""
    text, letters = normalise_query(q), pinyin_query(q)
    # As Official.objects.matching, on each participant's official instead of over all of them.
    matched = (
        Q(official__name__icontains=text)  # letters in any case, as in a name written with them
        | Q(official__aliases__name__icontains=text)
        | Q(official__pinyin_key__startswith=letters)
        | Q(official__initials__startswith=letters)
    )
    taking_part = Participation.objects.filter(meeting_id__in=meeting_ids).filter(matched)
    names = {name for pair in taking_part.values_list("name", "name_as_written") for name in pair if name}
    return sorted(names, key=len, reverse=True)


def meeting_detail(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("source", "division"), pk=pk)
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
        "place_code": meeting.division.code if meeting.division else UNKNOWN_PLACE,
        "previous": _neighbour(meeting, older=True),
        "next": _neighbour(meeting, older=False),
    }
    return render(request, "archive/meeting_detail.html", context)


def _neighbour(meeting, older: bool):
    """The meeting of the same body in the same place (Meeting.objects.of_body) just before (or
    after) this one, in (date, id) order; meetings without a date come after every dated one.

    Each step is a range of the (division, body, date, id) index read in its order and stopped at
    the first row (no OR, no NULLS LAST: those made the database sort every meeting of the body),
    tried nearest first: the same date, then other dates, then the undated meetings."""
    if not meeting.body:
        return None
    same = Meeting.objects.of_body(meeting.body, meeting.division_id).only(
        "id", "year", "month", "day", "part_of_day", "body"
    )
    for step in _neighbour_steps(same, meeting.date, meeting.id, older):
        if found := step.first():
            return found
    return None


def _neighbour_steps(same, date, pk: int, older: bool) -> list:
    # Always ordered by (date, id), even where the date is one value or NULL: PostgreSQL does not
    # take "date IS NULL" as one value, and would sort by id instead of reading the index.
    back, forth = ("-date", "-id"), ("date", "id")
    if date is None:
        undated = same.filter(date__isnull=True)
        if older:
            return [undated.filter(id__lt=pk).order_by(*back), same.filter(date__isnull=False).order_by(*back)]
        return [undated.filter(id__gt=pk).order_by(*forth)]
    if older:
        return [same.filter(date=date, id__lt=pk).order_by(*back), same.filter(date__lt=date).order_by(*back)]
    return [
        same.filter(date=date, id__gt=pk).order_by(*forth),
        same.filter(date__gt=date).order_by(*forth),
        same.filter(date__isnull=True).order_by(*forth),
    ]


def file_name(path: str) -> str:
    """The last part of a stored path, POSIX or Windows: the server's folders are nobody's business."""
    return re.split(r"[\\/]", path)[-1]


meeting_list = MeetingListView.as_view()
