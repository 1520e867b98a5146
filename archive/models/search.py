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
