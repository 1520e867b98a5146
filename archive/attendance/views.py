"""Attendance as data (README, "Attendance as data"): rates per year and term beside the body's
average, for an official and for a body; the co-attendance network of a body or place and
period, as a picture and as GEXF and GraphML. Each page reads a fixed number of queries."""

from __future__ import annotations

import csv
import io

from django import forms
from django.db.models import F, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..forms import within
from ..models import Division, Meeting, Official, Participation, Role
from ..spreadsheets import escape_cell
from . import network
from .rates import body_attendance

# Attending is chairing or attending (主持, 出席); observers (列席) and reporters are invited, not members.
ATTENDING = (Role.CHAIR, Role.ATTENDEE)
MAX_BODIES = 20  # an official's bodies shown
NETWORK_MEETINGS = 5000  # the newest meetings a network is drawn from; the page says when there are more


def _body_key(division_id, body):
    return (division_id, body)


def _rows(periods, averages):
    return [
        {
            "period": key,
            "period_row": p,
            "attended": p.attended,
            "held": p.held,
            "rate": p.rate,
            "average": averages.get(key),
            "average_percent": _percent(averages.get(key)),
        }
        for key, p in sorted(periods.items())
    ]


def _cell(period) -> tuple[str, str]:
    """A matrix cell: its tooltip (attended / held) and its text (the rate); blank outside a span."""
    return (f"{period.attended} / {period.held}", f"{period.percent}%") if period else ("", "")


def _percent(value):
    return None if value is None else round(100 * value)


def official_attendance(request, pk):
    official = get_object_or_404(Official.objects.select_related("division"), pk=pk)
    theirs = Participation.objects.filter(official=official, role__in=ATTENDING)
    bodies = list(
        theirs.exclude(meeting__body="")
        .values_list("meeting__division_id", "meeting__body")
        .distinct()
        .order_by("meeting__division_id", "meeting__body")[:MAX_BODIES]
    )
    tables = []
    if bodies:
        either = Q()
        for division_id, body in bodies:
            either |= Q(division_id=division_id, body=body) if division_id else Q(division__isnull=True, body=body)
        meetings = Meeting.objects.filter(either)
        rows = list(
            meetings.order_by().values_list("id", "date", "division_id", "body", "division__level", "division__code")
        )
        attended = Participation.objects.filter(
            meeting__in=meetings.values("id"), role__in=ATTENDING, official__isnull=False
        ).values_list("meeting_id", "official_id")
        attended = attended.order_by()  # Participation's default order joins and sorts the meetings
        of_meeting = {row[0]: _body_key(row[2], row[3]) for row in rows}
        by_body: dict[tuple, dict] = {}
        for meeting_id, official_id in attended:
            by_body.setdefault(of_meeting[meeting_id], {"attended": []})["attended"].append((meeting_id, official_id))
        for row in rows:
            entry = by_body.setdefault(_body_key(row[2], row[3]), {"attended": []})
            entry.setdefault("meetings", []).append((row[0], row[1]))
            entry["level"], entry["code"] = row[4] or "", row[5] or "-"
        for division_id, body in bodies:
            entry = by_body.get(_body_key(division_id, body))
            if not entry or "meetings" not in entry:
                continue
            result = body_attendance(entry["meetings"], entry["attended"], entry["level"])
            member = result.members.get(official.id)
            if member is None:  # only undated meetings
                continue
            years, terms = _rows(member.years, result.year_average), _rows(member.terms, result.term_average)
            tables.append(
                {
                    "body": body,
                    "code": entry["code"],
                    "years": years,
                    "terms": terms,
                    "first": member.first,
                    "last": member.last,
                    "undated": result.undated,
                }
            )
    if request.GET.get("format") == "csv":
        lines = [
            [t["code"], t["body"], kind, r["period"], r["attended"], r["held"], _share(r["rate"]), _share(r["average"])]
            for t in tables
            for kind, rows_ in (("year", t["years"]), ("term", t["terms"]))
            for r in rows_
        ]
        return _csv(f"attendance-official-{official.id}", CSV_HEADER, lines)
    return render(request, "archive/attendance/official.html", {"official": official, "tables": tables})


