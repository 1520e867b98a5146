"""Evaluate the parser on a gold file and a folder of documents, read as a load reads them (intake,
then the parse step). No database."""

from __future__ import annotations

import json
from pathlib import Path

from archive.intake import Document, IntakeError, read_documents
from archive.parsing import LoadOptions, ParseError
from archive.parsing import parse_document as parse_document_step

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


def parse_document(data: bytes, name: str = "", line: int | None = None):
    """(ParsedMeeting, None), or (None, the reason) when the document cannot be read or parsed:
    the file's bytes through intake and the parse step, as a load takes them (a page's article,
    a Word or PDF file's text, a JSON Lines file's record ``line``, else its first). A parser
    crash is kept as a failure too, so one bad document does not stop the measurement."""
    try:
        documents = [d for d in read_documents(data, name) if line is None or getattr(d, "line", None) == line]
    except IntakeError as exc:
        return None, f"parse error: {exc}"
    if not documents:
        return None, f"parse error: the file has no record on line {line}"
    if isinstance(documents[0], IntakeError):
        return None, f"parse error: {documents[0]}"
    return _guarded(parse_document_step, documents[0], LoadOptions())


def parse_stored(document: Document, options: LoadOptions):
    """The same for a stored source, as intake reads it (archive.intake.document_from_source)."""
    return _guarded(parse_document_step, document, options)


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
        path, record = _named(docs, line["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise EvaluationError(
                f"cannot read {path} (named by {Path(gold_path).name}): {exc.strerror or exc}"
            ) from exc
        meeting, error = parse_document(data, str(path), record)
        gold = record_from_gold(line)
        pairs.append((gold, record_from_parsed(gold.key, meeting) if meeting else None, error))
    return evaluate(pairs)


def _named(docs: Path, name: str) -> tuple[Path, int | None]:
    """The file a gold line names, and the record: ``records.jsonl:3`` is line 3 of records.jsonl."""
    path = docs / name
    stem, colon, line = name.rpartition(":")
    if colon and line.isdigit() and not path.exists():
        return docs / stem, int(line)
    return path, None
