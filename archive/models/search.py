from django.db import connection, models
from django.db.models import F, Func, TextField, Value
from django.db.models.expressions import RawSQL

from archive.parsing.textsearch import RUN, normalise_query, query_terms


class SearchEntryQuerySet(models.QuerySet):
    def meeting_ids(self, query: str):
        """A subquery of the ids of meetings whose searchable text contains every part of ``query``:
        on SQLite an FTS5 phrase query over the bigrams (consecutive bigrams = a substring), on
        PostgreSQL array containment on the GIN index, then an exact substring check."""
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

                # The same expression as the GIN index of migration 0002, so the index answers it.
                split = Func(
                    F("bigrams"), Value(" "), function="regexp_split_to_array", output_field=ArrayField(TextField())
                )
                entries = entries.alias(grams=split).filter(grams__contains=grams)
        for run in RUN.findall(normalise_query(query)):
            entries = entries.filter(text__contains=run)
        return entries.values("meeting_id")


def _fts_phrase(grams: list[str]) -> str:
    if len(grams) == 1 and len(grams[0]) == 1:
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


# Search in the text (migration 0014): the same bigrams over each meeting's source text. ---------


def text_meeting_ids(alternatives: list[list[str]]):
    """A subquery of the ids of meetings whose source text contains all runs of any one of the
    ``alternatives`` (archive.parsing.textsearch.text_alternatives)."""
    if connection.vendor == "sqlite":
        return RawSQL("SELECT rowid FROM archive_text_fts WHERE archive_text_fts MATCH %s", [_fts_match(alternatives)])
    sql, params = _pg_text_condition(alternatives)
    return RawSQL(
        f"SELECT m.id FROM archive_meeting m JOIN archive_sourcedocument s ON s.id = m.source_id WHERE {sql}", params
    )


def ranked_text_meeting_ids(alternatives, within, limit: int, offset: int) -> list[int]:
    """Ids of the matching meetings among ``within`` (a query of meeting ids; None: all), best
    first: on SQLite FTS5's bm25 over the bigrams; on PostgreSQL the number of times the first
    run occurs, per thousand characters of text. Ties newest first."""
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
    else:
        condition, condition_params = _pg_text_condition(alternatives)
        first = alternatives[0][0]
        query = (
            "SELECT m.id FROM archive_meeting m JOIN archive_sourcedocument s ON s.id = m.source_id "
            f"WHERE {condition} AND m.id IN ({sql}) "
            "ORDER BY (char_length(s.text) - char_length(replace(lower(s.text), %s, ''))) * 1000.0"
            " / greatest(char_length(s.text), 1) DESC, m.id DESC LIMIT %s OFFSET %s"
        )
        params = [*condition_params, *params, first, limit, offset]
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return [row[0] for row in cursor.fetchall()]


def _fts_match(alternatives) -> str:
    """FTS5: each run a phrase of consecutive bigrams, the runs of one alternative ANDed."""
    return " OR ".join(
        "(" + " AND ".join(_fts_phrase(query_terms(run)[0]) for run in runs) + ")" for runs in alternatives
    )


def _pg_text_condition(alternatives):
    """PostgreSQL: the GIN index of migration 0014 (bigram containment), then the exact check."""
    clauses, params = [], []
    for runs in alternatives:
        grams = sorted({run[i : i + 2] for run in runs for i in range(len(run) - 1)})
        parts = ["archive_bigrams(lower(s.text)) @> %s::text[]"] if grams else []
        params += [grams] if grams else []
        for run in runs:
            parts.append("lower(s.text) LIKE %s")
            params.append("%" + run.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
        clauses.append("(" + " AND ".join(parts) + ")")
    return "(" + " OR ".join(clauses) + ")", params
