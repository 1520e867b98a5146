"""One declared form per public list: its fields are the list's filters, ``filter`` applies them."""

import re

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .intake import division_table
from .models import AgendaItem, Appointment, Division, Official, Participation, Role
from .parsing.textsearch import normalise_query

# A search is a name, a body or a topic: 100 characters is generous, and it bounds the work a
# query makes (FTS5 phrases, LIKE conditions) so any query answers in milliseconds (README).
QUERY_MAX_LENGTH = 100
TOGETHER_MAX = 10  # officials in "attended by all of"
# The largest id a database integer column holds (SQLite and PostgreSQL bigint: 2**63 - 1).
MAX_ID = 2**63 - 1


def _search_field(label=None):
    return forms.CharField(
        label=label or _("Search"),
        required=False,
        max_length=QUERY_MAX_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )


class SearchForm(forms.Form):
    q = _search_field()

    def filter(self, rows, data):
        return rows.matching(data["q"]) if data.get("q") else rows


class MeetingFilterForm(forms.Form):
    FACETS = [("body", _("Body")), ("locality", _("Locality")), ("year", _("Year")), ("role", _("Role"))]

    q = _search_field(_("Name, body or topic (pinyin too)"))
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1949, max_value=2100)
    month = forms.IntegerField(label=_("Month"), required=False, min_value=1, max_value=12)
    body = forms.CharField(
        label=_("Body"), required=False, max_length=100, widget=forms.TextInput(attrs={"list": "bodies"})
    )
    locality = forms.CharField(label=_("Locality"), required=False, max_length=50)
    division = forms.RegexField(
        label=_("Division (GB/T 2260 code)"),
        required=False,
        regex=r"^\d{6}$",
        help_text=_("A province, city or county: its meetings and those of every division within it."),
    )
    official = forms.CharField(label=_("Official (name or id)"), required=False, max_length=40)
    together = forms.CharField(
        label=_("Attended by all of"),
        required=False,
        max_length=200,
        help_text=_("Officials (names or ids) separated by commas: the meetings every one of them took part in."),
    )
    role = forms.ChoiceField(label=_("Role"), required=False, choices=[("", _("any role")), *Role.choices])

    @staticmethod
    def searches_alone(data) -> bool:
        """Words searched (``q``) and no other filter: the search's own index can count the
        matches and hand them over in its order."""
        return bool(data.get("q")) and not any(value for name, value in data.items() if name != "q")

    def filter(self, meetings, data, dense: bool = False):
        """The meetings that pass every filter given; an invalid form filters nothing. ``dense``:
        the search matches so many meetings that a page should walk the date index (README,
        "Search")."""
        if data.get("q"):
            meetings = meetings.matching(data["q"], dense=dense)
        if data.get("date_from"):
            meetings = meetings.filter(date__gte=data["date_from"])
        if data.get("date_to"):
            meetings = meetings.filter(date__lte=data["date_to"])
        for field in ("year", "month", "body", "locality"):
            if data.get(field):
                meetings = meetings.filter(**{field: data[field]})
        if data.get("division"):
            meetings = meetings.filter(within("division", data["division"]))
        if data.get("official") or data.get("role"):
            taking_part = {}
            if data.get("official"):
                taking_part["official_id__in"] = _officials_named(data["official"])
            if data.get("role"):
                taking_part["role"] = data["role"]
            meetings = meetings.filter(id__in=Participation.objects.filter(**taking_part).values("meeting_id"))
        for official_ids in data.get("together") or []:
            meetings = meetings.filter(
                id__in=Participation.objects.filter(official_id__in=official_ids).values("meeting_id")
            )
        return meetings

    def clean_together(self):
        """Each official named (a name may be several officials: any of them) as a list of ids."""
        value = self.cleaned_data.get("together") or ""
        parts = [p for p in re.split(r"[,，、;；\s]+", value) if p]
        if len(parts) > TOGETHER_MAX:
            raise forms.ValidationError(_("At most %(n)d officials.") % {"n": TOGETHER_MAX})
        return [_officials_named(p) for p in parts]


class OfficialFilterForm(SearchForm):
    q = _search_field(_("Name, traditional or simplified, pinyin or initials"))


class DocumentFilterForm(SearchForm):
    q = _search_field(_("Title contains"))


class AgendaItemFilterForm(SearchForm):
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("any kind")), *AgendaItem.Kind.choices])

    def filter(self, items, data):
        items = super().filter(items, data)
        return items.filter(kind=data["kind"]) if data.get("kind") else items


def within(path: str, code: str) -> Q:
    """Rows whose division (``path``: ``division``, ``meeting__division``…) is the division of
    ``code``, one within it, or one it continues: 柯桥区 (330603) finds 绍兴县's (330621) too, as
    its page counts them (README, "Officials over time")."""
    lookup = Q(**{f"{path}__code__startswith": division_prefix(code)})
    earlier = division_table.predecessors_of(code)
    return lookup | Q(**{f"{path}__code__in": earlier}) if earlier else lookup