def body_attendance_page(request, code, body):
    division = None if code == "-" else get_object_or_404(Division, code=code)
    meetings = (
        Meeting.objects.filter(body=body, division=division)
        if division
        else Meeting.objects.filter(body=body, division__isnull=True)
    )
    rows = list(meetings.order_by().values_list("id", "date"))
    if not rows:
        raise Http404("no such body")
    attended = list(
        Participation.objects.filter(
            meeting__in=meetings.values("id"), role__in=ATTENDING, official__isnull=False
        ).values_list("meeting_id", "official_id", "official__name")
    )
    names = {official_id: name for _, official_id, name in attended}
    result = body_attendance(rows, [(m, o) for m, o, _ in attended], division.level if division else "")
    years = sorted(result.year_average)
    members = sorted(
        result.members.values(),
        key=lambda m: (-sum(p.attended for p in m.years.values()), names.get(m.official_id, "")),
    )
    table = [
        {
            "id": m.official_id,
            "name": names.get(m.official_id, ""),
            "cells": [_cell(m.years.get(y)) for y in years] + [_cell(m.terms.get(t)) for t in result.terms],
        }
        for m in members
    ]
    if request.GET.get("format") == "csv":
        lines = [
            [
                code,
                body,
                kind,
                period,
                m.official_id,
                names.get(m.official_id, ""),
                p.attended,
                p.held,
                _share(p.rate),
                _share(avg[period]),
            ]
            for m in members
            for kind, periods, avg in (("year", m.years, result.year_average), ("term", m.terms, result.term_average))
            for period, p in sorted(periods.items())
        ]
        header = ["division", "body", "period_kind", "period", "official_id", "official", *CSV_HEADER[4:]]
        return _csv(f"attendance-{code}-{body}", header, lines)
    context = {
        "division": division,
        "code": code,
        "body": body,
        "years": years,
        "year_average": [_percent(result.year_average[y]) for y in years],
        "terms": result.terms,
        "term_average": [_percent(result.term_average.get(t)) for t in result.terms],
        "table": table,
        "undated": result.undated,
        "network_url": reverse("archive:network") + "?" + _query(division=code if division else "", body=body),
    }
    return render(request, "archive/attendance/body.html", context)


CSV_HEADER = ["division", "body", "period_kind", "period", "attended", "held", "rate", "body_average"]


def _share(value):
    return "" if value is None else f"{value:.3f}"


def _query(**params) -> str:
    from urllib.parse import urlencode

    return urlencode({k: v for k, v in params.items() if v})


def _csv(name: str, header, lines) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([escape_cell(v) if isinstance(v, str) else v for v in line] for line in lines)
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_filename(name)}.csv"
    return response


def _filename(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="-")


# The co-attendance network ---------------------------------------------------------------------


class NetworkForm(forms.Form):
    division = forms.RegexField(
        label=_("Division (GB/T 2260 code)"),
        required=False,
        regex=r"^\d{6}$",
        help_text=_("A province, city or county: its meetings and those of every division within it."),
    )
    body = forms.CharField(label=_("Body"), required=False, max_length=100)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean(self):
        data = super().clean()
        if not data.get("division") and not data.get("body"):
            raise forms.ValidationError(_("Choose a place or a body."))
        return data

    def meetings(self):
        data = self.cleaned_data
        meetings = Meeting.objects.all()
        if data.get("division"):
            meetings = meetings.filter(within("division", data["division"]))
        if data.get("body"):
            meetings = meetings.filter(body=data["body"])
        if data.get("date_from"):
            meetings = meetings.filter(date__gte=data["date_from"])
        if data.get("date_to"):
            meetings = meetings.filter(date__lte=data["date_to"])
        return meetings


NETWORK_FORMATS = {
    "gexf": (network.as_gexf, "application/gexf+xml"),
    "graphml": (network.as_graphml, "application/graphml+xml"),
}


def network_page(request):
    form = NetworkForm(request.GET or None)
    context = {"form": form, "formats": list(NETWORK_FORMATS)}
    fmt = request.GET.get("format")
    if not form.is_bound or not form.is_valid():
        if fmt in NETWORK_FORMATS:
            return HttpResponse(
                "\n".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()) or "choose a place or a body",
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        return render(request, "archive/attendance/network.html", context)
    ids = list(
        form.meetings()
        .order_by(F("date").desc(nulls_last=True), "-id")
        .values_list("id", flat=True)[: NETWORK_MEETINGS + 1]
    )
    more = len(ids) > NETWORK_MEETINGS
    ids = ids[:NETWORK_MEETINGS]
    rows = (
        Participation.objects.filter(meeting_id__in=ids, official__isnull=False)
        .order_by()
        .values_list("meeting_id", "official_id")
    )
    rows = list(rows)
    names = dict(Official.objects.filter(id__in={o for _, o in rows}).values_list("id", "name"))
    graph = network.co_attendance(rows, names)
    if fmt in NETWORK_FORMATS:
        write, content_type = NETWORK_FORMATS[fmt]
        response = HttpResponse(write(graph), content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="co-attendance.{fmt}"'
        return response
    link = reverse("archive:official_detail", args=[0]).replace("/0/", "/{}/")
    context.update(
        meetings=len(ids),
        more=more,
        cap=NETWORK_MEETINGS,
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        svg=network.picture(graph, link),
        pairs=network.strongest_pairs(graph),
        query=request.GET.urlencode(),
    )
    return render(request, "archive/attendance/network.html", context)
