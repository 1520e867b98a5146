from django.contrib import admin, messages
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Count, IntegerField
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .. import curation
from ..history import ensure_baseline
from ..models import AgendaItem, Document, Meeting, MeetingForReview, Participation, Role
from ..models.aggregates import per_row
from ..models.flags import flag_set
from ..paging import COUNT_CAP
from ..search import normalise_query
from .base import ArchiveAdmin
from .bulk_edit import AssignForm, SetMeetingFieldsForm, set_fields_context
from .filters import (
    AssignedFilter,
    BodyFilter,
    FlagFilter,
    LinkedOfficialFilter,
    LocalityFilter,
    ReviewReasonFilter,
    YearFilter,
)
from .layout import FIELDSET, STACKED, TABULAR
from .resources import AgendaItemResource, MeetingResource, ParticipationResource
from .source_text import marked_text
from .widgets import AgendaItemForm, KnownChoicesInline, MeetingForm, ParticipationForm, QuickAutocomplete


class ParticipationInline(KnownChoicesInline, admin.TabularInline):
    model = Participation
    form = ParticipationForm
    template = TABULAR  # admin/edit_inline/tabular.html, written in Python (archive.admin.layout)
    extra = 0
    fields = ["order", "role", "titles", "name", "name_as_written", "official", "curated"]
    readonly_fields = ["name_as_written"]
    autocomplete_fields = ["official"]
    ordering = ["order"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("official")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """The official's view link only: add, change and delete belong on the official's page, and
        four links a row widened the table and cost a quarter of the inline's time."""
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "official" and isinstance(field.widget, RelatedFieldWidgetWrapper):
            field.widget.can_add_related = field.widget.can_change_related = field.widget.can_delete_related = False
        return field


class AgendaItemInline(KnownChoicesInline, admin.StackedInline):
    model = AgendaItem
    form = AgendaItemForm
    template = STACKED  # admin/edit_inline/stacked.html, written in Python (archive.admin.layout)
    extra = 0
    fields = [("order", "kind", "curated"), "title", "text", "documents"]
    autocomplete_fields = ["documents"]
    ordering = ["order"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("documents")


@admin.register(Meeting)
class MeetingAdmin(QuickAutocomplete, ArchiveAdmin):
    resource_classes = [MeetingResource]
    form = MeetingForm
    list_display = [
        "date_display",
        "body",
        "locality",
        "session_number",
        "chair",
        "participant_count",
        "agenda_item_count",
        "review_status",
    ]
    list_filter = [("needs_review", FlagFilter), YearFilter, BodyFilter, LocalityFilter]
    sortable_by = ["date_display", "body", "locality"]
    search_fields = ["body"]  # replaced by the bigram search below; keeps the search box
    search_help_text = _("Names, bodies, titles, agenda topics; traditional or simplified.")
    inlines = [ParticipationInline, AgendaItemInline]
    # Django's change form, its fieldsets written in Python (archive.admin.layout)
    change_form_template = "admin/archive/meeting/quick_change_form.html"
    fieldset_template = FIELDSET
    autocomplete_fields = ["division"]
    actions = ["mark_reviewed", "assign", "set_fields"]
    readonly_fields = [
        "date",
        "source_link",
        "source_comparison",
        "review_reason_list",
        "locked_field_list",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("year", "month", "day", "part_of_day"),
                    "date",
                    "body",
                    "session_number",
                    ("locality", "division"),
                ]
            },
        ),
        (_("Review"), {"fields": ["needs_review", "review_reason_list", "locked_field_list"]}),
        (_("Source"), {"fields": ["source_link", "source_comparison", ("created_at", "updated_at")]}),
    ]

    # Newest first along the (year, month, day) index, which ends in the id: a page of a year's
    # meetings is read off the index, not sorted (the model's order by date needs a sort when filtered).
    ordering = ["-year", "-month", "-day", "-id"]

    def annotate_page(self, rows):
        """Chairs and counts of the page's meetings: three queries for the page."""
        ids = [m.id for m in rows]
        chairs, participants, items = {}, _counts(Participation, ids), _counts(AgendaItem, ids)
        for p in Participation.objects.filter(meeting_id__in=ids, role=Role.CHAIR).order_by("meeting_id", "order"):
            chairs.setdefault(p.meeting_id, []).append(p)
        for meeting in rows:
            meeting.chairs = chairs.get(meeting.id, [])
            meeting.participant_count = participants.get(meeting.id, 0)
            meeting.agenda_item_count = items.get(meeting.id, 0)
        return rows

    def search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset.matching(search_term), False

    def get_object(self, request, object_id, from_field=None):
        """Django's, with the meeting's division and source document, which its page shows (the
        division's autocomplete labels it without a query, MeetingForm): one query, not three."""
        queryset = self.get_queryset(request).select_related("division", "source")
        field = Meeting._meta.pk if from_field is None else Meeting._meta.get_field(from_field)
        try:
            return queryset.get(**{field.name: field.to_python(object_id)})
        except (Meeting.DoesNotExist, ValidationError, ValueError):
            return None

    @admin.display(description=_("date"), ordering="date")
    def date_display(self, meeting):
        return meeting.date_label()

    @admin.display(description=_("Review"), ordering="needs_review")
    def review_status(self, meeting):
        """Words, not Django's boolean icon: a green ✓ read as "done" where it meant "needs review"."""
        return _("needs review") if meeting.needs_review else "—"

    @admin.display(description=_("chair"))
    def chair(self, meeting):
        return "、".join(p.name for p in getattr(meeting, "chairs", [])) or "—"

    @admin.display(description=_("participants"))
    def participant_count(self, meeting):
        return meeting.participant_count

    @admin.display(description=_("agenda items"))
    def agenda_item_count(self, meeting):
        return meeting.agenda_item_count

    @admin.display(description=_("review reasons"))
    def review_reason_list(self, meeting):
        labels = meeting.review_reason_labels()
        if not labels:
            return "—"
        return format_html(
            '<ul class="review-reasons">{}</ul>', format_html_join("", "<li>{}</li>", ((x,) for x in labels))
        )

    @admin.display(description=_("locked fields"))
    def locked_field_list(self, meeting):
        names = []
        for name in meeting.locked_fields or []:
            try:
                names.append(str(Meeting._meta.get_field(name).verbose_name))
            except Exception:  # a name a newer version no longer has
                names.append(name)
        return "、".join(names) or "—"

    @admin.display(description=_("source document"))
    def source_link(self, meeting):
        url = reverse("admin:archive_sourcedocument_change", args=[meeting.source_id])
        return format_html('<a href="{}">{}</a>', url, meeting.source.path)

    @admin.display(description=_("source text"))
    def source_comparison(self, meeting):
        return marked_text(meeting)

    def has_add_permission(self, request):
        """A meeting comes from a source document: load the file (load_minutes, or import a source
        row). The add form had no source (NOT NULL source_id: every submission a 500)."""
        return False

    def save_model(self, request, obj, form, change):
        curation.as_meeting(obj)  # from the review queue too: history and search follow Meeting's saves
        if change:
            from_locality = ["division"] if getattr(form, "division_from_locality", False) else []
            curation.lock_edited_fields(obj, [*form.changed_data, *from_locality])
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        """Rows a curator added or changed are curated: a re-parse keeps them."""
        instances = formset.save(commit=False)
        ensure_baseline(formset.model, [i.pk for i in instances] + [o.pk for o in formset.deleted_objects])
        for instance in instances:
            if hasattr(instance, "curated"):
                instance.curated = True
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()

    @admin.action(
        description=_("Mark selected meetings reviewed (they leave the review queue)"), permissions=["change"]
    )
    def mark_reviewed(self, request, queryset):
        count = curation.mark_reviewed(queryset)
        self.message_user(request, _("%(count)d meeting(s) marked reviewed.") % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Assign selected meetings to a curator to review"), permissions=["change"])
    def assign(self, request, queryset):
        """To a curator chosen on a form (or to nobody); a history record each."""
        applying = "apply" in request.POST
        form = AssignForm(request.POST if applying else None)
        if applying and form.is_valid():
            curator = form.cleaned_data["curator"]
            count = curation.assign(queryset.order_by("id"), curator)
            note = (
                _("%(count)d meeting(s) assigned to %(curator)s.") if curator else _("%(count)d meeting(s) unassigned.")
            )
            self.message_user(request, note % {"count": count, "curator": curator}, messages.SUCCESS)
            return None
        context = {
            **set_fields_context(self, request, queryset, form),
            "title": _("Assign selected meetings to a curator to review"),
        }
        return render(request, "admin/archive/meeting/assign.html", context)

    @admin.action(description=_("Set fields on selected meetings"), permissions=["change"])
    def set_fields(self, request, queryset):
        """Place, division, year or body on many meetings at once (a form first)."""
        applying = "apply" in request.POST
        form = SetMeetingFieldsForm(request.POST if applying else None, admin_site=self.admin_site)
        if applying and form.is_valid():
            count = curation.set_meeting_fields(queryset.order_by("id"), form.values())
            self.message_user(request, _("%(count)d meeting(s) changed.") % {"count": count}, messages.SUCCESS)
            return None
        return render(
            request, "admin/archive/meeting/set_fields.html", set_fields_context(self, request, queryset, form)
        )


def _counts(model, meeting_ids) -> dict[int, int]:
    rows = model.objects.filter(meeting_id__in=meeting_ids).values("meeting_id").annotate(n=Count("*")).order_by()
    return {row["meeting_id"]: row["n"] for row in rows}


@admin.register(MeetingForReview)
class ReviewQueueAdmin(MeetingAdmin):
    """Meetings the loader flagged: no year, no chair, names that fit several officials ..."""

    list_display = ["date_display", "body", "locality", "chair", "reasons", "assigned", "open_link"]
    list_filter = [ReviewReasonFilter, AssignedFilter, YearFilter, BodyFilter, LocalityFilter]
    # Latest loaded first, along the partial index of flagged meetings (by date, SQLite would walk
    # the date index through every meeting to find the flagged few).
    ordering = ["-id"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(flag_set("needs_review"))

    def has_add_permission(self, request):
        return False  # the queue is meetings the loader flagged; new meetings are added as meetings

    def has_delete_permission(self, request, obj=None):
        return False  # reviewing never deletes a meeting: that is done, if ever, from the meetings list

    def has_import_permission(self, request):
        return False  # the queue is a view of meetings: imports go to the meetings list

    def get_actions(self, request, action_location=None):
        """Only what reviewing does, each saying what it does (mark reviewed, assign to a curator,
        set place, year or body on several meetings); no delete: the list of meetings has the rest.
        Django 6.1 passes where the menu is (list or change form); 5.2 does not know the argument."""
        located = {} if action_location is None else {"action_location": action_location}
        reviewing = ("mark_reviewed", "assign", "set_fields")
        actions = super().get_actions(request, **located)
        return {name: action for name, action in actions.items() if name in reviewing}

    @admin.display(description=_("review reasons"))
    def reasons(self, meeting):
        return meeting.review_reason_text() or "—"

    def annotate_page(self, rows):
        rows = super().annotate_page(rows)
        ids = {m.assigned_to_id for m in rows if m.assigned_to_id}
        users = {u.pk: u for u in get_user_model().objects.filter(pk__in=ids)} if ids else {}
        for meeting in rows:
            meeting.assignee = users.get(meeting.assigned_to_id)
        return rows

    @admin.display(description=_("assigned to"))
    def assigned(self, meeting):
        assignee = getattr(meeting, "assignee", None)
        return assignee.get_username() if assignee else "—"

    @admin.display(description=pgettext_lazy("action", "open"))
    def open_link(self, meeting):
        """The meeting's own change page, to correct it (its inlines, its source text side by side)."""
        url = reverse("admin:archive_meeting_change", args=[meeting.pk])
        return format_html('<a href="{}">{}</a>', url, _("Open the meeting"))


@admin.register(Participation)
class ParticipationAdmin(ArchiveAdmin):
    resource_classes = [ParticipationResource]
    form = ParticipationForm
    list_display = ["name", "role", "titles_display", "official", "meeting", "curated"]
    list_select_related = ["official", "meeting"]
    list_filter = ["role", LinkedOfficialFilter, "curated"]
    sortable_by = ["role"]
    search_fields = ["name"]
    search_help_text = _("A name, traditional or simplified.")
    autocomplete_fields = ["official", "meeting"]
    ordering = ["-id"]  # newest first, off the primary key: no sort over a million rows
    readonly_fields = ["name_as_written", "start", "end", "raw_start", "raw_end"]
    actions = ["split_to_new_official"]

    def search_results(self, request, queryset, search_term):
        return queryset.matching(search_term), False

    @admin.display(description=_("titles"))
    def titles_display(self, p):
        return p.titles_display

    @admin.action(description=_("Move selected participations to a new official"), permissions=["change"])
    def split_to_new_official(self, request, queryset):
        participations = list(queryset.select_related("official"))
        if len({p.name for p in participations}) != 1:
            self.message_user(request, _("Choose participations of one name only."), messages.ERROR)
            return
        official = curation.split_official(participations)
        self.message_user(
            request,
            format_html(
                _('{} participation(s) moved to a new official: <a href="{}">{}</a>'),
                len(participations),
                reverse("admin:archive_official_change", args=[official.id]),
                official,
            ),
            messages.SUCCESS,
        )


@admin.register(AgendaItem)
class AgendaItemAdmin(ArchiveAdmin):
    resource_classes = [AgendaItemResource]
    list_display = ["title", "kind", "order", "meeting", "curated"]
    list_select_related = ["meeting"]
    list_filter = ["kind", "curated"]
    sortable_by = ["kind"]
    search_fields = ["title"]
    autocomplete_fields = ["meeting", "documents"]
    ordering = ["-id"]

    def search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        # A common word (more matches than a page) walks the items in id order and stops at the
        # page; a name's few matches are looked up by meeting (archive.paging, issue 17).
        # Counted as the search index hands over its matching meetings, where the list has no
        # filter of its own (AgendaItemQuerySet.count_matching).
        found = self.keep_search_count(request, queryset.count_matching(search_term, COUNT_CAP + 1))
        dense = found > self.list_per_page
        return queryset.matching(search_term, dense=dense), False


@admin.register(Document)
class DocumentAdmin(ArchiveAdmin):
    list_display = ["title", "meeting_count"]
    search_fields = ["title"]
    filter_horizontal = []
    autocomplete_fields = ["meetings"]

    def get_queryset(self, request):
        count = per_row(Document.meetings.through, "document", Count("*"), IntegerField(), 0)
        return super().get_queryset(request).annotate(meeting_count=count)

    def search_results(self, request, queryset, search_term):
        term = normalise_query(search_term)
        return (queryset.matching(term) if term else queryset), False

    @admin.display(description=_("meetings"))
    def meeting_count(self, document):
        return document.meeting_count
