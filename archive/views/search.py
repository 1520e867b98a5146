"""Search in the text (``/search/``): the minutes' own words, ranked or by date, with passages.

The match is the bigram index of migration 0014 (archive.models.search); the count stops at
``COUNT_CAP`` and the page says so (archive.paging); passages are cut from the page's texts only.
"""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .. import columns
from ..forms import TextSearchForm
from ..models import Meeting
from ..models.meetings import text_search_terms
from ..models.ordering import NEWEST, OLDEST
from ..models.search import count_text_matching, ranked_text_meeting_ids
from ..paging import COUNT_CAP
from ..parsing.textsearch import passages
from .meetings import _converted
from .paging import ArchiveListView

PASSAGES = 3  # per meeting
PASSAGE_SIDE = 40  # characters either side of a match


class RankedMeetings:
    """The matches best first, for the paginator: a page's ids from the index, then its meetings."""

    def __init__(self, alternatives, within, matched: bool = False):
        self.alternatives, self.within, self.matched = alternatives, within, matched

    def __getitem__(self, window):
        size = window.stop - window.start
        ids = ranked_text_meeting_ids(self.alternatives, self.within, size, window.start, self.matched)
        meetings = Meeting.objects.filter(id__in=ids).with_chairs().select_related("source")
        found = meetings.defer("source__raw_text").in_bulk()
        return [found[i] for i in ids if i in found]

    def count(self):  # the paginator counts the filtered queryset instead
        raise NotImplementedError


class TextSearchView(ArchiveListView):
    template_name = "archive/text_search.html"
    form_class = TextSearchForm
    sorts = {"rank": NEWEST, "-date": NEWEST, "date": OLDEST}  # rank: exports are newest first
    default_sort = "rank"
    export_name = "text-search"
    export_table = columns.MEETINGS

    def base_queryset(self):
        return Meeting.objects.all()

    @cached_property
    def alternatives(self):
        return text_search_terms(self.data.get("q", ""))

    def filtered(self):
        return self.form.filter(self.base_queryset(), self.data, dense=self.dense)

    def count_on_index(self, cap: int) -> int | None:
        """Words searched with no other filter: counted on the text index, which stops at the cap."""
        alone = self.form.searches_alone(self.data) and self.alternatives
        return count_text_matching(self.alternatives, cap) if alone else None

    def for_page(self, queryset):
        if self.sort == "rank" and self.alternatives:
            return RankedMeetings(self.alternatives, self.ranked_among(), matched=self.dense)
        return queryset.with_chairs().select_related("source").defer("source__raw_text")

    def ranked_among(self):
        """The meetings ranking may choose from: those the other filters pass (None: all); past the
        cap, the newest ``COUNT_CAP`` matches (bm25 over every match of a common word would read
        the whole index)."""
        if self.dense:
            return self.filtered().order_by(*NEWEST).values("id")[:COUNT_CAP]
        narrowed = self.form.narrow(self.base_queryset(), self.data)
        return narrowed.values("id") if narrowed.query.where else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page"]
        needles = [run for runs in self.alternatives for run in runs]
        for meeting in page.object_list:
            meeting.passages = passages(meeting.source.text, needles, PASSAGES, PASSAGE_SIDE)
        context.update(
            converted=_converted(self.data.get("q", "")),
            sort_choices=[("rank", _("best match")), ("-date", _("newest first")), ("date", _("oldest first"))],
        )
        return context


text_search = TextSearchView.as_view()
