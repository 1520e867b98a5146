"""The read API under /api/ (README, "API and releases"), on django-ninja: OpenAPI at
/api/openapi.json, Swagger UI at /api/docs (its assets are django-ninja's own static files, never
a CDN).

Nothing here is defined twice. Each resource is a ``Resource``: the rows a visitor may see, the
columns of archive.columns (the same the downloads, the releases and the admin export), and the
declared filter form of archive.forms (the same the HTML lists filter with). The response and
query schemas are made from those two, so a column or a filter added there shows here.

Lists page by key (``?after=<key of the last row>``; the ``next`` link carries it): each page is a
range read along the key's index, with no COUNT and no OFFSET, so page 2,000 costs what page 1 does.
"""

import datetime
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from django import forms as django_forms
from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Min, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from ninja import NinjaAPI, Query, Schema
from ninja.errors import HttpError
from ninja.openapi.docs import Swagger, _csrf_needed
from ninja.throttling import AnonRateThrottle
from pydantic import Field, create_model

from . import columns, forms
from .models import (
    AgendaItem,
    Appointment,
    Division,
    Document,
    Meeting,
    Official,
    OfficialRedirect,
    Participation,
    Post,
    SearchEntry,
    Tenure,
)
from .parsing.textsearch import pinyin_query
from .views.state import SUMS_TTL, state_key

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


class PerAddress(AnonRateThrottle):
    """``settings.API_RATE`` requests per client address (read on each request, so a deployment or
    a test can change it). The address is REMOTE_ADDR unless NINJA_NUM_PROXIES says how many
    proxies stand before the site: a client's own X-Forwarded-For is never trusted by default."""

    def __init__(self):
        super().__init__(rate=settings.API_RATE)

    def allow_request(self, request):
        self.rate = settings.API_RATE
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


class Docs(Swagger):
    """django-ninja's Swagger UI page with its own files: ninja looks for itself in INSTALLED_APPS
    to choose them over a CDN, and it is not an app here (settings: start-up time); its template
    and files are in TEMPLATES' and STATICFILES' folders instead."""

    def render_page(self, request, api, **kwargs):
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {
            "swagger_settings": json.dumps(self.settings, indent=1),
            "api": api,
            "add_csrf": _csrf_needed(api),
        }
        return render(request, self.template, context)


api = NinjaAPI(
    title="会议纪要档案 API",
    version="1",
    description=(
        "Read-only, anonymous, throttled per address. Every list pages by key: follow `next`. "
        "Columns are those of the downloads and releases (their meanings are in each schema)."
    ),
    urls_namespace="api",
    throttle=[PerAddress()],
    docs=Docs(),
)


@dataclass(frozen=True)
class Resource:
    name: str  # the URL segment
    label: str  # one row, for the schema's names
    table: columns.Table
    visible: Callable[[], QuerySet]  # every row a visitor may see
    form: type[django_forms.Form]
    key: str = "id"  # unique and indexed: pages go in its order
    key_type: type = int
    # A page's keys read off an index of their own, where the filters allow (None: they do not);
    # only keys of visible rows, since the page is cut before visible() reads them.
    keys_on_index: Callable[[dict, Any, int], list | None] | None = None


def _searched_meeting_keys(data: dict, after, limit: int) -> list[int] | None:
    """A search with no other filter: the meetings' ids off the search index, in its order."""
    if not forms.MeetingFilterForm.searches_alone(data) or pinyin_query(data["q"]):
        return None
    return SearchEntry.objects.meeting_ids_in_order(data["q"], after, limit)


