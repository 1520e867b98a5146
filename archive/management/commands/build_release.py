"""python manage.py build_release: see README, "API and releases"."""

from django.core.management.base import BaseCommand

from archive.releases import build_release


class Command(BaseCommand):
    help = "Write a release of the whole archive (CSV + datapackage.json, SQLite, ZIP, manifest) to RELEASES_DIR."

    def handle(self, *args, **options):
        manifest = build_release()
        counts = ", ".join(f"{name} {n}" for name, n in manifest["counts"].items())
        self.stdout.write(f"release {manifest['name']}: {counts}")
