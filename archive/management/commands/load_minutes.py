"""python manage.py load_minutes PATH [PATH ...]: see README, "Loading minutes"."""

import json
import os
import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from archive.loading import load_paths, minutes_paths


class Command(BaseCommand):
    help = "Parse minutes files (or directories of *.txt) and load them into the archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="+", metavar="PATH", help="Files, or directories (every *.txt below, sorted)."
        )
        parser.add_argument("--year", type=int, help="Year for minutes whose text and page give none.")
        parser.add_argument("--locality", help="Locality of these minutes, e.g. 柯桥区 (overrides what the text says).")
        parser.add_argument("--dry-run", action="store_true", help="Parse and report; write nothing.")
        parser.add_argument(
            "--json", action="store_true", help="Print one JSON object per file (JSON Lines) on stdout."
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=1 if (os.cpu_count() or 1) > 1 else 0,
            help="Worker processes that parse runs of 400 files or more while this one writes "
            "(default 1 on a multi-core machine; 0 parses here).",
        )

    def handle(self, *args, paths, year, locality, dry_run, json: bool, jobs, **options):
        verbosity = options["verbosity"]
        total = len(minutes_paths(paths))
        bar = tqdm(total=total, unit="file", file=sys.stderr, disable=None if total > 20 else True, leave=False)

        def on_result(result):
            bar.update()
            if json:
                self.stdout.write(_json_line(result.as_contract()))
            if result.status == "error":
                self.message(bar, f"error: {result.error}")
            elif verbosity >= 2:
                self.message(bar, f"{result.status}: {result.path}")

        report = load_paths(
            paths, year=year, locality=locality, dry_run=dry_run, jobs=jobs, on_result=on_result, keep_meetings=False
        )
        bar.close()
        self.print_summary(report, dry_run)
        if total == 0:
            raise CommandError("no minutes files found in the given paths")
        if report.failed:
            raise CommandError(f"{report.failed} of {total} file(s) failed", returncode=1)

    def message(self, bar, text):
        with bar.external_write_mode(file=sys.stderr):
            self.stderr.write(text)

    def print_summary(self, report, dry_run):
        if dry_run:
            counts = f"parsed {report.count('parsed')}, failed {report.failed}"
        else:
            counts = f"loaded {report.count('loaded')}, unchanged {report.count('unchanged')}, failed {report.failed}"
        lines = [counts]
        kinds = report.warnings_by_kind()
        if kinds:
            lines.append("warnings: " + ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items())))
        for line in lines:
            self.stderr.write(line)


def _json_line(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)
