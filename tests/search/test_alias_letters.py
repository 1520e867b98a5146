"""A search in letters looks among the aliases written with Latin letters only, off their partial
index: every alias scanned (30,000 traditional spellings at 100,000 meetings) was 2–4 ms a query,
twice a page (issue 17). The flag is computed by the database, so every writer fills it."""

import pytest
from django.db import connection, transaction

from archive.models import Official, OfficialAlias


def _plan(queryset) -> str:
    """The plan; on PostgreSQL with scans of whole tables discouraged (the tables are tiny)."""
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            return queryset.explain()
    return queryset.explain()


@pytest.fixture
def spelt(db):
    smith = Official.objects.create(name="史密斯")
    OfficialAlias.objects.create(official=smith, name="Smith J")
    chen = Official.objects.create(name="陈豪")
    OfficialAlias.objects.bulk_create([OfficialAlias(official=chen, name="陳豪")])
    return smith, chen


def test_every_writer_gets_the_flag_from_the_database(spelt):
    flags = dict(OfficialAlias.objects.values_list("name", "latin_letters"))
    assert flags == {"Smith J": True, "陳豪": False}
    alias = OfficialAlias.objects.get(name="陳豪")
    alias.name = "Chen H."
    alias.save()
    alias.refresh_from_db()
    assert alias.latin_letters is True


def test_a_search_in_letters_finds_an_alias_in_letters_off_its_index(spelt):
    smith, chen = spelt
    found = Official.objects.matching("smith")
    assert list(found) == [smith]
    aliases = OfficialAlias.objects.filter(official__in=found)
    assert list(aliases.values_list("name", flat=True)) == ["Smith J"]
    assert [o.id for o in Official.objects.by_pinyin("smith", aliases=True)] == [smith.id]
    plan = _plan(Official.objects.matching("smith").values("id"))
    assert "alias_latin_idx" in plan, plan


def test_a_search_in_characters_still_reads_every_alias(spelt):
    smith, chen = spelt
    assert list(Official.objects.matching("陳豪")) == [chen]
    assert list(Official.objects.matching("陈")) == [chen]
