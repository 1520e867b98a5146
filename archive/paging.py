"""Paging a search whose matches may be many: count up to a cap and say so (issue 17).

A common word matches tens of thousands of meetings; counting them all, or sorting them all for
the first page, is what made searches grow with the archive. A search counts at most
``COUNT_CAP + 1`` matches; past the cap the page says "more than 1,000", pages through the first
1,000 in the order asked for, and the query walks the date index instead of sorting
(``MeetingQuerySet._among``).
"""

from django.core.paginator import Paginator

COUNT_CAP = 1000


def capped_count(rows, cap: int = COUNT_CAP) -> int:
    """How many rows, counting no further than ``cap + 1``."""
    return rows.order_by()[: cap + 1].count()


class CappedPaginator(Paginator):
    """A paginator told its count: at most ``cap``; ``capped`` when there were more."""

    def __init__(self, object_list, per_page, found: int, cap: int = COUNT_CAP, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count = min(found, cap)  # shadows Paginator.count (a cached_property)
        self.capped = found > cap
