"""Copy the GB/T 2260 code table since 1981 (archive/data/divisions_history.csv) into the Division table again."""

from django.core.management.base import BaseCommand

from archive.divisions import load_divisions
from archive.models import Division


class Command(BaseCommand):
    help = "Load or refresh the administrative divisions (GB/T 2260, since 1981, with validity years and successors) from archive/data/divisions_history.csv."

    def handle(self, *args, **options):
        count = load_divisions(Division)
        self.stdout.write(f"{count} divisions")
