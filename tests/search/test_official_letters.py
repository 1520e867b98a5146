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
    assert found("john") == found("js") == {"John Smith"}
    assert found("Hai") == {"赵海"}  # an alias holds the letters
    assert found("明") == {"李明"}  # characters: by name


def test_letters_do_not_read_every_name():
    make("陈豪")
    with CaptureQueriesContext(connection) as queries:
        assert found("chenhao") == {"陈豪"}
    (sql,) = [q["sql"] for q in queries.captured_queries]
    assert not re.search(r'"archive_official" U\d+ WHERE U\d+\."name"', sql), sql  # aliases only


def test_the_migration_gives_latin_names_their_words():
    official = make("John Smith")
    Official.objects.filter(pk=official.pk).update(pinyin="", pinyin_key="", initials="")  # as loaded before
    refill = importlib.import_module("archive.migrations.0026_pinyin_of_latin_letters").refill
    refill(apps, None)
    assert found("john") == {"John Smith"}
