"""Fuzzed query parameters and path parts on every public URL: never a 500.

Seeded, so a failure repeats; small, so it runs in seconds. Every value goes into every
parameter a page reads (and one it does not), alone and as an export.
"""

import random
from urllib.parse import quote

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from archive.forms import (
    QUERY_MAX_LENGTH,
    AgendaItemFilterForm,
    DocumentFilterForm,
    MeetingFilterForm,
    OfficialFilterForm,
)
from archive.models import Meeting
from tests.routes import fill_route, public_routes, public_urls, sample_for, site_samples

pytestmark = pytest.mark.django_db

SEED = 20261123
# Every query parameter a public page reads; each route is fuzzed with each of them (a page that
# ignores one must ignore it without failing).
PARAMETERS = [
    *{name for form in (MeetingFilterForm, OfficialFilterForm, AgendaItemFilterForm, DocumentFilterForm)
      for name in form.base_fields},
    "page", "format", "sort", "text", "on", "level", "province", "unknown",
]  # fmt: skip
# Values every route gets for these (the rest get a seeded sample of the values).
EVERY_VALUE = {"page", "format"}
SAMPLED = 3
NASTY = [
    "99999999999999999999",
    "9999999999999999999999999",
    str(2**63),
    str(2**63 - 1),
    "-1",
    "-99999999999999999999",
    "0",
    "1e309",
    "NaN",
    "1_0",
    " 7 ",
    "１２",  # fullwidth digits
    "١٢",  # Arabic-Indic digits
    "²",
    "\x00",
    "a\x00b",
    "x" * 10_000,
    " ".join(["会议"] * 10_000),
    "' OR 1=1 --",
    '"; DROP TABLE archive_meeting; --',
    'NEAR("a" "b") OR * ^"',
    "%_%",
    "\\",
    "\u202e\u200b\ufeff",
    "😀🀄",
    "csv",
    "json",
]


def junk(rng: random.Random) -> str:
    """A short string of random code points (no lone surrogates: a URL carries UTF-8)."""
    points = [rng.choice([rng.randrange(0x20, 0x7F), rng.randrange(0x4E00, 0x9FFF), rng.randrange(0x10000, 0x1FFFF)])]
    points += [rng.randrange(0, 0xD7FF) for _ in range(rng.randrange(0, 12))]
    return "".join(map(chr, points))


def fuzz_values(count=8) -> list[str]:
    rng = random.Random(SEED)
    return NASTY + [junk(rng) for _ in range(count)]


@pytest.fixture
def site(public_site):
    return site_samples()


def urls(site: dict) -> list[str]:
    """Every public route of the URLconf (tests/routes.py), none listed by hand."""
    return [url for _, url in public_urls(site)]


def answers(client, path, params=None) -> int:
    return client.get(path, params or {}).status_code


def test_no_500_for_any_parameter_value(site):
    client = Client(raise_request_exception=False)
    rng = random.Random(SEED)
    values = fuzz_values()
    failures, tried = [], 0
    for path in urls(site):
        for name in sorted(PARAMETERS):
            chosen = values if name in EVERY_VALUE else rng.sample(values, SAMPLED)
            for index, value in enumerate(chosen):
                # Every other value goes to the page's CSV download instead of its page.
                extra = {"format": "csv"} if index % 2 and name != "format" else {}
                tried += 1
                if answers(client, path, {name: value, **extra}) >= 500:
                    failures.append((path, name, value[:40], extra))
    assert not failures, f"{len(failures)} of {tried}: {failures[:10]}"
    assert tried > 1000, tried


def test_no_500_for_any_path_part(site):
    client = Client(raise_request_exception=False)
    parts = [
        "99999999999999999999",
        str(2**63),
        "-1",
        "%00",
        "a%00b",
        "%E4%BC%9A" * 500,
        "%F0%9F%98%80",
        "..%2F..",
        "%20",
    ]
    # Each argument of each route in turn replaced by each part, the others by their samples.
    paths = []
    for route, _, arguments in public_routes():
        samples = {a: quote(str(sample_for(site, route, a)), safe="") for a in arguments}
        for argument in arguments:
            paths += [fill_route(route, {**samples, argument: part}) for part in parts]
    assert len(paths) > 100, len(paths)
    failures = [p for p in paths if answers(client, p) >= 500]
    assert not failures, failures[:10]


def assert_bounded_work(client, path, query):
    """What makes a long query fast, asserted without a clock (timings are the benchmark's:
    bench_pages): a few queries, none of them grown with the query's length."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path, {"q": query}).status_code == 200
    assert len(captured) <= 12, [q["sql"][:120] for q in captured]
    assert max(len(q["sql"]) for q in captured) < 100 * QUERY_MAX_LENGTH  # a 10,000-word query made 100k+


@pytest.mark.parametrize("path", ["/meetings/", "/officials/", "/agenda-items/", "/documents/"])
def test_an_overlong_query_is_refused_quickly_and_said_so(client, site, path):
    response = client.get(path, {"q": "会" * 10_000})
    assert response.status_code == 200
    page = response.content.decode()
    assert f"{QUERY_MAX_LENGTH}" in page and "10000" in page  # the page names the bound and the length
    assert_bounded_work(client, path, "会" * 10_000)


@pytest.mark.parametrize("path", ["/meetings/", "/officials/", "/agenda-items/", "/documents/"])
@pytest.mark.parametrize("words", ["会 ", "会议 ", "區政府常務會議 "])
def test_the_longest_query_allowed_answers_quickly(client, site, path, words):
    query = (words * QUERY_MAX_LENGTH)[:QUERY_MAX_LENGTH]
    assert client.get(path, {"q": query}).status_code == 200
    assert_bounded_work(client, path, query)


def test_an_export_with_a_bad_filter_is_a_400_naming_it(client, site):
    response = client.get("/meetings/", {"q": "会" * 10_000, "format": "csv"})
    assert response.status_code == 400
    assert str(QUERY_MAX_LENGTH) in response.content.decode()


@pytest.mark.parametrize(
    "path", ["/agenda-items/?page=99999999999999999999", "/meetings/?page=99999999999999999999", "/feeds/bodies/%00/"]
)
def test_impossible_pages_are_404(client, site, path):
    assert client.get(path).status_code == 404


def test_an_official_id_too_big_for_the_database_matches_nobody(client, site):
    response = client.get("/meetings/", {"official": "9999999999999999999999999"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0
    assert Meeting.objects.count() == 1
