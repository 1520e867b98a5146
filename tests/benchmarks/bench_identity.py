"""Benchmark: who is who over a collection of invented minutes (issue 15, "Tests and figures").

    python -m tests.benchmarks.bench_identity [N [SEED [JOBS]]]     (default 2,400 minutes, seed 15, 1 worker)

Writes N minutes of 30 Zhejiang counties in the shapes real collections have (the place in the
meeting sentence, only in the headline, only in a Word file's title, only in the chair's title,
only in a page's site, nowhere), with people whose names recur across counties (a pool of 40 names
for 240 posts), movers (a 副县长 of one county who becomes 县长 of another of the same city) and the
renamed 绍兴县 (柯桥区 since 2013, its minutes before naming the old county). Loads them into a
fresh SQLite database and prints, against the truth the generator kept:

- officials per true person and place (target 1.00), people split, officials merging people;
- the share of meetings placed, and placed in the right division (the division of its date:
  绍兴县, 330621, for 柯桥区's minutes before 2013);
- cross-place candidates proposed, and how many are right (the same true person).
Runs in about a minute on the 2-core machine.
"""

from __future__ import annotations

import io
import os
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

COUNTIES_PER_CITY = {"湖州市": 5, "嘉兴市": 7, "绍兴市": 5, "金华市": 8, "台州市": 5}
NAMES = (
    "王建国 张华 刘洋 陈晓明 李志强 周明 赵丽 孙伟 吴刚 郑红 冯军 陈静 褚亮 卫东 蒋平 沈丽 韩冰 杨帆 朱敏 秦岭 "
    "许杰 何军 吕芳 施勇 张敏 孔亮 曹雪 严明 华强 金涛 魏巍 陶然 姜华 戚红 谢军 邹平 喻明 柏林 水清 窦娟"
).split()
SHAPES = ("sentence", "headline", "word-title", "chair", "site", "nowhere")
WEIGHTS = (30, 20, 10, 15, 15, 10)


def counties() -> list[tuple[str, str, str]]:
    """(code, county name, city name): county-level divisions of five Zhejiang cities whose name
    no other division has."""
    from archive.intake.division_table import records

    DIVISION_DATA = {r.code: r.name for r in records() if r.valid_until is None}  # today's table

    counts = defaultdict(int)
    for name in DIVISION_DATA.values():
        counts[name] += 1
    chosen = []
    for city, n in COUNTIES_PER_CITY.items():
        prefix = next(c[:4] for c, name in DIVISION_DATA.items() if name == city and c.startswith("33"))
        names = sorted(
            (c, name)
            for c, name in DIVISION_DATA.items()
            if c.startswith(prefix) and not c.endswith("00") and counts[name] == 1
        )
        if city == "绍兴市":  # 柯桥区, whose minutes before 2013 name 绍兴县
            names = sorted(names, key=lambda row: row[1] != "柯桥区")
        chosen += [(c, name, city) for c, name in names[:n]]
    return chosen[:30]


