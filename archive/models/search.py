from django.db import connection, models
from django.db.models import F, TextField
from django.db.models.expressions import RawSQL

from archive.parsing.textsearch import RUN, normalise_query, query_terms

from .ordering import NEWEST


class SearchEntryQuerySet(models.QuerySet):
    def meeting_ids(self, query: str):
        """A subquery of the ids of meetings whose searchable text contains every part of ``query``:
        on SQLite an FTS5 phrase query over the bigrams (consecutive bigrams = a substring), on
        PostgreSQL array containment on the GIN index, then an exact substring check.
        (``meeting_ids_in_order`` adds its range and order to SQLite's statement: it stays one
        ``SELECT … WHERE … MATCH``.)"""
        terms = query_terms(query)
        entries = self
        if not terms:
            return entries.values("meeting_id")
        if connection.vendor == "sqlite":
            # The FTS table's rowid is the meeting id (migration 0002).
            match = " AND ".join(_fts_phrase(t) for t in terms)
            return RawSQL("SELECT rowid FROM archive_search_fts WHERE archive_search_fts MATCH %s", [match])
        if connection.vendor == "postgresql":
            grams = sorted({g for t in terms if len(t[0]) > 1 for g in t})
            if grams:
                from django.contrib.postgres.fields import ArrayField

                # The bigrams as an array, stored and under a GIN index (migration 0020); the
                # column is PostgreSQL's only, so the model does not declare it.
                stored = RawSQL("grams", (), output_field=ArrayField(TextField()))
                entries = entries.alias(grams=stored).filter(grams__contains=grams)
        for run in RUN.findall(normalise_query(query)):
            entries = entries.filter(text__contains=run)
        return entries.values("meeting_id")

    def meeting_ids_in_order(self, query: str, after: int | None, limit: int) -> list[int] | None:
        """The first ``limit`` ids after ``after`` of the meetings matching ``query``, in id order:
        on SQLite off the FTS index in its own order, stopped at ``limit`` (a filter on the
        meetings reads every match first: 15 ms for 城市更新 at 100k); on PostgreSQL the matches
        off the GIN index, sorted. None: no words to look up."""
        if not query_terms(query):
            return None
        ids = self.meeting_ids(query)
        if isinstance(ids, RawSQL):
            with connection.cursor() as cursor:
                cursor.execute(f"{ids.sql} AND rowid > %s ORDER BY rowid LIMIT %s", [*ids.params, after or 0, limit])
                return [row[0] for row in cursor.fetchall()]
        ordered = ids.filter(meeting_id__gt=after or 0).order_by("meeting_id")
        return list(ordered.values_list("meeting_id", flat=True)[:limit])

    def tested_on_walk(self, query: str):
        """SQLite, a common word (more matches than a page can use): the test of each meeting a
        page walks in its own order, stopping at the page (``MatchesOnWalk``)."""
        return MatchesOnWalk(self.meeting_ids(query), query_terms(query))

    def count_matching(self, query: str, cap: int) -> int:
        """How many meetings' entries match ``query``, counting no further than ``cap``: the index
        hands its matches over one by one and the count stops at the cap, where a filter on the
        meetings reads every match first (100,000 of them for 会议: ~30 ms at 100k meetings)."""
        ids = self.meeting_ids(query)
        if isinstance(ids, RawSQL):
            return _count_up_to(ids, cap)
        return ids.order_by()[:cap].count()


