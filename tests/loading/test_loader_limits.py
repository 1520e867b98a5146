"""What load_minutes refuses before the database and what its summary says (issue 18.8, 18.10,
18.11): one validation on SQLite and PostgreSQL, lengths read from the models."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.models import Meeting, Participation, SourceDocument
from archive.parsing import parse_text
from archive.pipeline.load import load_paths
from archive.records.storable import max_length
from tests.loading.test_load_minutes import json_lines, run
from tests.reliability.bad_inputs import minutes

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "minutes"
GOOD = sorted(FIXTURES.glob("*.txt"))[0]


@pytest.mark.parametrize("year", ["99999", "1900", "23", "abc"])
def test_a_year_outside_the_archive_is_refused(tmp_path, year):
    code, _, err = run("--year", year, GOOD)
    assert code != 0 and "--year" in err
    assert SourceDocument.objects.count() == 0


def test_load_paths_refuses_a_year_outside_the_archive():
    with pytest.raises(ValueError, match="outside 1949"):
        load_paths([GOOD], year=32767)


def test_a_locality_over_the_models_length_is_an_error_naming_the_file(tmp_path):
    """load_minutes refuses a --locality that is no division before reading; what reaches the
    loader otherwise (a site's or a map's locality) is checked against the column here."""
    limit = max_length(Meeting, "locality")
    [result] = load_paths([GOOD], locality="很" * limit + "县").results
    assert result.status == "error"
    assert str(GOOD) in result.error and f"over the {limit}" in result.error
    assert SourceDocument.objects.count() == 0


def test_a_locality_at_the_models_length_loads():
    [result] = load_paths([GOOD], locality="很" * (max_length(Meeting, "locality") - 1) + "县").results
    assert result.status == "loaded", result.error


def test_a_record_locality_over_the_models_length_is_not_cut_but_refused(tmp_path):
    path = tmp_path / "records.jsonl"
    records = [{"text": minutes(21), "locality": "很" * 60 + "县"}, {"text": minutes(22)}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    code, out, _ = run("--json", path)
    statuses = {o["path"]: o["status"] for o in json_lines(out)}
    assert statuses == {f"{path}:1": "error", f"{path}:2": "loaded"}


def test_invisible_characters_in_a_name_are_not_stored(tmp_path):
    """A zero-width space or a bidi override inside a name makes another person, or shows it backwards."""
    text = minutes(23).replace("顾明远", "顾\u200b明远").replace("蒋晓帆", "\u202e蒋晓帆\u202c")
    parsed = parse_text(text)
    names = {p.name for p in parsed.meeting.participants}
    assert {"顾明远", "蒋晓帆"} <= names
    path = tmp_path / "invisible.txt"
    path.write_text(text, encoding="utf-8")
    assert run(path)[0] == 0
    written = set(Participation.objects.values_list("name_as_written", flat=True))
    assert {"顾明远", "蒋晓帆"} <= written
    assert not any(c in "".join(written) for c in "\u200b\u202e\u202c")


def test_site_top_bar_is_page_noise():
    text = "您好，欢迎访问云溪市示例区人民政府门户网站！ 设为首页 加入收藏\n" + minutes(24)
    parsed = parse_text(text)
    assert "设为首页" not in parsed.text and "欢迎访问" not in parsed.text
    assert parsed.meeting.body


def test_many_short_titles_refer_back_as_before():
    from archive.parsing.agenda import documents_in

    assert documents_in("审议《云溪市物业管理条例》和《条例》实施意见，《条例》") == ["云溪市物业管理条例"]


def _command(*args, **options):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("load_minutes", *map(str, args), stdout=out, stderr=err, **options)
    except CommandError as exc:
        err.write(str(exc))
    return err.getvalue()


def test_the_success_summary_is_not_styled_as_an_error():
    """Django styles a command's standard error red on a terminal; the summary is no error."""
    from django.core.management.base import OutputWrapper
    from django.core.management.color import color_style

    from archive.management.commands.load_minutes import Command

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    command = Command()
    command.style = color_style(force_color=True)
    command.stderr = OutputWrapper(Terminal())
    command.stderr.style_func = command.style.ERROR  # as BaseCommand sets it up
    command.print_summary(load_paths([GOOD]), False)
    summary = command.stderr._out.getvalue()
    assert "loaded 1" in summary and "\x1b[31" not in summary  # ERROR: bold red


def test_counts_say_documents_and_files(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(json.dumps({"text": minutes(d)}, ensure_ascii=False) for d in (25, 26, 27)))
    err = _command(path, GOOD)
    assert "loaded 4, unchanged 0, failed 0; 4 documents from 2 files" in err


def test_files_of_other_formats_in_a_directory_are_counted_and_named_at_v2(tmp_path):
    folder = tmp_path / "collection"
    folder.mkdir()
    (folder / GOOD.name).write_bytes(GOOD.read_bytes())
    for name in ("scan.png", "minutes.zip", "list.csv"):
        (folder / name).write_bytes(b"\x89PNG whatever")
    err = _command(folder)
    assert "not read 3 of other formats (.csv 1, .png 1, .zip 1; -v 2 names them)" in err
    assert "scan.png" not in err
    err = _command(folder, verbosity=2)
    assert f"not read: {folder / 'scan.png'}: .png" in err