RESOURCES = [
    Resource(
        "meetings",
        "Meeting",
        columns.MEETINGS,
        Meeting.objects.all,
        forms.MeetingFilterForm,
        keys_on_index=_searched_meeting_keys,
    ),
    Resource("officials", "Official", columns.OFFICIALS, Official.objects.all, forms.OfficialFilterForm),
    Resource(
        "participations",
        "Participation",
        columns.PARTICIPATIONS,
        Participation.objects.all,
        forms.ParticipationFilterForm,
    ),
    Resource("agenda-items", "AgendaItem", columns.AGENDA_ITEMS, AgendaItem.objects.all, forms.AgendaItemFilterForm),
    Resource("documents", "Document", columns.DOCUMENTS, Document.objects.all, forms.DocumentFilterForm),
    Resource("appointments", "Appointment", columns.APPOINTMENTS, Appointment.objects.all, forms.AppointmentFilterForm),
    Resource("tenures", "Tenure", columns.TENURES, Tenure.objects.all, forms.TenureFilterForm),
    Resource("posts", "Post", columns.POSTS, Post.objects.all, forms.PostFilterForm),
    Resource("divisions", "Division", columns.DIVISIONS, Division.objects.all, forms.DivisionFilterForm, "code", str),
]


# Schemas made from the columns and the forms ----------------------------------------------------

_KIND_TYPES = {"string": str | None, "integer": int | None, "date": datetime.date | None, "list": list[str]}


def row_schema(label: str, table: columns.Table) -> type[Schema]:
    fields = {c.header: (_KIND_TYPES[c.kind], Field(description=c.about)) for c in table.columns}
    return create_model(label, __base__=Schema, __doc__=table.about, **fields)


def _field_type(field: django_forms.Field):
    """A form field as a query parameter's type and constraints (the form still validates)."""
    if isinstance(field, django_forms.ChoiceField):
        values = tuple(value for value, _ in field.choices if value)
        return Literal[values], {}
    if isinstance(field, django_forms.IntegerField):
        return int, {"ge": field.min_value, "le": field.max_value}
    if isinstance(field, django_forms.DateField):
        return datetime.date, {}
    if isinstance(field, django_forms.RegexField):
        return str, {"pattern": field.regex.pattern}
    return str, {"max_length": field.max_length}


def filter_schema(resource: Resource) -> type[Schema]:
    fields = {}
    for name, field in resource.form.base_fields.items():
        kind, limits = _field_type(field)
        with translation.override(None):  # the source strings: the schema does not change with a catalogue
            about = str(field.help_text or field.label)
        fields[name] = (kind | None, Field(None, description=about, **{k: v for k, v in limits.items() if v}))
    fields["after"] = (
        resource.key_type | None,
        Field(None, description=f"the {resource.key} of the last row of the previous page (the next link has it)"),
    )
    fields["limit"] = (int, Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="rows a page"))
    return create_model(f"{resource.label}Filters", __base__=Schema, **fields)


def page_schema(label: str, row: type[Schema]) -> type[Schema]:
    return create_model(
        f"{label}Page",
        __base__=Schema,
        items=(list[row], ...),
        next=(str | None, Field(description="the next page's URL; empty on the last page")),
    )


# Reading rows -----------------------------------------------------------------------------------


def record(table: columns.Table, row) -> dict:
    return {column.header: column.get(row) for column in table.columns}


def _valid(form_class, values: dict):
    """The form on the query's values; a value the form refuses is a 400."""
    form = form_class({name: value for name, value in values.items() if value is not None})
    if not form.is_valid():
        raise HttpError(400, "; ".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()))
    return form


def _filtered(form_class, rows, values: dict):
    """The rows the form lets through, as the HTML list filters them."""
    form = _valid(form_class, values)
    return form.filter(rows, form.cleaned_data)


def _next_url(request: HttpRequest, after) -> str:
    params = request.GET.copy()
    params["after"] = str(after)
    return request.build_absolute_uri(request.path) + "?" + params.urlencode()


