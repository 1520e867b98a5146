"""Template helpers for divisions, appointments and careers (archive.careers)."""

from django import template

register = template.Library()


@register.simple_tag
def meeting_appointments(meeting):
    """The meeting's personnel decisions in text order, with their officials (one query)."""
    return list(meeting.appointments.select_related("official", "agenda_item").order_by("order"))


@register.simple_tag
def division_of(obj):
    """The object's division with its parents (one query; none without a division)."""
    from archive.models import Division

    if not obj.division_id:
        return None
    return Division.objects.select_related("parent__parent").get(pk=obj.division_id)
