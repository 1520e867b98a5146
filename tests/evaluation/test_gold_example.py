"""The README's example gold set (docs/gold-example/: minutes we wrote, labelled as the README
says) runs through `evaluate_parser --gold` and the parser meets every target on it, so a new user
can try the command and read the format from files that agree with it."""

import io
import json
from pathlib import Path

from django.core.management import call_command

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "gold-example"


def test_the_example_gold_set_scores_every_figure():
    out = io.StringIO()
    call_command("evaluate_parser", "--gold", str(EXAMPLE / "gold.jsonl"), str(EXAMPLE), "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert report["count"] == 3 and report["failed"] == []
    scored = {name: figure for name, figure in report["figures"].items() if figure["value"] is not None}
    assert {"date", "body", "chair", "names", "name_role", "documents", "appointments"} <= set(scored)
    assert all(figure["value"] == 1.0 for figure in scored.values()), scored