class World:
    """The truth: every post-holder a person id; movers hold a post in two counties one after the other."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.places = counties()
        self.people = {}  # (county, post slot, period) -> person id
        self.names = {}  # person id -> name
        self.movers = []  # (person, earlier county, later county)
        pid = 0
        self.taken = defaultdict(set)  # county -> names: two people of one name in one county are one official by rule
        for _code, county, _ in self.places:
            for slot in range(8):
                for period in (0, 1):
                    if period == 1 and slot >= 2:  # deputies serve both periods
                        self.people[county, slot, 1] = self.people[county, slot, 0]
                        continue
                    pid += 1
                    self.people[county, slot, period] = pid
                    self.names[pid] = self._name(county)
        # Ten movers: a deputy (slot 2) of one county becomes head (slot 0) of another of its city in period 1.
        by_city = defaultdict(list)
        for _, county, city in self.places:
            by_city[city].append(county)
        for group in list(by_city.values())[:5]:
            for a, b in ((group[0], group[1]), (group[2], group[3])):
                person = self.people[a, 2, 0]
                self.people[a, 2, 1] = self._new(a)  # a new deputy in the old county
                self.taken[b].discard(self.names[self.people[b, 0, 1]])
                self.names[person] = self._name(b, keep=self.names[person])
                self.people[b, 0, 1] = person
                self.movers.append((person, a, b))

    def _name(self, county: str, keep: str = "") -> str:
        """A name from the pool no one else in this county has (``keep`` when it is free)."""
        free = [n for n in NAMES if n not in self.taken[county]]
        name = keep if keep and keep not in self.taken[county] else self.rng.choice(free)
        self.taken[county].add(name)
        return name

    def _new(self, county: str) -> int:
        pid = max(self.names) + 1
        self.names[pid] = self._name(county)
        return pid


def minutes(world: World, index: int, rng: random.Random):
    """One meeting: (file name, bytes, truth: county, [(name, person)])."""
    from tests.intake.shapes import cms_page

    code, county, city = rng.choice(world.places)
    period = rng.choice((0, 1))
    year = 2019 + period * 2 + rng.choice((0, 1))
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    chair = world.people[county, 0, period]
    deputies = [world.people[county, slot, period] for slot in rng.sample(range(2, 8), 3)]
    level = county[-1] if county != "柯桥区" or period else "县"
    head, deputy = f"{level}长", f"副{level}长"
    written_place = county
    if county == "柯桥区" and period == 0:  # 绍兴县 until 2013: its minutes name the old county
        year, written_place = 2011 + year % 2, "绍兴县"
    shape = rng.choices(SHAPES, WEIGHTS)[0]
    session = index % 60 + 1
    names = "、".join(world.names[p] for p in deputies)
    government = f"{written_place}人民政府"
    sentence_organ = government if shape == "sentence" else f"{level}政府"
    chair_title = f"{written_place}{head}" if shape == "chair" else head
    lead = (
        f"{year}年{month}月{day}日，{sentence_organ}召开第{session}次常务会议，"
        f"{chair_title}{world.names[chair]}主持，{deputy}{names}出席。"
    )
    if shape == "chair":
        lead = (
            f"{year}年{month}月{day}日，{chair_title}{world.names[chair]}主持召开{level}政府第{session}次常务会议，"
            f"{deputy}{names}出席。"
        )
    headline = f"{government if shape == 'headline' else level + '政府'}召开第{session}次常务会议"
    body = f"{headline}\n{lead}\n会议研究了第{index}号事项。\n"
    # The division of its date: 绍兴县 (330621) for 柯桥区's minutes before 2013.
    truth = (county, [(world.names[chair], chair)] + [(world.names[p], p) for p in deputies], shape, written_place)
    if shape == "site":
        site = f"{city}{written_place}人民政府"
        return (
            f"m{index:05d}.html",
            cms_page(body, site=site, url=f"http://www.c{code}.example.gov.cn/{index}.html"),
            truth,
        )
    if shape == "word-title":
        return f"m{index:05d}.docx", word(body, f"{written_place}人民政府第{session}次常务会议纪要"), truth
    return f"m{index:05d}.txt", body.encode(), truth


def word(text: str, title: str) -> bytes:
    """A Word file whose only place is the title in its properties (docProps/core.xml)."""
    import re
    import zipfile

    from tests.intake.shapes import docx_like_word

    data = docx_like_word(text)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "docProps/core.xml":
                xml = content.decode("utf-8")
                if "<dc:title>" in xml:
                    xml = re.sub(r"<dc:title>.*?</dc:title>", f"<dc:title>{title}</dc:title>", xml)
                elif "<dc:title/>" in xml:
                    xml = xml.replace("<dc:title/>", f"<dc:title>{title}</dc:title>")
                else:
                    xml = xml.replace("</cp:coreProperties>", f"<dc:title>{title}</dc:title></cp:coreProperties>")
                content = xml.encode("utf-8")
            target.writestr(item, content)
    return out.getvalue()


def measure(truth: dict[str, tuple[str, list]], world: World) -> None:
    from archive.careers.candidates import propose
    from archive.models import Meeting, Participation

    meetings = {m.source.path.rsplit("/", 1)[-1]: m for m in Meeting.objects.select_related("source", "division")}
    placed = sum(1 for m in meetings.values() if m.division_id)
    right_place = sum(1 for name, m in meetings.items() if m.division and m.division.name == truth[name][3])
    officials_of = defaultdict(set)  # (person, county) -> officials
    people_of = defaultdict(set)  # official -> persons
    wrong = [
        (n, m.division.name, truth[n][3]) for n, m in meetings.items() if m.division and m.division.name != truth[n][3]
    ]
    if wrong:
        print(f"placed in another division, e.g. {wrong[:3]}")
    unplaced = defaultdict(int)
    for name, m in meetings.items():
        if not m.division_id:
            unplaced[truth[name][2]] += 1
    print("not placed, by where the minutes name their place:", dict(unplaced))
    unlinked = linked = 0
    rows = Participation.objects.values_list("meeting__source__path", "name", "official_id")
    for path, name, official in rows:
        county, people, *_ = truth[path.rsplit("/", 1)[-1]]
        person = next((p for n, p in people if n == name), None)
        if person is None:
            continue
        if official is None:
            unlinked += 1
            continue
        linked += 1
        officials_of[person, county].add(official)
        people_of[official].add(person)
    per = sum(len(v) for v in officials_of.values()) / max(len(officials_of), 1)
    split = sum(1 for v in officials_of.values() if len(v) > 1)
    merged = sum(1 for v in people_of.values() if len(v) > 1)
    n = len(meetings)
    print(
        f"meetings: {n}; placed {placed} ({placed / n:.1%}), in the right division {right_place} ({right_place / n:.1%})"
    )
    print(f"participations of known people: linked {linked}, unlinked (place unknown) {unlinked}")
    print(
        f"officials per true person and place: {per:.3f} (target 1.00); split {split}; officials merging people {merged}"
    )
    start = time.perf_counter()
    candidates = propose()
    elapsed = time.perf_counter() - start
    movers = {(p, a, b) for p, a, b in world.movers}
    right = 0
    for c in candidates:
        earlier = people_of.get(c.earlier_id, set())
        later = people_of.get(c.later_id, set())
        if len(earlier) == 1 and earlier == later:
            right += 1
    found = {
        p for p, a, b in movers for c in candidates if people_of.get(c.earlier_id) == people_of.get(c.later_id) == {p}
    }
    print(
        f"cross-place candidates: {len(candidates)} proposed in {elapsed:.2f} s, {right} right (the same person); "
        f"movers found {len(found)} of {len(movers)}"
    )
    by_score = defaultdict(lambda: [0, 0])
    for c in candidates:
        same = (
            people_of.get(c.earlier_id, set()) == people_of.get(c.later_id, set())
            and len(people_of.get(c.earlier_id, ())) == 1
        )
        by_score[c.score][0] += 1
        by_score[c.score][1] += same
    for score in sorted(by_score, reverse=True):
        total, good = by_score[score]
        print(f"  score {score}: {total} proposed, {good} right")


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2400
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    jobs = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        os.environ.setdefault("DEBUG", "1")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'identity.sqlite3'}"
        import django

        django.setup()
        from django.core.management import call_command

        from archive.pipeline.load import load_paths

        call_command("migrate", verbosity=0)
        world = World(rng)
        truth = {}
        folder = tmp / "minutes"
        folder.mkdir()
        for index in range(n):
            name, data, fact = minutes(world, index, rng)
            (folder / name).write_bytes(data)
            truth[name] = fact
        start = time.perf_counter()
        report = load_paths([folder], jobs=jobs, keep_meetings=False)
        print(f"loaded {report.count('loaded')} of {n} in {time.perf_counter() - start:.1f} s ({report.failed} failed)")
        print(
            f"counties {len(world.places)}, people {len(world.names)}, names {len(set(world.names.values()))}, movers {len(world.movers)}"
        )
        measure(truth, world)


if __name__ == "__main__":
    main()
