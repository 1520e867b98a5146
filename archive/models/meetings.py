import datetime
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models.fields.json import DataContains
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from archive import review
from archive.parsing.result import Role as ParsedRole
from archive.parsing.textsearch import normalise_query, pinyin_query, query_terms, text_alternatives

from .flags import flag_set
from .ordering import NEWEST
from .people import Official
from .places import Division
from .search import EachMeetingsText, SearchEntry, text_meeting_ids
from .sources import SourceDocument


def calendar_date(year, month, day):
    """The date, when all three are known and form a real calendar date."""
    if year and month and day:
        try:
            return datetime.date(year, month, day)
        except ValueError:
            return None
    return None


# Minutes of the People's Republic; a year after next is a typo (32767, 9999, 23).
FIRST_YEAR = 1949


def last_year() -> int:
    return datetime.date.today().year + 1


def date_errors(year, month, day) -> dict[str, str]:
    """What is impossible in a meeting's year, month and day, by field (empty when nothing is):
    the admin form, an import and ``--year`` refuse what pages cannot show (issue 18.5)."""
    errors = {}
    if year is not None and not FIRST_YEAR <= year <= last_year():
        errors["year"] = _("The year must be between %(first)d and %(last)d.") % {
            "first": FIRST_YEAR,
            "last": last_year(),
        }
    if month is not None and not 1 <= month <= 12:
        errors["month"] = _("The month must be between 1 and 12.")
    if day is not None and not 1 <= day <= 31:
        errors["day"] = _("The day must be between 1 and 31.")
    if not errors and year and month and day and calendar_date(year, month, day) is None:
        errors["day"] = _("%(year)d-%(month)d has no day %(day)d.") % {"year": year, "month": month, "day": day}
    return errors


_ROLE_LABELS = {
    "chair": _("chair"),
    "attendee": _("attendee"),
    "observer": _("observer"),
    "conveyor": _("conveyor"),
    "reporter": _("reporter"),
    "speaker": _("speaker"),
}
# The parser's enumeration (archive.parsing.result.Role) with a label for people: one list of roles.
Role = models.TextChoices("Role", [(role.name, (role.value, _ROLE_LABELS[role.value])) for role in ParsedRole])


class PartOfDay(models.TextChoices):
    MORNING = "上午", _("morning")
    AFTERNOON = "下午", _("afternoon")
    EVENING = "晚上", _("evening")


class HasReasonOfKind(models.Expression):
    """True where a list of review reasons ({"kind", "detail"} objects, archive.review)
    holds one of the given kind, compared whole: no kind matches another that starts with it, and
    no detail is read. JSON containment where the database has it (PostgreSQL: ``@>``). SQLite has
    none; there the stored text is searched for the key and its quoted value, which is exact (a
    quote inside a JSON string is escaped, so no detail can hold it) and three times faster than
    reading the list with ``json_each`` (the review queue holds half the archive)."""

    output_field = models.BooleanField()

    def __init__(self, reasons: str, kind: str):
        super().__init__()
        self.reasons, self.kind = models.F(reasons), str(kind)

    def get_source_expressions(self):
        return [self.reasons]

    def set_source_expressions(self, exprs):
        (self.reasons,) = exprs

    def as_sql(self, compiler, connection):
        return compiler.compile(DataContains(self.reasons, [{"kind": self.kind}]))

    def as_sqlite(self, compiler, connection):
        reasons, params = compiler.compile(self.reasons)
        # The text as Django's JSONField writes it (json.dumps: '": "'); it is this column's only writer.
        needle = json.dumps({"kind": self.kind})[1:-1]
        return f"instr({reasons}, %s) > 0", (*params, needle)


