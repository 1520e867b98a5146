"""Fuzzed query parameters and path parts on every public URL: never a 500.

Seeded, so a failure repeats; small, so it runs in seconds. Every value goes into every
parameter a page reads (and one it does not), alone and as an export.
"""

import random

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from archive.forms import QUERY_MAX_LENGTH
from archive.models import Meeting, Official

pytestmark = pytest.mark.django_db

SEED = 20261123
PARAMETERS = {
    "/": ["q"],
    "/meetings/": ["q", "year", "month", "body", "locality", "official", "role", "page", "format"],
    "/officials/": ["q", "page", "format"],
    "/agenda-items/": ["q", "kind", "page", "format"],
    "/documents/": ["q", "page", "format"],
    "/meetings/{meeting}/": ["text"],
    "/officials/{official}/": ["page"],
    "/feeds/meetings/": [],
    "/feeds/officials/{official}/": [],
    "/feeds/bodies/{body}/": [],
}
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
def site(load_text):
    meeting = load_text("2021年1月4日，区长王某主持召开区政府常务会议。副区长李明出席。审议《办法》。")
    return {"meeting": meeting.id, "official": Official.objects.first().id, "body": meeting.body}


def urls(site: dict) -> list[tuple[str, list[str]]]:
    return [(template.format(**site), params) for template, params in PARAMETERS.items()]


def answers(client, path, params=None) -> int:
    return client.get(path, params or {}).status_code


def test_no_500_for_any_parameter_value(site):
    client = Client(raise_request_exception=False)
    failures, tried = [], 0
    for path, params in urls(site):
        for name in params or ["unknown"]:
            for index, value in enumerate(fuzz_values()):
                # Every other value goes to the list's CSV download instead of its page.
                extra = {"format": "csv"} if index % 2 and "format" in params and name != "format" else {}
                tried += 1
                if answers(client, path, {name: value, **extra}) >= 500:
                    failures.append((path, name, value[:40], extra))
    assert not failures, f"{len(failures)} of {tried}: {failures[:10]}"
    assert tried > 500, tried


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
    paths = [f"/meetings/{p}/" for p in parts] + [f"/officials/{p}/" for p in parts]
    paths += [f"/feeds/officials/{p}/" for p in parts] + [f"/feeds/bodies/{p}/" for p in parts]
    failures = [p for p in paths if answers(client, p) >= 500]
    assert not failures


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
