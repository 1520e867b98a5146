"""``url_of``: a list's links made from one reverse() (issue 17), the same as ``{% url %}``."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from archive.templatetags.archive_tags import url_of


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