def _count_up_to(ids: RawSQL, cap: int) -> int:
    """The rows of an index's subquery, counted as the index hands them over, no further than ``cap``."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({ids.sql} LIMIT %s) AS found", [*ids.params, cap])
        return cursor.fetchone()[0]


# Seeking one meeting in the index costs about what 200 entries of a list of every match do, for
# each bigram of the query (SQLite 3.40, 100,000 meetings: ~25 µs against ~0.13 µs).
SEEK_COST = 200
# A newest-first page's walk seeks only within the newest WINDOW meetings, sought first.
WINDOW = 100
# The newest matches read to tell how many matches a list would hold.
SAMPLE = 200


class MatchesOnWalk(models.Expression):
    """SQLite: a common word's test of each meeting a page walks in its order. The id is hidden
    from the planner (``id + 0``), so that it walks the page's index and stops at the page instead
    of sorting every match.

    Each meeting walked is tested against a list of every match, made first (13 ms for the
    100,000 of 会议 at 100,000 meetings), or sought in the index (~25 µs a bigram). What the seeks
    cost is the meetings walked, which nothing bounds in general: a word common among the newest
    loaded may be rare among the newest by date, a one-character term is a prefix query (10–25 ms
    a seek), and another order sorts every meeting. So a page seeks only where that is proven
    cheap (``_seeks``): the search is its only filter, its order is newest first, the list would
    cost more than a window's seeks, the word is dense enough among the newest loaded, and the
    page reaches no further than the matches among the newest WINDOW meetings by date (sought
    once, first). Then its walk stops within them."""

    output_field = models.BooleanField()
    conditional = True

    def __init__(self, ids: RawSQL, terms: list[list[str]], column=None):
        super().__init__()
        self.ids, self.terms = ids, terms
        self.column = column if column is not None else F("id")
        self.measured = {}  # what _seeks read, once: shared by the copies a queryset's clones make

    def get_source_expressions(self):
        return [self.column]

    def set_source_expressions(self, exprs):
        (self.column,) = exprs

    def as_sql(self, compiler, connection):
        column, params = compiler.compile(self.column)
        if self._seeks(compiler.query):
            return f"EXISTS ({self.ids.sql} AND rowid = {column})", (*self.ids.params, *params)
        return f"({column} + 0) IN ({self.ids.sql})", (*params, *self.ids.params)

    def _seeks(self, query) -> bool:
        reach = query.high_mark
        alone = [getattr(child, "lhs", child) for child in query.where.children] == [self]
        if not (alone and reach is not None and reach <= WINDOW and tuple(query.order_by) == NEWEST):
            return False
        density = self._once("density", lambda: _density(self.ids, self.terms))
        return density * WINDOW >= reach and reach <= self._once("newest", lambda: _newest_matches(self.ids))

    def _once(self, name: str, measure):
        if name not in self.measured:
            self.measured[name] = measure()
        return self.measured[name]


def _density(ids: RawSQL, terms: list[list[str]]) -> float:
    """Matches per meeting among the newest loaded, where a list of every match would cost more
    than a window's seeks; else 0."""
    seeks = 2 * WINDOW * sum(len(term) for term in terms)  # the window's and the walk's, at most
    density, matches = _spread(ids, terms)
    return density if matches >= seeks * SEEK_COST else 0


def _spread(ids: RawSQL, terms: list[list[str]]) -> tuple[float, float]:
    """Matches per meeting among the newest loaded (their ids are the index's rowids) and so
    about how many in all; (0, 0) for fewer than SAMPLE, whose list costs next to nothing, and
    for a one-character term: a prefix query, each seek of which reads a range of terms (10–25 ms)."""
    if any(_is_prefix(term) for term in terms):
        return 0, 0
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT MIN(rowid), COUNT(*), (SELECT MAX(id) FROM archive_meeting) FROM"
            f" ({ids.sql} ORDER BY rowid DESC LIMIT %s) AS newest",
            [*ids.params, SAMPLE],
        )
        lowest, found, highest = cursor.fetchone()
    if found < SAMPLE:
        return 0, 0
    density = found / max(highest - lowest + 1, found)
    return density, density * highest