def keyset_page(request, resource: Resource, filters, fetch: Callable | None = None) -> dict:
    """A page of the resource's rows after ``?after=``; ``fetch`` (the table's own by default)
    turns the page's queryset into rows."""
    values = filters.dict()
    after, limit = values.pop("after"), values.pop("limit")
    form = _valid(resource.form, values)
    # The page's keys first (one range along the key's index), then its rows with what the
    # columns need: every table's fetch works on any queryset, never on a slice.
    keys = resource.keys_on_index(form.cleaned_data, after, limit + 1) if resource.keys_on_index else None
    if keys is None:
        rows = form.filter(resource.visible(), form.cleaned_data)
        if after is not None:
            rows = rows.filter(**{f"{resource.key}__gt": after})
        keys = list(rows.order_by(resource.key).values_list(resource.key, flat=True)[: limit + 1])
    more, keys = len(keys) > limit, keys[:limit]
    chosen = resource.visible().filter(**{f"{resource.key}__in": keys}).order_by(resource.key)
    items = [record(resource.table, row) for row in (fetch or resource.table.rows)(chosen)]
    return {"items": items, "next": _next_url(request, keys[-1]) if more else None}


def _detail(resource: Resource, key):
    rows = resource.visible().filter(**{resource.key: key})
    found = next(iter(resource.table.rows(rows)), None)
    if found is None:
        raise Http404(f"no such {resource.label}")
    return record(resource.table, found)


# Endpoints --------------------------------------------------------------------------------------


def _register(resource: Resource) -> None:
    row = row_schema(resource.label, resource.table)
    filters = filter_schema(resource)
    page = page_schema(resource.label, row)
    key_type = resource.key_type

    @api.get(
        f"/{resource.name}",
        response=page,
        url_name=f"{resource.name}-list",
        operation_id=f"list_{resource.name.replace('-', '_')}",
        summary=resource.table.about,
    )
    def list_rows(request, filters: Query[filters]):  # noqa: B008 (ninja's way to declare query parameters)
        columns.SITE.set_base(request)
        return keyset_page(request, resource, filters)

    @api.get(
        f"/{resource.name}/{{key}}",
        response=row,
        url_name=f"{resource.name}-detail",
        operation_id=f"get_{resource.name.replace('-', '_')}",
        summary=resource.label,
    )
    def detail(request, key: key_type):
        columns.SITE.set_base(request)
        return _detail(resource, key)


for _resource in RESOURCES:
    if _resource.name != "officials":
        _register(_resource)


# Officials: a merged official's old id answers with a permanent redirect, as its page does.

_officials = next(r for r in RESOURCES if r.name == "officials")
OfficialRow = row_schema("Official", columns.OFFICIALS)
OfficialFilters = filter_schema(_officials)


@api.get(
    "/officials", response=page_schema("Official", OfficialRow), url_name="officials-list", summary="one row per person"
)
def list_officials(request, filters: Query[OfficialFilters]):  # noqa: B008
    columns.SITE.set_base(request)
    return keyset_page(request, _officials, filters, fetch=_officials_with_cached_sums)


def _officials_with_cached_sums(officials: QuerySet) -> list:
    """The page's officials with their sums (meetings, first and last date, titles), cached
    until the archive changes as an official's page caches its own: the first page holds the
    busiest officials, tens of thousands of participations to add up at 100,000 meetings."""
    officials = list(officials)
    ids = ",".join(str(o.id) for o in officials)
    key = "api-official-sums:" + hashlib.sha1(ids.encode()).hexdigest() + state_key()
    sums = cache.get(key)
    if sums is None:
        sums = {o.id: (o.meeting_count, o.first_date, o.last_date, o.all_titles) for o in columns.with_sums(officials)}
        cache.set(key, sums, SUMS_TTL)
    for official in officials:
        official.meeting_count, official.first_date, official.last_date, official.all_titles = sums[official.id]
    return officials


@api.get("/officials/{key}", response={200: OfficialRow, 301: None}, url_name="officials-detail", summary="Official")
def official(request, key: int):
    if not Official.objects.filter(pk=key).exists():
        moved = OfficialRedirect.objects.filter(old_id=key).first()
        if moved:
            return HttpResponsePermanentRedirect(reverse("api:officials-detail", args=[moved.official_id]))
    columns.SITE.set_base(request)
    return _detail(_officials, key)


