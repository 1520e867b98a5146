"""python manage.py load_minutes PATH [PATH ...]: see README, "Loading minutes"."""

import argparse
import json
import os
import sys
from collections import Counter

from django.core import checks
from django.core.management.base import BaseCommand, CommandError

from archive import divisions
from archive.intake import MAX_BYTES, IntakeError
from archive.intake.locality import LocalityMap
from archive.intake.paths import printable_name
from archive.models.meetings import FIRST_YEAR, last_year
from archive.records.storable import year_problem

# The loader's steps, the release writer and the progress bar are imported in handle(), when
# there are files to load: `load_minutes --help` and a mistyped option answer without the parser
# (tests/loading/test_startup_imports.py).


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
        parser.add_argument("--year", type=_year, help="Year for minutes whose text and page give none.")
        parser.add_argument("--locality", help="Locality of these minutes, e.g. 柯桥区 (overrides what the text says).")
        parser.add_argument(
            "--locality-map",
            metavar="FILE",
            help="CSV of 'site domain or folder,locality' for collections that mix places.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Parse and report; write nothing.")
        parser.add_argument(
            "--reparse",
            action="store_true",
            help="Files already loaded: parse their stored sources again with the options given "
            "(--year, --locality), keeping what curators corrected, and report what changed.",
        )
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
        from tqdm import tqdm

        from archive.pipeline.load import load_paths, loader_gc, minutes_paths
        from archive.releases import build_release

        verbosity = options["verbosity"]
        _check_options(year, locality)
        try:
            locality_map = LocalityMap.read(options["locality_map"]) if options.get("locality_map") else None
        except IntakeError as exc:
            raise CommandError(str(exc)) from None
        skipped, others = [], []

        def on_skip(path, reason):
            skipped.append(path)
            self.stderr.write(f"skipped: {printable_name(path)}: {reason}", style_func=self.style.WARNING)

        def on_other(path):
            others.append(path)
            if verbosity >= 2:
                self.stderr.write(f"not read: {printable_name(path)}: {_other_format(path)}", style_func=_plain)

        files = minutes_paths(paths, on_skip, on_other)
        total = len(files)
        if options.get("reparse"):
            if dry_run or json or options.get("locality_map"):
                raise CommandError("--reparse takes --year and --locality only (not --dry-run, --json, --locality-map)")
            return self.reparse(files, year, locality)
        bar = tqdm(total=total, unit="file", file=sys.stderr, disable=None if total > 20 else True, leave=False)

        def on_result(result):
            bar.update()
            if json:
                self.stdout.write(_json_line(result.as_contract()))
            if result.status == "error":
                self.message(bar, f"error: {result.error}")
            elif verbosity >= 2:
                self.message(bar, f"{result.status}: {result.path}", style_func=_plain)

        with loader_gc():
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
        self.print_summary(report, dry_run, len(skipped), others, total)
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
            documents = len(report.results)
            raise CommandError(
                f"{report.failed} of {documents} document(s) failed ({total} file(s) read)", returncode=1
            )

    def reparse(self, files, year, locality):
        from archive.pipeline.reparse import reparse_paths

        done = reparse_paths(files, year=year, locality=locality)
        for file in done:
            if file.error:
                self.stderr.write(f"error: {file.error}")
            for result in file.results:
                self.stderr.write(f"reparsed: {file.path}: {result.summary()}")
        failed = sum(1 for f in done if f.error)
        self.stderr.write(f"reparsed {sum(len(f.results) for f in done)}, failed {failed}")
        if not done:
            raise CommandError("no minutes files found in the given paths")
        if failed:
            raise CommandError(f"{failed} of {len(done)} file(s) failed", returncode=1)

    def message(self, bar, text, style_func=None):
        with bar.external_write_mode(file=sys.stderr):
            self.stderr.write(text, style_func=style_func)

    def print_summary(self, report, dry_run, skipped=0, others=(), files=0):
        """Counts of documents (a JSON Lines file holds one per record), then of files."""
        if dry_run:
            counts = f"parsed {report.count('parsed')}, failed {report.failed}"
        else:
            counts = f"loaded {report.count('loaded')}, unchanged {report.count('unchanged')}, failed {report.failed}"
        if skipped:
            counts += f", skipped {skipped} (not regular files or not readable; named above)"
        if others:
            kinds = Counter(_other_format(path) for path in others)
            listed = ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items()))
            counts += f", not read {len(others)} of other formats ({listed}; -v 2 names them)"
        documents = len(report.results)
        counts += f"; {_count(documents, 'document')} from {_count(files, 'file')}"
        lines = [counts]
        kinds = report.warnings_by_kind()
        if kinds:
            lines.append("warnings: " + ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items())))
        # The summary is not an error: Django styles standard error red unless told otherwise.
        style = self.style.SUCCESS if not report.failed else self.style.WARNING
        for line in lines:
            self.stderr.write(line, style_func=style)


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _plain(text: str) -> str:
    return text


def _other_format(path) -> str:
    """How a file below a directory that is not read is named in the summary: its suffix."""
    return os.path.splitext(str(path))[1].lower() or "(no suffix)"


def _year(value: str) -> int:
    """--year: a year of the archive (1949 to next year), as four digits."""
    try:
        year = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a year") from None
    if reason := year_problem(year):
        raise argparse.ArgumentTypeError(reason)
    return year


def _check_options(year, locality) -> None:
    """--year within the archive's years, --locality a division: refused with the reason before
    any file is read (--year 23 and --locality 安吉 were taken as given)."""
    if year is not None and not FIRST_YEAR <= year <= last_year():
        raise CommandError(f"--year {year}: a year between {FIRST_YEAR} and {last_year()}, written in full")
    if locality:
        resolution = divisions.resolve(locality)
        if resolution.division_id is None and not resolution.ambiguous:
            raise CommandError(
                f"--locality {locality}: no administrative division (GB/T 2260) has that name; "
                "write it as the division is named, e.g. 安吉县, 柯桥区"
            )


def _positive_int(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive number of bytes")
    return int(value)


def _json_line(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)
