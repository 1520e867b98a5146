"""Scoring on records built by hand (no parser, no database)."""

import subprocess
import sys
from types import SimpleNamespace

import pytest

from archive.evaluation.records import norm, record_from_gold, record_from_parsed
from archive.evaluation.scoring import PRF, compare, evaluate, worst
from archive.parsing import ParsedAgendaItem, ParsedMeeting, ParsedParticipant


def meeting(people=(), agenda=0, documents=(), **fields):
    values = {"year": 2023, "month": 5, "day": 12, "body": "区政府常务会议", "session_number": 3}
    values.update(fields)
    return ParsedMeeting(
        part_of_day=None,
        locality=None,
        participants=[ParsedParticipant(name, role, (), 0, 0) for name, role in people],
        agenda_items=[ParsedAgendaItem(i + 1, f"议题{i + 1}", "", "review") for i in range(agenda)],
        documents=list(documents),
        warnings=[],
        **values,
    )


GOLD = {
    "file": "x.txt",
    "date": {"year": 2023, "month": 5, "day": 12},
    "body": "区政府常务会议",
    "session_number": 3,
    "chair": "甲一",
    "participants": [{"name": "甲一", "role": "chair"}, {"name": "乙二", "role": "attendee"}],
    "agenda_item_count": 2,
    "agenda_item_count_alt": [3],
    "documents": ["某某办法"],
    "appointments": [],
}


def test_gold_and_parse_in_the_same_comparable_form():
    gold = record_from_gold(GOLD)
    parsed = record_from_parsed("x.txt", meeting([("甲一", "chair"), ("乙二", "attendee")], 3, ["某某办法"]))
    result = compare(gold, parsed)
    assert all(result.checks[k] for k in ("date", "date_month_day", "body", "session_number", "chair", "documents"))
    assert result.checks["agenda_count"] is True  # 3 is an accepted alternative
    assert result.checks["appointments"] is None  # neither side has any: not scored
    assert result.score == 0


def test_traditional_and_whitespace_compare_as_simplified():
    assert norm(" 劉　誌遠 ") == "刘志远"
    assert norm("   ") is None
    gold = record_from_gold({**GOLD, "chair": "刘志远", "participants": [{"name": "刘志远", "role": "chair"}]})
    parsed = record_from_parsed("x.txt", meeting([("劉誌遠", "chair")], 2, ["某某辦法"], body="區政府常務會議"))
    result = compare(gold, parsed)
    assert result.checks["chair"] and result.checks["body"] and result.checks["documents"]
    assert result.sets["name_role"].tp == 1


def test_chair_is_the_first_chair_and_null_equals_null():
    parsed = record_from_parsed("x", meeting([("乙二", "attendee"), ("丙三", "chair"), ("丁四", "chair")]))
    assert parsed.chair == "丙三"
    no_chair = compare(
        record_from_gold({**GOLD, "chair": None, "session_number": None}),
        record_from_parsed("x", meeting(session_number=None)),
    )
    assert no_chair.checks["chair"] is True and no_chair.checks["session_number"] is True


def test_year_decides_the_date_but_not_month_and_day():
    result = compare(record_from_gold(GOLD), record_from_parsed("x", meeting(year=None)))
    assert result.checks["date"] is False and result.checks["date_month_day"] is True


