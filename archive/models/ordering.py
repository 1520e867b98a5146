"""The meetings' list orders, one home for each: pages sort by them, and the walks of a common
word's search (``MatchesOnWalk``) recognise a page by them."""

from django.db.models import F

# Dated meetings newest first, then those without a full date, newest loaded first: the (date, id)
# index read backwards on SQLite (PostgreSQL has meeting_newest_idx), so a page costs no sort.
NEWEST = (F("date").desc(nulls_last=True), "-id")
OLDEST = (F("date").asc(nulls_last=True), "id")
