"""Public pages of officials over time (README, "Officials over time"): divisions, an official's
career as a timeline, a post's holders (on a date too), a body's sessions and attendance.

Every page reads a fixed number of queries whatever the number of rows it shows (tested)."""

from __future__ import annotations

import datetime
import functools
import operator
from collections import defaultdict
from urllib.parse import quote

from django.core.cache import cache
from django.db.models import Count, F, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from ..careers.timeline import career_svg
from ..models import Appointment, Division, Meeting, Official, OfficialRedirect, Participation, Post
from ..models.ordering import NEWEST
from .paging import page_context, page_of
from .state import SUMS_TTL, state_key

BODY_MATRIX_MEETINGS = 10
DIVISION_TTL = 300
PAGE_ROWS = 50
SESSION_ORDER = (F("date").asc(nulls_last=True), "id")


def session_key(meeting) -> tuple:
    """SESSION_ORDER in Python: by date, meetings without a full date last, then as loaded."""
    return (meeting.date is None, meeting.date or datetime.date.min, meeting.id)


# How many renamings back a place page follows (诸暨县 → 诸暨市 339011 → 诸暨市 330681 is two).
RENAMINGS = 4


def predecessors(division: Division) -> list[Division]:
    """The divisions this one continues, through every renaming (柯桥区: 绍兴县), earliest first
    (one query)."""
    lookups = Q()
    for depth in range(1, RENAMINGS + 1):
        lookups |= Q(**{"__".join(["successor"] * depth) + "_id": division.id})
    return list(Division.objects.filter(lookups).order_by("valid_from", "code"))


def _division_ids(division: Division, earlier: list[Division]) -> list[int]:
    """The division, the divisions it continues, and every division below it (one query at most)."""
    if division.level == Division.Level.COUNTY:
        return [division.id, *(d.id for d in earlier)]
    prefix = division.code[:2] if division.level == Division.Level.PROVINCE else division.code[:4]
    return list(Division.objects.filter(code__startswith=prefix).values_list("id", flat=True))


def meetings_inside() -> dict[str, int]:
    """Per division code, its meetings and those of every division inside it (a province counts
    its counties'), kept until the archive changes: counting them groups every meeting."""
    return cache.get_or_set("meetings-inside" + state_key(), _count_meetings_inside, SUMS_TTL)


def _count_meetings_inside() -> dict[str, int]:
    """One grouped query over the meetings' division index, summed up the codes."""
    per_division = (
        Meeting.objects.filter(division__isnull=False).values_list("division__code").annotate(n=Count("id")).order_by()
    )
    totals: dict[str, int] = defaultdict(int)
    for code, n in per_division:
        for holder in {code, code[:4] + "00", code[:2] + "0000"}:
            totals[holder] += n
    return dict(totals)


def division_list(request):
    """Provinces; ?province=CODE lists its prefectures and counties; ?level= filters the level."""
    level = request.GET.get("level", "")
    province = request.GET.get("province", "")
    divisions = Division.objects.all()
    if province and province.isdigit():
        divisions = divisions.filter(code__startswith=province[:2])
    elif not level:
        divisions = divisions.filter(level=Division.Level.PROVINCE)
    if level in Division.Level.values:
        divisions = divisions.filter(level=level)
    provinces = Division.objects.filter(level=Division.Level.PROVINCE)
    inside = meetings_inside()
    # Today's divisions, and a former one (绍兴县, 1983–2013) where it has meetings.
    divisions = divisions.filter(Q(valid_until__isnull=True) | Q(code__in=list(inside)))
    rows = [(d, inside.get(d.code, 0)) for d in divisions.select_related("parent")[:500]]
    context = {"rows": rows, "provinces": provinces, "level": level, "province": province, "levels": Division.Level}
    return render(request, "archive/careers/division_list.html", context)


