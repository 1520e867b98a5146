"""evaluate_parser on the small gold set in tests/fixtures/evaluation (minutes we wrote; the
gold is deliberately wrong in places, so every figure below was worked out by hand)."""

import json
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from archive.evaluation.files import evaluate_gold

from ..conftest import ROOT

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "evaluation"
GOLD = FIXTURES / "gold.jsonl"
DOCS = FIXTURES / "docs"


def run(*args) -> str:
    out = StringIO()
    call_command("evaluate_parser", *args, stdout=out)
    return out.getvalue()


def test_figures_worked_out_by_hand():
    # e1: 冯建国 parsed but not in the gold, 沈志和 in the gold but not in the text.
    # e2: the gold's year is not in the text; its agenda count is 3 for two items.
    # e3 (traditional): the gold makes 刘志远 an observer; the parse an attendee.
    # e4: not minutes; the parse fails, so all its fields are wrong and its 2 people missed.
    figures = evaluate_gold(GOLD, DOCS).figures
    accuracy = {name: (a.right, a.total) for name, a in figures.accuracy.items()}
    assert accuracy == {
        "date": (2, 4),
        "date_month_day": (3, 4),
        "body": (3, 4),
        "session_number": (3, 4),
        "chair": (3, 4),
        "agenda_count": (2, 4),
    }
    sets = {name: (s.tp, s.fp, s.fn) for name, s in figures.sets.items()}
    assert sets["names"] == (11, 1, 3)  # P 11/12, R 11/14
    assert sets["name_role"] == (10, 2, 4)
    assert sets["documents"] == (2, 0, 1)
    assert sets["appointments"] == (0, 0, 0) and figures.appointment_documents == 0
    assert figures.sets["names"].f1 == pytest.approx(22 / 26)
    assert figures.errors == [
        ("e4_not_minutes.txt", "parse error: not meeting minutes: the file holds no Chinese text")
    ]


def test_text_report_shows_each_figure_beside_its_target():
    lines = run("--gold", str(GOLD), str(DOCS)).splitlines()
    assert lines[0] == "4 documents, 1 failed to parse"
    figures = lines[: next(k for k, line in enumerate(lines) if line.startswith("review flags:"))]
    row = {line.strip().split("  ")[0]: line for line in figures if "  " in line.strip()}
    assert "0.500 (2/4)" in row["date (y/m/d)"] and "target ≥ 0.95 BELOW" in row["date (y/m/d)"]
    assert "0.750 (3/4)" in row["month/day only"] and "target" not in row["month/day only"]
    assert "P 0.917  R 0.786  F1 0.846" in row["participant names"] and "target ≥ 0.97" in row["participant names"]
    assert "P 0.833  R 0.714  F1 0.769" in row["(name, role)"] and "target ≥ 0.95" in row["(name, role)"]
    assert "P 1.000  R 0.667  F1 0.800" in row["documents"]
    assert "F1 n/a" in row["appointments (name, action, post)"]
    assert "failed: e4_not_minutes.txt: parse error: not meeting minutes: the file holds no Chinese text" in lines


def test_show_prints_the_worst_documents_with_what_differs():
    out = run("--gold", str(GOLD), str(DOCS), "--show", "2")
    worst = out[out.index("worst 2 documents") :].splitlines()
    assert worst[1:] == [
        "e4_not_minutes.txt  score 8",
        "  parse error: not meeting minutes: the file holds no Chinese text",
        "  date (y/m/d): gold 2021-6-1 | parsed -",
        "  body: gold 镇党委会议 | parsed -",
        "  session number: gold 5 | parsed -",
        "  chair: gold 宋立群 | parsed -",
        "  agenda count: gold 1 | parsed -",
        "  documents: missing 镇人居环境整治方案 | extra none",
        "  missing: 宋立群 (chair), 程晓东 (attendee)",
        "e1_district_exec.txt  score 2",
        "  missing: 沈志和 (attendee)",
        "  extra: 冯建国 (attendee)",
    ]
    # Ties (e1, e2, e3 all score 2) go by file name.
    out = run("--gold", str(GOLD), str(DOCS), "--show", "4")
    assert (
        "e2_county_committee.txt  score 2\n  date (y/m/d): gold 2024-3-8 | parsed ?-3-8\n  agenda count: gold 3 | parsed 2"
        in out
    )
    assert "e3_city_exec_traditional.txt  score 2\n  missing: 刘志远 (observer)\n  extra: 刘志远 (attendee)" in out


def test_json_keys():
    data = json.loads(run("--gold", str(GOLD), str(DOCS), "--json", "--show", "1"))
    assert set(data) == {"count", "failed", "figures", "appointment_documents", "review", "worst"}
    assert data["count"] == 4
    assert data["failed"] == [
        {"key": "e4_not_minutes.txt", "error": "parse error: not meeting minutes: the file holds no Chinese text"}
    ]
    assert set(data["figures"]) == {
        "date",
        "date_month_day",
        "body",
        "session_number",
        "chair",
        "agenda_count",
        "names",
        "name_role",
        "documents",
        "appointments",
        "appointments_name_action",
    }
    assert data["figures"]["date"] == {"value": 0.5, "right": 2, "total": 4, "target": 0.95}
    assert data["figures"]["name_role"] == {
        "value": pytest.approx(20 / 26),
        "precision": pytest.approx(10 / 12),
        "recall": pytest.approx(10 / 14),
        "f1": pytest.approx(20 / 26),
        "tp": 10,
        "fp": 2,
        "fn": 4,
        "target": 0.95,
    }
    assert data["figures"]["appointments"]["value"] is None
    [worst] = data["worst"]
    assert worst["key"] == "e4_not_minutes.txt" and worst["score"] == 8
    assert worst["fields"]["documents"] == {"missing": ["镇人居环境整治方案"], "extra": []}
    assert worst["fields"]["body"] == {"gold": "镇党委会议", "parsed": "-"}
    assert worst["missing"] == [["宋立群", "chair"], ["程晓东", "attendee"]]


def test_a_document_missing_from_the_folder_is_an_error_naming_it(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs)
    (docs / "e3_city_exec_traditional.txt").unlink()
    with pytest.raises(CommandError, match=r"cannot read .*e3_city_exec_traditional\.txt \(named by gold\.jsonl\)"):
        run("--gold", str(GOLD), str(docs))


def test_bad_gold_lines_and_arguments(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"file": "e1_district_exec.txt"}\nnot json\n', encoding="utf-8")
    with pytest.raises(CommandError, match=r"bad\.jsonl line 2 is not JSON"):
        run("--gold", str(bad), str(DOCS))
    with pytest.raises(CommandError, match=r"cannot read the gold file .*nowhere\.jsonl"):
        run("--gold", str(tmp_path / "nowhere.jsonl"), str(DOCS))
    with pytest.raises(CommandError, match="give --gold GOLD.jsonl and DOCS_DIR"):
        run(str(DOCS))
    with pytest.raises(CommandError, match="--against-archive takes no --gold"):
        run("--against-archive", "--gold", str(GOLD))


def test_bad_path_exits_non_zero_with_the_file_named():
    result = subprocess.run(
        [sys.executable, "manage.py", "evaluate_parser", "--gold", str(GOLD), str(FIXTURES / "no-such-folder")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"DEBUG": "1", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1
    assert "no-such-folder does not exist" in result.stderr
    assert result.stdout == ""
