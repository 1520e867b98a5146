"""Helpers for tests of data migrations: migrate a real database to a point, and rows made with
the models as they are there."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(target):
    """Migrate to ``target`` (app label, migration name); the apps as they are there."""
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    executor.loader.build_graph()
    return executor.loader.project_state([target]).apps


def old_source(apps, n: int, **fields):
    """A source row as a past migration state has it, with a distinct digest ``n``."""
    return apps.get_model("archive", "SourceDocument").objects.create(
        path=f"{n}.txt",
        sha256=f"{n:064d}",
        text_sha256=f"{n:064d}",
        encoding="utf-8",
        script="simplified",
        raw_text="…",
        text="…",
        parser_version="2",
        **fields,
    )