def division_detail(request, code):
    """A division's page. A county's counts and lists the meetings, people and posts of the
    divisions it continues (柯桥区's those of 绍兴县, its name until 2013), and links them; a
    former division's page says which division continues it, or which took its area."""
    division = get_object_or_404(Division.objects.select_related("parent__parent", "successor"), code=code)
    earlier = predecessors(division)
    if division.level == Division.Level.COUNTY:
        lists = _division_lists(division, earlier)
    else:  # a province or prefecture sums thousands of meetings: its lists are cached five minutes
        lists = cache.get_or_set(
            f"division-lists:{division.code}", lambda: _division_lists(division, earlier), DIVISION_TTL
        )
    context = {"division": division, "predecessors": earlier, "took_over": _took_over(division), **lists}
    return render(request, "archive/careers/division_detail.html", context)


def _took_over(division: Division) -> list[Division]:
    """The divisions that took a former division's area, where no one division continues it."""
    if division.valid_until is None or division.successor_id is not None or not division.successor_codes:
        return []
    return list(Division.objects.filter(code__in=division.successor_codes.split()))


def _division_lists(division: Division, earlier: list[Division]) -> dict:
    ids = _division_ids(division, earlier)
    meetings = Meeting.objects.filter(division_id__in=ids)
    bodies = list(
        meetings.exclude(body="")
        .values("body", "division__code", "division__name")
        .annotate(n=Count("id"))
        .order_by("-n", "body")[:100]
    )
    # By pinyin syllables along its index: counting every official's participations costs a
    # province 50 ms.
    officials = _first_rows(Official.objects.all(), ids, ("pinyin", "id"), PAGE_ROWS)
    posts = list(
        Post.objects.filter(division_id__in=ids)
        .select_related("division")
        .annotate(holders=Count("tenures"))
        .order_by("-holders", "organ", "office")[:100]
    )
    children = list(division.children.order_by("code")[:300])
    base = reverse("archive:post_detail", args=["0", "o", "f"])
    for post in posts:  # one reverse() for the page
        post.url = base.replace("/0/o/f/", f"/{post.division.code}/{quote(post.organ)}/{quote(post.office)}/")
    return {
        "children": [c for c in children if c.valid_until is None],
        "former_children": [c for c in children if c.valid_until is not None],
        "bodies": bodies,
        "officials": officials,
        "posts": posts,
        "latest": _first_rows(Meeting.objects.all(), ids, NEWEST, 20),
        "meeting_count": meetings.count(),
    }


def _first_rows(rows, ids: list[int], order, n: int) -> list:
    """The first ``n`` of ``rows`` in ``order`` among the divisions ``ids``, for an index that
    begins (division, order…). A county and the few it continues: the first ``n`` of each off the
    index, then of those the first ``n``; over all of them at once the database sorts every row
    (a county of 3,000 meetings at 100,000: 3.5 ms against 0.1). A province's hundreds: at once
    (its lists are cached)."""
    if 1 < len(ids) <= FEW_DIVISIONS:
        each = (Q(id__in=rows.filter(division_id=i).order_by(*order).values("id")[:n]) for i in ids)
        rows = rows.filter(functools.reduce(operator.or_, each))
    else:
        rows = rows.filter(division_id__in=ids)
    return list(rows.order_by(*order)[:n])


FEW_DIVISIONS = 8  # a county and the divisions it continues


def official_career(request, pk):
    official = Official.objects.filter(pk=pk).select_related("division").first()
    if official is None:
        moved = OfficialRedirect.objects.filter(old_id=pk).first()
        if moved:
            return redirect("archive:official_career", pk=moved.official_id, permanent=True)
        raise Http404("no such official")
    tenures, appointments = career_rows(official)
    context = {
        "official": official,
        "tenures": tenures,
        "appointments": appointments,
        "svg": career_svg(tenures, appointments),
    }
    return render(request, "archive/careers/official_career.html", context)