def test_micro_averaged_names_and_pairs():
    # Gold: 10 people. Parse 1 misses one; parse 2 gives one a wrong role and adds a stranger.
    names = [f"人{i}" for i in range(10)]
    gold1 = record_from_gold({**GOLD, "participants": [{"name": n, "role": "attendee"} for n in names[:6]]})
    gold2 = record_from_gold({**GOLD, "participants": [{"name": n, "role": "attendee"} for n in names[6:]]})
    parsed1 = record_from_parsed("a", meeting([(n, "attendee") for n in names[:5]]))
    parsed2 = record_from_parsed(
        "b", meeting([(names[6], "observer"), *((n, "attendee") for n in names[7:]), ("外人", "speaker")])
    )
    figures = evaluate([(gold1, parsed1, None), (gold2, parsed2, None)]).figures
    names_prf, pairs_prf = figures.sets["names"], figures.sets["name_role"]
    assert (names_prf.tp, names_prf.fp, names_prf.fn) == (9, 1, 1)
    assert names_prf.precision == pytest.approx(0.9) and names_prf.recall == pytest.approx(0.9)
    assert (pairs_prf.tp, pairs_prf.fp, pairs_prf.fn) == (8, 2, 2)
    assert pairs_prf.f1 == pytest.approx(0.8)


def test_appointments_scored_where_either_side_has_some():
    a = {"name": "甲一", "action": "appoint", "post": "某局局长"}
    gold = record_from_gold(
        {
            **GOLD,
            "appointments": [
                a,
                {**a, "post": "某局党组书记"},
                {"name": "乙二", "action": "remove", "post": "某局局长"},
            ],
        }
    )
    parsed = meeting()
    parsed.appointments = [a, {"name": "乙二", "action": "appoint", "post": "某局局长"}]
    only_parsed = meeting()
    only_parsed.appointments = [SimpleNamespace(name="丙三", action="appoint", post=None)]  # ParsedAppointment-like
    evaluation = evaluate(
        [
            (gold, record_from_parsed("a", parsed), None),
            (record_from_gold(GOLD), record_from_parsed("b", only_parsed), None),
            (record_from_gold(GOLD), record_from_parsed("c", meeting()), None),  # neither: not scored
        ]
    )
    figures = evaluation.figures
    assert figures.appointment_documents == 2
    triples, pairs = figures.sets["appointments"], figures.sets["appointments_name_action"]
    assert (triples.tp, triples.fp, triples.fn) == (1, 2, 2)
    assert (pairs.tp, pairs.fp, pairs.fn) == (1, 2, 1)
    assert [r.checks["appointments"] for r in evaluation.results] == [False, False, None]


def test_a_parse_without_appointments_counts_as_none():
    # A parser of contract v1 has no such attribute.
    v1 = SimpleNamespace(**{k: v for k, v in vars(meeting()).items() if k != "appointments"})
    assert record_from_parsed("x", v1).appointments == ()


def test_a_failed_parse_is_all_wrong():
    result = compare(record_from_gold({**GOLD, "chair": None, "documents": []}), None, "parse error: no text")
    assert result.wrong_fields == ["date", "body", "session_number", "chair", "agenda_count", "documents"]
    assert result.missing == [("甲一", "chair"), ("乙二", "attendee")]
    assert result.score == 8


def test_worst_leaves_out_perfect_documents_and_orders_by_score_then_key():
    people = [("甲一", "chair"), ("乙二", "attendee")]

    def result(key, people=people, **fields):
        return compare(
            record_from_gold({**GOLD, "file": key}), record_from_parsed(key, meeting(people, 2, ["某某办法"], **fields))
        )

    results = [
        result("b", people[:1], body="区政府全体会议"),  # wrong body, one person missing: 2
        result("c"),  # perfect
        result("a", [*people, ("丙三", "speaker")], session_number=4),  # wrong session, one extra: 2
        result("d", people[:1], body=None, session_number=None),  # 3
    ]
    assert [(r.key, r.score) for r in worst(results, 5)] == [("d", 3), ("a", 2), ("b", 2)]
    assert [r.key for r in worst(results, 1)] == ["d"]


def test_empty_set_figure_is_not_a_number():
    assert PRF().f1 is None and PRF(fn=2).precision == 0.0


def test_scoring_modules_do_not_import_django():
    code = (
        "import sys, archive.evaluation.files, archive.evaluation.report;"
        "assert not [m for m in sys.modules if m.startswith('django')]"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
