"""load_minutes end to end: the command, its JSON contract, and what it leaves in the database."""

import io
import json
from pathlib import Path

import jsonschema
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.models import AgendaItem, Document, Meeting, Official, OfficialAlias, Participation, SourceDocument
from archive.pipeline import load as loading
from archive.pipeline.load import load_paths
from tests.reasons import reasons_of

pytestmark = pytest.mark.django_db
SCHEMA = json.loads((Path(loading.__file__).parent.parent / "contracts" / "parsed-minutes.schema.json").read_text())
ALL_MODELS = [SourceDocument, Meeting, Official, OfficialAlias, Participation, AgendaItem, Document]


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("load_minutes", *map(str, args), stdout=out, stderr=err)
        code = 0
    except CommandError as exc:
        code = exc.returncode
        err.write(str(exc))
    return code, out.getvalue(), err.getvalue()


def json_lines(out):
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def counts():
    return {model.__name__: model.objects.count() for model in ALL_MODELS}


def test_seeds_load_and_json_follows_the_contract(seeds_dir):
    code, out, err = run("--json", seeds_dir)
    assert code == 0
    objects = json_lines(out)
    assert [Path(o["path"]).name for o in objects] == sorted(p.name for p in seeds_dir.glob("*.txt"))
    for obj in objects:
        jsonschema.validate(obj, SCHEMA)
        assert obj["status"] == "loaded"
    assert "loaded 2, unchanged 0, failed 0" in err
    assert "year-missing 1" in err
    meeting = Meeting.objects.get(source__path__endswith="000_183912749b7701d4.txt")
    assert str(meeting.date) == "2020-12-23"
    assert meeting.participations.count() == 9
    assert meeting.agenda_items.count() == 7
    assert meeting.documents.count() == 2


def test_dry_run_writes_nothing_and_prints_parsed(seeds_dir):
    code, out, _ = run("--dry-run", "--json", seeds_dir)
    assert code == 0
    assert {o["status"] for o in json_lines(out)} == {"parsed"}
    assert all(n == 0 for n in counts().values())


def test_loading_twice_changes_nothing(seeds_dir):
    run(seeds_dir)
    before = counts()
    stamps = list(SourceDocument.objects.values_list("loaded_at", flat=True))
    code, out, err = run("--json", seeds_dir)
    assert code == 0
    assert {o["status"] for o in json_lines(out)} == {"unchanged"}
    assert "loaded 0, unchanged 2" in err
    assert counts() == before
    assert list(SourceDocument.objects.values_list("loaded_at", flat=True)) == stamps


def test_same_text_in_another_encoding_is_unchanged(seeds_dir, tmp_path):
    run(seeds_dir)
    text = next(seeds_dir.glob("000_*.txt")).read_text(encoding="utf-8")
    other = tmp_path / "again-in-gb18030.txt"
    other.write_bytes(text.encode("gb18030"))
    before = counts()
    code, out, _ = run("--json", other)
    assert code == 0
    assert json_lines(out)[0]["status"] == "unchanged"
    assert json_lines(out)[0]["encoding"] == "gb18030"
    assert counts() == before


def test_every_fixture_follows_the_contract_in_a_dry_run():
    from tests.conftest import FIXTURES

    code, out, _ = run("--json", "--dry-run", str(FIXTURES))
    objects = json_lines(out)
    assert code == 0 and len(objects) == len(list(FIXTURES.glob("*.txt")))
    for obj in objects:
        jsonschema.validate(obj, SCHEMA)
    assert Meeting.objects.count() == 0


