"""Benchmark: server time of the public pages over a large archive in SQLite.

    python -m tests.benchmarks.bench_pages [N_MEETINGS] [--db PATH]

Builds (or reuses, with --db) an archive of N synthetic meetings (default 100,000, about ten
participations each) with load_minutes, then times each page through Django's test client:
the median of 15 requests after 2 warm-ups. Targets: pages under 50 ms, searches under 100 ms.
The admin changelists are timed too (no target was set; 100 ms is printed as a yardstick).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

REPEATS = 15
WARMUP = 2


def build(db: Path, n: int) -> None:
    from django.core.management import call_command

    from archive.pipeline.load import load_paths
    from tests.benchmarks.synthetic import generate

    call_command("migrate", verbosity=0)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        paths = []
        for name, data in generate(n, seed=11):
            path = Path(tmp) / name
            path.write_bytes(data)
            paths.append(path)
        print(f"generated {n} files in {time.perf_counter() - start:.0f} s", flush=True)
        start = time.perf_counter()
        report = load_paths(paths, jobs=1)
        print(f"loaded {report.count('loaded')} in {time.perf_counter() - start:.0f} s", flush=True)


def timed(client, url: str, cold: bool = False) -> float:
    """Median server time; ``cold`` clears Django's cache before each request (the meetings
    list caches its facet counts per filter set for five minutes)."""
    from django.core.cache import cache

    for _ in range(WARMUP):
        client.get(url)
    times = []
    for _ in range(REPEATS):
        if cold:
            cache.clear()
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times) * 1000


def careers_pages(official_id, meeting) -> list[tuple[str, str, int]]:
    """Officials over time (issue 10): career, post holders (on a date), body, places."""
    from django.db.models import Count

    from archive.models import Post, Tenure

    post = Post.objects.filter(division__isnull=False).annotate(n=Count("tenures")).order_by("-n").first()
    tenure_count = Tenure.objects.filter(official_id=official_id).count()
    pages = [(f"career of that official ({tenure_count} posts)", f"/officials/{official_id}/career/", 50)]
    if post:
        url = f"/posts/{post.division.code}/{post.organ}/{post.office}/"
        pages += [
            (f"a post with {post.n} holders", url, 50),
            ("  ... who held it on 2020-03-15", url + "?on=2020-03-15", 50),
        ]
    if meeting.division_id:
        code = meeting.division.code
        pages += [
            ("a body's sessions and attendance", f"/bodies/{code}/{meeting.body}/", 50),
            ("  ... its page 5", f"/bodies/{code}/{meeting.body}/?page=5", 50),
            ("a county's page", f"/places/{code}/", 50),
            ("a province's page", f"/places/{code[:2]}0000/", 50),
            ("a province's page, lists not cached", f"/places/{code[:2]}0000/?cold", 50),
        ]
    return pages + [("places list", "/places/", 50)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="reuse (or build once) this SQLite file")
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp()) / "pages.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "benchmark")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")  # the test client speaks plain HTTP
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")
    import django

    django.setup()
    from django.db.models import Count
    from django.test import Client

    from archive.models import Document, Meeting, Official, Participation

    if not db.exists() or not Meeting.objects.exists():
        build(db, args.n)
    busiest = Official.objects.annotate(n=Count("participations")).order_by("-n").values_list("id", "n").first()
    meeting = Meeting.objects.order_by("id")[Meeting.objects.count() // 2]
    name = Participation.objects.filter(name__regex=r"^..$").values_list("name", flat=True).first()
    body = meeting.body
    cited = Document.objects.annotate(n=Count("meetings")).order_by("-n").values_list("id", "n").first() or (0, 0)
    print(
        f"archive: {Meeting.objects.count()} meetings, {Participation.objects.count()} participations, "
        f"{Official.objects.count()} officials; busiest official has {busiest[1]} participations"
    )
    client = Client()
    pages = [
        ("home", "/", 50),
        ("meetings list", "/meetings/", 50),
        ("meetings list, page 100", "/meetings/?page=100", 50),
        ("filtered list (year + body)", f"/meetings/?year=2020&body={body}", 50),
        ("filtered list (official + role)", f"/meetings/?official={busiest[0]}&role=attendee", 50),
        ("a meeting", f"/meetings/{meeting.id}/", 50),
        (f"an official with {busiest[1]} participations", f"/officials/{busiest[0]}/", 50),
        ("  ... their last page", f"/officials/{busiest[0]}/?page={(busiest[1] + 49) // 50}", 50),
        ("officials list", "/officials/", 50),
        (f"search: 2-character name {name}", f"/meetings/?q={name}", 100),
        ("search: 6-character phrase 城市更新行动", "/meetings/?q=城市更新行动", 100),
        ("search: official by pinyin", "/officials/?q=wangjianguo", 100),
        ("agenda items search 防汛", "/agenda-items/?q=防汛", 100),
        ("meetings list, facets not cached", "/meetings/?cold", 50),
        ("filtered list (year + body), facets not cached", f"/meetings/?year=2020&body={body}&cold", 50),
        (
            "meetings list, date range, sorted by body",
            "/meetings/?date_from=2020-01-01&date_to=2020-06-30&sort=body",
            50,
        ),
        ("search meetings by pinyin chenhao", "/meetings/?q=chenhao", 100),
        ("agenda items (date order)", "/agenda-items/", 50),
        ("  ... page 100", "/agenda-items/?page=100", 50),
        ("documents list", "/documents/", 50),
        ("documents by citation count", "/documents/?sort=-count", 50),
        (f"a document cited by {cited[1]} meetings", f"/documents/{cited[0]}/", 50),
        (
            "feed of a body in its place",
            f"/feeds/bodies/{meeting.division.code if meeting.division else '-'}/{body}/",
            50,
        ),
    ]
    pages += careers_pages(busiest[0], meeting)
    from django.contrib.auth.models import User

    curator = User.objects.filter(username="bench-admin").first() or User.objects.create_superuser("bench-admin")
    admin = Client()
    admin.force_login(curator)
    admin_pages = [
        ("admin: meetings", "/admin/archive/meeting/", 100),
        ("admin: meetings, year filter", "/admin/archive/meeting/?year=2020", 100),
        (f"admin: meetings search {name}", f"/admin/archive/meeting/?q={name}", 100),
        ("admin: review queue", "/admin/archive/meetingforreview/", 100),
        ("admin: officials", "/admin/archive/official/", 100),
        ("admin: officials search chenhao", "/admin/archive/official/?q=chenhao", 100),
        ("admin: participations", "/admin/archive/participation/", 100),
        ("admin: a meeting", f"/admin/archive/meeting/{meeting.id}/change/", 100),
        (f"admin: official with {busiest[1]} participations", f"/admin/archive/official/{busiest[0]}/change/", 100),
    ]
    print(f"{'page':48s} {'median ms':>10s} {'target':>7s}")
    for label, url, target in pages:
        cold = url.endswith("cold")
        ms = timed(client, url.removesuffix("&cold").removesuffix("?cold"), cold=cold)
        print(f"{label:48s} {ms:10.1f} {target:7d}  {'ok' if ms < target else 'SLOW'}")
    for label, url, target in admin_pages:
        ms = timed(admin, url)
        print(f"{label:48s} {ms:10.1f} {target:7d}  {'ok' if ms < target else 'SLOW'}")


if __name__ == "__main__":
    main()