class MeetingQuerySet(models.QuerySet):
    def with_review_reason(self, kind: str):
        """Meetings with a review reason of this kind (a ReasonKind), on SQLite and PostgreSQL alike."""
        return self.filter(HasReasonOfKind("review_reasons", kind))

    def matching(self, query: str, dense: bool = False):
        """Meetings whose body, locality, people, titles, agenda or documents contain the query;
        a query in pinyin letters (chenhao, chen hao, ch) also finds the meetings of the officials
        it matches. ``dense``: see ``_among``."""
        if not query_terms(query):
            return self
        meetings, among = self._among(dense)
        if dense and connection.vendor == "sqlite":
            condition = models.Q(SearchEntry.objects.tested_on_walk(query))
        else:
            condition = models.Q(**{among: SearchEntry.objects.meeting_ids(query)})
        if pinyin_query(query):
            # By pinyin, initials or an alias: a participant's name that holds these letters is
            # in the search entries like any other word, and scanning every official's name for
            # them cost 9 ms a query at 100,000 meetings.
            officials = Official.objects.by_pinyin(query, aliases=True).values("id")
            taking_part = Participation.objects.filter(official__in=officials).values("meeting_id")
            condition |= models.Q(**{among: taking_part})
        return meetings.filter(condition)

    def _among(self, dense: bool):
        """The lookup that tests a meeting against a search's matches. Normally ``id__in``: SQLite
        looks the matches up by id and sorts them, best for a name's few dozen. For a common word
        (``dense``: the view counted more than a page can use) the id is hidden from the planner
        (``id + 0``), so that it walks the (date, id) index in the page's order, tests each meeting
        against the matches and stops at the page, instead of sorting tens of thousands of rows
        (the search index's own test, ``SearchEntryQuerySet.tested_on_walk``, chooses how)."""
        if dense and connection.vendor == "sqlite":
            return self.alias(walk_id=models.F("id") + 0), "walk_id__in"
        return self, "id__in"

    def text_matching(self, query: str, dense: bool = False):
        """Meetings whose source text (the minutes' own words) contains the query (README,
        "Search in the text"); a pinyin query finds the names of the officials it matches.
        ``dense``: see ``_among``."""
        alternatives = text_search_terms(query)
        if not alternatives:
            return self
        if dense and connection.vendor == "postgresql":
            return self.filter(EachMeetingsText(alternatives))
        meetings, among = self._among(dense)
        return meetings.filter(**{among: text_meeting_ids(alternatives)})

    def with_chairs(self):
        chairs = Participation.objects.filter(role=Role.CHAIR).order_by("order")
        return self.prefetch_related(models.Prefetch("participations", queryset=chairs, to_attr="chairs"))

    def of_body(self, body: str, division_id: int | None):
        """The meetings of one body in one place: every county has its 县政府常务会议, so a body is
        its name and its division (None: the meetings of that name whose place is unknown)."""
        if division_id is None:
            return self.filter(body=body, division__isnull=True)
        return self.filter(body=body, division_id=division_id)

    def newest_first(self):
        """Dated meetings newest first, then those without a full date, newest loaded first.
        Matches the (date, id) index, so a page costs no sort."""
        return self.order_by(*NEWEST)


def text_search_terms(query: str) -> list[list[str]]:
    """What a search in the text looks for (archive.parsing.textsearch.text_alternatives): the
    query's runs, or for a pinyin query the names of up to 50 officials it matches."""
    names = []
    if pinyin_query(query):
        names = list(Official.objects.matching(query).order_by("name").values_list("name", flat=True).distinct()[:50])
    return text_alternatives(query, names)