def test_bad_files_fail_alone_with_reasons(seeds_dir):
    (seeds_dir / "empty.txt").write_bytes(b"")
    (seeds_dir / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (seeds_dir / "prose.txt").write_text("今天天气很好，我们去公园散步。", encoding="utf-8")
    code, out, err = run("--json", seeds_dir)
    assert code == 1
    by_name = {Path(o["path"]).name: o for o in json_lines(out)}
    for obj in by_name.values():
        jsonschema.validate(obj, SCHEMA)
    assert by_name["empty.txt"]["status"] == "error" and "empty" in by_name["empty.txt"]["error"]
    assert "binary" in by_name["binary.txt"]["error"]
    assert "not meeting minutes" in by_name["prose.txt"]["error"]
    assert all(by_name[n]["meeting"] is None for n in ["empty.txt", "binary.txt", "prose.txt"])
    assert "empty.txt" in by_name["empty.txt"]["error"]
    assert "error:" in err and "3 of 5 file(s) failed" in err
    assert Meeting.objects.count() == 2


def test_a_dated_news_report_is_not_loaded_as_a_meeting(tmp_path):
    news = tmp_path / "news.txt"
    news.write_text("本报讯 3月2日，青溪区文化旅游节开幕，副区长周建国出席开幕式并致辞。", encoding="utf-8")
    code, out, err = run("--json", news)
    (obj,) = json_lines(out)
    assert code == 1 and obj["status"] == "error" and "news.txt" in obj["error"]
    assert "not meeting minutes: no meeting is convened" in obj["error"]
    assert Meeting.objects.count() == 0


def test_missing_path_is_an_error_naming_it(tmp_path):
    code, out, _ = run("--json", tmp_path / "nope.txt")
    assert code == 1
    assert "nope.txt" in json_lines(out)[0]["error"]


def test_a_file_that_fails_while_writing_leaves_nothing(seeds_dir, monkeypatch):
    from django.db import DatabaseError

    from archive.records import new

    real = new.write_agenda

    def fail_for_seed_000(meetings):
        written = real(meetings)
        if any(parse.parsed.meeting.year == 2020 for _, parse in meetings):
            raise DatabaseError("disk full")
        return written

    monkeypatch.setattr(new, "write_agenda", fail_for_seed_000)
    code, out, _ = run("--json", seeds_dir)
    assert code == 1
    statuses = {Path(o["path"]).name[:3]: o["status"] for o in json_lines(out)}
    assert statuses == {"000": "error", "003": "loaded"}
    assert SourceDocument.objects.count() == 1
    assert not Participation.objects.filter(name="李志龙").exists()
    assert not Official.objects.filter(name="李志龙").exists()
    assert not Document.objects.exists()


def test_year_and_locality_options(seeds_dir):
    run("--year", "2024", "--locality", "柯桥区", next(seeds_dir.glob("003_*.txt")))
    meeting = Meeting.objects.get()
    assert (meeting.year, str(meeting.date), meeting.locality) == (2024, "2024-02-01", "柯桥区")
    assert set(Official.objects.values_list("locality", flat=True)) == {"柯桥区"}
    assert "year-from-option" in reasons_of(meeting)


def test_traditional_spellings_become_aliases_and_names_as_written_are_kept(seeds_dir):
    run(seeds_dir, "--locality", "柯桥区")
    chen = Participation.objects.get(name="陈豪")
    assert chen.name_as_written == "陳豪"
    assert chen.meeting.source.raw_text[chen.raw_start : chen.raw_end] == "陳豪"
    assert chen.meeting.source.text[chen.start : chen.end] == "陈豪"
    assert OfficialAlias.objects.filter(official=chen.official, name="陳豪").exists()
    assert chen.official.pinyin == "chen hao" and chen.official.initials == "ch"


def test_officials_are_reused_across_files_and_ambiguity_is_flagged(tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("2021年1月4日，区长陈健主持召开区政府常务会议。副区长王明出席会议。", encoding="utf-8")
    b.write_text("2021年2月4日，区长陈健主持召开区政府常务会议。副区长王明、赵亮出席会议。", encoding="utf-8")
    run(a, b, "--locality", "柯桥区")
    assert Official.objects.filter(name="陈健").count() == 1
    assert Official.objects.get(name="陈健").participations.count() == 2
    # A curator splits 陈健 into two people; the next file with 陈健 is flagged, not guessed.
    keqiao = Official.objects.get(name="陈健").division
    Official.objects.create(name="陈健", locality="柯桥区", division=keqiao, disambiguation="财政局")
    c = tmp_path / "c.txt"
    c.write_text("2021年3月4日，区长陈健主持召开区政府常务会议。副区长王明出席会议。", encoding="utf-8")
    run(c, "--locality", "柯桥区")
    meeting = Meeting.objects.get(month=3)
    assert meeting.needs_review
    assert "ambiguous-official: 陈健" in reasons_of(meeting)
    assert meeting.participations.get(name="陈健").official is None
    assert meeting.participations.get(name="王明").official is not None


def test_queries_do_not_grow_with_files_people_or_items(tmp_path, django_assert_max_num_queries):
    from tests.golden import fixture_paths

    small = tmp_path / "small.txt"
    small.write_text("2021年1月4日，区长王某主持召开区政府常务会议。审议《甲办法》。", encoding="utf-8")
    # 35 on SQLite (three for divisions and appointments, eight for careers): one is the loader's wait for other writers (PRAGMA busy_timeout), one the original bytes.
    with django_assert_max_num_queries(35):
        load_paths([small])
    with django_assert_max_num_queries(35):
        report = load_paths(fixture_paths())
    assert report.count("loaded") == len(fixture_paths())
    assert Participation.objects.count() > 100


def test_parallel_parsing_gives_the_same_archive(tmp_path, monkeypatch):
    from tests.golden import fixture_paths

    monkeypatch.setattr(loading, "PARALLEL_FROM", 1)
    report = load_paths(fixture_paths(), jobs=2)
    assert report.count("loaded") == len(fixture_paths())
    serial = [r.as_contract() for r in load_paths(fixture_paths(), dry_run=True).results]
    assert [r.as_contract()["meeting"] for r in report.results] == [s["meeting"] for s in serial]
    assert Meeting.objects.count() == len(fixture_paths())


def test_a_file_repeated_in_one_run_loads_once(seeds_dir, tmp_path):
    seed = next(seeds_dir.glob("000_*.txt"))
    copy = tmp_path / "copy.txt"
    copy.write_bytes(seed.read_bytes())
    report = load_paths([seed, copy])
    assert [r.status for r in report.results] == ["loaded", "unchanged"]
    assert report.results[0].meeting_id == report.results[1].meeting_id
    assert Meeting.objects.count() == 1
