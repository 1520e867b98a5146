"""Every public route of the URLconf with sample arguments, for the tests that must cover them all
(tests/views/test_pages.py answers each, tests/reliability/test_fuzz_public_urls.py fuzzes each).

A route added to any urls.py is tested without being listed here; only an argument name never seen
before needs a sample (``public_urls`` says which)."""

import re

import pytest
from django.urls import URLResolver, get_resolver, reverse

# Not the public site: the admin is tested by tests/admin, set_language only takes a POST.
SKIPPED = ("admin/", "i18n/")


def public_routes() -> list[tuple[str, str, list[str]]]:
    """(route as written, name to reverse, argument names) for every named public route."""

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if not route.startswith(SKIPPED):
                    inner = ":".join(filter(None, [namespace, pattern.namespace]))
                    yield from walk(pattern.url_patterns, route, inner)
            elif pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                yield route, name, list(pattern.pattern.converters)

    return list(walk(get_resolver().url_patterns, "", ""))


def _collection(route: str, argument: str) -> str:
    """The path segment before an argument: "meetings" for meetings/<int:pk>/."""
    return route.split(f":{argument}>")[0].rsplit("<", 1)[0].rstrip("/").rsplit("/", 1)[-1]


def sample_for(samples: dict, route: str, argument: str):
    """``samples``' value for an argument: a name's value, or for a name that differs by collection
    (pk) the value of the collection before it."""
    sample = samples.get(argument)
    if isinstance(sample, dict):
        sample = sample.get(_collection(route, argument))
    if sample is None:
        pytest.fail(f"no sample for <{argument}> of the route {route!r}: add one to tests/routes.py")
    return sample


def public_urls(samples: dict) -> list[tuple[str, str]]:
    """(route, URL) for every public route, its arguments filled from ``samples``."""
    return [
        (route, reverse(name, kwargs={a: sample_for(samples, route, a) for a in arguments}))
        for route, name, arguments in public_routes()
    ]


def fill_route(route: str, parts: dict[str, str]) -> str:
    """The route as a path with each <converter:argument> replaced by its part as given (already
    quoted), whether the converter would take it or not: for fuzzing what a URL may hold."""
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: parts[m.group(1)], route)


def site_samples() -> dict:
    """Records to fill every route with, from what is loaded: a placed meeting, an official, a
    document, a post (of the meeting's place: ``code`` serves places, bodies and posts alike)."""
    from archive.models import AgendaItem, Appointment, Document, Meeting, Official, Participation, Post, Tenure
    from archive.releases import ZIP_FILE, build_release, releases

    meeting = Meeting.objects.exclude(body="").exclude(division=None).select_related("division").first()
    official = Official.objects.first()
    post = Post.objects.select_related("division").first()
    document = Document.objects.first()
    release = (releases() or [None])[0] or build_release()
    first = {
        "meetings": meeting.id,
        "officials": official.id,
        "documents": document.id,
        "participations": Participation.objects.first().id,
        "agenda-items": AgendaItem.objects.first().id,
        "appointments": Appointment.objects.first().id,
        "tenures": Tenure.objects.first().id,
        "posts": post.id,
        "divisions": meeting.division.code,
    }
    return {
        "pk": first,
        "key": first,  # the API's resources, by their key
        "code": meeting.division.code,
        "body": meeting.body,
        "organ": post.organ,
        "office": post.office,
        "name": release["name"],
        "file": ZIP_FILE,
    }


PUBLIC_SITE_MINUTES = (
    "2021年1月4日，区长王某主持召开区政府常务会议。副区长李明出席。审议《关于加强管理的办法》。"
    "会议决定任命张伟为区财政局局长。"
)


@pytest.fixture
def public_site(load_text):
    """One meeting of 柯桥区 with a participant, a document, an appointment (so a post) and a body
    whose name holds "/" (issue 18.1: such a name broke every link to its body)."""
    from archive.models import Meeting

    meeting = load_text(PUBLIC_SITE_MINUTES, locality="柯桥区")
    Meeting.objects.filter(id=meeting.id).update(body="区政府常务会议/专题会议")
    return meeting