# Bodies: not a table but the meetings grouped by (division, body); paged by that pair, those with
# no division ("-") first, then by division code and name. A page is read along the meetings'
# (division, body, date) index: the groups come in its order and the page stops at its last group,
# so it costs its own bodies' meetings, not the archive's (the list grew with the archive when it
# grouped every meeting before paging).

BodyRow = row_schema("Body", columns.BODIES)
_bodies = Resource("bodies", "Body", columns.BODIES, Meeting.objects.all, forms.BodyFilterForm, "code:body", str)
BodyFilters = filter_schema(_bodies)
NO_DIVISION = "-"  # in a body's key and URL, as on its page (/bodies/-/<body>/)


def _groups(meetings: QuerySet, *by: str) -> QuerySet:
    return (
        meetings.exclude(body="")
        .values(*by)
        .annotate(meeting_count=Count("id"), first_date=Min("date"), last_date=Max("date"))
        .order_by(*by)
    )


def _body_row(group: dict) -> dict:
    place = group.get("division__code") or NO_DIVISION
    return {**group, "place": place, "division": None if place == NO_DIVISION else place}


def body_page(meetings: QuerySet, after: str | None, limit: int) -> list[dict]:
    """Up to ``limit`` bodies after the key ``after`` (``<code or ->:<body>``), in key order."""
    place, _, body = (after or "").partition(":")
    found = []
    if not after or place == NO_DIVISION:
        # Grouped by the (empty) division too, so that PostgreSQL sees the index's order.
        unplaced = _groups(meetings.filter(division__isnull=True), "division", "body")
        found += unplaced.filter(body__gt=body)[:limit] if after else unplaced[:limit]
    if len(found) < limit:
        placed = _groups(meetings.filter(division__isnull=False), "division__code", "body")
        if after and place != NO_DIVISION:
            placed = placed.filter(Q(division__code__gt=place) | Q(division__code=place, body__gt=body))
        found += placed[: limit - len(found)]
    return [_body_row(group) for group in found]


@api.get("/bodies", response=page_schema("Body", BodyRow), url_name="bodies-list", summary=columns.BODIES.about)
def list_bodies(request, filters: Query[BodyFilters]):  # noqa: B008
    """``after`` is ``<division code or ->:<body>`` of the last row (the ``next`` link has it)."""
    columns.SITE.set_base(request)
    values = filters.dict()
    after, limit = values.pop("after"), values.pop("limit")
    meetings = _filtered(forms.BodyFilterForm, Meeting.objects.all(), values)
    found = body_page(meetings, after, limit + 1)
    more, found = len(found) > limit, found[:limit]
    items = [record(columns.BODIES, group) for group in found]
    last = found[-1] if found else None
    return {"items": items, "next": _next_url(request, f"{last['place']}:{last['body']}") if more else None}


@api.get("/bodies/{code}/{path:body}", response=BodyRow, url_name="bodies-detail", summary="Body")
def body_detail(request, code: str, body: str):
    columns.SITE.set_base(request)
    meetings = Meeting.objects.filter(body=body)
    meetings = meetings.filter(division__isnull=True) if code == NO_DIVISION else meetings.filter(division__code=code)
    found = list(_groups(meetings, "division__code", "body"))
    if not found:
        raise Http404("no such body")
    return record(columns.BODIES, _body_row(found[0]))


def api_url(name: str, *args, **params) -> str:
    """An API URL by endpoint name (for pages that link the API)."""
    url = reverse(f"api:{name}", args=args)
    return url + ("?" + urlencode(params) if params else "")


@api.get("/", url_name="index", summary="Index", include_in_schema=False)
def index(request):
    """What a script finds at /api/: every list, the schema and the docs."""
    lists = {r.name: request.build_absolute_uri(reverse(f"api:{r.name}-list")) for r in [*RESOURCES, _bodies]}
    return {
        "lists": lists,
        "schema": request.build_absolute_uri(reverse("api:openapi-json")),
        "docs": request.build_absolute_uri(reverse("api:openapi-view")),
    }