def title_seeks_pay(query: str, reach: int) -> bool:
    """SQLite, an agenda items walk that seeks the meeting of each item whose title holds the
    query (``ItemsInMeetingOrder``): about ``reach`` seeks, whatever the order and the word's
    spread, since a title holding the query puts it in its meeting's entry. Cheaper than listing
    every match where there are many."""
    terms = query_terms(query)
    _, matches = _spread(SearchEntry.objects.meeting_ids(query), terms)
    return reach * sum(len(term) for term in terms) * SEEK_COST < matches


def _newest_matches(ids: RawSQL) -> int:
    """How many of the newest WINDOW meetings by date match, each sought in the index."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM (SELECT id FROM archive_meeting ORDER BY date DESC, id DESC LIMIT %s) AS w"
            f" WHERE EXISTS ({ids.sql} AND rowid = w.id)",
            [WINDOW, *ids.params],
        )
        return cursor.fetchone()[0]


def _is_prefix(grams: list[str]) -> bool:
    """A one-character term: FTS5 looks it up as the prefix of every bigram it starts."""
    return len(grams) == 1 and len(grams[0]) == 1


def _fts_phrase(grams: list[str]) -> str:
    if _is_prefix(grams):
        return f'"{grams[0]}"*'
    return '"' + " ".join(grams) + '"'


class SearchEntry(models.Model):
    """Searchable text of one meeting (body, locality, people and titles, agenda and document
    titles), as overlapping character bigrams. Agenda items and documents are searched through
    the meetings that hold them.

    A text query matches Chinese substrings of any length in either script on SQLite (an FTS5
    table over ``bigrams``, created in migration 0002) and PostgreSQL (a GIN index over the
    bigram array). archive.search keeps these rows in step with the records.
    """

    meeting_id = models.PositiveBigIntegerField(unique=True)
    text = models.TextField(help_text="Normalised (simplified, lower-case) searchable text.")
    bigrams = models.TextField(help_text="Space-separated bigrams of text, plus each run's last character.")

    objects = SearchEntryQuerySet.as_manager()

    def __str__(self):
        return f"meeting {self.meeting_id}"


# Search in the text (migrations 0017, 0018): the same bigrams over each meeting's source text. --


def text_meeting_ids(alternatives: list[list[str]]):
    """A subquery of the ids of meetings whose source text contains all runs of any one of the
    ``alternatives`` (archive.parsing.textsearch.text_alternatives)."""
    if connection.vendor == "sqlite":
        return RawSQL("SELECT rowid FROM archive_text_fts WHERE archive_text_fts MATCH %s", [_fts_match(alternatives)])
    sql, params = _pg_text_condition(alternatives)
    return RawSQL(f"SELECT g.meeting_id FROM archive_text_grams g WHERE {sql}", params)


def count_text_matching(alternatives: list[list[str]], cap: int) -> int:
    """How many meetings' texts match, counting no further than ``cap``: on the index alone, so
    a common word stops at the cap instead of reading its 40,000 matches first (6 ms at 100k)."""
    return _count_up_to(text_meeting_ids(alternatives), cap)


class EachMeetingsText(models.Expression):
    """PostgreSQL, for a search that matches more meetings than a page can use: the test as a
    subquery run for each meeting (``OFFSET 0`` keeps the planner from making it a join), so that
    a page walks the meetings in its order and stops at its last row, as SQLite's ``id + 0`` does
    (``MeetingQuerySet._among``). Without it PostgreSQL underestimates a phrase of common bigrams
    and sorts every match."""

    output_field = models.BooleanField()
    conditional = True

    def __init__(self, alternatives, meeting=None):
        super().__init__()
        self.alternatives = alternatives
        self.meeting = meeting if meeting is not None else F("id")

    def get_source_expressions(self):
        return [self.meeting]

    def set_source_expressions(self, exprs):
        (self.meeting,) = exprs

    def as_sql(self, compiler, connection):
        meeting, meeting_params = compiler.compile(self.meeting)
        condition, params = _pg_text_condition(self.alternatives)
        sql = f"EXISTS (SELECT 1 FROM archive_text_grams g WHERE g.meeting_id = {meeting} AND {condition} OFFSET 0)"
        return sql, (*meeting_params, *params)


def ranked_text_meeting_ids(alternatives, within, limit: int, offset: int, matched: bool = False) -> list[int]:
    """Ids of the matching meetings among ``within`` (a query of meeting ids; None: all), best
    first: on SQLite FTS5's bm25 over the bigrams; on PostgreSQL the number of times the first
    run occurs, per thousand characters of text. Ties newest first. ``matched``: ``within`` holds
    only matches (the newest 1,000 of a common word): PostgreSQL ranks them and nothing else."""
    sql, params = within.query.sql_with_params() if within is not None else ("SELECT id FROM archive_meeting", ())
    if connection.vendor == "sqlite":
        # +rowid: the ids are a filter on the matches; as a constraint FTS5 would run the whole
        # phrase query once per id (14 s for 10,000 meetings).
        query = (
            "SELECT rowid FROM archive_text_fts WHERE archive_text_fts MATCH %s "
            + (f"AND +rowid IN ({sql}) " if within is not None else "")
            + "ORDER BY rank, rowid DESC LIMIT %s OFFSET %s"
        )
        params = [_fts_match(alternatives), *params, limit, offset]
    elif matched:
        # The matches first (a walk that stops at 1,000), then their texts: as a join the planner
        # ranked every text of the archive before choosing.
        query = (
            f"WITH within AS MATERIALIZED ({sql}) SELECT tm.id FROM within JOIN archive_meeting tm ON tm.id = within.id "
            f"JOIN archive_sourcedocument s ON s.id = tm.source_id ORDER BY {_PG_RANK}, tm.id DESC LIMIT %s OFFSET %s"
        )
        params = [*params, alternatives[0][0], limit, offset]
    else:
        condition, condition_params = _pg_text_condition(alternatives)
        query = (
            "SELECT g.meeting_id FROM archive_text_grams g JOIN archive_meeting tm ON tm.id = g.meeting_id "
            f"JOIN archive_sourcedocument s ON s.id = tm.source_id WHERE {condition} AND g.meeting_id IN ({sql}) "
            f"ORDER BY {_PG_RANK}, g.meeting_id DESC LIMIT %s OFFSET %s"
        )
        params = [*condition_params, *params, alternatives[0][0], limit, offset]
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return [row[0] for row in cursor.fetchall()]


# Occurrences of the first run per thousand characters.
_PG_RANK = "(char_length(s.text) - char_length(replace(lower(s.text), %s, ''))) * 1000.0 / greatest(char_length(s.text), 1) DESC"


def _fts_match(alternatives) -> str:
    """FTS5: each run a phrase of consecutive bigrams, the runs of one alternative ANDed."""
    return " OR ".join(
        "(" + " AND ".join(_fts_phrase(query_terms(run)[0]) for run in runs) + ")" for runs in alternatives
    )


def _pg_text_condition(alternatives):
    """PostgreSQL, on a row ``g`` of archive_text_grams: its bigrams contain the query's (the GIN
    index of migration 0018), then the exact check on the source's text. The check is a subquery
    on ``g``'s row, so it runs on the candidates only: as a join, the planner (which cannot
    estimate a substring) chose to read every text first."""
    clauses, params = [], []
    for runs in alternatives:
        grams = sorted({run[i : i + 2] for run in runs for i in range(len(run) - 1)})
        parts = ["g.grams @> %s::text[]"] if grams else []
        params += [grams] if grams else []
        checks = " AND ".join(["strpos(lower(s.text), %s) > 0"] * len(runs))
        parts.append(
            f"(SELECT {checks} FROM archive_meeting tm JOIN archive_sourcedocument s ON s.id = tm.source_id"
            " WHERE tm.id = g.meeting_id)"
        )
        params += runs
        clauses.append("(" + " AND ".join(parts) + ")")
    return "(" + " OR ".join(clauses) + ")", params
