from django.db import models


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

    def __str__(self):
        return f"meeting {self.meeting_id}"
