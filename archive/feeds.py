from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Meeting, Official

FEED_SIZE = 30


class LatestMeetingsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Latest meetings")
    subtitle = _("Meetings most recently added to the minutes archive")

    def link(self):
        return reverse("archive:meeting_list")

    def items(self):
        return Meeting.objects.order_by("-created_at", "-id")[:FEED_SIZE]

    def item_title(self, item):
        return str(item)

    def item_description(self, item):
        return item.locality

    def item_link(self, item):
        return reverse("archive:meeting_detail", args=[item.id])

    def item_updateddate(self, item):
        return item.updated_at


class BodyMeetingsFeed(LatestMeetingsFeed):
    def get_object(self, request, body):
        return body

    def title(self, body):
        return body

    def link(self, body):
        return reverse("archive:meeting_list") + "?body=" + body

    def items(self, body):
        return Meeting.objects.filter(body=body).order_by("-created_at", "-id")[:FEED_SIZE]


class OfficialMeetingsFeed(LatestMeetingsFeed):
    def get_object(self, request, pk):
        return get_object_or_404(Official, pk=pk)

    def title(self, official):
        return str(official)

    def link(self, official):
        return reverse("archive:official_detail", args=[official.id])

    def items(self, official):
        return (
            Meeting.objects.filter(participations__official=official)
            .distinct()
            .order_by("-created_at", "-id")[:FEED_SIZE]
        )