class Meeting(models.Model):
    """One meeting, from one source document."""

    # Fields a re-parse may refresh unless a curator has locked them by editing.
    PARSED_FIELDS = ("year", "month", "day", "part_of_day", "body", "session_number", "locality", "division")
    # What ``locked_fields`` may name: those, the review flag (marked reviewed), and the meeting's
    # documents (linked or unlinked by a curator).
    LOCKABLE = (*PARSED_FIELDS, "needs_review", "documents")

    source = models.OneToOneField(
        SourceDocument, on_delete=models.PROTECT, related_name="meeting", verbose_name=_("source")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, help_text=_("Empty when the text gives no year.")
    )
    month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    day = models.PositiveSmallIntegerField(_("day"), null=True, blank=True)
    part_of_day = models.CharField(_("part of day"), max_length=4, choices=PartOfDay.choices, blank=True)
    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set from year, month and day when all are known."),
    )
    body = models.CharField(
        _("body"),
        max_length=100,
        blank=True,
        help_text=_("The kind of meeting as the text names it, e.g. 区政府常务会议."),
    )
    session_number = models.PositiveIntegerField(_("session number"), null=True, blank=True, help_text=_("N of 第N次."))
    locality = models.CharField(
        _("locality"), max_length=50, blank=True, help_text=_("e.g. 柯桥区; from --locality or the text.")
    )
    division = models.ForeignKey(
        Division,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        db_index=False,  # meeting_division_date_idx begins with it
        related_name="meetings",
        verbose_name=_("division"),
        help_text=_("The administrative division the locality resolves to (GB/T 2260)."),
    )
    needs_review = models.BooleanField(_("needs review"), default=False)
    review_reasons = models.JSONField(_("review reasons"), default=list, blank=True)
    locked_fields = models.JSONField(
        _("locked fields"), default=list, blank=True, help_text=_("Fields a curator corrected; a re-parse keeps them.")
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned to"),
        help_text=_("The curator who reviews this meeting (the review queue's action Assign)."),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-year", "-month", "-day", "-id"]
        indexes = [
            models.Index(fields=["date", "id"], name="meeting_date_idx"),
            models.Index(fields=["year", "month", "day"], name="meeting_ymd_idx"),
            # A body's meetings of a year in the list's order (the list, its count and its facets
            # read a range of it, no sort); any lookup by body alone uses its first column.
            models.Index(fields=["body", "year", "date", "id"], name="meeting_body_year_idx"),
            models.Index(fields=["locality"], name="meeting_locality_idx"),
            # A body is its division and name: the API's bodies list reads its groups in this order,
            # and a meeting's previous and next are one row each off it, in (date, id) order.
            models.Index(fields=["division", "body", "date", "id"], name="meeting_division_body_idx"),
            # A place's newest meetings (its page), read off it in order; it also serves every
            # lookup by division, in place of the foreign key's own index.
            models.Index(fields=["division", "date", "id"], name="meeting_division_date_idx"),
            # Only the flagged few: the review queue reads it, and most inserts skip it.
            models.Index(fields=["id"], condition=flag_set("needs_review"), name="meeting_review_idx"),
            # The feeds' order (created_at DESC, id DESC), read backwards.
            models.Index(fields=["created_at", "id"], name="meeting_created_idx"),
            # A body's feed in that order: without it the feed sorted every meeting of the body
            # (1,700 of them at 100,000 meetings: 5 ms a request, and feed readers poll).
            models.Index(fields=["division", "body", "created_at", "id"], name="meeting_body_feed_idx"),
        ]

    def __str__(self):
        return f"{self.date_label()} {self.body}".strip()

    def save(self, *args, **kwargs):
        self.date = self.computed_date()
        if self.refresh_review_reasons() and kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "review_reasons", "needs_review"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("archive:meeting_detail", args=[self.id])

    def clean(self):
        errors = date_errors(self.year, self.month, self.day)
        if errors:
            raise ValidationError(errors)

    @classmethod
    def locked_fields_error(cls, value) -> str | None:
        """Why ``value`` cannot be ``locked_fields`` (a list of names of LOCKABLE), or None.
        Checked where a person writes it (an import); the admin's form computes it."""
        if isinstance(value, list) and all(isinstance(n, str) and n in cls.LOCKABLE for n in value):
            return None
        return _("A list of field names, of: %(names)s.") % {"names": ", ".join(cls.LOCKABLE)}

    def refresh_review_reasons(self) -> bool:
        """Drop the review reasons that the meeting's state resolves (the year set resolves
        year-missing ...); with none left it leaves the review queue. Whether anything changed."""
        return review.refresh(self)

    def review_reason_labels(self) -> list[str]:
        """The review reasons in words, in the active language."""
        return [reason.label() for reason in review.reasons_from_stored(self.review_reasons)]

    def review_reason_text(self) -> str:
        """The review reasons in words, as one line: 年份不详；未找到主持人."""
        return review.joined(self.review_reason_labels())

    def computed_date(self):
        return calendar_date(self.year, self.month, self.day)

    def date_label(self) -> str:
        year = f"{self.year}年" if self.year else "（" + gettext("year unknown") + "）"
        month = f"{self.month}月" if self.month else ""
        day = f"{self.day}日" if self.day else ""
        return f"{year}{month}{day}{self.part_of_day}"


class MeetingForReview(Meeting):
    """The review queue: meetings the loader flagged (no year, no chair, ambiguous names ...)."""

    class Meta:
        proxy = True
        verbose_name = _("meeting to review")
        verbose_name_plural = _("review queue")


class ParticipationQuerySet(models.QuerySet):
    def matching(self, query: str):
        """Participations whose name contains each part of the query (either script), found
        through the search index: among the meetings whose text holds the query (names are in
        it), then the names checked. Not a LIKE over every participation of the archive."""
        parts = normalise_query(query).split()
        if not parts:
            return self
        people = self.filter(meeting_id__in=SearchEntry.objects.meeting_ids(query))
        for part in parts:
            people = people.filter(name__contains=part)
        return people


class Participation(models.Model):
    """Someone took part in a meeting in a role. Keeps the name as written even if the official goes."""

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        db_index=False,  # (meeting, role) below serves lookups by meeting
        related_name="participations",
        verbose_name=_("meeting"),
    )
    official = models.ForeignKey(
        Official,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        db_index=False,  # (official, role) below serves lookups by official
        related_name="participations",
        help_text=_("The resolved person; empty when unresolved."),
        verbose_name=_("official"),
    )
    name = models.CharField(_("name"), max_length=20, help_text=_("In simplified characters."))
    name_as_written = models.CharField(_("name as written"), max_length=40, help_text=_("Exactly as in the source."))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    titles = models.JSONField(
        _("titles"), default=list, blank=True, help_text=_("Posts written before the name, in order.")
    )
    order = models.PositiveSmallIntegerField(_("order of mention"), default=0)
    start = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Span of the name in the normalised text."), verbose_name=_("start")
    )
    end = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("end"))
    raw_start = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Span of the name in the original text."), verbose_name=_("raw start")
    )
    raw_end = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("raw end"))
    curated = models.BooleanField(_("curated"), default=False, help_text=_("Edited by a curator; a re-parse keeps it."))
    history = HistoricalRecords()

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["meeting", "order"]
        indexes = [
            models.Index(fields=["official", "role"], name="participation_official_idx"),
            # The role facet of the meetings list reads distinct (meeting, role) pairs from it alone.
            models.Index(fields=["meeting", "role"], name="participation_meeting_idx"),
        ]

    def __str__(self):
        return f"{self.name}（{self.get_role_display()}）"

    @property
    def titles_display(self) -> str:
        return "、".join(self.titles)


