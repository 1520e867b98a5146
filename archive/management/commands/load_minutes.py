"""python manage.py load_minutes PATH [PATH ...]: see README, "Loading minutes"."""

import argparse
import json
import os
import sys

from django.core import checks
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from archive.intake import MAX_BYTES, IntakeError
from archive.intake.locality import LocalityMap
from archive.pipeline.load import load_paths, minutes_paths
from archive.releases import build_release


class Command(BaseCommand):
    # The models' checks only: the URL and admin checks would import every admin module and its
    # spreadsheet libraries (~1 s) before the first file, for pages this command never serves.
    requires_system_checks = [checks.Tags.models]
    help = (
        "Parse minutes files (text, web pages, .docx, PDF, JSON Lines; or directories of them) "
        "and load them into the archive."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="+",
            metavar="PATH",
            help="Files, or directories (every *.txt, *.html, *.docx, *.pdf, *.jsonl … below, sorted).",
        )
        parser.add_argument("--year", type=int, help="Year for minutes whose text and page give none.")
        parser.add_argument("--locality", help="Locality of these minutes, e.g. 柯桥区 (overrides what the text says).")
        parser.add_argument(
            "--locality-map",
            metavar="FILE",
            help="CSV of 'site domain or folder,locality' for collections that mix places.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Parse and report; write nothing.")
        parser.add_argument(
            "--no-release",
            action="store_true",
            help="Do not write a release of the whole archive after loading (README, 'API and releases').",
        )
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
        parser.add_argument(
            "--max-bytes",
            type=_positive_int,
            default=MAX_BYTES,
            metavar="N",
            help=f"Refuse files larger than N bytes without reading them (default {MAX_BYTES:,}).",
        )

    def handle(self, *args, paths, year, locality, dry_run, json: bool, jobs, max_bytes, **options):
        verbosity = options["verbosity"]
        try:
            locality_map = LocalityMap.read(options["locality_map"]) if options.get("locality_map") else None
        except IntakeError as exc:
            raise CommandError(str(exc)) from None
        skipped = []

        def on_skip(path, reason):
            skipped.append(path)
            self.stderr.write(f"skipped: {path}: {reason}")

        files = minutes_paths(paths, on_skip)
        total = len(files)
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
            files,
            year=year,
            locality=locality,
            dry_run=dry_run,
            jobs=jobs,
            on_result=on_result,
            keep_meetings=False,
            max_bytes=max_bytes,
            locality_map=locality_map,
            found=True,
        )
        bar.close()
        self.print_summary(report, dry_run, len(skipped))
        if not dry_run and not options.get("no_release") and report.count("loaded"):
            try:
                manifest = build_release()
            except OSError as error:  # the minutes are loaded; say why the release is not there
                self.stderr.write(f"release not written: {error}")
            else:
                self.stderr.write(f"release {manifest['name']} written")
        if total == 0:
            raise CommandError("no minutes files found in the given paths")
        if report.failed:
            raise CommandError(f"{report.failed} of {total} file(s) failed", returncode=1)

    def message(self, bar, text):
        with bar.external_write_mode(file=sys.stderr):
            self.stderr.write(text)

    def print_summary(self, report, dry_run, skipped=0):
        if dry_run:
            counts = f"parsed {report.count('parsed')}, failed {report.failed}"
        else:
            counts = f"loaded {report.count('loaded')}, unchanged {report.count('unchanged')}, failed {report.failed}"
        if skipped:
            counts += f", skipped {skipped} (not regular files or not readable; named above)"
        lines = [counts]
        kinds = report.warnings_by_kind()
        if kinds:
            lines.append("warnings: " + ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items())))
        for line in lines:
            self.stderr.write(line)


def _positive_int(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive number of bytes")
    return int(value)


def _json_line(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)
