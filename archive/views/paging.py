"""Paging and the list view every public list is built on.

``page_of`` is the one paginator of the site: every page that pages (lists, an official's meetings,
a post's holders, a body's sessions) reads ``?page=`` through it, so a bad page is a 404 everywhere.
"""

import re

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponseBadRequest
from django.utils.functional import cached_property
from django.views.generic import ListView

from .. import columns
from ..exports import FORMATS, export_response
from ..paging import COUNT_CAP, CappedPaginator, capped_count
from ..templatetags.archive_tags import linkable_params

PAGE_SIZE = 50

# Page numbers are 1 to 999,999,999 written in ASCII digits: int() would also take "١٢", " 7" or
# "1_0", and a bigger number overflows SQLite's OFFSET.
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,8}")


class ArchivePaginator(Paginator):
    """Counts once, on the filtered rows without their ordering, annotations or prefetches."""

    def __init__(self, object_list, per_page, count_queryset=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._count_queryset = count_queryset

    @cached_property
    def count(self):
        rows = self._count_queryset if self._count_queryset is not None else self.object_list
        return rows.order_by().count()


def page_of(request, rows, per_page=PAGE_SIZE, count_rows=None, paginator=None):
    """The page ``?page=`` asks for of ``rows`` (counted on ``count_rows`` when given, or by the
    ``paginator`` given); a page number that is not 1 to 999,999,999 in ASCII digits, or past the
    last page, is a 404."""
    value = request.GET.get("page", "1")
    if not PAGE_NUMBER.fullmatch(value):
        raise Http404("no such page")
    paginator = paginator or ArchivePaginator(rows, per_page, count_queryset=count_rows)
    try:
        return paginator.page(int(value))
    except InvalidPage as error:
        raise Http404("no such page") from error


def page_context(request, page) -> dict:
    """What the shared pager template reads."""
    return {
        "page": page,
        "page_range": list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)),
        "query": query_without_page(request),
    }


class ArchiveListView(ListView):
    """form → filter → sort → export or page → render."""

    paginate_by = PAGE_SIZE
    paginator_class = ArchivePaginator
    form_class = None
    sorts: dict = {}  # ?sort= value -> ordering
    default_sort = ""
    export_name = ""
    export_table: columns.Table | None = None  # the columns of ?format=csv|json (archive.columns)
    searchable = True  # ?q= searches: counted up to a cap (archive.paging)

    def get(self, request, *args, **kwargs):
        self.form = self.form_class(request.GET or None)
        self.data = self.form.cleaned_data if self.form.is_valid() else {}
        fmt = request.GET.get("format")
        if fmt in FORMATS and self.export_name:
            if self.form.is_bound and not self.form.is_valid():
                lines = [f"{name}: {' '.join(errors)}" for name, errors in self.form.errors.items()]
                return HttpResponseBadRequest("\n".join(lines), content_type="text/plain; charset=utf-8")
            columns.SITE.set_base(request)
            return export_response(self.export_table, self.get_queryset(), self.export_name, fmt)
        return super().get(request, *args, **kwargs)

    def filtered(self):
        """The rows that pass the form's filters, unordered."""
        return self.form.filter(self.base_queryset(), self.data)

    @cached_property
    def sort(self):
        value = self.request.GET.get("sort", "")
        return value if value in self.sorts else self.default_sort

    def get_queryset(self):
        return self.filtered().order_by(*self.sorts[self.sort]) if self.sorts else self.filtered()

    def for_page(self, queryset):
        """What a page shows beyond the rows themselves (prefetches); exports add their own."""
        return queryset

    def paginate_queryset(self, queryset, page_size):
        rows = self.for_page(queryset)
        found = self.search_found
        capped = CappedPaginator(rows, page_size, found, cap=COUNT_CAP) if found is not None else None
        page = page_of(self.request, rows, page_size, count_rows=self.filtered(), paginator=capped)
        return page.paginator, page, page.object_list, page.has_other_pages()

    @cached_property
    def search_found(self) -> int | None:
        """With a search (``q``), its matches counted up to the cap; None without one."""
        if not self.searchable or not self.data.get("q"):
            return None
        on_index = self.count_on_index(COUNT_CAP + 1)
        if on_index is not None:
            return on_index
        # With other filters, among the rows they pass (the dense plan is chosen by this count).
        return capped_count(self.form.filter(self.base_queryset(), self.data), COUNT_CAP)

    def count_on_index(self, cap: int) -> int | None:
        """The search's matches counted on its index up to ``cap``, where that is the same count
        (no other filter); None where only the rows can tell."""
        return None

    @property
    def dense(self) -> bool:
        """The search matches more rows than the cap: pages walk an index in their order."""
        return (self.search_found or 0) > COUNT_CAP

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(form=self.form, sort=self.sort, **page_context(self.request, context["page_obj"]))
        return context


def query_without_page(request):
    params = linkable_params(request.GET)
    params.pop("page", None)
    return params.urlencode()