class DocumentQuerySet(models.QuerySet):
    def matching(self, query: str):
        documents = self
        for part in normalise_query(query).split():
            documents = documents.filter(title__contains=part)
        return documents


class Document(models.Model):
    """A title cited in 《》."""

    title = models.CharField(_("title"), max_length=500, unique=True, help_text=_("Without the 《》 brackets."))
    meetings = models.ManyToManyField(Meeting, related_name="documents", blank=True, verbose_name=_("meetings"))
    # A curator's rename, deletion or change of its meetings (the admin saves the document with
    # them) is a history row: the archive's state changes, and sums kept by it are counted again.
    history = HistoricalRecords()

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["title"]

    def __str__(self):
        return f"《{self.title}》"


class AgendaItemQuerySet(models.QuerySet):
    def matching(self, query: str, dense: bool = False):
        """Items whose meeting's indexed text holds the query and whose title holds each part.
        ``dense`` (a common word: more matches than a page): the meeting id is hidden from the
        planner, so that it walks the items in the page's order (-id) testing each, and stops at
        the page, instead of looking up every matching meeting's items and sorting them."""
        if not query_terms(query):
            return self
        if dense:
            items = self.alias(walk_meeting=models.F("meeting_id") + 0)
            items = items.filter(walk_meeting__in=SearchEntry.objects.meeting_ids(query))
        else:
            items = self.filter(meeting_id__in=SearchEntry.objects.meeting_ids(query))
        for part in normalise_query(query).split():
            items = items.filter(title__contains=part)
        return items

    def count_matching(self, query: str, cap: int, kind: str = "") -> int:
        """The items a search finds (of one ``kind``, if given), counted no further than ``cap``.
        On SQLite the search index's matches drive: each matching meeting's items are read by
        their meeting and tested, and the count stops at the cap (防汛 at 100,000 meetings: 1 ms);
        a lookup among the matches lists all 44,000 of them first (13 ms)."""
        items = self.matching(query).filter(kind=kind) if kind else self.matching(query)
        ids = SearchEntry.objects.meeting_ids(query)
        if connection.vendor != "sqlite" or not query_terms(query) or self.query.has_filters():
            return items.order_by()[:cap].count()
        conditions, params = titles_holding(query, "a")
        if kind:
            conditions, params = conditions + " AND a.kind = %s", [*params, kind]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT COUNT(*) FROM (SELECT a.id FROM ({ids.sql}) AS m CROSS JOIN archive_agendaitem a"
                f" WHERE a.meeting_id = m.rowid{conditions} LIMIT %s) AS found",
                [*ids.params, *params, cap],
            )
            return cursor.fetchone()[0]


def titles_holding(query: str, item: str) -> tuple[str, list]:
    """SQL (`` AND …``) for an agenda item aliased ``item`` whose title holds every part of the
    query, as ``AgendaItemQuerySet.matching`` asks, for the walks written in SQL."""
    conditions, params = "", []
    for part in normalise_query(query).split():
        conditions += f" AND {item}.title LIKE %s ESCAPE '\\'"
        params.append("%" + part.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    return conditions, params


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        STUDY = "study", _("study and convey")
        HEARING = "hearing", _("hear a report")
        DELIBERATION = "deliberation", _("deliberate")
        REVIEW = "review", _("review")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=500)
    text = models.TextField(_("text"), blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, blank=True)
    documents = models.ManyToManyField(Document, related_name="agenda_items", blank=True, verbose_name=_("documents"))
    curated = models.BooleanField(_("curated"), default=False, help_text=_("Edited by a curator; a re-parse keeps it."))
    history = HistoricalRecords(m2m_fields=[])

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order"]
        constraints = [models.UniqueConstraint(fields=["meeting", "order"], name="unique_agenda_order")]
        indexes = [models.Index(fields=["kind"], name="agenda_kind_idx")]

    def __str__(self):
        return self.title