def division_prefix(code: str) -> str:
    """The code's own digits: 330000 (a province) → 33, 330600 (a city) → 3306, 330603 → 330603.
    GB/T 2260 codes of the divisions within it start with them."""
    for size in (2, 4):
        if code[size:] == "0" * (6 - size):
            return code[:size]
    return code


def _officials_named(value: str):
    """An id (the links the site makes), else everyone with that name or spelling, in either script."""
    value = value.strip()
    if value.isascii() and value.isdigit():
        return [int(value)] if int(value) <= MAX_ID else []
    name = normalise_query(value)
    # Ids as a list, not a subquery: nested in the facets' queries, PostgreSQL could plan the
    # OR across the alias join badly enough to take minutes on a fresh, unanalysed table.
    return list(Official.objects.filter(Q(name=name) | Q(aliases__name=name)).values_list("id", flat=True).distinct())


# Lists the API has beside the pages' (archive.api): the same kinds of fields, the same helpers.


def _division_field():
    return forms.RegexField(
        label=_("Division (GB/T 2260 code)"),
        required=False,
        regex=r"^\d{6}$",
        help_text=_("A province, city or county: it and every division within it."),
    )


def _official_field():
    return forms.CharField(label=_("Official (name or id)"), required=False, max_length=40)


def _id_field(label):
    return forms.IntegerField(label=label, required=False, min_value=1, max_value=MAX_ID)


class ParticipationFilterForm(forms.Form):
    meeting = _id_field(_("Meeting"))
    official = _official_field()
    role = forms.ChoiceField(label=_("Role"), required=False, choices=[("", _("any role")), *Role.choices])

    def filter(self, rows, data):
        if data.get("meeting"):
            rows = rows.filter(meeting_id=data["meeting"])
        if data.get("official"):
            rows = rows.filter(official_id__in=_officials_named(data["official"]))
        if data.get("role"):
            rows = rows.filter(role=data["role"])
        return rows


class AppointmentFilterForm(forms.Form):
    official = _official_field()
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("any action")), *Appointment.Action.choices]
    )
    division = _division_field()
    date_from = forms.DateField(label=_("From"), required=False)
    date_to = forms.DateField(label=_("To"), required=False)
    meeting = _id_field(_("Meeting"))

    def filter(self, rows, data):
        if data.get("official"):
            rows = rows.filter(official_id__in=_officials_named(data["official"]))
        if data.get("action"):
            rows = rows.filter(action=data["action"])
        if data.get("division"):
            rows = rows.filter(within("meeting__division", data["division"]))
        if data.get("date_from"):
            rows = rows.filter(meeting__date__gte=data["date_from"])
        if data.get("date_to"):
            rows = rows.filter(meeting__date__lte=data["date_to"])
        if data.get("meeting"):
            rows = rows.filter(meeting_id=data["meeting"])
        return rows


class TenureFilterForm(forms.Form):
    official = _official_field()
    post = _id_field(_("Post"))
    division = _division_field()

    def filter(self, rows, data):
        if data.get("official"):
            rows = rows.filter(official_id__in=_officials_named(data["official"]))
        if data.get("post"):
            rows = rows.filter(post_id=data["post"])
        if data.get("division"):
            rows = rows.filter(within("post__division", data["division"]))
        return rows


class PostFilterForm(forms.Form):
    division = _division_field()
    organ = forms.CharField(label=_("Organ"), required=False, max_length=60)
    office = forms.CharField(label=_("Office"), required=False, max_length=30)

    def filter(self, rows, data):
        if data.get("division"):
            rows = rows.filter(within("division", data["division"]))
        for field in ("organ", "office"):
            if data.get(field):
                rows = rows.filter(**{field: data[field]})
        return rows


class DivisionFilterForm(forms.Form):
    within = _division_field()
    level = forms.ChoiceField(label=_("Level"), required=False, choices=[("", _("any level")), *Division.Level.choices])
    q = _search_field(_("Name contains"))

    def filter(self, rows, data):
        if data.get("within"):
            rows = rows.filter(code__startswith=division_prefix(data["within"]))
        if data.get("level"):
            rows = rows.filter(level=data["level"])
        if data.get("q"):
            rows = rows.filter(full_name__contains=normalise_query(data["q"]))
        return rows


class BodyFilterForm(forms.Form):
    """Bodies are grouped meetings: filtered as the meetings list filters them."""

    division = _division_field()
    body = forms.CharField(label=_("Body contains"), required=False, max_length=100)

    def filter(self, meetings, data):
        if data.get("division"):
            meetings = meetings.filter(within("division", data["division"]))
        if data.get("body"):
            meetings = meetings.filter(body__contains=normalise_query(data["body"]))
        return meetings


class TextSearchForm(MeetingFilterForm):
    """Search in the minutes' own words, with the meetings list's filters beside it."""

    q = _search_field(_("Words in the minutes (pinyin finds officials' names)"))

    def filter(self, meetings, data, dense: bool = False):
        meetings = self.narrow(meetings, data)
        return meetings.text_matching(data["q"], dense=dense) if data.get("q") else meetings.none()

    def narrow(self, meetings, data):
        """The meetings that pass the filters other than the words searched for."""
        return super().filter(meetings, {**data, "q": ""})
