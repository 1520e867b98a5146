"""Golden files: tests/fixtures/minutes/NAME.txt with the expected parse in NAME.expected.json.

After a deliberate parser change, regenerate and review the diff:

    python -m tests.golden            # every fixture
    python -m tests.golden NAME ...   # some
"""

import json
import sys
from pathlib import Path

from archive.parsing import parse_minutes

FIXTURES = Path(__file__).parent / "fixtures" / "minutes"


def fixture_paths() -> list[Path]:
    return sorted(FIXTURES.glob("*.txt"))


def expected_path(fixture: Path) -> Path:
    return fixture.with_suffix(".expected.json")


def observed(fixture: Path) -> dict:
    parsed = parse_minutes(fixture.read_bytes())
    return {"encoding": parsed.encoding, "script": parsed.script, "meeting": parsed.meeting.as_contract()}


def write_expected(fixture: Path) -> None:
    text = json.dumps(observed(fixture), ensure_ascii=False, indent=2) + "\n"
    expected_path(fixture).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    wanted = set(sys.argv[1:])
    for path in fixture_paths():
        if not wanted or path.stem in wanted:
            write_expected(path)
            print(f"wrote {expected_path(path).name}")
