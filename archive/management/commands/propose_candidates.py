"""Propose the same person in two places over time as candidates for a curator (never joined)."""

from django.core.management.base import BaseCommand

from archive.careers.candidates import propose
from archive.models import CrossPlaceCandidate


class Command(BaseCommand):
    help = "Offer officials of one name in two divisions, careers one after the other, as cross-place candidates."

    def handle(self, *args, **options):
        created = propose()
        open_count = CrossPlaceCandidate.objects.filter(status=CrossPlaceCandidate.Status.OPEN).count()
        self.stdout.write(f"proposed {len(created)}; open {open_count}")
