"""Recompute every official's tenures (careers) from their meetings; curated tenures stay."""

from django.core.management.base import BaseCommand

from archive.careers import tenures
from archive.models import Official


class Command(BaseCommand):
    help = "Recompute careers (Tenure rows) from participations and appointments; curated rows are kept."

    def handle(self, *args, **options):
        ids = list(Official.objects.values_list("id", flat=True))
        for start in range(0, len(ids), 500):
            tenures.refresh(ids[start : start + 500])
        self.stdout.write(f"careers of {len(ids)} officials refreshed")
