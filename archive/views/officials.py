"""The officials list and an official's page (their meetings, titles over time, who they met)."""

from django.core.cache import cache
from django.db.models import Count, F, Q
from django.http import Http404
from django.shortcuts import redirect, render

from .. import columns
from ..feeds import UNKNOWN_PLACE
from ..forms import OfficialFilterForm
from ..models import Meeting, Official, OfficialRedirect, Participation
from ..templatetags.archive_tags import date_label
from .careers import career_rows
from .paging import ArchiveListView, page_context, page_of
from .state import state_key

SUMMARY_TTL = 600  # seconds; a change to the archive (archive_state) is seen at once


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
    official = Official.objects.filter(pk=pk).select_related("division").first()
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
    page = page_of(request, ordered.select_related("meeting"), count_rows=taking_part)
    summary = cache.get_or_set(
        f"official-summary:{official.id}{state_key()}",
        lambda: _summary(official, taking_part),
        SUMMARY_TTL,
    )
    tenures, appointments = career_rows(official)
    context = {
        "official": official,
        **page_context(request, page),
        **summary,
        "aliases": official.aliases.all(),
        "tenures": tenures,
        "appointments": appointments,
    }
    return render(request, "archive/official_detail.html", context)


def _summary(official, taking_part) -> dict:
    """What the page sums over all of an official's meetings: counts, titles over time, who they
    met most and in which bodies. It grows with their meetings (950 at 100k: ~35 ms), so it is
    cached until the archive changes."""
    their_meetings = Participation.objects.filter(official=official).values("meeting_id")
    met_with = list(
        Participation.objects.filter(meeting_id__in=their_meetings, official__isnull=False)
        .exclude(official=official)
        .values("official_id", "official__name")
        .annotate(meetings=Count("meeting_id", distinct=True))
        .order_by("-meetings", "official_id")[:12]
    )
    counts = taking_part.aggregate(
        meetings=Count("meeting_id", distinct=True),
        undated=Count("meeting_id", distinct=True, filter=Q(meeting__year__isnull=True)),
    )
    bodies = (
        Meeting.objects.filter(id__in=their_meetings)
        .exclude(body="")
        .values_list("body", "division__code", "division__name")
        .distinct()
        .order_by()[:20]
    )
    return {
        "meeting_count": counts["meetings"],
        "undated_count": counts["undated"],
        "titles_over_time": _titles_over_time(taking_part),
        "met_with": met_with,
        "bodies": [{"body": body, "code": code or UNKNOWN_PLACE, "place": place or ""} for body, code, place in bodies],
    }


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


official_list = OfficialListView.as_view()
