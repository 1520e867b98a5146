"""Admin for divisions, personnel decisions (任免), posts and careers (README, "Officials over time")."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..models import Appointment, CrossPlaceCandidate, Division, Post, Tenure
from .base import ArchiveAdmin, BoundedSearch
from .resources import AppointmentResource


@admin.register(Appointment)
class AppointmentAdmin(ArchiveAdmin):
    resource_classes = [AppointmentResource]
    list_display = ["name", "action", "post", "official", "meeting", "curated"]
    list_filter = ["action", "curated"]
    search_fields = ["name", "post"]
    autocomplete_fields = ["official", "meeting"]
    raw_id_fields = ["agenda_item"]
    list_select_related = ["official", "meeting"]

    def save_model(self, request, obj, form, change):
        """A curator's row: a re-parse keeps it."""
        obj.curated = True
        super().save_model(request, obj, form, change)


@admin.register(Division)
class DivisionAdmin(BoundedSearch, admin.ModelAdmin):
    """The GB/T 2260 table since 1981 (archive/data/divisions_history.csv): read only."""

    list_display = ["code", "name", "level", "full_name", "valid_from", "valid_until", "successor"]
    list_filter = ["level", ("valid_until", admin.EmptyFieldListFilter)]
    list_select_related = ["successor"]
    search_fields = ["code", "name", "full_name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Post)
class PostAdmin(ArchiveAdmin):
    list_display = ["organ", "office", "division"]
    search_fields = ["organ", "office", "division__name"]
    list_select_related = ["division"]
    autocomplete_fields = ["division"]


@admin.register(Tenure)
class TenureAdmin(ArchiveAdmin):
    """Careers: a curator's correction (dates, post, the appointments) is marked curated, and
    refreshes after a re-parse or a load keep it as it is."""

    list_display = ["official", "post", "first_date", "last_date", "meeting_count", "curated"]
    list_filter = ["curated"]
    search_fields = ["official__name", "post__organ", "post__office"]
    list_select_related = ["official", "post__division"]
    # Each post's holders in turn, read off tenure_post_idx: the model's order (by the official's
    # pinyin) sorts every tenure of the archive for a page (106 ms at 100k meetings, issue 17).
    ordering = ["post_id", "first_date", "id"]
    autocomplete_fields = ["official", "post"]
    raw_id_fields = ["first_meeting", "last_meeting", "started_by", "ended_by"]

    def save_model(self, request, obj, form, change):
        obj.curated = True
        super().save_model(request, obj, form, change)


class CandidateStatusFilter(admin.SimpleListFilter):
    """Open candidates unless another status is asked for: the page is a curator's work list."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*CrossPlaceCandidate.Status.choices, ("all", _("all"))]

    def queryset(self, request, queryset):
        value = self.value() or CrossPlaceCandidate.Status.OPEN
        return queryset if value == "all" else queryset.filter(status=value)

    def choices(self, changelist):
        current = self.value() or CrossPlaceCandidate.Status.OPEN
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }


EVIDENCE_LABELS = {
    "same-prefecture": _("same city"),
    "same-province": _("same province"),
    "posts-follow": _("posts follow one another"),
    "appointment-names-earlier-post": _("an appointment names the earlier post"),
    "successor-place": _("the later place took over the earlier one's area"),
}


@admin.register(CrossPlaceCandidate)
class CrossPlaceCandidateAdmin(admin.ModelAdmin):
    """Same name, two divisions, careers one after the other: one person who moved? A curator
    accepts (the records become one) or rejects (never proposed again); see
    archive.careers.candidates. ``manage.py propose_candidates`` proposes new ones."""

    list_display = ["name", "places", "evidence_words", "score", "earlier", "later", "status", "decided_by"]
    list_filter = [CandidateStatusFilter]
    search_fields = ["name", "places"]
    list_select_related = ["earlier__division", "later__division", "decided_by"]
    readonly_fields = [f.name for f in CrossPlaceCandidate._meta.fields]
    actions = ["accept_candidates", "reject_candidates"]

    @admin.display(description=_("evidence"))
    def evidence_words(self, obj):
        return "、".join(str(EVIDENCE_LABELS.get(e, e)) for e in obj.evidence)

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Accept: one person (merge the two records)"), permissions=["change"])
    def accept_candidates(self, request, queryset):
        from ..curation import accept

        chosen = list(queryset.filter(status=CrossPlaceCandidate.Status.OPEN))
        for candidate in chosen:
            candidate.refresh_from_db()
            accept(candidate, request.user)
        message = ngettext("%(n)d candidate accepted.", "%(n)d candidates accepted.", len(chosen))
        self.message_user(request, message % {"n": len(chosen)}, messages.SUCCESS)

    @admin.action(description=_("Reject: two people (never propose again)"), permissions=["change"])
    def reject_candidates(self, request, queryset):
        from ..curation import reject

        chosen = list(queryset.filter(status=CrossPlaceCandidate.Status.OPEN))
        for candidate in chosen:
            reject(candidate, request.user)
        message = ngettext("%(n)d candidate rejected.", "%(n)d candidates rejected.", len(chosen))
        self.message_user(request, message % {"n": len(chosen)}, messages.SUCCESS)