def career_rows(official) -> tuple[list, list]:
    """The official's tenures (first seen first) and the personnel decisions naming them, in date
    order: the career page and the official's page show the same rows."""
    tenures = list(
        official.tenures.select_related(
            "post__division", "started_by__meeting", "ended_by__meeting", "first_meeting", "last_meeting"
        ).order_by(F("first_date").asc(nulls_last=True), "post__organ")
    )
    appointments = list(
        Appointment.objects.filter(official=official)
        .select_related("meeting")
        .order_by(F("meeting__date").asc(nulls_last=True), "order")
    )
    return tenures, appointments


def _on_date(request):
    value = request.GET.get("on", "")
    if not value:
        return None, ""
    try:
        return datetime.date.fromisoformat(value), ""
    except ValueError:
        return None, value


def post_detail(request, code, organ, office):
    """Who held this post, from when to when (50 a page, in order); with ?on=YYYY-MM-DD who held it
    that day: seen in it on or before that day and on or after it; else who was last seen in it before."""
    post = get_object_or_404(Post.objects.select_related("division"), division__code=code, organ=organ, office=office)
    on, bad = _on_date(request)
    ordered = post.tenures.select_related("official").order_by(F("first_date").asc(nulls_last=True), "official_id")
    page = page_of(request, ordered, PAGE_ROWS, count_rows=post.tenures.all())
    tenures = list(page.object_list)
    holders, last_before = [], None
    if on:
        holders = list(ordered.filter(first_date__lte=on, last_date__gte=on)[:PAGE_ROWS])
        if not holders:
            last_before = ordered.filter(first_date__lte=on).order_by("-last_date", "official_id").first()
    career = reverse("archive:official_career", args=[0]).replace("/0/", "/{}/")
    for t in [*tenures, *holders]:  # one reverse() for the page, not one a row
        t.career_url = career.format(t.official_id)
    context = {
        "post": post,
        "tenures": tenures,
        "total": page.paginator.count,
        **page_context(request, page),
        "on": on,
        "bad_date": bad,
        "holders": holders,
        "last_before": last_before,
    }
    return render(request, "archive/careers/post_detail.html", context)


def body_detail(request, code, body):
    """A body's sessions in order (session numbers, previous/next), and who attended its last meetings."""
    division = None if code == "-" else get_object_or_404(Division, code=code)
    meetings = (
        Meeting.objects.filter(body=body, division=division)
        if division
        else Meeting.objects.filter(body=body, division__isnull=True)
    )
    page = page_of(request, meetings.order_by(*SESSION_ORDER), PAGE_ROWS, count_rows=meetings)
    if page.paginator.count == 0:
        raise Http404("no such body")
    sessions = list(page.object_list)
    # The last meetings, shown in the sessions' order: dated ones oldest first, undated ones last.
    latest = sorted(meetings.newest_first()[:BODY_MATRIX_MEETINGS], key=session_key)
    attended = (
        Participation.objects.filter(meeting__in=[m.id for m in latest])
        .filter(Q(official__isnull=False))
        .values_list("official_id", "official__name", "meeting_id", "role")
    )
    people: dict[int, dict] = {}
    for official_id, name, meeting_id, role in attended:
        person = people.setdefault(official_id, {"id": official_id, "name": name, "at": {}})
        person["at"].setdefault(meeting_id, role)
    matrix = sorted(people.values(), key=lambda p: (-len(p["at"]), p["name"]))
    career = reverse("archive:official_career", args=[0]).replace("/0/", "/{}/")
    for person in matrix:
        person["cells"] = [person["at"].get(m.id, "") for m in latest]
        person["url"] = career.format(person["id"])
    context = {
        "division": division,
        "body": body,
        "sessions": sessions,
        "total": page.paginator.count,
        **page_context(request, page),
        "latest": latest,
        "matrix": matrix,
    }
    return render(request, "archive/careers/body_detail.html", context)
