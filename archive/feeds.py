import datetime
import re

from django.contrib.syndication.views import Feed
from django.core.exceptions import BadRequest
from django.db.models import F, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .forms import MeetingFilterForm, within
from .models import Appointment, Division, Meeting, Official, Participation, Post, Role
from .templatetags.archive_tags import meeting_title, role_heading

FEED_SIZE = 30
# XML 1.0 allows no control characters but tab, newline and carriage return; minutes may hold others.
XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
BODY_MAX_LENGTH = 100  # Meeting.body's


def xml_text(value) -> str:
    return XML_UNSAFE.sub("", str(value))


class PlainTextAtom(Atom1Feed):
    """Atom whose summaries are plain text (Django declares them HTML): they carry text from
    minutes, which a feed reader must show as written, never run as markup."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class LatestMeetingsFeed(Feed):
    """The meetings list as a feed, with any of its filters (/feeds/meetings/?q=…&division=…: the
    list's own form filters it, so any list URL's query makes its feed); newest loaded first."""

    feed_type = PlainTextAtom
    subtitle = _("Meetings most recently added to the minutes archive")

    def get_object(self, request):
        form = MeetingFilterForm(request.GET or None)
        if form.is_bound and not form.is_valid():
            raise BadRequest("; ".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()))
        data = form.cleaned_data if form.is_bound else {}
        return {name: value for name, value in data.items() if value not in (None, "")}

    def title(self, filters):
        if not filters:
            return _("Latest meetings")
        return xml_text(" · ".join(str(value) for value in filters.values()))

    def link(self, filters):
        return reverse("archive:meeting_list") + ("?" + urlencode(filters) if filters else "")

    def items(self, filters):
        meetings = MeetingFilterForm().filter(Meeting.objects.all(), filters)
        return self.with_summary(meetings.order_by("-created_at", "-id"))

    @staticmethod
    def with_summary(meetings):
        """The feed's meetings with what their summaries name (two queries for the whole feed)."""
        people = Participation.objects.filter(role__in=[Role.CHAIR, Role.REPORTER]).order_by("order")
        return meetings.prefetch_related(
            Prefetch("participations", queryset=people, to_attr="named"), Prefetch("agenda_items", to_attr="agenda")
        )[:FEED_SIZE]

    def item_title(self, item):
        return xml_text(meeting_title(item))

    def item_description(self, item):
        """Plain text: where, who chaired, the agenda."""
        lines = [item.locality] if item.locality else []
        chairs = [p.name for p in item.named if p.role == Role.CHAIR]
        if chairs:
            lines.append(f"{role_heading(Role.CHAIR, len(chairs))}: {'、'.join(chairs)}")
        for agenda_item in sorted(item.agenda, key=lambda a: a.order):
            lines.append(f"{agenda_item.order}. {agenda_item.title}")
        return xml_text("\n".join(lines))

    def item_link(self, item):
        return reverse("archive:meeting_detail", args=[item.id])

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        """The meeting's own date (midnight in the site's time zone); the load time when the
        minutes give no full date."""
        if item.date:
            return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time()))
        return item.created_at


UNKNOWN_PLACE = "-"  # the code in a body's address when its meetings' place is unknown


class BodyMeetingsFeed(LatestMeetingsFeed):
    """The meetings of one body in one place (Meeting.objects.of_body); titled with the place."""

    def get_object(self, request, code, body):
        if len(body) > BODY_MAX_LENGTH or XML_UNSAFE.search(body):
            raise Http404("no such body")
        division = None if code == UNKNOWN_PLACE else get_object_or_404(Division, code=code)
        if not Meeting.objects.of_body(body, division.id if division else None).exists():
            raise Http404("no such body in this place")
        return body, division

    def title(self, obj):
        body, division = obj
        place = division.full_name if division else gettext("place unknown")
        return xml_text(f"{body} · {place}")

    def link(self, obj):
        body, division = obj
        return reverse("archive:body_detail", args=[division.code if division else UNKNOWN_PLACE, body])

    def items(self, obj):
        body, division = obj
        meetings = Meeting.objects.of_body(body, division.id if division else None)
        return self.with_summary(meetings.order_by("-created_at", "-id"))


class OfficialMeetingsFeed(LatestMeetingsFeed):
    def get_object(self, request, pk):
        return get_object_or_404(Official, pk=pk)

    def title(self, official):
        return xml_text(official)

    def link(self, official):
        return reverse("archive:official_detail", args=[official.id])

    def items(self, official):
        taking_part = Participation.objects.filter(official=official).values("meeting_id")
        return self.with_summary(Meeting.objects.filter(id__in=taking_part).order_by("-created_at", "-id"))


class PostFeed(Feed):
    """Who held a post: each tenure, newest first seen first; updated is the last day seen in it."""

    feed_type = PlainTextAtom

    def get_object(self, request, code, organ, office):
        return get_object_or_404(
            Post.objects.select_related("division"), division__code=code, organ=organ, office=office
        )

    def title(self, post):
        return xml_text(f"{post.division.name}{post.label}")

    def link(self, post):
        return reverse("archive:post_detail", args=[post.division.code, post.organ, post.office])

    def items(self, post):
        tenures = post.tenures.select_related("official").order_by(F("first_date").desc(nulls_last=True), "-id")
        return tenures[:FEED_SIZE]

    def item_title(self, tenure):
        return xml_text(f"{tenure.official.name} · {tenure.written or tenure.post_id}")

    def item_description(self, tenure):
        seen = " – ".join(str(d) for d in (tenure.first_date, tenure.last_date) if d)
        return xml_text(f"{seen} ({tenure.meeting_count})")

    def item_link(self, tenure):
        return reverse("archive:official_career", args=[tenure.official_id]) + f"#tenure-{tenure.id}"

    def item_updateddate(self, tenure):
        return _midnight(tenure.last_date)

    def item_pubdate(self, tenure):
        return _midnight(tenure.first_date)


class DivisionAppointmentsFeed(Feed):
    """Appointments and removals decided by meetings in a division and the divisions within it,
    newest meeting first."""

    feed_type = PlainTextAtom

    def get_object(self, request, code):
        return get_object_or_404(Division, code=code)

    def title(self, division):
        return xml_text(f"{division.full_name} · ") + str(_("appointments"))

    def link(self, division):
        return reverse("archive:division_detail", args=[division.code])

    def items(self, division):
        appointments = Appointment.objects.filter(within("meeting__division", division.code))
        newest = (F("meeting__date").desc(nulls_last=True), "-meeting_id", "order")
        return appointments.select_related("meeting").order_by(*newest)[:FEED_SIZE]

    def item_title(self, appointment):
        return xml_text(f"{appointment.get_action_display()} {appointment.name} {appointment.post}".strip())

    def item_description(self, appointment):
        return xml_text(meeting_title(appointment.meeting))

    def item_link(self, appointment):
        return reverse("archive:meeting_detail", args=[appointment.meeting_id]) + f"#appointment-{appointment.id}"

    def item_updateddate(self, appointment):
        return _midnight(appointment.meeting.date) or appointment.meeting.created_at

    def item_pubdate(self, appointment):
        return appointment.meeting.created_at


def _midnight(date):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time())) if date else None
