"""A search in letters finds officials by pinyin or initials, and by alias, without reading
every official's name (issue 17: a scan of 100,000 names, twice a page); a name written in
Latin letters has its words as its pinyin, so it is found the same way."""

import importlib
import re

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import Official, OfficialAlias

pytestmark = pytest.mark.django_db


def make(name: str) -> Official:
    official = Official(name=name)
    official.fill_pinyin()
    official.save()
    return official


def found(query: str) -> set[str]:
    return set(Official.objects.matching(query).values_list("name", flat=True))


def test_letters_find_by_pinyin_initials_alias_and_latin_words():
    make("陈豪"), make("王A"), make("John Smith"), make("李明")
    OfficialAlias.objects.create(official=make("赵海"), name="Zhao Hai")
    assert found("chenhao") == found("ch") == {"陈豪"}
    assert found("wanga") == {"王A"}
    assert found("john") == found("js") == found("Smith") == found("mith") == {"John Smith"}
    assert found("A") == {"王A", "赵海"}  # in a name written with Latin letters; in an alias
    assert found("Hai") == {"赵海"}  # an alias holds the letters
    assert found("明") == {"李明"}  # characters: by name


def test_letters_do_not_read_every_name():
    make("陈豪"), make("John Smith")
    with CaptureQueriesContext(connection) as queries:
        assert found("chenhao") == {"陈豪"}
    (sql,) = [q["sql"] for q in queries.captured_queries]
    # Names are read by substring only among those written with Latin letters (a partial index).
    subqueries = re.split(r'FROM "archive_official" "?U\d+"? WHERE', sql)[1:]  # Django 6 quotes U0
    conditions = [subquery.split(' OR "archive_official"')[0] for subquery in subqueries]
    scans = [condition for condition in conditions if '"name"' in condition]
    assert scans and all("latin_letters" in scan for scan in scans), sql


def test_a_renamed_official_is_found_by_its_new_letters():
    smith = make("John Smith")
    smith.name = "John Smyth"
    smith.save()
    assert found("smyth") == {"John Smyth"}
    smith.name = "史密斯"
    smith.save()
    assert found("smyth") == set() and found("shimisi") == {"史密斯"}


def test_the_migrations_give_latin_names_their_words_and_their_flag():
    official = make("John Smith")
    Official.objects.filter(pk=official.pk).update(pinyin="", pinyin_key="", initials="", latin_letters=False)
    importlib.import_module("archive.migrations.0026_pinyin_of_latin_letters").refill(apps, None)
    importlib.import_module("archive.migrations.0028_official_latin_letters").mark(apps, None)
    assert found("john") == found("smith") == {"John Smith"}
