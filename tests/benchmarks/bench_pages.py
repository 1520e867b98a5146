"""Benchmark: server time of every kind of page over a large archive in SQLite, and how it grows.

    python -m tests.benchmarks.bench_pages [N] [--db PATH]
    python -m tests.benchmarks.bench_pages --sizes 1000 100000 [--db-dir DIR]

With one size: builds (or reuses, with --db) an archive of N synthetic meetings (default
100,000, about nine participations each; tests.benchmarks.archive_db), then times each page
through Django's test client: the median wall time and the median CPU time of this process
(SQLite runs in it; on a busy machine CPU varies less than wall) of 15 requests after 2
warm-ups, and the queries of one request. Public pages, searches (common words included),
feeds, API lists, admin changelists, searches and change pages.

With --sizes: each size in its own process on DIR/<n>k-v<version>.sqlite3 (built once, then reused: build
100k once and time it many times), kept open side by side. Each page is timed on every size in
turn, a few requests at a time (ROUNDS rounds, the order of the sizes swapped each round), so
that a machine whose speed drifts within minutes slows both sizes alike and the ratio still
measures the archive, not the minute. Then each page's median at the smallest and the largest
size and their ratio. Target (issue 17): at the largest size ≤ 1.5× the smallest and ≤ 40 ms.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPEATS = 15
WARMUP = 2
ROUNDS = 5  # --sizes: REPEATS requests per size, in this many alternating rounds
TARGET_RATIO = 1.5
TARGET_MS = 40


def build(db: Path, n: int) -> None:
    """The archive of N synthetic meetings in the configured database (tests.benchmarks.archive_db),
    unless it has meetings already. ``db`` is the file configured (kept for the other benchmarks)."""
    from tests.benchmarks.archive_db import ensure

    ensure(n)


def timed(client, url: str, cold: bool = False) -> float:
    """Median wall time in ms (the other benchmarks' measure); see ``measure``."""
    return measure(client, url, cold)[0]


def measure(client, url: str, cold: bool = False) -> tuple[float, float]:
    """Median wall and CPU time in ms; ``cold`` clears Django's cache before each request (the
    meetings list caches its facet counts per filter set for five minutes)."""
    warm_up(client, url)
    wall, cpu = samples(client, url, cold, REPEATS)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def warm_up(client, url: str) -> None:
    for _ in range(WARMUP):
        client.get(url)


def samples(client, url: str, cold: bool, count: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of ``count`` requests."""
    from django.core.cache import cache

    wall, cpu = [], []
    for _ in range(count):
        if cold:
            cache.clear()
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)  # an export's rows are made as they are read
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        assert response.status_code == 200, (url, response.status_code)
    return wall, cpu


def query_count(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    return len(captured.captured_queries)


def pages_of_archive(
    like: tuple[int, int] | None = None,
) -> tuple[list[tuple[str, str]], list[tuple[str, str]], str, tuple]:
    """(label, url) of the public pages and of the admin's, chosen from the archive at hand (the
    same labels at every size), a line describing the archive, and (meetings, citations,
    participations, meetings): in how many meetings a search finds the 2-character name, how many
    meetings cite the document shown, how many participations the official shown has (the
    busiest), in how many meetings a search of the meetings by pinyin finds its officials
    (chenhao). With ``like``, those of the smallest archive, the name, the document, the official
    and the pinyin are chosen to match them as closely as this archive allows: the same rows shown, so that a ratio says
    what the archive's size costs, not how much more a bigger archive's busiest has to show."""
    from django.db.models import Count

    from archive.models import AgendaItem, Document, Meeting, Official, Participation, Post

    officials = Official.objects.annotate(n=Count("participations"))
    busiest = officials.order_by("-n", "id").values_list("id", "n").first() or (0, 0)
    if like:  # the least busy at least as busy as the smallest archive's busiest, or the busiest
        busiest = officials.filter(n__gte=like[2]).order_by("n", "id").values_list("id", "n").first() or busiest
    meeting = Meeting.objects.order_by("id")[Meeting.objects.count() // 2]
    two = Participation.objects.filter(name__regex=r"^..$").values("name").annotate(n=Count("id"))
    cited = Document.objects.annotate(n=Count("meetings"))
    if like:  # the fewest at least as many as the smallest archive's
        full_page = _closest(two.filter(n__gte=like[0]).order_by("n", "name").values_list("name", flat=True), like[0])
        letters = officials.filter(n__gte=max(1, like[3] // 2)).order_by("n", "id").values_list("pinyin_key", flat=True)
        letters = _closest(letters, like[3], count=_pinyin_matches) or "chenhao"
        cited = cited.filter(n__gte=like[1]).order_by("n", "id").values_list("id", "n").first()
    else:  # a name that fills a page (50) and little more, or the most common; the most cited document
        full_page = (
            two.filter(n__gte=50).order_by("n", "name").values_list("name", flat=True).first()
            or two.order_by("-n", "name").values_list("name", flat=True).first()
        )
        cited = cited.order_by("-n", "id").values_list("id", "n").first()
        letters = "chenhao"
    full_page, cited = full_page or "", cited or (0, 0)
    shown = (_search_matches(full_page), cited[1], busiest[1], _pinyin_matches(letters))
    body, code = meeting.body, meeting.division.code if meeting.division_id else "-"
    post = Post.objects.filter(division__isnull=False).annotate(n=Count("tenures")).order_by("-n").first()
    about = (
        f"archive: {Meeting.objects.count()} meetings, {Participation.objects.count()} participations, "
        f"{Official.objects.count()} officials; official shown {busiest[1]} participations; "
        f"2-character name {full_page} (in {shown[0]} meetings); document cited by {cited[1]}; "
        f"post with {post.n if post else 0} holders; pinyin {letters} (in {shown[3]} meetings)"
    )
    official = busiest[0]
    meetings, agenda = Meeting.objects.count(), AgendaItem.objects.count()
    sessions = Meeting.objects.of_body(body, meeting.division_id).count()
    pages = [
        ("home", "/"),
        ("meetings list", "/meetings/"),
        ("meetings list, page 100 (or the last)", f"/meetings/?page={min(100, meetings // 50)}"),
        ("meetings list, facets not cached", "/meetings/?cold"),
        ("filtered list (year + body)", f"/meetings/?year=2020&body={body}"),
        ("filtered list (year + body), facets not cached", f"/meetings/?year=2020&body={body}&cold"),
        ("filtered list (official + role)", f"/meetings/?official={official}&role=attendee"),
        ("meetings, date range, sorted by body", "/meetings/?date_from=2020-01-01&date_to=2020-06-30&sort=body"),
        ("a meeting", f"/meetings/{meeting.id}/"),
        ("a busy official", f"/officials/{official}/"),
        ("a busy official, not cached", f"/officials/{official}/?cold"),
        ("  ... their last page", f"/officials/{official}/?page={(busiest[1] + 49) // 50}"),
        ("officials list", "/officials/"),
        ("search: 2-character name", f"/meetings/?q={full_page}"),
        ("search: common word 会议", "/meetings/?q=会议"),
        ("search: 6-character phrase 城市更新行动", "/meetings/?q=城市更新行动"),
        ("search: official by pinyin", "/officials/?q=wangjianguo"),
        ("search meetings by pinyin (chenhao at the smallest)", f"/meetings/?q={letters}"),
        ("search in the text: 防汛", "/search/?q=防汛"),
        ("agenda items (date order)", "/agenda-items/"),
        ("  ... page 100 (or the last)", f"/agenda-items/?page={min(100, agenda // 50)}"),
        ("agenda items search 防汛", "/agenda-items/?q=防汛"),
        ("agenda items, oldest first", "/agenda-items/?sort=date"),
        ("documents list", "/documents/"),
        ("documents by citation count", "/documents/?sort=-count"),
        ("a document cited by many", f"/documents/{cited[0]}/"),
        ("career of a busy official", f"/officials/{official}/career/"),
        ("places list", "/places/"),
        ("feed: latest meetings", "/feeds/meetings/"),
        ("feed: a body in its place", f"/feeds/bodies/{code}/{body}/"),
        ("feed: an official", f"/feeds/officials/{official}/"),
        ("API: meetings", "/api/meetings"),
        ("API: meetings, search 城市更新", "/api/meetings?q=城市更新"),
        ("API: officials", "/api/officials"),
        ("API: participations of an official", f"/api/participations?official={official}"),
        ("API: agenda items", "/api/agenda-items"),
        ("API: documents", "/api/documents"),
    ]
    if post:
        url = f"/posts/{post.division.code}/{post.organ}/{post.office}/"
        pages += [("the post with most holders", url), ("  ... who held it on 2020-03-15", url + "?on=2020-03-15")]
    if meeting.division_id:
        pages += [
            ("a body's sessions and attendance", f"/bodies/{code}/{body}/"),
            ("  ... its page 5 (or the last)", f"/bodies/{code}/{body}/?page={min(5, max(1, sessions // 50))}"),
            ("a county's page", f"/places/{code}/"),
            ("a province's page", f"/places/{code[:2]}0000/"),
            ("a province's page, lists not cached", f"/places/{code[:2]}0000/?cold"),
        ]
    source_id = meeting.source_id
    admin = [
        ("admin: meetings", "/admin/archive/meeting/"),
        ("admin: meetings, year filter", "/admin/archive/meeting/?year=2020"),
        ("admin: meetings search 2-character name", f"/admin/archive/meeting/?q={full_page}"),
        ("admin: review queue", "/admin/archive/meetingforreview/"),
        ("admin: officials", "/admin/archive/official/"),
        ("admin: officials search chenhao", "/admin/archive/official/?q=chenhao"),
        ("admin: participations", "/admin/archive/participation/"),
        ("admin: participations search 2-character name", f"/admin/archive/participation/?q={full_page}"),
        ("admin: agenda items", "/admin/archive/agendaitem/"),
        ("admin: agenda items search 防汛", "/admin/archive/agendaitem/?q=防汛"),
        ("admin: documents", "/admin/archive/document/"),
        ("admin: source documents", "/admin/archive/sourcedocument/"),
        ("admin: tenures", "/admin/archive/tenure/"),
        ("admin: a meeting", f"/admin/archive/meeting/{meeting.id}/change/"),
        ("admin: a busy official", f"/admin/archive/official/{official}/change/"),
        ("admin: a source document", f"/admin/archive/sourcedocument/{source_id}/change/"),
    ]
    return pages, admin, about, shown


def _search_matches(name: str) -> int:
    """The meetings a search for ``name`` finds (a 2-character name is also part of longer ones)."""
    from archive.models import Meeting, SearchEntry

    return Meeting.objects.filter(id__in=SearchEntry.objects.meeting_ids(name)).count() if name else 0


def _pinyin_matches(letters: str) -> int:
    """The meetings a search of the meetings in pinyin finds (those of every official it names)."""
    from archive.models import Meeting

    return Meeting.objects.matching(letters).count()


def _closest(candidates, wanted: int, count=_search_matches, tries: int = 300) -> str | None:
    """Of the first ``tries`` candidates, the one whose ``count`` is the least not below
    ``wanted`` (a 2-character name is part of more longer names in a bigger archive, a pinyin
    names more officials), else the one of the highest count."""
    found = {candidate: count(candidate) for candidate in candidates[:tries]}
    enough = [candidate for candidate in found if found[candidate] >= wanted]
    if enough:
        return min(enough, key=found.get)
    return max(found, key=found.get, default=None)


def open_archive(args) -> tuple[dict[str, tuple], str, tuple]:
    """Django configured on the archive of args.n meetings (args.db, built if it has none); each
    page's label with (client, url, cold), a line describing the archive, and the rows shown
    (``pages_of_archive``)."""
    from tests.benchmarks.archive_db import configure, ensure

    db = args.db or Path(tempfile.mkdtemp()) / "pages.sqlite3"
    db.parent.mkdir(parents=True, exist_ok=True)
    configure(f"sqlite:///{db}")
    ensure(args.n)
    from django.contrib.auth.models import User
    from django.test import Client

    pages, admin_pages, about, shown = pages_of_archive(args.like)
    curator = User.objects.filter(username="bench-admin").first() or User.objects.create_superuser("bench-admin")
    admin = Client()
    admin.force_login(curator)
    public = Client()
    chosen = {}
    for client, group in ((public, pages), (admin, admin_pages)):
        for label, url in group:
            if args.only and not any(part in label for part in args.only):
                continue
            cold = url.endswith("cold")
            chosen[label] = (client, url.removesuffix("&cold").removesuffix("?cold"), cold)
    return chosen, about, shown


def run_one(args) -> dict:
    """Time every page on the archive of args.n meetings (args.db); the results by label."""
    pages, about, _ = open_archive(args)
    print(about, flush=True)
    results = {}
    print(f"{'page':52s} {'median ms':>10s} {'cpu ms':>7s} {'queries':>8s}", flush=True)
    for label, (client, url, cold) in pages.items():
        ms, cpu = measure(client, url, cold=cold)
        queries = query_count(client, url)
        results[label] = {"url": url, "ms": ms, "cpu": cpu, "queries": queries}
        verdict = "" if ms <= TARGET_MS else "  over 40 ms"
        print(f"{label:52s} {ms:10.1f} {cpu:7.1f} {queries:8d}{verdict}", flush=True)
    return {"about": about, "pages": results}


def serve(args) -> None:
    """--serve: the process of one size for ``compare``, answering one JSON line per line read:
    first the archive and its pages' labels, then for {"label", "warm"} nothing, for {"label",
    "queries"} the queries of one request, for {"label", "count"} the wall and CPU seconds of
    that many requests."""
    replies, sys.stdout = sys.stdout, sys.stderr  # anything printed on the way goes to stderr
    pages, about, shown = open_archive(args)

    def reply(message: dict) -> None:
        replies.write(json.dumps(message, ensure_ascii=False) + "\n")
        replies.flush()

    reply({"about": about, "labels": list(pages), "shown": shown})
    for line in sys.stdin:
        ask = json.loads(line)
        client, url, cold = pages[ask["label"]]
        if ask.get("warm"):
            warm_up(client, url)
            reply({})
        elif ask.get("queries"):
            reply({"queries": query_count(client, url)})
        else:
            wall, cpu = samples(client, url, cold, ask["count"])
            reply({"wall": wall, "cpu": cpu})


class SizeProcess:
    """A ``--serve`` process on the archive of n meetings."""

    def __init__(self, n: int, db: Path, only: list[str] | None, like: list[int] | None = None):
        command = [sys.executable, "-m", "tests.benchmarks.bench_pages", str(n), "--db", str(db), "--serve"]
        command += ["--only", *only] if only else []
        command += ["--like", *map(str, like)] if like else []
        print(f"== {n} meetings: {' '.join(command[1:])}", flush=True)
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.n = n
        self.opening = None

    def ask(self, **message) -> dict:
        try:
            self.process.stdin.write(json.dumps(message, ensure_ascii=False) + "\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            self.ended()
        return self.answer()

    def ended(self):
        sys.exit(f"the process of {self.n} meetings ended (exit {self.process.wait()}); see its errors above")

    def answer(self) -> dict:
        line = self.process.stdout.readline()
        if not line:
            self.ended()
        return json.loads(line)

    def close(self) -> None:
        with contextlib.suppress(BrokenPipeError):  # it ended already, and said why
            self.process.stdin.close()
        self.process.wait()


def compare(args) -> None:
    """Each size in its own process (Django's database is chosen at start-up), all kept open;
    each page timed on the sizes in alternating rounds, then the ratios."""
    from tests.benchmarks.archive_db import db_name

    args.db_dir.mkdir(parents=True, exist_ok=True)
    sizes = sorted(set(args.sizes))
    processes = {}
    try:
        # The smallest first: the others show as many rows where a page's rows are chosen.
        for n in sizes:
            like = processes[sizes[0]].opening["shown"] if processes else None
            processes[n] = process = SizeProcess(n, args.db_dir / db_name(n), args.only, like)
            process.opening = process.answer()
            print(f"{process.n}: {process.opening['about']}", flush=True)
        compare_pages(args, processes)
    finally:
        for process in processes.values():
            process.close()


def compare_pages(args, processes: dict[int, SizeProcess]) -> None:
    small, large = min(processes), max(processes)
    labels = [label for label in processes[small].opening["labels"] if label in processes[large].opening["labels"]]
    measure_name = "CPU" if args.by == "cpu" else "wall"
    print(f"\n{'page':52s} {'wall ms':>17s} {'ratio':>6s} {'CPU ms':>17s} {'ratio':>6s} {'queries':>8s}", flush=True)
    over = 0
    for label in labels:
        first, last = measure_alternately(label, processes[small], processes[large])
        ratio, cpu_ratio = last["ms"] / first["ms"], last["cpu"] / max(first["cpu"], 0.01)
        judged, judged_ms = (cpu_ratio, last["cpu"]) if args.by == "cpu" else (ratio, last["ms"])
        ok = judged <= TARGET_RATIO and judged_ms <= TARGET_MS
        over += not ok
        verdict = "ok" if ok else "NOT FLAT" if judged > TARGET_RATIO else "SLOW"
        print(
            f"{label:52s} {first['ms']:8.1f} {last['ms']:8.1f} {ratio:6.2f} "
            f"{first['cpu']:8.1f} {last['cpu']:8.1f} {cpu_ratio:6.2f} "
            f"{first['queries']:>3d}/{last['queries']:<4d}  {verdict}",
            flush=True,
        )
    print(
        f"\nmedians in ms at {small} and {large} meetings, measured in {ROUNDS} alternating rounds; target at "
        f"{large}: ≤ {TARGET_RATIO}× the time at {small} and ≤ {TARGET_MS} ms ({measure_name} time judged); "
        f"{over} pages miss it"
    )


def measure_alternately(label: str, *processes: SizeProcess) -> list[dict]:
    """The page's median wall and CPU ms and its queries on each process: warmed up on each, then
    REPEATS requests each in ROUNDS rounds, the first size first in even rounds, last in odd."""
    wall = {process.n: [] for process in processes}
    cpu = {process.n: [] for process in processes}
    for process in processes:
        process.ask(label=label, warm=True)
    for round_ in range(ROUNDS):
        for process in processes if round_ % 2 == 0 else reversed(processes):
            got = process.ask(label=label, count=REPEATS // ROUNDS)
            wall[process.n] += got["wall"]
            cpu[process.n] += got["cpu"]
    return [
        {
            "ms": statistics.median(wall[process.n]) * 1000,
            "cpu": statistics.median(cpu[process.n]) * 1000,
            "queries": process.ask(label=label, queries=True)["queries"],
        }
        for process in processes
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="reuse (or build once) this SQLite file")
    parser.add_argument(
        "--sizes", type=int, nargs="+", help="compare these archive sizes (each built once in --db-dir)"
    )
    parser.add_argument("--db-dir", type=Path, default=Path("/tmp/bench"), help="where --sizes keeps its archives")
    parser.add_argument("--only", nargs="+", help="only the pages whose label contains one of these")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)  # one size's process for --sizes
    parser.add_argument("--like", type=int, nargs=4, help=argparse.SUPPRESS)  # the rows the smallest size shows
    parser.add_argument(
        "--by", choices=("wall", "cpu"), default="wall", help="judge by wall or CPU time (cpu on a busy machine)"
    )
    args = parser.parse_args()
    if args.sizes:
        compare(args)
        return
    if args.serve:
        serve(args)
        return
    results = run_one(args)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
