"""Evaluate the parser on a gold file and a folder of documents. Plain Python, no Django."""

from __future__ import annotations

import json
from pathlib import Path

from archive.parsing import ParseError, parse_minutes, parse_text

from .records import record_from_gold, record_from_parsed
from .scoring import Evaluation, evaluate


class EvaluationError(ValueError):
    """The gold or a document it names cannot be read; the message names the file."""


def read_gold(gold_path: str | Path) -> list[dict]:
    path = Path(gold_path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise EvaluationError(f"cannot read the gold file {path}: {exc.strerror or exc}") from exc
    lines = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvaluationError(f"{path} line {number} is not JSON: {exc.msg}") from exc
        if not isinstance(record, dict) or not record.get("file"):
            raise EvaluationError(f'{path} line {number} has no "file"')
        lines.append(record)
    if not lines:
        raise EvaluationError(f"the gold file {path} holds no records")
    return lines


def parse_document(data: bytes):
    """(ParsedMeeting, None), or (None, the reason) when the parse fails. A parser crash is kept
    as a failure too, so one bad document does not stop the measurement."""
    return _guarded(parse_minutes, data)


def parse_document_text(raw_text: str, *, encoding: str, year: int | None = None):
    """The same for a decoded text (a stored source)."""
    return _guarded(parse_text, raw_text, encoding=encoding, year=year)


def _guarded(parse, *args, **kwargs):
    try:
        return parse(*args, **kwargs).meeting, None
    except ParseError as exc:
        return None, f"parse error: {exc}"
    except Exception as exc:  # noqa: BLE001 - the parser is under test: report it, don't stop
        return None, f"parser crashed: {type(exc).__name__}: {exc}"


def evaluate_gold(gold_path: str | Path, docs_dir: str | Path) -> Evaluation:
    """Parse DOCS_DIR/file for every gold line (nothing is written anywhere) and score it."""
    docs = Path(docs_dir)
    if not docs.is_dir():
        raise EvaluationError(f"the documents folder {docs} does not exist")
    pairs = []
    for line in read_gold(gold_path):
        path = docs / line["file"]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise EvaluationError(
                f"cannot read {path} (named by {Path(gold_path).name}): {exc.strerror or exc}"
            ) from exc
        meeting, error = parse_document(data)
        gold = record_from_gold(line)
        pairs.append((gold, record_from_parsed(gold.key, meeting) if meeting else None, error))
    return evaluate(pairs)
