from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Max, Min, OuterRef, Subquery
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .. import curation
from ..models import Official, OfficialAlias, OfficialRedirect, Participation
from .base import ArchiveAdmin, ArchiveHistoryHelper, BoundedSearch
from .filters import LocalityFilter
from .places import place_of
from .resources import OfficialResource

# The change page shows the newest few and links to all: 200 rows cost 45 ms to render for an
# official with 950 meetings (issue 17), and the participations list pages, filters and searches them.
RECENT_PARTICIPATIONS = 20


class OfficialForm(forms.ModelForm):
    """A locality changed without a division resolves its division (the person then shows on the
    division's page); one that names no division, or several, is refused with the reason."""

    class Meta:
        model = Official
        fields = ["name", "locality", "division", "disambiguation", "notes"]

    def clean(self):
        data = super().clean()
        if "locality" in self.changed_data and "division" not in self.changed_data:
            try:
                data["division"] = place_of(data.get("locality") or "")
            except ValidationError as error:
                self.add_error("locality", error)
        return data


class AliasInline(admin.TabularInline):
    model = OfficialAlias
    extra = 1
    verbose_name = _("other spelling")
    verbose_name_plural = _("other spellings (aliases)")


@admin.register(Official)
class OfficialAdmin(ArchiveAdmin):
    resource_classes = [OfficialResource]
    list_display = [
        "name",
        "romanized",
        "locality",
        "disambiguation",
        "first_meeting",
        "last_meeting",
        "meeting_count",
        "latest_titles",
    ]
    list_filter = [LocalityFilter]
    sortable_by = ["name", "romanized", "locality"]
    # By syllables, as the site sorts them ("bi ming" before "bian a"); the model's order, the
    # run-together key, put Bian before Bi.
    ordering = ["pinyin", "id"]
    search_fields = ["name"]  # replaced by search_results; keeps the box and autocomplete
    search_help_text = _(
        "Simplified or traditional, pinyin with or without spaces and tones, or initials (chenhao, chen hao, ch)."
    )
    inlines = [AliasInline]
    form = OfficialForm
    autocomplete_fields = ["division"]
    actions = ["merge"]
    readonly_fields = ["romanized", "initials", "titles_seen", "participation_list", "created_at"]
    fields = [
        "name",
        ("locality", "division"),
        "disambiguation",
        "notes",
        ("romanized", "initials"),
        "titles_seen",
        "participation_list",
        "created_at",
    ]

    def annotate_page(self, rows):
        """First and last meeting, number of meetings and latest titles of the page's officials:
        two queries for the page. (As annotations of the list's query, a search matching 5,000
        officials computed them for all 5,000 before SQLite sorted and cut the page.)"""
        ids = [o.id for o in rows]
        figures = {
            row["official_id"]: row
            for row in Participation.objects.filter(official_id__in=ids)
            .values("official_id")
            .annotate(first=Min("meeting__date"), last=Max("meeting__date"), n=Count("meeting_id", distinct=True))
            .order_by()
        }
        latest = Participation.objects.filter(official=OuterRef("pk")).order_by("-meeting__date", "-meeting_id")
        titles = dict(
            Official.objects.filter(id__in=ids)
            .annotate(latest=Subquery(latest.values("titles")[:1]))
            .values_list("id", "latest")
        )
        for official in rows:
            row = figures.get(official.id, {})
            official.first_date, official.last_date = row.get("first"), row.get("last")
            official.meetings, official.latest = row.get("n", 0), titles.get(official.id)
        return rows

    def search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset.matching(search_term), False

    def get_historical_record_context_helper(self, request, historical_record):
        return OfficialHistory(self.model, historical_record)

    @admin.display(description=_("pinyin"), ordering="pinyin")
    def romanized(self, official):
        """The name romanised as the site prints it (Li Zhilong, Ouyang Ming), not the stored
        search form (li zhi long)."""
        return official.romanized

    @admin.display(description=_("first meeting"))
    def first_meeting(self, official):
        return _day(official.first_date)

    @admin.display(description=_("last meeting"))
    def last_meeting(self, official):
        return _day(official.last_date)

    @admin.display(description=_("meetings"))
    def meeting_count(self, official):
        return official.meetings

    @admin.display(description=_("latest titles"))
    def latest_titles(self, official):
        titles = official.latest
        if isinstance(titles, str):  # PostgreSQL returns the JSON as text through a subquery
            import json

            titles = json.loads(titles)
        return "、".join(titles or [])

    @admin.display(description=_("titles seen"))
    def titles_seen(self, official):
        seen = {}
        # Grouped in the database: an official of 950 meetings has a handful of distinct title lists.
        for titles, n in official.participations.values_list("titles").annotate(n=Count("id")).order_by():
            for title in titles:
                seen[title] = seen.get(title, 0) + n
        return "、".join(f"{t}（{n}）" for t, n in sorted(seen.items(), key=lambda x: -x[1])) or "—"

    @admin.display(description=_("participations"))
    def participation_list(self, official):
        newest = (F("meeting__date").desc(nulls_last=True), "-meeting_id")  # undated last on PostgreSQL too
        rows = official.participations.select_related("meeting").order_by(*newest)[:RECENT_PARTICIPATIONS]
        items = format_html_join(
            "",
            '<li><a href="{}">{}</a> {} {}</li>',
            (
                (
                    reverse("admin:archive_meeting_change", args=[p.meeting_id]),
                    p.meeting,
                    p.get_role_display(),
                    "、".join(p.titles),
                )
                for p in rows
            ),
        )
        return format_html(
            '<ul style="margin:0;padding-left:1rem">{}</ul><a href="{}?official__id__exact={}">{}</a>',
            items,
            reverse("admin:archive_participation_changelist"),
            official.id,
            _("All participations"),
        )

    @admin.action(description=_("Merge selected officials"), permissions=["change"])
    def merge(self, request, queryset):
        officials = list(queryset.order_by("id"))
        if len(officials) < 2:
            self.message_user(request, _("Choose at least two officials to merge."), messages.WARNING)
            return None
        if request.POST.get("keep"):
            keep = next((o for o in officials if str(o.id) == request.POST["keep"]), None)
            if keep is None:
                self.message_user(request, _("Choose one of the selected officials to keep."), messages.ERROR)
                return None
            try:
                moved = curation.merge_officials(keep, [o for o in officials if o.id != keep.id])
            except curation.MergeRefused as refused:
                self.message_user(request, str(refused), messages.ERROR)
                return None
            self.message_user(
                request,
                _("Merged %(count)d official(s) into %(name)s; %(moved)d participation(s) moved.")
                % {"count": len(officials) - 1, "name": keep, "moved": moved},
                messages.SUCCESS,
            )
            return None
        officials = curation.merge_order(officials)
        counts = dict(
            Participation.objects.filter(official__in=officials)
            .values("official")
            .annotate(n=Count("id"))
            .values_list("official", "n")
        )
        for o in officials:
            o.participation_count = counts.get(o.id, 0)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Merge officials"),
            "officials": officials,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return render(request, "admin/archive/official/merge.html", context)


class OfficialHistory(ArchiveHistoryHelper):
    """An official's changes in the history list: a change of pinyin as the site prints names."""

    def context_for_delta_changes(self, delta):
        rows = super().context_for_delta_changes(delta)
        for row, change in zip(rows, delta.changes, strict=True):
            if change.field == "pinyin":
                row["old"], row["new"] = delta.old_record.instance.romanized, delta.new_record.instance.romanized
        return rows


def _day(date) -> str:
    """2023-06-02: the list's narrowest date, so that a 1280 px screen shows every column."""
    return date.isoformat() if date else "—"


@admin.register(OfficialRedirect)
class OfficialRedirectAdmin(BoundedSearch, admin.ModelAdmin):
    list_display = ["old_id", "official", "merged_at"]
    autocomplete_fields = ["official"]
    search_fields = ["=old_id"]
