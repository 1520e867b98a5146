"""A warning is a value (kind, message); its text 'kind: message' is made only for the JSON contract."""

import pytest

from archive.parsing import ParseWarning, WarningKind, parse_text
from archive.parsing.result import stored_warnings, warnings_from_stored

NO_YEAR = "3月4日，区长王某主持召开区政府常务会议。会议研究了防汛工作。"


def test_the_parser_gives_warnings_as_kinds_and_sentences():
    (warning,) = parse_text(NO_YEAR).meeting.warnings
    assert warning == ParseWarning(
        WarningKind.YEAR_MISSING, "the text gives no year; pass --year or set it in the admin"
    )


def test_the_contract_keeps_kind_colon_message():
    meeting = parse_text(NO_YEAR, year=2019).meeting
    assert meeting.as_contract()["warnings"] == ["year-from-option: the text gives no year; 2019 is taken from --year"]


def test_a_kind_is_one_of_the_enumeration():
    assert ParseWarning("date-missing", "no date").kind is WarningKind.DATE_MISSING
    with pytest.raises(ValueError):
        ParseWarning("year-missin", "a typo is no kind")


def test_text_naming_another_kind_stays_in_the_message():
    """Code reads the kind, never the text: a message that mentions a kind changes nothing."""
    warning = ParseWarning.from_contract("date-invalid: year-missing: 2021年2月30日 is not a calendar date")
    assert warning.kind is WarningKind.DATE_INVALID
    assert warning.message == "year-missing: 2021年2月30日 is not a calendar date"
    assert warning.as_contract() == "date-invalid: year-missing: 2021年2月30日 is not a calendar date"


def test_stored_form_round_trips():
    warnings = [ParseWarning(WarningKind.CHAIR_MISSING, "no chair (主持) was found")]
    stored = stored_warnings(warnings)
    assert stored == [{"kind": "chair-missing", "message": "no chair (主持) was found"}]
    assert warnings_from_stored(stored) == warnings
