"""The filters a list's rows use instead of a tag apiece (issue 17): ``url_of``, the same link as
``{% url %}`` from one reverse(); ``session_no``, the same words as the blocktranslate it replaces."""

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from archive.templatetags.archive_tags import session_no, url_of


@pytest.mark.parametrize("name", ["archive:meeting_detail", "archive:official_detail"])
@pytest.mark.parametrize("pk", [1, 7, 2147, 98765432])
def test_the_same_url_as_reverse(name, pk):
    assert url_of(pk, name) == reverse(name, args=[pk])


def test_under_a_script_prefix_too():
    set_script_prefix("/archive/")
    try:
        assert (
            url_of(5, "archive:meeting_detail") == reverse("archive:meeting_detail", args=[5]) == "/archive/meetings/5/"
        )
    finally:
        set_script_prefix("/")
    assert url_of(5, "archive:meeting_detail") == "/meetings/5/"


def test_a_name_without_a_key_is_refused():
    with pytest.raises((ValueError, NoReverseMatch)):
        url_of(5, "archive:meeting_list")


@pytest.mark.parametrize("language, written", [("zh-hans", "第12次"), ("en", "No. 12")])
def test_a_session_number_as_the_blocktranslate_writes_it(language, written):
    tag = Template("{% load i18n %}{% blocktranslate with n=number %}No. {{ n }}{% endblocktranslate %}")
    with translation.override(language):
        assert session_no(12) == tag.render(Context({"number": 12})) == written
