"""python manage.py evaluate_parser: see README, "Measuring the parser"."""

import argparse
import json

from django.core.management.base import BaseCommand, CommandError, DjangoHelpFormatter

from archive.evaluation import report
from archive.evaluation.files import EvaluationError, evaluate_gold

EPILOG = """\
how each figure is scored (both sides in simplified characters, OpenCC t2s, whitespace removed):
  date            right when year, month and day all equal the gold's (null = null);
                  "month/day only" ignores the year (extra information, no target)
  body, session number, chair
                  exact; null = null is right; the parser's chair is its first participant
                  with the role chair
  agenda count    right when the number of agenda items is the gold count or one of
                  agenda_item_count_alt; documents whose gold count is null are not scored
  participant names, (name, role), documents
                  sets per document; precision, recall and F1 micro-averaged (counts summed
                  over all documents)
  appointments    (name, action, post) and (name, action), micro-averaged, scored only on
                  documents whose gold has appointments or where the parser found some
                  (a parse without the attribute counts as none); not scored with
                  --against-archive (the archive stores no appointments)
  A document that fails to parse is wrong in every field and misses every gold person.
  Targets (issue 7) apply to the accuracy, or to F1 for set figures.

--show N: the N worst documents; score = wrong fields (date, body, session, chair, agenda
count, documents, appointments) + missing + extra (name, role) pairs.

--json keys: count, failed [{key, error}], figures {name: {value, target, right, total} or
{value, target, precision, recall, f1, tp, fp, fn}}, appointment_documents; with --show:
worst [{key, score, error, fields {field: {gold, parsed} or {missing, extra}}, missing,
extra}]; with --against-archive: disagreements [{meeting, items}]. value is the figure a
target applies to (null when nothing was scored). Figure names: date, date_month_day,
body, session_number, chair, agenda_count, names, name_role, documents, appointments,
appointments_name_action.

--against-archive: parses every stored source again (nothing is written) and scores it
against its meeting as curators corrected it; then lists the meetings where the current
parser contradicts a curated field (Meeting.locked_fields) or a curated participation or
agenda item. Run it before re-parsing an archive with a new parser version.
"""


class _Formatter(DjangoHelpFormatter, argparse.RawDescriptionHelpFormatter):
    pass


class Command(BaseCommand):
    help = (
        "Measure the parser: parse every document named in a gold file (nothing is written) and "
        "print per-field accuracy and set F1 beside the targets; or, with --against-archive, "
        "compare the current parser with the archive as curators corrected it."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        return super().create_parser(prog_name, subcommand, formatter_class=_Formatter, epilog=EPILOG, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("docs_dir", nargs="?", metavar="DOCS_DIR", help="Folder of the documents the gold names.")
        parser.add_argument("--gold", metavar="GOLD.jsonl", help="Gold records, one JSON object per line with 'file'.")
        parser.add_argument("--show", type=int, default=0, metavar="N", help="Also print the N worst documents.")
        parser.add_argument("--json", action="store_true", help="Print the figures as one JSON object.")
        parser.add_argument(
            "--against-archive",
            action="store_true",
            help="Score the current parser against every stored meeting as curated (no --gold, no DOCS_DIR).",
        )

    def handle(self, *args, docs_dir, gold, show, json: bool, against_archive, **options):
        if show < 0:
            raise CommandError("--show takes a number of documents, 0 or more")
        if against_archive:
            if gold or docs_dir:
                raise CommandError("--against-archive takes no --gold and no DOCS_DIR")
            from archive.evaluation.curated import evaluate_archive

            evaluation = evaluate_archive()
            if not evaluation.results:
                raise CommandError("the archive holds no meetings to compare")
        else:
            if not gold or not docs_dir:
                raise CommandError("give --gold GOLD.jsonl and DOCS_DIR (or --against-archive)")
            try:
                evaluation = evaluate_gold(gold, docs_dir)
            except EvaluationError as exc:
                raise CommandError(str(exc)) from exc
        if json:
            self.stdout.write(_dumps(report.as_json(evaluation, show, against_archive)))
        else:
            self.stdout.write("\n".join(report.text_lines(evaluation, show, against_archive)))


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)
